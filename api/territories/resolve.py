"""Which territory a resident belongs to: pure functions of the territories and what the conversation knows.

Three sources, strongest first: the resident's commune (depcom), which decides alone when it is known; the SMS
number the message arrived on; the widget's ``data-territory`` attribute (a hint). A resident outside every
perimeter gets the national answer, France services to go to nearby, and no callback from a territory that
does not serve them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api.territories import Territory

FRANCE_SERVICES_LABEL = "Trouver une France services près de chez vous"
FRANCE_SERVICES_URL = "https://www.france-services.gouv.fr/"


@dataclass(frozen=True)
class Nearby:
    """Where the resident may go in person."""

    label: str
    url: str


FRANCE_SERVICES = Nearby(FRANCE_SERVICES_LABEL, FRANCE_SERVICES_URL)


@dataclass(frozen=True)
class Resolution:
    """The territory of a resident (None when no territory serves them) and where to go nearby."""

    territory: Territory | None
    covered: bool
    nearby: Nearby

    @property
    def code(self) -> str | None:
        """The territory's code, or None."""
        return self.territory.code if self.territory is not None else None

    @property
    def name(self) -> str | None:
        """The territory's name, or None."""
        return self.territory.name if self.territory is not None else None


def territory_of_commune(territories: Mapping[str, Territory], depcom: str) -> Territory | None:
    """The territory whose perimeter holds ``depcom`` (perimeters never overlap), or None."""
    return next((territory for territory in territories.values() if territory.perimeter.covers(depcom)), None)


def territory_of_number(territories: Mapping[str, Territory], number: str) -> Territory | None:
    """The territory whose SMS line ``number`` is (the ``To`` of Twilio's webhook), or None."""
    wanted = number.strip()
    if not wanted:
        return None
    return next((territory for territory in territories.values() if wanted in territory.sms.numbers), None)


def known_territory(territories: Mapping[str, Territory], code: str | None) -> Territory | None:
    """The territory of a code given by a widget or a setting, if it is one we know."""
    return territories.get(code) if code else None


def nearby_for(territory: Territory | None) -> Nearby:
    """The territory's own office if it names one; France services otherwise."""
    if territory is not None and territory.office is not None:
        return Nearby(territory.office.label, str(territory.office.url))
    return FRANCE_SERVICES


def resolve(territories: Mapping[str, Territory], *, depcom: str | None, hint: str | None) -> Resolution:
    """Contract 3: the territory whose perimeter holds ``depcom``; without a depcom, the hint if it is known.

    With a depcom outside every perimeter the resident is not covered, whatever the hint says (a resident of
    Ajaccio on Bastia's website is not Bastia's to call back).
    """
    territory = territory_of_commune(territories, depcom) if depcom else known_territory(territories, hint)
    if territory is None:
        return Resolution(None, False, FRANCE_SERVICES)
    return Resolution(territory, True, nearby_for(territory))


def covers(territory: Territory, depcom: str) -> bool:
    """Whether ``territory`` serves a resident of ``depcom``."""
    return territory.perimeter.covers(depcom)
