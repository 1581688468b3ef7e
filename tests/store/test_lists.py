"""The werkvoorraad's filters, alone and together, pick the same trajecten on both DBs as reading them one by one
would; a filter's statement is built once and reused, so a second value must never see the first one's rows."""

from __future__ import annotations

import itertools
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from domain.phases import Phase
from store.db import SessionFactory
from store.models import Persoon, Traject
from store.queries import TrajectFilter, list_trajecten

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
PHASES = (Phase.AANMELDING, Phase.STABILISATIE, Phase.AFGESLOTEN)
CASEWORKERS = ("hv-a", "hv-b")


def _trajecten() -> list[dict[str, object]]:
    rows = []
    for i in range(24):
        due = date(2026, 11, 20) + timedelta(days=i % 6) if i % 4 else None
        rows.append(
            {
                "id": f"t-{i:02d}",
                "persoon_id": f"p-{i:02d}",
                "phase": PHASES[i % 3].value,
                "phase_since": NOW,
                "caseworker": CASEWORKERS[i % 2],
                "bron": "zelf",
                "kinderen": False,
                "meldingsdatum": date(2026, 11, 1),
                "crisis": "huisuitzetting" if i % 5 == 0 else None,
                "termijnen": [],
                "deadline_breached": i % 3 == 1,
                "next_deadline": due,
                "created_at": NOW + timedelta(minutes=i),
                "updated_at": NOW,
            }
            | {key: [] for key in ("breaches", "actielijst", "eerdere_trajecten", "maatregelen", "nazorg")}
            | {"gemiste_afspraken": []}
        )
    return rows


def _persoon(persoon_id: str, i: int) -> dict[str, object]:
    return {
        "id": persoon_id,
        "bsn": f"{i:09d}",
        "naam": "Cliënt",
        "straat": "Straat 1",
        "postcode": "3311 AA",
        "woonplaats": "Dordrecht",
    }


def _matches(row: dict[str, object], chosen: TrajectFilter) -> bool:
    due = row["next_deadline"]
    return (
        (chosen.fase is None or row["phase"] == chosen.fase)
        and (chosen.hulpverlener is None or row["caseworker"] == chosen.hulpverlener)
        and (chosen.termijn_overschreden is None or row["deadline_breached"] == chosen.termijn_overschreden)
        and (chosen.fasen is None or row["phase"] in chosen.fasen)
        and (chosen.crisis is None or (row["crisis"] is not None) == chosen.crisis)
        and (chosen.termijn_uiterlijk is None or (isinstance(due, date) and due <= chosen.termijn_uiterlijk))
    )


# Two values for each filter, so that every statement reused from the cache is run with a value of its own.
VALUES: dict[str, tuple[object, ...]] = {
    "fase": (Phase.AANMELDING.value, Phase.AFGESLOTEN.value),
    "hulpverlener": CASEWORKERS,
    "termijn_overschreden": (True, False),
    "fasen": ((Phase.AANMELDING.value, Phase.STABILISATIE.value), (Phase.AFGESLOTEN.value,)),
    "crisis": (True, False),
    "termijn_uiterlijk": (date(2026, 11, 22), date(2026, 11, 24)),
}


def _filters() -> list[TrajectFilter]:
    names = [f.name for f in fields(TrajectFilter)]
    assert set(names) == set(VALUES), "a new filter needs its values here"
    chosen = []
    for size in (0, 1, 2, len(names)):
        for combination in itertools.combinations(names, size):
            for which in (0, 1):
                chosen.append(TrajectFilter(**{name: VALUES[name][which] for name in combination}))  # type: ignore[arg-type]
    return chosen


@pytest.mark.parametrize("offset", [0, 3])
def test_every_filter_alone_and_together_picks_the_rows_it_names_in_deadline_order(
    store: SessionFactory, offset: int
) -> None:
    rows = _trajecten()
    with store() as session:
        session.execute(insert(Persoon), [_persoon(str(r["persoon_id"]), i) for i, r in enumerate(rows)])
        session.execute(insert(Traject), rows)
        session.commit()
        for chosen in _filters():
            expected = sorted(
                (r for r in rows if _matches(r, chosen)),
                key=lambda r: (r["next_deadline"] is None, r["next_deadline"] or date.min, r["created_at"], r["id"]),
            )
            total, page = list_trajecten(session, chosen, offset, 4)

            assert total == len(expected), chosen
            assert [t.id for t in page] == [r["id"] for r in expected[offset : offset + 4]], chosen
