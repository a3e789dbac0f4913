"""Dated law: the overlay through OpenFisca's parameter update, the currency check and its table."""

from __future__ import annotations

from datetime import date

import pytest

from rules.engine import Engine
from rules.legislation import (
    last_change,
    load_currency,
    load_overlay,
    missed_revaluations,
    parameter_node,
    stale_margin,
    status,
    table,
)
from rules.legislation_report import main

CSS_CEILING = "prestations_sociales.solidarite_insertion.minima_sociaux.cs.cmu.plafond_base"
RSA = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
ENERGY = "prestations_sociales.solidarite_insertion.autre_solidarite.cheque_energie.baremes.une_uc"


def test_overlay_dates_the_css_ceiling_of_april_2025(engine: Engine) -> None:
    ceiling = parameter_node(engine.system.parameters, CSS_CEILING)
    assert ceiling("2025-04-01") == 10339
    assert ceiling("2025-03-31") == 10166
    assert last_change(ceiling, date(2026, 11, 25)) == date(2025, 4, 1)


def test_every_overlay_value_has_a_reference_and_a_source() -> None:
    for changes in load_overlay().values():
        for change in changes:
            assert len(change["reference"]) > 40
            assert change["source"].startswith("https://")


@pytest.mark.parametrize(
    ("revalued", "latest", "on", "missed"),
    [("04-01", date(2025, 4, 1), date(2026, 11, 25), 1), ("04-01", date(2026, 4, 1), date(2026, 11, 25), 0),
     ("04-01", date(2024, 4, 1), date(2026, 3, 31), 1), ("01-01", date(2026, 1, 1), date(2026, 11, 25), 0)],
)
def test_missed_revaluations(revalued: str, latest: date, on: date, missed: int) -> None:
    assert missed_revaluations(revalued, latest, on) == missed


def test_current_parameter_has_no_margin_and_stale_ones_have(engine: Engine) -> None:
    on = date(2026, 11, 25)
    assert stale_margin(engine.system, RSA, on) == 0
    assert stale_margin(engine.system, CSS_CEILING, on) == pytest.approx(0.05)
    assert stale_margin(engine.system, CSS_CEILING, date(2026, 3, 1)) == 0
    assert stale_margin(engine.system, ENERGY, on) == pytest.approx(0.2)
    assert status(engine.system, RSA, on).startswith("à jour")
    assert status(engine.system, CSS_CEILING, on).startswith("PÉRIMÉ")


def test_registry_names_parameters_that_exist(engine: Engine) -> None:
    _, registry = load_currency()
    for path in registry:
        assert parameter_node(engine.system.parameters, path) is not None


def test_table_lists_parameters_with_their_dated_value(engine: Engine) -> None:
    rows = table(engine.system, [RSA, ENERGY], date(2026, 11, 25))
    assert rows[1] == (RSA, "651.69", "2026-04-01", "à jour (revalorisé le 04-01)")
    assert rows[0][1].startswith("barème ≥ 0: 194")


def test_legislation_command_prints_what_the_engine_reads(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    monkeypatch.setattr("rules.engine.Engine", lambda: engine)
    main(["2026-11-25"])
    out = capsys.readouterr().out
    assert RSA in out
    assert "PÉRIMÉ" in out
    assert "prestations_sociales.prestations_familiales.bmaf.bmaf" in out
