"""The national data delivery (DDAS, Data Delen Armoede en Schulden): CBS collects the gemeente's
schuldhulpverlening and vroegsignalering data per period through these routes, as the koppelvlakspecificatie
describes. Only the `cbs` role calls them; every delivery is audited and logged with who asked, the period and
the counts, never a BSN."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel

from api.audit import audited
from api.auth import Cbs
from api.deps import SessionDep, SettingsDep
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.ddas import (
    GegevensAntwoord,
    GegevensAntwoordVS,
    GegevensRequest,
    Paginering,
    Uitwisselmodel,
    UitwisselmodelVS,
)
from api.signing import SIGNATURE_HEADER, digest, payload_signature
from domain.ddas import schuldhulptraject
from domain.ddas_vroegsignalering import Signaalfeiten, Zaakfeiten, bekende_zaak, vroegsignaal, vroegsignaalzaak
from runtime.logs import logger
from runtime.settings import Settings
from store.ddas import count_in_period, facts_in_period, vroegsignalering_in_period, vroegsignalering_page

router = APIRouter(tags=["ddas"], route_class=GuardedRoute)
log = logger(__name__)


def _organisatie(settings: Settings) -> dict[str, object]:
    """The delivering organisation and whom CBS can ask about it."""
    postcode = settings.gemeente_adres.split(",")[-1].strip()[:7].replace(" ", "")
    return {
        "(Statutaire) Naam": settings.gemeente_naam,
        "gemeentecode": settings.gemeentecode,
        "postcode": postcode,
        "contactpersonen": [
            {
                "naam": settings.ddas_contact_naam,
                "email": settings.ddas_contact_email,
                "telefoonnummer": settings.gemeente_telefoon,
                "functietitel": "Contactpersoon schuldhulpverlening",
            }
        ],
    }


def _check_organisation(body: GegevensRequest, settings: Settings) -> None:
    if body.aanleverende_organisatie not in (None, settings.gemeente_naam):
        raise invalid([("aanleverende_organisatie", f"deze installatie levert voor {settings.gemeente_naam}")])


def _kop(van: date, tot: date, settings: Settings) -> dict[str, object]:
    """What every delivery starts with: its period, the moment it was made, and the supplier's code."""
    return {
        "startdatumLevering": van.isoformat(),
        "einddatumLevering": tot.isoformat(),
        "aanleverdatumEnTijd": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "codeGegevensleverancier": settings.ddas_leverancier,
    }


SIGNED: dict[int | str, dict[str, object]] = {
    200: {"headers": {"Digest": {"schema": {"type": "string"}}, SIGNATURE_HEADER: {"schema": {"type": "string"}}}}
}


@router.post(
    "/ddas/schuldhulpverlening/gegevens",
    response_model=GegevensAntwoord,
    responses=SIGNED,
    dependencies=[audited("ddas-levering")],
)
def deliver_schuldhulpverlening(
    principal: Cbs, body: GegevensRequest, session: SessionDep, settings: SettingsDep
) -> Response:
    """Every traject that ran during the period (registered by its end, not ended before its start, nazorg
    included) with its full state, as the uitwisselspecificatie schuldhulpverlening v1.0 describes it: at most
    `pageSize` (25,000) per answer, in a stable order; `paginering` says how many pages there are. The body's
    SHA-256 is in `Digest`; with a signing key set, `nlgov-adr-payload-sig` signs the body (JAdES, PS256)."""
    _check_organisation(body, settings)
    timezone = settings.policy().timezone
    van, tot = body.aanleverperiodeStartdatum, body.aanleverperiodeEinddatum
    total = count_in_period(session, van, tot, timezone)
    pages = _page(body, total)
    offset = (body.page - 1) * body.pageSize
    facts = facts_in_period(session, van, tot, timezone, settings.gemeentecode, offset, body.pageSize)
    trajecten = [schuldhulptraject(f) for f in facts]
    levering = {
        "teller": body.page,
        "aanleverende_organisatie": _organisatie(settings),
        "schuldhulptrajecten": trajecten,
    }
    gegevens = _kop(van, tot, settings) | {"leveringen": [levering]}
    log.info(
        "ddas-levering",
        soort="schuldhulpverlening",
        door=principal.sub,
        van=van.isoformat(),
        tot=tot.isoformat(),
        pagina=body.page,
        trajecten=len(trajecten),
        totaal=total,
    )
    paginering = Paginering(pageSize=body.pageSize, currentPage=body.page, totalPages=pages, totalRecords=total)
    answer = GegevensAntwoord(
        gegevens=Uitwisselmodel.model_validate(gegevens), paginering=paginering if pages > 1 else None
    )
    return _signed(answer, settings)


