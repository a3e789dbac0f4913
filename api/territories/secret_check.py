"""Production refuses to start with a weak secret of a territory's case system (issue 13).

A territory file names its secrets; their values come from the environment. An empty value leaves that case system
switched off (deliveries wait, status updates are refused), so only the secrets that are set are checked: a set
secret that is short or guessable would let anyone sign status updates or read as the team's tools.
"""

from __future__ import annotations

from collections.abc import Mapping

from api.core.secret_strength import weak_settings
from api.territories import Territory


class WeakTerritorySecret(RuntimeError):
    """A territory secret in use is too weak for production; the message names the settings, never the values."""

    log_safe = True
    """Its message may be logged as it is (api.core.log_redaction): it is what the operator must read."""


def check_territory_secrets(territories: Mapping[str, Territory], environ: Mapping[str, str]) -> None:
    """Raise WeakTerritorySecret naming every set territory secret that is weak."""
    in_use = {
        name: environ[name]
        for territory in territories.values()
        for name in territory.secret_names()
        if environ.get(name)
    }
    weak = weak_settings(in_use)
    if weak:
        raise WeakTerritorySecret("weak territory secrets refused in production: " + "; ".join(weak))
