"""French labels of the indicators, channels and benefits, for the page (the exports keep the ids)."""

from __future__ import annotations

from api.indicators.models import EventKind
from rules.catalogue import load_catalogue

KIND_LABELS = {
    EventKind.CONVERSATION_STARTED.value: "Conversations commencées",
    EventKind.BILAN_COMPLETED.value: "Bilans terminés",
    EventKind.CALLBACK_BOOKED.value: "Rappels demandés",
    EventKind.CALLBACK_DELIVERED.value: "Rappels transmis à l'équipe",
    EventKind.CALLBACK_HANDLED.value: "Personnes rappelées",
    EventKind.CALLBACK_UNREACHABLE.value: "Personnes injoignables",
}
CHANNEL_LABELS = {"web": "Site web", "sms": "SMS"}


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel or "non renseigné")


def benefit_label(benefit: str) -> str:
    """The catalogue's label of a national benefit; a local aid keeps its id (``local:<territory>:<aid>``)."""
    entry = load_catalogue().get(benefit)
    return entry.label if entry else benefit
