"""The traject's nazorg after afronding, and the contact attempt after a missed appointment."""

from datetime import timedelta

from temporalio import workflow
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from domain import ids
    from domain.aanmelding import Bron
    from domain.kalender import add_months
    from domain.keys import key
    from domain.nazorg import (
        GemisteAfspraak,
        Nazorgcontact,
        NazorgStop,
        NazorgUitkomst,
        NazorgVerslag,
        contact_voor,
        verslag_problems,
    )
    from domain.phases import Phase, Step
    from domain.traject import Aanmelding, TrajectStart, TrajectState
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind

from workflows.clock import ENGINE, today, wait_until
from workflows.refusals import check_fields, invalid
from workflows.traject_dossier import TrajectDossier

NAZORG_PATCH = "nazorg-na-afronding"
# How long the last nazorg contact stays open for its record before nazorg closes by itself.
LAST_CONTACT_OPEN = timedelta(days=30)


class Nazorg:
    """Plans the nazorg contacts after afronding (policy months), writes the client and puts a task on the
    caseworker's timeline at each, and takes the caseworker's record of how it went. New arrears start a
    heraanmelding: a new traject linked to this one. The client may stop nazorg at any time. A missed
    appointment, in any phase, starts a contact attempt and never ends the traject."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._start = dossier.start
        self._policy = dossier.policy
        self._state = dossier.state
        self._lock = dossier.lock

    async def after_afronding(self) -> None:
        """Enter nazorg, with a contact planned at each policy month after afronding, and keep it. A traject
        settled before nazorg existed closed at afronding, and replays so."""
        async with self._lock:
            if self._dossier.closed():
                return
            if workflow.patched(NAZORG_PATCH):
                afgerond = self._state.afgerond_op or today(self._policy.timezone)
                self._state.phase = Phase.NAZORG
                self._state.nazorg = [Nazorgcontact(m, add_months(afgerond, m)) for m in self._policy.nazorg_maanden]
            else:
                self._state.closed_after = self._state.phase
                self._state.phase = Phase.AFGESLOTEN
            self._state.phase_since = workflow.now()
            await self._dossier.record("traject_afgerond", ENGINE)
        if self._state.phase is Phase.NAZORG:
            await self._nazorg()

    async def _nazorg(self) -> None:
        """Reach out at each planned moment until nazorg stops; close when the last contact is recorded
        (or has waited long enough)."""
        for contact in self._state.nazorg:
            if await wait_until(morning_of(contact.gepland_op, self._policy.timezone), self._dossier.closed):
                return
            async with self._lock:
                if self._dossier.closed():
                    return
                if contact.uitkomst is not None:
                    # The caseworker already spoke to the client for this moment.
                    continue
                await self._dossier.record("nazorg_contact", ENGINE, {"maand": contact.maand})
                await self._dossier.send_letter(
                    LetterKind.NAZORG_CONTACT,
                    key(self._state.traject_id, "nazorg", contact.maand),
                    extra={"maanden": contact.maand},
                )
        last = self._state.nazorg[-1] if self._state.nazorg else None
        if last is not None:
            deadline = morning_of(last.gepland_op, self._policy.timezone) + LAST_CONTACT_OPEN
            await wait_until(deadline, lambda: self._dossier.closed() or last.uitkomst is not None)
        async with self._lock:
            if not self._dossier.closed():
                await self._close_nazorg("nazorg_afgerond")

    async def nazorg_verslag(self, verslag: NazorgVerslag) -> TrajectState:
        """Record how a nazorg contact went. New arrears start a heraanmelding; a client who wants no more
        contact ends nazorg."""
        async with self._lock:
            self._dossier.check_step(Step.NAZORG_VERSLAG)
            contact = contact_voor(self._state.nazorg, verslag, today(self._policy.timezone))
            assert contact is not None  # the validator refuses a record without its contact
            contact.uitkomst = verslag.uitkomst
            contact.toelichting = verslag.toelichting
            contact.vastgelegd_op = today(self._policy.timezone)
            await self._dossier.enter(Step.NAZORG_VERSLAG, verslag.door)
            if verslag.uitkomst is NazorgUitkomst.NIEUWE_ACHTERSTANDEN:
                await self._heraanmelding()
            elif verslag.uitkomst is NazorgUitkomst.GEEN_CONTACT_GEWENST:
                self._state.nazorg_gestopt = True
                await self._close_nazorg("nazorg_gestopt")
            return self._state

    def check_nazorg_verslag(self, verslag: NazorgVerslag) -> None:
        self._dossier.check_step(Step.NAZORG_VERSLAG)
        check_fields(verslag_problems(self._state.nazorg, verslag, today(self._policy.timezone)))

    async def nazorg_stoppen(self, stop: NazorgStop) -> TrajectState:
        """The client stops nazorg: no more contact, and a short letter to confirm it."""
        async with self._lock:
            self._dossier.check_step(Step.NAZORG_STOPPEN)
            self._state.nazorg_gestopt = True
            await self._close_nazorg("nazorg_gestopt", stop.door or self._state.caseworker)
            await self._dossier.send_letter(LetterKind.NAZORG_GESTOPT)
            return self._state

    def check_nazorg_stoppen(self, stop: NazorgStop) -> None:
        self._dossier.check_step(Step.NAZORG_STOPPEN)

    async def _heraanmelding(self) -> None:
        """Start a new traject for the same person, linked to this one, and close this one."""
        new_id = str(workflow.uuid4())
        aanmelding = self._start.aanmelding
        start = TrajectStart(
            traject_id=new_id,
            caseworker=self._state.caseworker,
            aanmelding=Aanmelding(
                aanmelding.persoon,
                Bron.NAZORG,
                aanmelding.kinderen,
                today(self._policy.timezone),
                persoon_id=aanmelding.persoon_id,
            ),
            policy=self._policy,
            vorig_traject=self._state.traject_id,
        )
        await workflow.start_child_workflow(
            "TrajectWorkflow",
            start,
            id=ids.traject(new_id),
            parent_close_policy=ParentClosePolicy.ABANDON,
        )
        self._state.heraanmelding = new_id
        await self._close_nazorg("heraanmelding")

    async def _close_nazorg(self, kind: str, actor: str = ENGINE) -> None:
        self._state.closed_after = Phase.NAZORG
        self._state.phase = Phase.AFGESLOTEN
        self._state.phase_since = workflow.now()
        await self._dossier.record(kind, actor)

    async def afspraak_gemist(self, afspraak: GemisteAfspraak) -> TrajectState:
        """A missed appointment: a contact task for the caseworker and a letter inviting the client to
        call for a new one. The traject goes on as it was."""
        async with self._lock:
            self._state.gemiste_afspraken.append(afspraak.datum)
            door = afspraak.door or self._state.caseworker
            await self._dossier.record("afspraak_gemist", door, {"datum": afspraak.datum.isoformat()})
            await self._dossier.send_letter(
                LetterKind.AFSPRAAK_GEMIST,
                key(self._state.traject_id, "afspraak_gemist", afspraak.datum),
                extra={"afspraak_op": afspraak.datum.isoformat()},
            )
            return self._state

    def check_afspraak_gemist(self, afspraak: GemisteAfspraak) -> None:
        self._dossier.check_open()
        if afspraak.datum > today(self._policy.timezone):
            raise invalid([("datum", "ligt in de toekomst")])
        if afspraak.datum in self._state.gemiste_afspraken:
            raise invalid([("datum", "deze gemiste afspraak staat er al")])
