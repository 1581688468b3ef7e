"""A session opened for staff of one gemeente sees only that gemeente's trajecten and their creditor requests,
in every kind of query, on SQLite and PostgreSQL alike; staff linked to no gemeente see all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlmodel import col, func, select

from domain.monitor import Periode
from domain.policy import TIMEZONE
from store.db import SessionFactory
from store.dossier import register
from store.models import Medewerker, Schuldeiser, Traject, Verzoek
from store.monitor import monitor_facts, period_figures
from store.queries import TrajectFilter, list_trajecten, trajecten_of_bsn
from store.werkgebied import ALLE_GEMEENTEN, limit_to, serves, werkgebied_of
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of

EIGEN = "0505"
ZWIJNDRECHT = "0642"


def _trajecten(store: SessionFactory) -> tuple[str, str, str]:
    """A traject of the installation's own gemeente, one of Zwijndrecht, and one from before gemeenten."""
    eigen = replace(make_start(date(2026, 10, 5)), traject_id="t-eigen")
    eigen = replace(eigen, aanmelding=replace(eigen.aanmelding, gemeentecode=EIGEN))
    ander = replace(make_start(date(2026, 10, 6), bsn="123456782"), traject_id="t-ander")
    ander = replace(ander, aanmelding=replace(ander.aanmelding, gemeentecode=ZWIJNDRECHT))
    oud = replace(make_start(date(2026, 1, 6), bsn="111222333"), traject_id="t-oud")
    with store() as session:
        for start in (eigen, ander, oud):
            register(session, start, state_of(start, deadlines=[]))
        session.add(Schuldeiser(id="se", naam="Woonbron", soort="verhuurder", kanaal="email", email="se@example.nl"))
        for traject_id in ("t-eigen", "t-ander"):
            session.add(
                Verzoek(
                    id=f"v-{traject_id}",
                    traject_id=traject_id,
                    schuldeiser_id="se",
                    status="open",
                    verstuurd_op=date(2026, 10, 8),
                )
            )
        for id_, gemeenten in (("tz-zw", [ZWIJNDRECHT]), ("tz-eigen", [EIGEN]), ("tz-regio", [])):
            session.add(Medewerker(id=id_, naam=id_, team="T", telefoon="1", rol="toezichthouder", gemeenten=gemeenten))
        session.commit()
    return "t-eigen", "t-ander", "t-oud"


def test_a_werkgebied_limits_every_query_to_its_gemeenten(store: SessionFactory) -> None:
    _trajecten(store)
    with store() as session:
        limit_to(session, werkgebied_of(session, "tz-zw", EIGEN))
        assert session.get(Traject, "t-eigen") is None
        assert session.get(Traject, "t-ander") is not None
        total, page = list_trajecten(session, TrajectFilter(), 0, 10)
        assert (total, [row.id for row in page]) == (1, ["t-ander"])
        assert session.exec(select(Traject.id)).all() == ["t-ander"]
        assert session.exec(select(func.count()).select_from(Traject)).one() == 1
        assert session.exec(select(Verzoek.id)).all() == ["v-t-ander"]
        assert [f.traject_id for f in monitor_facts(session, Periode(None, None), TIMEZONE)] == ["t-ander"]
        assert period_figures(session, Periode(None, None), date(2026, 11, 23), TIMEZONE).aanmeldingen == 1
        assert trajecten_of_bsn(session, "111222333") == []
        every = session.exec(select(Traject.id).order_by(col(Traject.id)).execution_options(**ALLE_GEMEENTEN)).all()
        assert every == ["t-ander", "t-eigen", "t-oud"]
        assert not serves(session, None, EIGEN)
        assert serves(session, ZWIJNDRECHT, EIGEN)


def test_the_own_gemeente_covers_the_trajecten_from_before_gemeenten(store: SessionFactory) -> None:
    _trajecten(store)
    with store() as session:
        limit_to(session, werkgebied_of(session, "tz-eigen", EIGEN))
        assert session.exec(select(Traject.id).order_by(col(Traject.id))).all() == ["t-eigen", "t-oud"]
        assert serves(session, None, EIGEN)
        assert not serves(session, ZWIJNDRECHT, EIGEN)


def test_staff_linked_to_no_gemeente_or_not_in_the_register_see_all(store: SessionFactory) -> None:
    _trajecten(store)
    for medewerker in ("tz-regio", "onbekend"):
        with store() as session:
            limit_to(session, werkgebied_of(session, medewerker, EIGEN))
            assert len(session.exec(select(Traject.id)).all()) == 3
