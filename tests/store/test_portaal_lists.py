"""What a creditor's portal lists of what it answered before: its own only, the latest answered first, those
without an answer date (a withdrawn request) last, and never more than asked; on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

from store.db import SessionFactory
from store.dossier import register
from store.models import Deelname, Schuldeiser, Verzoek
from store.queries import answered_deelnames, answered_verzoeken
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of

# (id, creditor, status or reactie, answered on)
ROWS = [
    ("open", "se", "open", None),
    ("oktober", "se", "beantwoord", date(2026, 10, 10)),
    ("november", "se", "geen_medewerking", date(2026, 11, 12)),
    ("ingetrokken", "se", "ingetrokken", None),
    ("van-een-ander", "ander", "beantwoord", date(2026, 11, 20)),
]
REACTIES = {"open": "open", "beantwoord": "akkoord", "geen_medewerking": "afgewezen", "ingetrokken": "afgewezen"}


def _filled(store: SessionFactory) -> None:
    start = make_start(date(2026, 10, 5))
    with store() as session:
        register(session, start, state_of(start, deadlines=[]))
        for creditor in ("se", "ander"):
            session.add(Schuldeiser(id=creditor, naam=creditor, soort="verhuurder", kanaal="api"))
        session.flush()
        for id_, creditor, status, answered in ROWS:
            session.add(
                Verzoek(
                    id=id_,
                    traject_id=start.traject_id,
                    schuldeiser_id=creditor,
                    status=status,
                    verstuurd_op=date(2026, 10, 8),
                    beantwoord_op=answered,
                )
            )
            session.add(
                Deelname(
                    id=id_,
                    traject_id=start.traject_id,
                    schuldeiser_id=creditor,
                    vordering_cent=100_000,
                    preferent=False,
                    aandeel_cent=40_000,
                    reactie=REACTIES[status],
                    voorgesteld_op=date(2026, 10, 8),
                    beantwoord_op=answered,
                )
            )
        session.commit()


def test_a_creditor_sees_its_own_answers_the_latest_first_and_no_more_than_asked(store: SessionFactory) -> None:
    _filled(store)
    with store() as session:
        assert [v.id for v in answered_verzoeken(session, "se", 10)] == ["november", "oktober", "ingetrokken"]
        assert [v.id for v in answered_verzoeken(session, "se", 2)] == ["november", "oktober"]
        assert [d.id for d in answered_deelnames(session, "se", 10)] == ["november", "oktober", "ingetrokken"]
        assert [d.id for d in answered_deelnames(session, "se", 1)] == ["november"]
        assert [v.id for v in answered_verzoeken(session, "ander", 10)] == ["van-een-ander"]
