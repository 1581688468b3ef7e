"""Payload encryption: nothing readable in what Temporal stores, and keys can rotate."""

import os

from temporalio.api.common.v1 import Payload

from runtime.codec import EncryptionCodec

PLAIN = Payload(metadata={"encoding": b"json/plain"}, data=b'{"bsn": "111222333"}')


async def test_encrypted_payloads_hide_their_content() -> None:
    codec = EncryptionCodec("k1", {"k1": os.urandom(32)})
    [sealed] = await codec.encode([PLAIN])
    assert b"111222333" not in sealed.SerializeToString()
    assert await codec.decode([sealed]) == [PLAIN]


async def test_payloads_of_an_old_key_still_open_after_rotation() -> None:
    old, new = os.urandom(32), os.urandom(32)
    [sealed] = await EncryptionCodec("k1", {"k1": old}).encode([PLAIN])
    rotated = EncryptionCodec("k2", {"k1": old, "k2": new})
    [resealed] = await rotated.encode([PLAIN])
    assert await rotated.decode([sealed, resealed]) == [PLAIN, PLAIN]
    assert resealed.metadata["encryption-key-id"] == b"k2"
