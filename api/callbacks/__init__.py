"""Callbacks: a resident asks to be called back; the territory's team gets it through its case system.

- ``booking``: booked with their delivery job in one transaction; status changes by the case system or staff.
- ``delivery``: the worker's handler, handing a callback to the territory's case system (``api/case_systems``).
- ``phone``: French numbers as residents type them, to E.164; ``schemas``: bodies of the endpoints.
- ``transitions``: which status may follow which, and who may change it.
- ``staff_queries`` / ``staff_views``: the staff list and detail pages. Routers: ``api/routes/callbacks.py`` and
  ``api/routes/staff_callbacks.py``.
"""

from __future__ import annotations

# The face is what other features read without pulling booking's dependencies (indicators, outbox) with it.
from api.callbacks.models import Callback, CallbackStatus, CallbackStatusChange
from api.callbacks.phone import PhoneError, display_phone, normalise_phone

__all__ = ["Callback", "CallbackStatus", "CallbackStatusChange", "PhoneError", "display_phone", "normalise_phone"]
