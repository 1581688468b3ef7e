"""Payloads as the Temporal Web UI sends them to the codec endpoint, and as it gets them back."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.audit import PERSONAL_DATA


class PayloadJson(BaseModel):
    """One Temporal payload in protobuf JSON form: metadata and data, each value base64."""

    metadata: dict[str, str] = Field(default_factory=dict)
    data: str = ""


class CodecBody(BaseModel):
    """Payloads in protobuf JSON form, as the Web UI sends them."""

    payloads: Annotated[list[PayloadJson], Field(max_length=1000)]


class Encoded(BaseModel):
    """Payloads encrypted with the current key."""

    payloads: list[PayloadJson]


class Decoded(Encoded):
    """Payloads decrypted: they may hold a client's name, BSN and address."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)
