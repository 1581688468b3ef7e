"""What the werkvoorraad shows: a caseworker's own trajecten under the filters in the URL, on whom each waits,
and what asks for her today. Read through the API's own read functions and store queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from sqlmodel import Session

from api.auth import Principal
from api.views import summary, waits_on
from domain.phases import PHASE_LABELS, Phase, phases_waiting_on
from domain.regeling_status import RegelingStatus
from domain.traject import reference
from domain.wgs_deadlines import add_working_days
from runtime.clock import day_of, today
from store.queries import (
    TrajectFilter,
    client_names,
    closed_with_referral,
    escalated_requests,
    home_visits_asked,
    list_trajecten,
    open_trajecten,
    settlements_of,
    signals_of,
)
from ui.labels import label


@dataclass(frozen=True)
class Filters:
    """The werkvoorraad's filters, as they stand in the URL so a view can be shared and bookmarked."""

    fase: Phase | None = None
    termijn: str | None = None
    wacht_op: str | None = None
    crisis: bool | None = None

    def query(self) -> str:
        """The filters as a query string."""
        pairs = {
            "fase": self.fase.value if self.fase else None,
            "termijn": self.termijn,
            "wacht_op": self.wacht_op,
            "crisis": "ja" if self.crisis else None,
        }
        return urlencode({key: value for key, value in pairs.items() if value})

    def for_store(self, caseworker: str, day: date, warn: int) -> TrajectFilter:
        """The store's filter for these choices."""
        return TrajectFilter(
            fase=self.fase.value if self.fase else None,
            hulpverlener=caseworker,
            termijn_overschreden=True if self.termijn == "overschreden" else None,
            fasen=tuple(p.value for p in phases_waiting_on(self.wacht_op)) if self.wacht_op else None,
            crisis=self.crisis,
            termijn_uiterlijk=add_working_days(day, warn) if self.termijn == "binnenkort" else None,
        )


def filters(
    fase: Annotated[str, Query(pattern=f"^({'|'.join(Phase)})?$")] = "",
    termijn: Annotated[str, Query(pattern="^(overschreden|binnenkort)?$")] = "",
    wacht_op: Annotated[str, Query(pattern="^(hulpverlener|client|schuldeisers)?$")] = "",
    crisis: Annotated[str, Query(pattern="^(ja)?$")] = "",
) -> Filters:
    """The filters from the URL; a filter left empty in the form is no filter."""
    return Filters(Phase(fase) if fase else None, termijn or None, wacht_op or None, crisis == "ja" or None)


FiltersDep = Annotated[Filters, Depends(filters)]


def rows(session: Session, principal: Principal, chosen: Filters, warn: int) -> dict[str, Any]:
    """The caseworker's trajecten under `chosen`, the nearest deadline first, each with its client and on whom
    it waits."""
    day = today()
    total, trajecten = list_trajecten(session, chosen.for_store(principal.sub, day, warn), 0, 200)
    settlements = {r.traject_id: r for r in settlements_of(session, [t.id for t in trajecten])}
    names = client_names(session, trajecten)
    shown = [
        {
            "traject": summary(t),
            "client": names[t.id],
            "fase": PHASE_LABELS[Phase(t.phase)],
            "wacht_op": waits_on(t, settlements.get(t.id)),
        }
        for t in trajecten
    ]
    return {"rijen": shown, "totaal": total, "vandaag": day, "filters": chosen}


def warn_days(request: Request) -> int:
    """The working days left at which a legal clock is due soon, by the policy in force."""
    warn: int = request.app.state.settings.policy().termijn_waarschuwing_werkdagen
    return warn


def vandaag_taken(session: Session, principal: Principal) -> list[dict[str, Any]]:
    """What asks for the caseworker now, the oldest first."""
    day = today()
    own = open_trajecten(session, principal.sub) + closed_with_referral(session, principal.sub)
    kenmerken = {t.id: reference(t.id) for t in own}
    items: list[dict[str, Any]] = []
    for traject in own:
        kenmerk = kenmerken[traject.id]
        if traject.afspraak_op and day_of(traject.afspraak_op) == day:
            items.append({"soort": "Afspraak vandaag", "traject": traject.id, "kenmerk": kenmerk, "op": day})
        items += [
            {"soort": "Gemiste afspraak", "traject": traject.id, "kenmerk": kenmerk, "op": date.fromisoformat(d)}
            for d in traject.gemiste_afspraken
            if date.fromisoformat(d) >= day - timedelta(days=14)
        ]
        items += [
            {"soort": f"Nagaan: aangekomen bij {d['naar']}?", "traject": traject.id, "kenmerk": kenmerk, "op": due}
            for d in traject.doorverwijzingen
            if d.get("aangekomen") is None and (due := date.fromisoformat(d["nagaan_op"])) <= day
        ]
        items += [
            {
                "soort": f"Taak van {n['door']}: {n['tekst']}",
                "traject": traject.id,
                "kenmerk": kenmerk,
                "op": day_of(datetime.fromisoformat(n["op"])),
            }
            for n in traject.notities
            if n.get("taak") and not n.get("afgehandeld")
        ]
        items += [
            {"soort": "Nazorgcontact", "traject": traject.id, "kenmerk": kenmerk, "op": planned}
            for c in traject.nazorg
            if c.get("uitkomst") is None and (planned := date.fromisoformat(c["gepland_op"])) <= day
        ]
    ids = list(kenmerken)
    items += [
        {
            "soort": f"Geëscaleerd verzoek: {schuldeiser.naam}",
            "traject": verzoek.traject_id,
            "kenmerk": kenmerken[verzoek.traject_id],
            "op": verzoek.geescaleerd_op,
        }
        for verzoek, schuldeiser in escalated_requests(session, ids)
    ]
    items += [
        {
            "soort": f"Betaling gemist (maand {regeling.gemist[-1]})",
            "traject": regeling.traject_id,
            "kenmerk": kenmerken[regeling.traject_id],
            "op": regeling.updated_at.date(),
        }
        for regeling in settlements_of(session, ids)
        if regeling.gemist and regeling.status == RegelingStatus.LOOPT.value
    ]
    items += [
        {
            "soort": f"Signaal over uw cliënt: achterstand {label('signaal', signaal.soort).lower()}",
            "traject": signaal.traject_id,
            "kenmerk": kenmerken[signaal.traject_id],
            "op": signaal.ontvangen_op,
        }
        for signaal in signals_of(session, ids)
        if signaal.traject_id is not None and signaal.ontvangen_op >= day - timedelta(days=14)
    ]
    items += [
        {"soort": "Huisbezoek", "traject": None, "kenmerk": case.id, "op": case.huisbezoek_gevraagd_op}
        for case in home_visits_asked(session)
    ]
    return sorted(items, key=lambda item: item["op"])
