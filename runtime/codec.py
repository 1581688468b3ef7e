"""AES-GCM encryption of every Temporal payload, so personal data never sits in plain text in Temporal.

The key id travels in the payload's metadata, so keys can rotate: old payloads name the key they need.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, Sequence

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

ENCODING = b"binary/encrypted"
NONCE_BYTES = 12


class EncryptionCodec(PayloadCodec):
    """Encrypts with the current key, decrypts with whichever known key a payload names."""

    def __init__(self, current_key_id: str, keys: Mapping[str, bytes]) -> None:
        self._current = current_key_id
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}

    @classmethod
    def from_base64(cls, key_id: str, key: str) -> EncryptionCodec:
        """A codec with one key, as the settings hold it."""
        return cls(key_id, {key_id: base64.b64decode(key)})

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Encrypt each payload whole, metadata included."""
        cipher = self._ciphers[self._current]
        encoded = []
        for payload in payloads:
            nonce = os.urandom(NONCE_BYTES)
            data = nonce + cipher.encrypt(nonce, payload.SerializeToString(), None)
            encoded.append(
                Payload(metadata={"encoding": ENCODING, "encryption-key-id": self._current.encode()}, data=data)
            )
        return encoded

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Decrypt what this codec encrypted; pass anything else through unchanged."""
        decoded = []
        for payload in payloads:
            if payload.metadata.get("encoding") != ENCODING:
                decoded.append(payload)
                continue
            key_id = payload.metadata["encryption-key-id"].decode()
            cipher = self._ciphers.get(key_id)
            if cipher is None:
                raise ValueError(f"unknown encryption key id {key_id!r}")
            nonce, sealed = payload.data[:NONCE_BYTES], payload.data[NONCE_BYTES:]
            decoded.append(Payload.FromString(cipher.decrypt(nonce, sealed, None)))
        return decoded
