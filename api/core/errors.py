"""Error answers that never echo the input and never fail: 422 with locations, French on the public routes, 500s
that say nothing of the request.

FastAPI's default 422 echoes each bad value (a 1 MB body came back as a 1 MB error) and fails with a 500 when that
value cannot be encoded (NaN, a lone surrogate): issue 13. Here each error keeps its location and stable ``type``;
its ``msg`` is French on /api/v1/ and a short text elsewhere; ``input`` and ``ctx`` are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.core.french_errors import STATUS_TEXTS, french_message

logger = logging.getLogger(__name__)

PUBLIC_PREFIX = "/api/v1/"
MAX_ERRORS = 20
"""A body with thousands of bad values gets the first ones: enough to fix it, never a huge answer."""
MAX_MESSAGE = 200
MAX_LOC = 8


def is_public(path: str) -> bool:
    """The routes residents' browsers call: their errors are said in French."""
    return path.startswith(PUBLIC_PREFIX)


def error_entries(errors: Sequence[Any], *, public: bool) -> list[dict[str, Any]]:
    """``[{"loc", "type", "msg"}]`` of validation errors, without the input or its context."""
    entries = []
    for error in list(errors)[:MAX_ERRORS]:
        error_type = str(error.get("type", "value_error"))
        message = french_message(error_type, error.get("ctx")) if public else str(error.get("msg", ""))[:MAX_MESSAGE]
        loc = [part if isinstance(part, int) else str(part)[:64] for part in error.get("loc", ())][:MAX_LOC]
        entries.append({"loc": loc, "type": error_type, "msg": message})
    return entries


async def _validation_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, RequestValidationError):  # registered for that class only
        raise error
    detail = error_entries(error.errors(), public=is_public(request.url.path))
    return JSONResponse({"detail": detail}, status_code=422)


async def _http_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, StarletteHTTPException):  # registered for that class only
        raise error
    if is_public(request.url.path) and error.detail == HTTPStatus(error.status_code).phrase:
        error = StarletteHTTPException(error.status_code, STATUS_TEXTS.get(error.status_code, error.detail),
                                       error.headers)
    return await http_exception_handler(request, error)


async def _internal_error(_request: Request, error: Exception) -> Response:
    """A plain French 500; the server logs the traceback, reduced to types and frames (api.core.log_redaction)."""
    return JSONResponse({"detail": STATUS_TEXTS[500]}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Replace FastAPI's echoing 422 handler, translate public 404/405, and answer 500s without details."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
