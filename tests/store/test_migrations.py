"""Migrations carry the data already in a dossier (a traject's flattened clocks become its list of clocks) and
build exactly the schema the models describe."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from domain.traject import Clock
from store.db import make_engine, migrate, session_factory
from store.models import Traject
from store.queries import deadline_of


def test_the_clocks_of_an_existing_traject_survive_their_move_into_one_column(store_url: str) -> None:
    migrate(store_url, "0007")
    engine = make_engine(store_url)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO persoon (id, bsn, naam, straat, postcode, woonplaats)"
                " VALUES ('p', '111222333', 'T', 'S', 'P', 'W')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO traject (id, persoon_id, version, phase, phase_since, caseworker, bron, kinderen,"
                " meldingsdatum, first_conversation_due, first_conversation_on, beschikking_due, deadline_breached,"
                " breaches, klantprofiel, inkomenscheck, actielijst, eerdere_trajecten, maatregelen, nazorg,"
                " nazorg_gestopt, gemiste_afspraken, created_at, updated_at) VALUES ('t', 'p', 2, 'toelating', :now,"
                " 'hv', 'zelf', false, '2026-11-02', '2026-11-30', '2026-12-01', '2027-01-26', true,"
                " '[\"eerste_gesprek\"]', null, null, '[]', '[]', '[]', '[]', false, '[]', :now, :now)"
            ),
            {"now": now},
        )
    engine.dispose()
    migrate(store_url)
    engine = make_engine(store_url)
    with session_factory(engine)() as session:
        traject = session.get(Traject, "t")
        assert traject is not None
        eerste = deadline_of(traject, Clock.EERSTE_GESPREK)
        beschikking = deadline_of(traject, Clock.BESCHIKKING)
    engine.dispose()
    assert eerste is not None
    assert (eerste.uiterlijk, eerste.gehaald_op, eerste.overschreden) == (date(2026, 11, 30), date(2026, 12, 1), True)
    assert beschikking is not None
    assert (beschikking.uiterlijk, beschikking.gehaald_op, beschikking.overschreden) == (date(2027, 1, 26), None, False)


def test_the_migrations_build_the_schema_the_models_describe(store_url: str) -> None:
    migrate(store_url)
    engine = make_engine(store_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []
