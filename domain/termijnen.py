"""Where each Wgs clock stands for supervisors: breached, due soon, running, met in time or met late, and the
counts per caseworker and the work per caseworker that the console shows. Pure: the dossier's clocks in,
figures out, so a figure over the same dossier always comes out the same."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from domain.traject import Deadline
from domain.wgs_deadlines import add_working_days, is_working_day, working_days_left


class Termijnstatus(StrEnum):
    """Where one clock stands on a given day."""

    OVERSCHREDEN = "overschreden"
    BINNENKORT = "binnenkort"
    LOOPT = "loopt"
    OP_TIJD = "op_tijd"
    TE_LAAT = "te_laat"


OPEN_STATUSES = (Termijnstatus.OVERSCHREDEN, Termijnstatus.BINNENKORT, Termijnstatus.LOOPT)


def attention_horizon(today: date, warn_working_days: int) -> date:
    """The last day a clock not yet met may end on and still be due soon today: one ending later is running.
    The console reads only trajecten whose next clock ends by then (or was breached), not the whole dossier."""
    return add_working_days(today, warn_working_days + 1) - timedelta(days=1)


def breached_before(today: date) -> date:
    """The last working day on or before today: a clock not yet met whose last day lies before it has passed by
    a working day, and is breached (`status_of`); one ending on it or later is not, whatever weekend follows."""
    day = today
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def status_of(deadline: Deadline, today: date, warn_working_days: int) -> Termijnstatus:
    """A clock met on or before its last day is in time; one the workflow saw pass, or that has passed by
    today, is breached; an open one with `warn_working_days` or fewer left is due soon."""
    if deadline.gehaald_op is not None:
        late = deadline.overschreden or deadline.gehaald_op > deadline.uiterlijk
        return Termijnstatus.TE_LAAT if late else Termijnstatus.OP_TIJD
    left = working_days_left(today, deadline.uiterlijk)
    if deadline.overschreden or left < 0:
        return Termijnstatus.OVERSCHREDEN
    return Termijnstatus.BINNENKORT if left <= warn_working_days else Termijnstatus.LOOPT


@dataclass(frozen=True)
class Dossierklokken:
    """One traject's clocks as the dossier holds them, with whose traject it is and its phase."""

    traject_id: str
    hulpverlener: str
    fase: str
    open: bool
    klokken: tuple[Deadline, ...]


@dataclass
class Termijntelling:
    """One caseworker's clocks by where they stand."""

    hulpverlener: str
    per_status: Counter[Termijnstatus] = field(default_factory=Counter)


def tellingen(trajecten: list[Dossierklokken], today: date, warn_working_days: int) -> list[Termijntelling]:
    """Per caseworker with a clock counted, every clock counted by its status; a closed traject's open clocks no
    longer run."""
    counts: dict[str, Termijntelling] = {}
    for traject in trajecten:
        for deadline in traject.klokken:
            status = status_of(deadline, today, warn_working_days)
            if traject.open or status not in OPEN_STATUSES:
                telling = counts.setdefault(traject.hulpverlener, Termijntelling(traject.hulpverlener))
                telling.per_status[status] += 1
    return [counts[name] for name in sorted(counts)]


@dataclass
class Werklast:
    """One caseworker's open trajecten by phase, and how many of them have a clock breached or due soon."""

    hulpverlener: str
    per_fase: Counter[str] = field(default_factory=Counter)
    overschreden: int = 0
    binnenkort: int = 0

    @property
    def open(self) -> int:
        """All open trajecten of this caseworker."""
        return sum(self.per_fase.values())


def werkverdeling(trajecten: list[Dossierklokken], today: date, warn_working_days: int) -> list[Werklast]:
    """Per caseworker, the open trajecten by phase, with those breached or due soon; the busiest first."""
    loads: dict[str, Werklast] = {}
    for traject in trajecten:
        if not traject.open:
            continue
        load = loads.setdefault(traject.hulpverlener, Werklast(traject.hulpverlener))
        load.per_fase[traject.fase] += 1
        statuses = {status_of(d, today, warn_working_days) for d in traject.klokken}
        load.overschreden += Termijnstatus.OVERSCHREDEN in statuses
        load.binnenkort += Termijnstatus.BINNENKORT in statuses and Termijnstatus.OVERSCHREDEN not in statuses
    return sorted(loads.values(), key=lambda load: (-load.open, load.hulpverlener))
