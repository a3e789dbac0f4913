"""Personal data: how long it is kept and how it is erased.

- ``retention``: the nightly purge (CNIL référentiel: at most 2 years after the last contact), api and Rasa tracker.
- ``forget``: the right to be forgotten, asked by SMS (« OUBLIER ») or by staff for a resident.
- ``erasure``: the deletions both share; ``tracker_store``: deleting from Rasa's tracker store.
Router: ``api/routes/staff_forget.py``.
"""

from __future__ import annotations

from api.privacy.erasure import Erased, erase_callbacks, erase_conversations

__all__ = ["Erased", "erase_callbacks", "erase_conversations"]
