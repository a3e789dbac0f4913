"""The household situation a short conversation can collect.

Every field may grow into "unknown" later; the walking skeleton knows a single adult of a given age with no income.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Situation(BaseModel):
    """What the resident told us, in the vocabulary of the conversation (not of OpenFisca)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: int = Field(ge=15, le=120, description="Age of the resident, in years.")
