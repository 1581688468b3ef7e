"""Payload signing for the national data delivery (DDAS), after the NL API Design Rules' JAdES module: the
exact bytes of the body are signed with PS256 as a JWS with a detached payload, the certificate chain travels
in `x5c`, and a `Digest` header carries the body's SHA-256. Key and chain come from settings (PEM files)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

SIGNATURE_HEADER = "nlgov-adr-payload-sig"


def digest(body: bytes) -> str:
    """The `Digest` header of a body (RFC 3230, SHA-256)."""
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def payload_signature(body: bytes, key_file: Path, chain_file: Path, kid: str) -> str:
    """The compact JWS over `body` with the payload left out (`header..signature`), signed with the key in
    `key_file`; `chain_file` holds the signing certificate first, then its chain."""
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    chain = x509.load_pem_x509_certificates(chain_file.read_bytes())
    der = [certificate.public_bytes(serialization.Encoding.DER) for certificate in chain]
    headers = {
        "typ": "JOSE",
        "kid": kid,
        "x5c": [base64.b64encode(cert).decode() for cert in der],
        "x5t#S256": base64.urlsafe_b64encode(hashlib.sha256(der[0]).digest()).decode().rstrip("="),
    }
    return jwt.api_jws.encode(body, key, algorithm="PS256", headers=headers, is_payload_detached=True)
