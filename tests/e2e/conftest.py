"""The real stack for end-to-end tests (rasa with the trained model, actions, api, worker) and a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import town_site
from tests.support.fake_twilio import FakeTwilio
from tests.support.processes import ROOT, Stack, stack_environment
from tests.support.sms import ACCOUNT_SID, AUTH_TOKEN, sms_environment

MODEL = ROOT / "bot" / "models" / "assistant.tar.gz"
# Rasa 3.6 loads its TensorFlow models in about a minute on this machine kind; leave room for a busy CI.
START_TIMEOUT_SECONDS = 420
BROWSER_TIMEOUT_MS = 90_000


@pytest.fixture(scope="session")
def twilio() -> Iterator[FakeTwilio]:
    """The local Twilio Messages API the stack's worker sends SMS to."""
    fake = FakeTwilio(ACCOUNT_SID, AUTH_TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, twilio: FakeTwilio) -> Iterator[Stack]:
    """Migrate a fresh database, start the four processes, wait until healthy; always stop them."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does it)")
    workdir = tmp_path_factory.mktemp("stack")
    stack = Stack(workdir=workdir, env={**stack_environment(workdir), **sms_environment(twilio.base_url)})
    stack.migrate()
    try:
        stack.start(["rasa", "actions", "api", "worker"])
        stack.wait_healthy(START_TIMEOUT_SECONDS)
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def town_url(stack: Stack) -> Iterator[str]:
    """A town website on another origin, embedding the widget of the running stack."""
    with town_site(int(stack.env["TOWN_SITE_PORT"]), stack.api_url) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty storage) and page per test."""
    context = browser.new_context(locale="fr-FR")
    # Generous: on a busy 2-core CI machine one OpenFisca turn can take seconds; a timeout is not a finding.
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
