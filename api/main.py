"""The api application: routers, shared clients and the warm rule engine, built from one Settings."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api import logs, metrics
from api.campaigns.csv_import import MAX_FILE_BYTES
from api.core import log_redaction
from api.core.body_guard import BodyGuard
from api.core.config import Settings, get_settings
from api.core.errors import install_error_handlers
from api.core.rate_limit import make_rate_limiter
from api.core.security_headers import SecurityHeaders
from api.db import create_engine, create_sessionmaker
from api.eligibility_service import EligibilityService
from api.logs import ConversationLogContext
from api.routes import (
    callbacks,
    conversations,
    eligibility,
    health,
    pages,
    sms,
    sms_summary,
    staff,
    staff_callbacks,
    staff_campaigns,
    staff_forget,
    staff_indicators,
    territories,
)
from api.routes.pages import WEB_DIR
from api.routes.staff_deps import LoginRequired
from api.territories import load_territories
from api.territories.secret_check import check_territory_secrets
from channels.rasa_client import RasaClient

logger = logging.getLogger(__name__)

UPLOAD_FORM_OVERHEAD = 64 * 1024
"""A campaign file's form also carries its boundary lines and the CSRF token."""


def create_app(
    settings: Settings | None = None,
    *,
    service: EligibilityService | None = None,
    rasa_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the app; tests pass their own settings, may share one warm engine, and may route Rasa elsewhere."""
    settings = settings or get_settings()
    log_redaction.install()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url)
        app.state.settings = settings
        app.state.territories = load_territories(settings.territories_dir)
        app.state.secrets = os.environ
        if settings.environment == "production":
            check_territory_secrets(app.state.territories, app.state.secrets)
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.rasa = RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds,
                                    transport=metrics.TimedRasaTransport(rasa_transport))
        app.state.probe_client = httpx.AsyncClient()
        app.state.rate_limiter = make_rate_limiter(settings.redis_url)
        app.state.eligibility = service or EligibilityService()
        if settings.warm_up_engine and not app.state.eligibility.ready.is_set():
            # OpenFisca-France loads in seconds: warm it in the background so the api answers at once.
            threading.Thread(target=app.state.eligibility.warm_up, name="engine-warm-up", daemon=True).start()
        try:
            yield
        finally:
            await app.state.rasa.aclose()
            await app.state.probe_client.aclose()
            await app.state.rate_limiter.aclose()
            await engine.dispose()

    app = FastAPI(
        title="Assistant des droits",
        version="0.1.0",
        description="Public bridge of the assistant des droits: conversations, SMS, eligibility and callbacks.",
        lifespan=lifespan,
    )
    routers = (callbacks, conversations, eligibility, health, pages, sms, sms_summary, staff, staff_callbacks,
               staff_campaigns, staff_forget, staff_indicators, territories)
    for module in routers:
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def _to_login(_request: Request, _error: LoginRequired) -> RedirectResponse:
        """A staff page without a valid session sends the browser to the login page."""
        return RedirectResponse("/staff/login", status_code=303)

    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    app.add_middleware(metrics.MetricsMiddleware)
    app.add_middleware(ConversationLogContext)
    # Inside CORS, so that a 413 still carries the CORS headers the widget needs to read it.
    app.add_middleware(BodyGuard, max_bytes=settings.max_body_bytes,
                       larger={"/staff/campaigns": MAX_FILE_BYTES + UPLOAD_FORM_OVERHEAD})
    if settings.widget_origins:
        # Town websites embed the widget: they may call the public conversation contract, nothing else needs CORS.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.widget_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
    # Outermost: every answer, CORS preflights and 413s included, carries the security headers.
    app.add_middleware(SecurityHeaders, production=settings.environment == "production")
    return app


def app_factory() -> FastAPI:
    """Entry point for uvicorn (``--factory api.main:app_factory``)."""
    settings = get_settings()
    logs.configure(settings.log_format)
    metrics.serve(settings.metrics_port, settings.metrics_host)
    return create_app(settings)
