"""The Web UI's codec endpoint decrypts only for supervisors and administrators who hold the right to, and
every decryption is audited."""

from __future__ import annotations

import httpx
from google.protobuf.json_format import MessageToDict
from sqlmodel import select
from temporalio.api.common.v1 import Payloads
from temporalio.contrib.pydantic import pydantic_data_converter

from api.auth import Recht, Role, issue_token
from runtime.codec import EncryptionCodec
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import AuditEntry
from tests.api.conftest import Headers, assert_problem


def decrypter(settings: Settings, role: Role) -> dict[str, str]:
    token = issue_token(settings, role, f"{role.value}-met-recht", (Recht.ONTSLEUTELEN,))
    return {"Authorization": f"Bearer {token}"}


async def encrypted(settings: Settings, value: object) -> list[dict]:
    codec = EncryptionCodec.from_base64(settings.codec_key_id, settings.codec_key)
    payloads = await codec.encode(pydantic_data_converter.payload_converter.to_payloads([value]))
    return MessageToDict(Payloads(payloads=payloads))["payloads"]


async def test_a_supervisor_reads_a_payload(api: httpx.AsyncClient, auth: Headers, settings: Settings) -> None:
    body = {"payloads": await encrypted(settings, {"naam": "Tanya de Vries"})}

    assert_problem(await api.post("/api/v1/codec/decode", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)
    response = await api.post("/api/v1/codec/decode", json=body, headers=decrypter(settings, Role.TOEZICHTHOUDER))

    assert response.status_code == 200
    assert "VGFueWEgZGUgVnJpZXM" in str(response.json())  # base64 of the name: decrypted, still protobuf JSON
    assert "VGFueWEgZGUgVnJpZXM" not in str(body)


async def test_encode_then_decode_round_trips(api: httpx.AsyncClient, auth: Headers, settings: Settings) -> None:
    plain = {"payloads": [{"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IngiCg=="}]}
    sealed = (await api.post("/api/v1/codec/encode", json=plain, headers=auth(Role.BEHEERDER))).json()
    opened = (await api.post("/api/v1/codec/decode", json=sealed, headers=decrypter(settings, Role.BEHEERDER))).json()
    assert sealed != plain
    assert opened == plain


async def test_codec_refuses_others_and_bad_bodies(api: httpx.AsyncClient, auth: Headers, settings: Settings) -> None:
    body = {"payloads": await encrypted(settings, "x")}
    assert_problem(await api.post("/api/v1/codec/decode", json=body), 401)
    assert_problem(await api.post("/api/v1/codec/decode", json=body, headers=auth(Role.HULPVERLENER)), 403)
    assert_problem(await api.post("/api/v1/codec/decode", json=body, headers=auth(Role.SCHULDEISER)), 403)
    bad = {"payloads": [{"metadata": 5}]}
    allowed = decrypter(settings, Role.TOEZICHTHOUDER)
    assert_problem(await api.post("/api/v1/codec/decode", json=bad, headers=allowed), 422)
    foreign = {"payloads": [{"metadata": {"encoding": "YmluYXJ5L2VuY3J5cHRlZA==", "encryption-key-id": "b2xk"}}]}
    assert_problem(await api.post("/api/v1/codec/decode", json=foreign, headers=allowed), 422)


async def test_every_decryption_is_audited(
    api: httpx.AsyncClient, settings: Settings, sessions: SessionFactory
) -> None:
    body = {"payloads": await encrypted(settings, "x")}
    assert (
        await api.post("/api/v1/codec/decode", json=body, headers=decrypter(settings, Role.BEHEERDER))
    ).status_code == 200
    with sessions() as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions == ["payloads-ontsleutelen"]
