"""Findings 2, 4 and 5 in a real browser: the pages work under their strict CSP, the widget works on a town site
whose own CSP allows only what docs/security.md says, a link-like text that is not a URL breaks nothing (not even
the resume after a reload), and a 429 is shown kindly with the message kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.api_process import ApiProcess, api_environment, running_api
from tests.support.browser import town_site
from tests.support.databases import database
from tests.support.processes import free_port

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 30_000
LAUNCHER = "Vos droits en questions"


def town_csp(api_url: str) -> str:
    """The host site's policy for the widget, as docs/security.md documents it."""
    return (f"default-src 'self'; script-src 'self' {api_url}; style-src 'self' {api_url}; "
            f"connect-src 'self' {api_url}; img-src 'self' data:")


@pytest.fixture(scope="module")
def town_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def widget_api(tmp_path_factory: pytest.TempPathFactory, rasa_url: str, town_port: int) -> Iterator[ApiProcess]:
    """An api embedding the town's origin, with 4 messages per client and minute."""
    workdir = tmp_path_factory.mktemp("widget")
    env = api_environment("", rasa_url, WIDGET_ALLOWED_ORIGINS=f"http://127.0.0.1:{town_port}",
                          RATE_LIMIT_MESSAGES_PER_MINUTE="4")
    with database("sqlite", workdir) as url, running_api({**env, "DATABASE_URL": url},
                                                         workdir / "api.log") as process:
        yield process


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page and the errors it reports (console errors such as CSP violations, uncaught exceptions; the
    browser's own favicon request is not the page's)."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    try:
        yield page, errors
    finally:
        context.close()


def say(page: Page, text: str) -> None:
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_label("Votre réponse").press("Enter")


def test_chat_page_works_under_its_strict_csp(widget_api: ApiProcess, page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    response = tab.goto(f"{widget_api.url}/chat")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    expect(tab.locator(".add-log .add-msg--bot").first).to_contain_text("Bonjour")
    expect(tab.locator("h1")).to_have_css("font-size", "28px")  # chat.css applied (1.75rem)
    assert errors == []


def test_widget_works_on_a_town_site_with_the_documented_csp(widget_api: ApiProcess, town_port: int,
                                                             page: tuple[Page, list[str]], tmp_path: Path) -> None:
    tab, errors = page
    with town_site(town_port, widget_api.url, territory="", headers={
            "Content-Security-Policy": town_csp(widget_api.url)}) as url:
        tab.goto(url)
        tab.get_by_role("button", name=LAUNCHER).click()
        expect(tab.locator(".add-log .add-msg--bot").first).to_contain_text("Bonjour")
        say(tab, "voir http://[x et https://www.caf.fr")
        expect(tab.locator(".add-log .add-msg--bot").nth(1)).to_contain_text("voir http://[x")
        expect(tab.locator(".add-log .add-msg--bot a.add-a")).to_contain_text("caf.fr")
        tab.reload()  # resume() renders the same text again: it must not throw
        tab.get_by_role("button", name=LAUNCHER).click()
        expect(tab.locator(".add-transcript")).to_contain_text("voir http://[x")
    assert errors == []


def test_too_many_messages_are_said_kindly_and_the_text_is_kept(widget_api: ApiProcess,
                                                                page: tuple[Page, list[str]]) -> None:
    tab, _errors = page
    tab.goto(f"{widget_api.url}/chat")
    bots = tab.locator(".add-log .add-msg--bot")
    expect(bots.first).to_contain_text("Bonjour")
    alert = tab.locator(".add-alert, [role=alert]").first
    for n in range(8):
        say(tab, f"message {n}")
        tab.wait_for_function("() => !document.querySelector('.add-status').textContent")
        if "beaucoup de demandes" in (alert.text_content() or ""):
            break
    expect(alert).to_contain_text("Patientez un instant")
    expect(tab.get_by_label("Votre réponse")).to_have_value(f"message {n}")
    expect(tab.get_by_role("button", name="Réessayer")).to_be_disabled()


def test_staff_login_page_works_under_its_csp(widget_api: ApiProcess, page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    response = tab.goto(f"{widget_api.url}/staff/login")
    assert response is not None and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    expect(tab.get_by_role("button")).to_be_visible()
    stylesheets = tab.evaluate("() => Array.from(document.styleSheets).filter(s => s.cssRules.length).length")
    assert stylesheets >= 1
    assert errors == []
