"""The remote codec for the Temporal Web UI: decrypts payloads for supervisors and administrators only.

Implements Temporal's remote codec protocol: POST {"payloads": [...]} to /codec/decode or /codec/encode.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from temporalio.api.common.v1 import Payload, Payloads

from api.audit import audited
from api.auth import Admin, Recht
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.codec import CodecBody, Decoded, Encoded, PayloadJson
from runtime.codec import EncryptionCodec

router = APIRouter(prefix="/codec", tags=["codec"], route_class=GuardedRoute)


def _payloads(body: CodecBody) -> Payloads:
    try:
        return ParseDict({"payloads": [p.model_dump(exclude_defaults=True) for p in body.payloads]}, Payloads())
    except ParseError as err:
        raise Problem(422, "ongeldige-gegevens", "Dit zijn geen Temporal-payloads.") from err


def _as_json(payloads: list[Payload]) -> list[PayloadJson]:
    # Protobuf's JSON form leaves out an empty list; the answer always names it.
    return [PayloadJson.model_validate(p) for p in MessageToDict(Payloads(payloads=payloads)).get("payloads", [])]


def _codec(request: Request) -> EncryptionCodec:
    codec: EncryptionCodec = request.app.state.codec
    return codec


@router.post(
    "/decode",
    response_model=Decoded,
    dependencies=[audited("payloads-ontsleutelen")],
    openapi_extra={"x-rechten": [Recht.ONTSLEUTELEN.value]},
)
async def decode(principal: Admin, body: CodecBody, request: Request) -> Decoded:
    """Decrypt payloads so an authorised user can read them in the Web UI. Besides the role, this needs the
    token's right `ontsleutelen` (`make token ROLE=beheerder RECHT=ontsleutelen`); every call is audited."""
    if Recht.ONTSLEUTELEN not in principal.rechten:
        raise Problem(403, "geen-toegang", "Ontsleutelen vraagt het recht 'ontsleutelen' in uw token.")
    try:
        decoded = await _codec(request).decode(_payloads(body).payloads)
    except (ValueError, KeyError) as err:
        raise Problem(
            422, "ongeldige-gegevens", "Deze payloads zijn niet met een bekende sleutel versleuteld."
        ) from err
    return Decoded(payloads=_as_json(decoded))


@router.post("/encode", response_model=Encoded)
async def encode(principal: Admin, body: CodecBody, request: Request) -> Encoded:
    """Encrypt payloads, for input typed into the Web UI (a signal, say)."""
    encoded = await _codec(request).encode(_payloads(body).payloads)
    return Encoded(payloads=_as_json(encoded))
