"""The remote codec for the Temporal Web UI: decrypts payloads for supervisors and administrators only.

Implements Temporal's remote codec protocol: POST {"payloads": [...]} to /codec/decode or /codec/encode.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from pydantic import BaseModel, ConfigDict, Field
from temporalio.api.common.v1 import Payload, Payloads

from api.audit import PERSONAL_DATA, audited
from api.auth import Admin, Recht
from api.gate import GuardedRoute
from api.problems import Problem
from runtime.codec import EncryptionCodec

router = APIRouter(prefix="/codec", tags=["codec"], route_class=GuardedRoute)


class CodecBody(BaseModel):
    """Payloads in protobuf JSON form, as the Web UI sends them."""

    payloads: Annotated[list[dict[str, Any]], Field(max_length=1000)]


class Decoded(BaseModel):
    """Payloads decrypted: they may hold a client's name, BSN and address."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    payloads: list[dict[str, Any]]


def _payloads(body: CodecBody) -> Payloads:
    try:
        return ParseDict({"payloads": body.payloads}, Payloads())
    except ParseError as err:
        raise Problem(422, "ongeldige-gegevens", "Dit zijn geen Temporal-payloads.") from err


def _as_json(payloads: list[Payload]) -> dict[str, Any]:
    # Protobuf's JSON form leaves out an empty list; the answer always names it.
    return {"payloads": MessageToDict(Payloads(payloads=payloads)).get("payloads", [])}


def _codec(request: Request) -> EncryptionCodec:
    codec: EncryptionCodec = request.app.state.codec
    return codec


@router.post(
    "/decode",
    response_model=Decoded,
    dependencies=[audited("payloads-ontsleutelen")],
    openapi_extra={"x-rechten": [Recht.ONTSLEUTELEN.value]},
)
async def decode(principal: Admin, body: CodecBody, request: Request) -> dict[str, Any]:
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
    return _as_json(decoded)


@router.post("/encode")
async def encode(principal: Admin, body: CodecBody, request: Request) -> dict[str, Any]:
    """Encrypt payloads, for input typed into the Web UI (a signal, say)."""
    encoded = await _codec(request).encode(_payloads(body).payloads)
    return _as_json(encoded)