def _signed(answer: BaseModel, settings: Settings) -> Response:
    """The answer with its `Digest`, and its payload signature when a signing key is set. The signature covers
    the exact bytes sent, so the body is serialised here, once."""
    content = answer.model_dump_json(by_alias=True, exclude_none=True).encode()
    headers = {"Digest": digest(content)}
    if settings.ddas_sleutel is not None and settings.ddas_certificaat is not None:
        headers[SIGNATURE_HEADER] = payload_signature(
            content, settings.ddas_sleutel, settings.ddas_certificaat, settings.ddas_kid
        )
    return Response(content, media_type="application/json", headers=headers)


def _page(body: GegevensRequest, total: int) -> int:
    """How many pages the delivery has; a page beyond the last is refused."""
    pages = max(1, math.ceil(total / body.pageSize))
    if body.page > pages:
        raise invalid([("page", f"er {'is' if pages == 1 else 'zijn'} {pages} pagina('s)")])
    return pages


@router.post(
    "/ddas/vroegsignalering/gegevens",
    response_model=GegevensAntwoordVS,
    responses=SIGNED,
    dependencies=[audited("ddas-levering")],
)
def deliver_vroegsignalering(
    principal: Cbs, body: GegevensRequest, session: SessionDep, settings: SettingsDep
) -> Response:
    """Every vroegsignalering case that ran during the period, with its matching period, contact attempts and end
    result, and every signal in it, as the uitwisselspecificatie vroegsignalering v0.9 describes; a signal about
    someone already in a traject opened no case and is delivered as a case of its own, "al bekend". A signal
    whose personal data the retention term deleted is delivered with an empty `client`. Paged over the cases,
    signed as the schuldhulpverlening delivery."""
    _check_organisation(body, settings)
    van, tot = body.aanleverperiodeStartdatum, body.aanleverperiodeEinddatum
    items = vroegsignalering_in_period(session, van, tot)
    pages = _page(body, len(items))
    offset = (body.page - 1) * body.pageSize
    zaken, signalen, bekend = vroegsignalering_page(session, items[offset : offset + body.pageSize])
    dagen = settings.policy().signaal_venster_dagen
    opgepakt = {signaal_id for z in zaken if z.pogingen or z.uitkomst_op for signaal_id in z.signaal_ids}

    def gemeente(fact: Zaakfeiten | Signaalfeiten) -> str:
        # Recorded before gemeenten were told apart: the installation's own.
        return fact.gemeentecode or settings.gemeentecode

    # A levering names one gemeente: a regional service delivers one per gemeente, its own first.
    codes = sorted(
        {gemeente(fact) for fact in [*zaken, *bekend]}, key=lambda code: (code != settings.gemeentecode, code)
    ) or [settings.gemeentecode]
    leveringen = [
        {
            "teller": body.page,
            "gemeentecode": code,
            "aanleverende_organisatie": {
                "naam": settings.gemeente_naam,
                "contactpersoonen": _organisatie(settings)["contactpersonen"],
            },
            "vroegsignalen": [
                vroegsignaal(s, s.signaal_id in opgepakt or s.bij_traject)
                for s in [*signalen, *bekend]
                if gemeente(s) == code
            ],
            "vroegsignaalzaken": [vroegsignaalzaak(z, dagen) for z in zaken if gemeente(z) == code]
            + [bekende_zaak(s, dagen) for s in bekend if gemeente(s) == code],
        }
        for code in codes
    ]
    log.info(
        "ddas-levering",
        soort="vroegsignalering",
        door=principal.sub,
        van=van.isoformat(),
        tot=tot.isoformat(),
        pagina=body.page,
        zaken=len(zaken) + len(bekend),
        signalen=len(signalen) + len(bekend),
        totaal=len(items),
    )
    gegevens = _kop(van, tot, settings) | {"leveringen": leveringen}
    paginering = Paginering(pageSize=body.pageSize, currentPage=body.page, totalPages=pages, totalRecords=len(items))
    answer = GegevensAntwoordVS(
        gegevens=UitwisselmodelVS.model_validate(gegevens), paginering=paginering if pages > 1 else None
    )
    return _signed(answer, settings)
