"""Read a household's situation from everyday and SMS French: children, couple, activity, housing.

Each reader takes the resident's answer to one question and returns a typed value, or None when the answer does
not say (the bot then asks again) or says "je ne sais pas" (see nlu.replies.is_dont_know). They are keyword readers
over the folded text (no accents, SMS words expanded): fast, predictable and easy to extend, which matters more
here than coverage of every phrasing. Pure functions, no Rasa import.
"""

from __future__ import annotations

from nlu.activity import Activity, ActivityStatus, read_activity
from nlu.children import MAX_CHILD_AGE, MAX_PLAUSIBLE_CHILDREN, Children, read_child_ages, read_children
from nlu.couple import CoupleStatus, read_couple
from nlu.housing import HousingStatus, read_housing

__all__ = [
    "MAX_CHILD_AGE",
    "MAX_PLAUSIBLE_CHILDREN",
    "Activity",
    "ActivityStatus",
    "Children",
    "CoupleStatus",
    "HousingStatus",
    "read_activity",
    "read_child_ages",
    "read_children",
    "read_couple",
    "read_housing",
]
