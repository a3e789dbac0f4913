"""Conversations of the web chat and the SMS channel: their rows, transcript and bearer tokens.

- ``models``: the tables; ``crud``: keyword-only reads and writes; ``schemas``: the public contract's bodies.
Router: ``api/routes/conversations.py`` (a turn is relayed to Rasa through ``channels/rasa_client.py``).
"""

from __future__ import annotations

from api.conversations.models import Author, Conversation, Message

__all__ = ["Author", "Conversation", "Message"]
