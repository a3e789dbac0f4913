"""The widget in a real browser (headless Debian Chromium), embedded on a town website of another origin."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.support.bilan import SHORT_BILAN, SHORT_FACTS
from tests.support.processes import Stack

pytestmark = pytest.mark.e2e

LAUNCHER = "Vos droits en questions"


def rsa_text(stack: Stack) -> str:
    """The RSA amount the api computes for the facts of SHORT_BILAN."""
    results: list[dict[str, Any]] = httpx.post(f"{stack.api_url}/api/v1/eligibility", json=SHORT_FACTS,
                                               timeout=60).json()["results"]
    return str(next(result for result in results if result["benefit"] == "rsa")["monthly_amount_text"])


def open_widget(page: Page, town_url: str) -> None:
    page.goto(town_url)
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.locator(".add-log .add-msg--bot").first).to_contain_text("Bonjour")


def answer(page: Page, text: str) -> None:
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_label("Votre réponse").press("Enter")


def answer_all(page: Page, answers: tuple[str, ...] = SHORT_BILAN, *, keyboard: bool = False) -> None:
    """Answer each question in turn, waiting for the bot's reply before the next answer (SHORT_BILAN: the result)."""
    bots = ".add-log .add-msg--bot"
    for text in answers:
        count = page.locator(bots).count()
        if keyboard:
            page.keyboard.type(text)
            page.keyboard.press("Enter")
        else:
            answer(page, text)
        page.wait_for_function(f"n => document.querySelectorAll('{bots}').length > n", arg=count)


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_widget_leads_a_conversation_to_the_result_computed_by_the_api(
    page: Page, town_url: str, stack: Stack
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_widget(page, town_url)
    launcher = page.get_by_role("button", name=LAUNCHER)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Votre réponse")).to_be_focused()
    answer_all(page)
    expect(page.locator(".add-log")).to_contain_text(rsa_text(stack))
    link = page.locator(".add-log a.add-a").first
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_contain_text("caf.fr")
    expect(page.locator(".add-log .add-msg--resident").first).to_have_text(re.compile("Vous : 69200"))
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()
    # Nothing is loaded from third parties: only the town's page and the assistant's own server.
    origins = {urlsplit(url)._replace(path="", query="", fragment="").geturl() for url in requested}
    assert origins == {town_url.rstrip("/"), stack.api_url}


def test_reload_resumes_the_conversation_without_announcing_the_history(page: Page, town_url: str) -> None:
    open_widget(page, town_url)
    answer_all(page)
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()
    page.reload()
    page.get_by_role("button", name=LAUNCHER).click()
    history = page.locator(".add-history .add-msg")
    expect(history.filter(has_text="Vous : 69200")).to_have_count(1)
    expect(page.locator(".add-log .add-msg")).to_have_count(0)  # the live region announces only new messages
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()  # still on offer after the reload
    expect(history.filter(has_text="Bonjour")).to_have_count(1)


def test_keyboard_alone_opens_answers_chooses_and_closes(page: Page, town_url: str) -> None:
    page.goto(town_url)
    page.keyboard.press("Tab")
    launcher = page.get_by_role("button", name=LAUNCHER)
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Votre réponse")).to_be_focused()
    expect(page.locator(".add-log .add-msg--bot").first).to_contain_text("Bonjour")
    answer_all(page, keyboard=True)
    restart = page.get_by_role("button", name="Recommencer")
    expect(restart).to_be_visible()
    for _ in range(10):
        if restart.evaluate("node => node === document.activeElement"):
            break
        page.keyboard.press("Shift+Tab")
    expect(restart).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".add-log .add-msg--bot").last).to_contain_text("dans quelle commune")
    page.keyboard.press("Escape")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".add-panel")).to_be_hidden()


def test_unreachable_server_keeps_the_typed_message_and_offers_to_retry(
    page: Page, town_url: str, stack: Stack
) -> None:
    open_widget(page, town_url)
    page.route("**/api/v1/conversations/*/messages", lambda route: route.abort())
    answer(page, "69200")
    expect(page.get_by_role("alert")).to_contain_text("Impossible de joindre le service")
    expect(page.get_by_label("Votre réponse")).to_have_value("69200")
    page.unroute("**/api/v1/conversations/*/messages")
    page.get_by_role("button", name="Réessayer").click()
    expect(page.locator(".add-log")).to_contain_text("Question 2 sur")
    expect(page.locator(".add-log .add-msg--resident")).to_have_count(1)


def test_widget_and_chat_page_have_no_serious_accessibility_violations(
    page: Page, town_url: str, stack: Stack
) -> None:
    open_widget(page, town_url)
    answer_all(page)
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(f"{stack.api_url}/chat")
    expect(page.locator(".add-msg--bot").first).to_contain_text("Bonjour")
    assert serious_violations(page) == []


def test_widget_fits_at_200_percent_zoom_and_respects_reduced_motion(page: Page, town_url: str) -> None:
    page.set_viewport_size({"width": 640, "height": 400})  # a 1280×800 screen at 200 %
    page.emulate_media(reduced_motion="reduce")
    open_widget(page, town_url)
    box = page.get_by_label("Votre réponse").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 640
    assert box["y"] >= 0 and box["y"] + box["height"] <= 400
    page.locator(".add-status").evaluate("node => { node.textContent = 'L’assistant écrit…'; }")
    assert page.locator(".add-status").evaluate("node => getComputedStyle(node).animationName") == "none"


def test_print_view_lists_the_transcript_without_buttons(page: Page, town_url: str) -> None:
    open_widget(page, town_url)
    answer_all(page)
    expect(page.get_by_role("button", name="Recommencer")).to_be_visible()
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="Imprimer ou enregistrer mes résultats").click()
    view = popup.value
    expect(view.locator("h1")).to_have_text("Mes résultats – Assistant des droits")
    expect(view.locator(".add-msg")).to_have_count(page.locator(".add-msg").count())
    expect(view.locator("button")).to_have_count(0)
    expect(view.locator("main")).to_contain_text("https://www.caf.fr/")
