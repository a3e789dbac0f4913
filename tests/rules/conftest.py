"""A warm OpenFisca-France engine shared by the rule tests."""

from __future__ import annotations

import pytest

from rules.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Loading the tax-benefit system takes seconds: once per session."""
    return Engine()
