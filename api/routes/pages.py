"""The resident's pages: the full chat page and a demonstration of the widget on a town website."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

WEB_DIR = Path(__file__).resolve().parents[2] / "channels" / "web" / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
@router.get("/chat")
async def chat_page() -> FileResponse:
    """The full-page chat (the widget in page mode)."""
    return FileResponse(WEB_DIR / "chat.html", media_type="text/html; charset=utf-8")


@router.get("/demo")
async def demo_page() -> FileResponse:
    """A town page with the widget's launcher, as a territory would embed it."""
    return FileResponse(WEB_DIR / "demo.html", media_type="text/html; charset=utf-8")
