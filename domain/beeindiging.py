"""How a traject ended, recorded as what it is: settled (and how), Wsnp, stabilised without a settlement,
referred elsewhere, advice only, moved, deceased, refused, or uitval with its reason. The caseworker records
the endings that are no settlement and no uitval (`Afsluiting`); every other ending follows from what the
traject recorded, so one function names each traject's ending for the werkplek, the figures and DDAS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.doorverwijzing import DoorverwijzingSoort


class Einde(StrEnum):
    """Every way a traject can end; the monitor and the national delivery count these."""

    MINNELIJKE_REGELING = "minnelijke_regeling"
    SANERINGSKREDIET = "saneringskrediet"
    DWANGAKKOORD = "dwangakkoord"
    WSNP = "wsnp"
    STABIEL = "stabiel"
    DOORVERWEZEN = "doorverwezen"
    ALLEEN_ADVIES = "alleen_advies"
    VERHUISD = "verhuisd"
    OVERLEDEN = "overleden"
    AFGEWEZEN = "afgewezen"
    UITVAL = "uitval"


class Afsluitreden(StrEnum):
    """The endings a caseworker records herself: neither a settlement nor uitval."""

    STABIEL = "stabiel"
    DOORVERWEZEN = "doorverwezen"
    ALLEEN_ADVIES = "alleen_advies"
    VERHUISD = "verhuisd"
    OVERLEDEN = "overleden"


EINDE_LABELS: dict[Einde, str] = {
    Einde.MINNELIJKE_REGELING: "Minnelijke regeling afgerond",
    Einde.SANERINGSKREDIET: "Saneringskrediet afgerond",
    Einde.DWANGAKKOORD: "Dwangakkoord afgerond",
    Einde.WSNP: "Wsnp afgerond",
    Einde.STABIEL: "Stabiel zonder regeling",
    Einde.DOORVERWEZEN: "Doorverwezen",
    Einde.ALLEEN_ADVIES: "Alleen advies",
    Einde.VERHUISD: "Verhuisd naar een andere gemeente",
    Einde.OVERLEDEN: "Overleden",
    Einde.AFGEWEZEN: "Afgewezen",
    Einde.UITVAL: "Uitval",
}

# A settlement must be running for these to make sense; a running one stops first.
_TIJDENS_REGELING = frozenset({Afsluitreden.VERHUISD, Afsluitreden.OVERLEDEN})


@dataclass(frozen=True)
class Afsluiting:
    """The caseworker ends the traject: why, on which day the decision was taken, and for a referral or a
    move where the client goes now."""

    reden: Afsluitreden
    besluit_op: date
    toelichting: str = ""
    naar: str = ""
    verwijzing: DoorverwijzingSoort | None = None
    door: str = ""

    @property
    def beschikking(self) -> bool:
        """Ending help is a decision open to objection (Wgs art. 4, Awb); nobody can object for a client
        who died, so that ending is recorded without one and without a letter."""
        return self.reden is not Afsluitreden.OVERLEDEN


def afsluiting_problems(
    afsluiting: Afsluiting, today: date, meldingsdatum: date, regeling_loopt: bool
) -> list[tuple[str, str]]:
    """Why this ending cannot be recorded: a decision day ahead or before the aanmelding, a referral or
    move without where to (and a referral without its kind), or an ending that needs no settlement while
    one runs."""
    problems = []
    if afsluiting.besluit_op > today:
        problems.append(("besluit_op", "ligt in de toekomst"))
    if afsluiting.besluit_op < meldingsdatum:
        problems.append(("besluit_op", "ligt voor de aanmelding"))
    waarheen = {Afsluitreden.DOORVERWEZEN: "naar wie", Afsluitreden.VERHUISD: "naar welke gemeente"}
    if afsluiting.reden in waarheen and not afsluiting.naar.strip():
        problems.append(("naar", f"zeg {waarheen[afsluiting.reden]}"))
    if afsluiting.reden is Afsluitreden.DOORVERWEZEN and afsluiting.verwijzing is None:
        problems.append(("verwijzing", "zeg naar wat voor hulp"))
    if regeling_loopt and afsluiting.reden not in _TIJDENS_REGELING:
        problems.append(("reden", "er loopt een regeling; stop die met uitval, of kies verhuisd of overleden"))
    return problems


@dataclass(frozen=True)
class Afloop:
    """What a closed traject recorded that says how it ended."""

    afsluitreden: str | None = None
    uitval: bool = False
    afgewezen: bool = False
    afgerond: bool = False
    regeling_soort: str | None = None
    wsnp: bool = False
    dwangakkoord: bool = False


def einde(afloop: Afloop) -> Einde | None:
    """The traject's ending, or None while it is open. A settlement that was completed is named by how it
    was reached: the Wsnp, a dwangakkoord, or agreement (minnelijk or with a saneringskrediet)."""
    if afloop.afsluitreden is not None:
        return Einde(afloop.afsluitreden)
    if afloop.uitval:
        return Einde.UITVAL
    if afloop.afgerond:
        if afloop.wsnp:
            return Einde.WSNP
        if afloop.dwangakkoord:
            return Einde.DWANGAKKOORD
        if afloop.regeling_soort == "saneringskrediet":
            return Einde.SANERINGSKREDIET
        return Einde.MINNELIJKE_REGELING
    if afloop.afgewezen:
        return Einde.AFGEWEZEN
    return None
