"""French formats, reason templates and the schema of the benefit catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError
from pydantic import ValidationError

from rules.catalogue import CATALOGUE_DIR, load_catalogue, load_entry
from rules.explain import euros, render_reason


@pytest.mark.parametrize(
    ("amount", "text"),
    [(651.69, "651,69\xa0€"), (1368.0, "1\u202f368\xa0€"), (12523.14, "12\u202f523,14\xa0€"), (0.5, "0,50\xa0€")],
)
def test_euros_in_french_format(amount: float, text: str) -> None:
    assert euros(amount) == text


def test_render_reason_folds_whitespace_and_fails_on_missing_value() -> None:
    assert render_reason("Le RSA est de\n  {{ amount }}  par mois.", amount="5 €") == "Le RSA est de 5 € par mois."
    with pytest.raises(UndefinedError):
        render_reason("Le RSA est de {{ amount }}.")


@pytest.mark.parametrize("path", sorted(CATALOGUE_DIR.glob("*.yml")), ids=lambda p: p.stem)
def test_every_catalogue_file_follows_the_schema(path: Path) -> None:
    entry = load_entry(path)
    assert entry.benefit == path.stem
    for template in entry.reasons.values():
        assert "{{" in template or template.strip(), template


def test_catalogue_knows_the_rsa() -> None:
    assert load_catalogue()["rsa"].institution == "CAF ou MSA"


def test_catalogue_file_with_unknown_field_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "rsa.yml"
    bad.write_text((CATALOGUE_DIR / "rsa.yml").read_text(encoding="utf-8") + "\nmontant: 651\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_entry(bad)


def test_catalogue_file_named_after_another_benefit_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "ppa.yml"
    bad.write_text((CATALOGUE_DIR / "rsa.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match="does not match"):
        load_entry(bad)
