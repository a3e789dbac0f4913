"""Fixtures shared by the test folders. Loaded by both runtimes: nothing here imports what only one of them has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test of the run: Playwright's sync API allows one instance at a
    time in a thread, so the e2e and the security suites share it."""
    from tests.support.browser import chromium  # the api runtime's: the bot runtime has no Playwright

    with chromium() as instance:
        yield instance
