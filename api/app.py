"""The FastAPI application: routers under /api/v1, problem+json errors, the API-Version header, and the
werkplek's pages (ui/) on the same app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from temporalio.client import Client

from api import engine, openapi, problems
from api.gate import Gate
from api.metrics import RequestMetrics
from api.routers import (
    advies,
    begeleidingen,
    beheer,
    betrokkenen,
    bezwaren,
    codec,
    ddas,
    doorverwijzingen,
    health,
    incassomaatregelen,
    medewerkers,
    monitor,
    nazorg,
    overdrachten,
    regelingen,
    schuldeisers,
    sessies,
    signalen,
    signaleringen,
    storingen,
    toezicht,
    trajecten,
    verzoeken,
)
from runtime.codec import EncryptionCodec
from runtime.settings import Settings, get_settings
from runtime.temporal import connect
from store.db import make_engine, session_factory
from ui import assets, pages

API_VERSION = "1.0.0"
PREFIX = "/api/v1"
# One router per resource; each route's role (the audience) and audit are declared on the route itself.
ROUTERS = (
    trajecten.router,
    advies.router,
    incassomaatregelen.router,
    verzoeken.router,
    regelingen.router,
    nazorg.router,
    begeleidingen.router,
    bezwaren.router,
    doorverwijzingen.router,
    betrokkenen.router,
    overdrachten.router,
    signalen.router,
    signaleringen.router,
    toezicht.router,
    monitor.router,
    ddas.router,
    storingen.router,
    schuldeisers.router,
    beheer.router,
    medewerkers.router,
    codec.router,
    sessies.router,
)


def api_routes() -> dict[tuple[str, str], APIRoute]:
    """Every API route by its full path and lower-case method, as the OpenAPI document names it."""
    return {
        (PREFIX + route.path, method.lower()): route
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }


def create_app(settings: Settings | None = None, temporal: Client | None = None) -> FastAPI:
    """The app for `settings`; tests hand in their own Temporal client, a real process connects at start."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if temporal is None:
            # Lazily: the API starts and serves reads while Temporal is away, and connects when it is back.
            app.state.temporal = await connect(settings, lazy=True)
        yield

    app = FastAPI(
        title="Schuldhulp Engine API",
        version=API_VERSION,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.temporal = temporal
    app.state.codec = EncryptionCodec.from_base64(settings.codec_key_id, settings.codec_key)
    app.state.sessions = session_factory(make_engine(settings.database_url))
    app.state.metrics = RequestMetrics()
    problems.install(app)
    engine.install(app)
    openapi.install(app, api_routes)
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX)

    pages.install(app)
    app.include_router(assets.router)
    app.include_router(health.router)

    app.add_middleware(Gate, settings=settings, api_version=API_VERSION, metrics=app.state.metrics)
    # The Web UI calls the codec endpoint from the browser, so its origin may, and no other.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.codec_cors_origins,
        allow_methods=["POST"],
        allow_headers=["Authorization", "Content-Type", "X-Namespace"],
        allow_credentials=True,
    )

    return app
