"""A territory's perimeter: the communes it serves, given as INSEE codes and/or postcodes, checked against the
official commune list shipped in the repository (nlu/resources/communes.tsv.gz, the same data the bot reads).

A postcode stands for every commune (or Paris/Lyon/Marseille arrondissement) it serves; the perimeter is the set of
INSEE codes. A commune with arrondissements is covered when the perimeter names the commune itself, and an
arrondissement when the perimeter names it or its commune.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from facts.insee import DEPCOM_PATTERN

COMMUNES_FILE = Path(__file__).resolve().parents[2] / "nlu" / "resources" / "communes.tsv.gz"
POSTCODE_PATTERN = r"^\d{5}$"
Depcom = Annotated[str, Field(pattern=DEPCOM_PATTERN)]
Postcode = Annotated[str, Field(pattern=POSTCODE_PATTERN)]


@dataclass(frozen=True)
class CommuneData:
    """INSEE codes, the commune of each arrondissement, and the codes each postcode serves."""

    parents: dict[str, str | None] = field(default_factory=dict)
    by_postcode: dict[str, frozenset[str]] = field(default_factory=dict)

    def known(self, depcom: str) -> bool:
        """Whether ``depcom`` is a current commune or arrondissement."""
        return depcom in self.parents

    def parent(self, depcom: str) -> str | None:
        """The commune of an arrondissement (Paris for 75110); None for a commune."""
        return self.parents.get(depcom)


@cache
def commune_data(path: Path = COMMUNES_FILE) -> CommuneData:
    """The shipped list, read once per process (about 0.1 s)."""
    parents: dict[str, str | None] = {}
    by_postcode: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as table:
        next(table)
        for line in table:
            insee, _name, _kind, parent, _departement, postcodes, _population = line.rstrip("\n").split("\t")
            parents[insee] = parent or None
            for postcode in postcodes.split():
                by_postcode.setdefault(postcode, set()).add(insee)
    # Paris, Lyon and Marseille list every postcode of their arrondissements: a postcode stands for the
    # arrondissement, not the whole city.
    for codes in by_postcode.values():
        codes -= {parents[code] for code in codes if parents[code]}
    return CommuneData(parents, {code: frozenset(codes) for code, codes in by_postcode.items()})


class Perimeter(BaseModel):
    """Where the territory's residents live: INSEE commune codes and/or postcodes (at least one)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    communes: list[Depcom] = Field(default_factory=list, description="INSEE codes (not postcodes)")
    postcodes: list[Postcode] = Field(default_factory=list, description="Every commune of each postcode")

    @model_validator(mode="after")
    def _known_codes(self) -> Perimeter:
        data = commune_data()
        unknown = [code for code in self.communes if not data.known(code)]
        if unknown:
            raise ValueError(f"unknown INSEE commune codes: {', '.join(unknown)}")
        unknown = [code for code in self.postcodes if code not in data.by_postcode]
        if unknown:
            raise ValueError(f"unknown postcodes: {', '.join(unknown)}")
        return self

    @cached_property
    def depcoms(self) -> frozenset[str]:
        """Every INSEE code the perimeter covers (postcodes expanded)."""
        data = commune_data()
        codes = set(self.communes)
        for postcode in self.postcodes:
            codes |= data.by_postcode[postcode]
        return frozenset(codes)

    def covers(self, depcom: str) -> bool:
        """Whether a resident of ``depcom`` lives in the perimeter (an arrondissement through its commune too)."""
        codes = self.depcoms
        parent = commune_data().parent(depcom)
        return depcom in codes or (parent is not None and parent in codes)
