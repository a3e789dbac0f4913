"""The resident's chat page (the embeddable widget comes later) and its static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

WEB_DIR = Path(__file__).resolve().parents[2] / "channels" / "web" / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
async def chat_page() -> FileResponse:
    """The minimal chat page, served from the web channel."""
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")
