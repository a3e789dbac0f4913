"""The staff space in a real browser (headless Debian Chromium): log in, open a callback, change its status.

Only the api process of the Procfile runs here (the staff pages need neither Rasa nor the worker), on its own
database; the data is written as the api itself writes it. axe-core checks every page for serious violations.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from api.callbacks.models import Callback
from api.db import create_engine, create_sessionmaker
from api.outbox import JobStatus
from tests.support.processes import Stack, stack_environment
from tests.support.staff import PASSWORD, add_staff
from tests.support.staff_callbacks import booked, set_job

pytestmark = pytest.mark.e2e

T = TypeVar("T")
START_TIMEOUT_SECONDS = 120
EMAIL = "camille@bastia.fr"


def run_async(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion in a thread of its own (Playwright's sync API owns this thread's loop)."""
    async def main() -> T:
        return await make()

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


async def seed(database_url: str, *, dead: bool = False) -> Callback:
    """A callback of Bastia booked now, its delivery dead if asked."""
    engine = create_engine(database_url)
    try:
        sessions = create_sessionmaker(engine)
        callback = await booked(sessions)
        if dead:
            await set_job(sessions, callback, status=JobStatus.DEAD, last_error="CaseSystemStatusError: answered 503")
        return callback
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The api process alone, on a fresh migrated database, with an agent of Bastia."""
    workdir = tmp_path_factory.mktemp("staff")
    stack = Stack(workdir=workdir, env={**stack_environment(Path(workdir)), "WARM_UP_ENGINE": "false"})
    stack.migrate()
    run_async(lambda: add_staff(stack.env["DATABASE_URL"], email=EMAIL))
    try:
        stack.start(["api"])
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            try:
                if httpx.get(f"{stack.api_url}/staff/login", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or stack.processes["api"].poll() is not None:
                raise RuntimeError(f"the api did not start:\n{stack.log('api')[-3000:]}")
            time.sleep(0.5)
        yield stack
    finally:
        stack.stop()


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def log_in(page: Page, api: Stack) -> None:
    page.goto(f"{api.api_url}/staff/login")
    page.get_by_label("Adresse e-mail professionnelle").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour camille")


def test_agent_logs_in_opens_a_callback_and_changes_its_status(page: Page, api: Stack) -> None:
    callback = run_async(lambda: seed(api.env["DATABASE_URL"]))
    log_in(page, api)
    menu = page.get_by_role("navigation", name="Menu de l'espace agents")
    menu.get_by_role("link", name="Demandes de rappel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes de rappel")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=callback.reference))
    expect(row).to_contain_text("nouveau")
    expect(row).to_contain_text("en attente")
    assert serious_violations(page) == []

    row.get_by_role("link", name=callback.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Demande {callback.reference}")
    expect(page.get_by_role("link", name="06 12 34 56 78")).to_have_attribute("href", "tel:+33612345678")
    expect(page.get_by_text("Personne seule, 34 ans, sans revenu.")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Nouveau statut").select_option(label="injoignable")
    page.get_by_label("Note pour le suivi (facultative)").fill("Messagerie pleine, rappeler jeudi matin")
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.get_by_role("status")).to_have_text("Statut enregistré : « injoignable ».")
    history = page.get_by_role("table", name=re.compile("Changements de statut"))
    expect(history).to_contain_text("nouveau → injoignable")
    expect(history).to_contain_text("camille")
    expect(history).to_contain_text("Messagerie pleine, rappeler jeudi matin")
    expect(page.get_by_label("Nouveau statut")).to_have_value("injoignable")
    assert serious_violations(page) == []

    # A refused change: the form comes back with the French message, what was typed is kept.
    page.get_by_label("Nouveau statut").select_option(label="injoignable (statut actuel)")
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.get_by_role("alert")).to_contain_text("Le statut est déjà « injoignable »")
    expect(page.get_by_label("Note pour le suivi (facultative)")).to_have_attribute("aria-invalid", "true")
    assert serious_violations(page) == []

    page.goto(f"{api.api_url}/staff/callbacks?statut=injoignable")
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=callback.reference))).to_contain_text(
        "injoignable")


def test_agent_relaunches_a_dead_letter(page: Page, api: Stack) -> None:
    callback = run_async(lambda: seed(api.env["DATABASE_URL"], dead=True))
    log_in(page, api)
    page.get_by_role("link", name="Envois en échec vers l'outil de suivi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Envois en échec")
    expect(page.get_by_role("row").filter(has_text=callback.reference)).to_contain_text("answered 503")
    assert serious_violations(page) == []
    page.get_by_role("button", name=f"Relancer l'envoi de la demande {callback.reference}").click()
    expect(page.get_by_role("status")).to_have_text(f"L'envoi de la demande {callback.reference} est relancé.")
    expect(page.get_by_role("button", name=f"Relancer l'envoi de la demande {callback.reference}")).to_have_count(0)
