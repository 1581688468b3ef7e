"""A partner's file stored a part at a time, in one transaction, on SQLite and PostgreSQL: it lands as the
same signals taken in one by one would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlmodel import col, func, select

from domain.signalering import SignaalIn, SignaalSoort, dedupe_key
from store.db import SessionFactory
from store.models import Signaal, Signalering
from store.signalen import Binnenkomst, take_in, take_in_many

SECRET = "test-secret"
DAY = date(2026, 11, 2)
FIRST = SignaalIn(
    soort=SignaalSoort.ZORGVERZEKERING,
    bsn="111222333",
    naam="Tanya de Vries",
    straat="Kerkstraat 1",
    postcode="3311 AA",
    woonplaats="Dordrecht",
    achterstand_cent=45_000,
    achterstand_maanden=3,
    datum=DAY,
    partner_kenmerk="ZK-1",
)


def binnen(signaal: SignaalIn) -> Binnenkomst:
    return Binnenkomst(signaal, "0505", 30)


def test_a_part_joins_a_household_and_stores_a_repeat_once(store: SessionFactory) -> None:
    same_household = replace(FIRST, soort=SignaalSoort.ENERGIE, partner_kenmerk="ZK-2")
    elsewhere = replace(FIRST, bsn="123456782", straat="Dorpsweg 2", partner_kenmerk="ZK-3")
    with store() as session:
        intakes = take_in_many(
            session, SECRET, "zk", [binnen(s) for s in (FIRST, same_household, FIRST, elsewhere)], DAY
        )
    first, joined, repeat, other = intakes
    assert (first.new_case, joined.new_case, joined.case_id) == (True, False, first.case_id)
    assert (repeat.duplicate, repeat.signaal_id) == (True, first.signaal_id)
    assert other.new_case
    assert other.case_id != first.case_id
    with store() as session:
        assert session.exec(select(func.count(col(Signaal.id)))).one() == 3
        assert session.exec(select(func.count(col(Signalering.id)))).one() == 2
        assert {row.gemeentecode for row in session.exec(select(Signalering))} == {"0505"}


def test_a_part_after_a_line_stored_elsewhere_still_stores_the_rest(store: SessionFactory) -> None:
    # A row under FIRST's key without a case: storing FIRST again collides with it in the part's transaction,
    # as when another request stores the same signal at the same moment.
    with store() as session:
        session.add(
            Signaal(
                id="elders",
                partner_id="zk",
                soort=FIRST.soort.value,
                ontvangen_op=DAY,
                datum=DAY,
                achterstand_cent=1,
                achterstand_maanden=1,
                dedupe_key=dedupe_key(SECRET, "zk", FIRST),
                partner_kenmerk="ZK-1",
            )
        )
        session.commit()
    second = replace(FIRST, bsn="123456782", straat="Dorpsweg 2", partner_kenmerk="ZK-2")
    with store() as session:
        collided, stored = take_in_many(session, SECRET, "zk", [binnen(FIRST), binnen(second)], DAY)
    assert (collided.duplicate, collided.signaal_id) == (True, "elders")
    assert (stored.duplicate, stored.new_case) == (False, True)
    with store() as session:
        assert session.exec(select(func.count(col(Signaal.id)))).one() == 2


def test_a_part_lands_as_its_signals_one_by_one_would(store: SessionFactory) -> None:
    signalen = [replace(FIRST, partner_kenmerk=f"ZK-{n}", straat=f"Kerkstraat {n % 3}") for n in range(9)]
    with store() as session:
        together = take_in_many(session, SECRET, "zk", [binnen(s) for s in signalen], DAY)
    # The same file sent by another partner, about households at other addresses: stored line by line.
    with store() as session:
        alone = [take_in(session, SECRET, "ander", replace(s, postcode="3312 BB"), DAY, 30, "0505") for s in signalen]
    assert [(i.new_case, i.duplicate) for i in together] == [(i.new_case, i.duplicate) for i in alone]
    assert [n for n, i in enumerate(together) if i.new_case] == [0, 1, 2]
    assert len({i.case_id for i in together}) == 3
