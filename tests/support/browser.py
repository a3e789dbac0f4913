"""Headless Debian Chromium driven by Playwright, and a town website on another origin that embeds the widget."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Chromium's own background traffic is refused by this machine's closed network: switch it off.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

TOWN_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mairie de test</title></head>
<body><main><h1>Mairie de test</h1><p>Bienvenue sur le site de la commune.</p></main>
<script src="{api}/static/widget.js" data-territory="{territory}" defer></script></body></html>"""


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium from Debian's package, closed afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def town_site(port: int, api_url: str, territory: str = "test", *,
              headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve a town's home page embedding the widget with one script tag (with ``headers``, e.g. the town's own
    Content-Security-Policy); yields its URL."""
    body = TOWN_PAGE.format(api=api_url, territory=territory).encode()
    extra = dict(headers or {})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet: the test output is for assertions."""

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
