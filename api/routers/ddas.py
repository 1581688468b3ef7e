"""The national data delivery (DDAS, Data Delen Armoede en Schulden): CBS collects the gemeente's
schuldhulpverlening data per period through this route, as the koppelvlakspecificatie describes. Only the
`cbs` role calls it; every delivery is audited and logged with who asked, the period and the counts, never
a BSN."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from fastapi import APIRouter, Response

from api.audit import audited
from api.auth import Cbs
from api.deps import SessionDep, SettingsDep
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.ddas import GegevensAntwoord, GegevensRequest, Paginering, Uitwisselmodel
from api.signing import SIGNATURE_HEADER, digest, payload_signature
from domain.ddas import schuldhulptraject
from runtime.logs import logger
from runtime.settings import Settings
from store.ddas import count_in_period, facts_in_period

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


@router.post(
    "/ddas/schuldhulpverlening/gegevens",
    response_model=GegevensAntwoord,
    responses={
        200: {"headers": {"Digest": {"schema": {"type": "string"}}, SIGNATURE_HEADER: {"schema": {"type": "string"}}}}
    },
    dependencies=[audited("ddas-levering")],
)
def deliver_schuldhulpverlening(
    principal: Cbs, body: GegevensRequest, session: SessionDep, settings: SettingsDep
) -> Response:
    """Every traject that ran during the period (registered by its end, not ended before its start, nazorg
    included) with its full state, as the uitwisselspecificatie schuldhulpverlening v1.0 describes it: at most
    `pageSize` (25,000) per answer, in a stable order; `paginering` says how many pages there are. The body's
    SHA-256 is in `Digest`; with a signing key set, `nlgov-adr-payload-sig` signs the body (JAdES, PS256)."""
    if body.aanleverende_organisatie not in (None, settings.gemeente_naam):
        raise invalid([("aanleverende_organisatie", f"deze installatie levert voor {settings.gemeente_naam}")])
    timezone = settings.policy().timezone
    van, tot = body.aanleverperiodeStartdatum, body.aanleverperiodeEinddatum
    total = count_in_period(session, van, tot, timezone)
    pages = max(1, math.ceil(total / body.pageSize))
    if body.page > pages:
        raise invalid([("page", f"er {'is' if pages == 1 else 'zijn'} {pages} pagina('s)")])
    offset = (body.page - 1) * body.pageSize
    facts = facts_in_period(session, van, tot, timezone, settings.gemeentecode, offset, body.pageSize)
    trajecten = [schuldhulptraject(f) for f in facts]
    levering = {
        "teller": body.page,
        "aanleverende_organisatie": _organisatie(settings),
        "schuldhulptrajecten": trajecten,
    }
    gegevens = {
        "startdatumLevering": van.isoformat(),
        "einddatumLevering": tot.isoformat(),
        "aanleverdatumEnTijd": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "codeGegevensleverancier": settings.ddas_leverancier,
        "leveringen": [levering],
    }
    log.info(
        "ddas-levering",
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
    # The signature covers the exact bytes sent, so the body is serialised here, once.
    content = answer.model_dump_json(by_alias=True, exclude_none=True).encode()
    headers = {"Digest": digest(content)}
    if settings.ddas_sleutel is not None and settings.ddas_certificaat is not None:
        headers[SIGNATURE_HEADER] = payload_signature(
            content, settings.ddas_sleutel, settings.ddas_certificaat, settings.ddas_kid
        )
    return Response(content, media_type="application/json", headers=headers)
