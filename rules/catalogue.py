"""The benefit catalogue: one YAML file per benefit, validated against a schema when it is loaded."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

CATALOGUE_DIR = Path(__file__).parent / "catalogue"


class CatalogueEntry(BaseModel):
    """Everything the resident reads about a benefit that is not computed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    benefit: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=3)
    description: str = Field(min_length=10)
    institution: str = Field(min_length=2)
    url: HttpUrl
    documents: list[str] = Field(min_length=1)
    reasons: dict[str, str] = Field(min_length=1, description="jinja2 templates of reasons, by key")
    decided_by: list[str] = Field(
        default_factory=list,
        description="Unknown answers that make the benefit uncertain when they could open it: the answers about the "
                    "kind of household the benefit exists for (children for family benefits, disability for the AAH…)."
                    " Other unknown answers only appear in `missing`.")


def load_entry(path: Path) -> CatalogueEntry:
    """Read and validate one catalogue file; its file name must be the benefit's code."""
    entry = CatalogueEntry.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if entry.benefit != path.stem:
        raise ValueError(f"{path.name}: benefit {entry.benefit!r} does not match the file name")
    return entry


@cache
def load_catalogue(directory: Path = CATALOGUE_DIR) -> dict[str, CatalogueEntry]:
    """All catalogue entries by benefit code, read once per process."""
    return {path.stem: load_entry(path) for path in sorted(directory.glob("*.yml"))}
