"""All settings in one place, read from the environment (prefix SCHULDHULP_) or a .env file."""

from __future__ import annotations

import base64
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.policy import Policy

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
DEVELOPMENT_SECRET = "development-only-secret-change-me-0123456789"  # noqa: S105 (refused in production)
DEVELOPMENT_CODEC_KEY = base64.b64encode(b"development-only-codec-key-32byt").decode()


class Settings(BaseSettings):
    """Process settings; development defaults are refused in any other environment."""

    model_config = SettingsConfigDict(env_prefix="SCHULDHULP_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{VAR / 'dossier.db'}"
    temporal_address: str = "127.0.0.1:7233"
    # Where the worker serves the Temporal SDK's own metrics (task latency, schedule-to-start, failures) for
    # Prometheus, for example 0.0.0.0:9464; unset: none.
    worker_metrics_address: str | None = None
    temporal_namespace: str = "default"
    temporal_db: Path = VAR / "temporal.db"
    temporal_ui_port: int = 8233
    # Where staff open a workflow in Temporal's Web UI (its codec endpoint decrypts for authorised staff only).
    temporal_ui_url: str = "http://127.0.0.1:8233"
    # From this attempt on, an activity that keeps failing is listed in the console as technically stuck.
    storing_na_pogingen: int = 3
    task_queue: str = "trajecten"
    # How long a request waits for the engine before it answers 503 (not taken) or 202 (taken, finishing).
    engine_wait_seconds: float = 10.0
    token_secret: str = DEVELOPMENT_SECRET
    token_hours: int = 12
    codec_key_id: str = "dev-1"
    codec_key: str = DEVELOPMENT_CODEC_KEY
    outbox_dir: Path = VAR / "outbox"
    policy_file: Path | None = None
    codec_cors_origins: list[str] = ["http://127.0.0.1:8233", "http://localhost:8233"]
    gemeente_naam: str = "Gemeente Voorbeeldstad"
    gemeente_adres: str = "Stadhuisplein 1, 1234 AB Voorbeeldstad"
    gemeente_telefoon: str = "14 0000"
    # The gemeente's CBS code (four digits), as the national data delivery (DDAS) names it.
    gemeentecode: str = "9999"
    # Who answers CBS's questions about a delivery, and the code DDAS gives this software's supplier.
    ddas_contact_naam: str = "Team Schuldhulp"
    ddas_contact_email: str = "schuldhulp@voorbeeldstad.nl"
    ddas_leverancier: str = "SCHULDHULP-ENGINE"
    # The delivery's payload signature (JAdES, PS256): the signing key and its certificate chain as PEM files,
    # the signing certificate first. Without them the delivery goes unsigned (development).
    ddas_sleutel: Path | None = None
    ddas_certificaat: Path | None = None
    ddas_kid: str = "ddas-1"
    public_url: str = "http://127.0.0.1:8000"
    # The werkplek's NL Design System theme: a municipality's own tokens file and the class that applies it.
    ui_thema_css: Path | None = None
    ui_thema_class: str = "voorbeeld-theme"
    api_host: str = "127.0.0.1"
    api_port: int = 8000

    @model_validator(mode="after")
    def _refuse_development_secrets(self) -> Settings:
        if self.environment == "production" and (
            self.token_secret == DEVELOPMENT_SECRET or self.codec_key == DEVELOPMENT_CODEC_KEY
        ):
            raise ValueError("set SCHULDHULP_TOKEN_SECRET and SCHULDHULP_CODEC_KEY for production")
        if len(base64.b64decode(self.codec_key)) != 32:
            raise ValueError("SCHULDHULP_CODEC_KEY must be 32 bytes, base64-encoded (AES-256)")
        return self

    def policy(self) -> Policy:
        """The municipality's policy: the Wgs defaults, overridden by the policy file if one is set. The file
        is read once per version: an edited file counts for trajecten started after the edit."""
        if self.policy_file is None:
            return DEFAULT_POLICY
        return _read_policy(self.policy_file, self.policy_file.stat().st_mtime_ns)


DEFAULT_POLICY = Policy()


@lru_cache(maxsize=8)
def _read_policy(path: Path, version: int) -> Policy:
    return TypeAdapter(Policy).validate_json(path.read_bytes())


@cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
