"""The speed levers change nothing: the same answers with and without them, on varied households."""

from __future__ import annotations

from datetime import date

import numpy as np

from rules.declared import NOT_DECLARED, declared_name
from rules.engine import Engine, Scenario
from rules.results import Status
from rules.samples import SAMPLE_SITUATIONS
from rules.situation import Situation
from rules.speed import Speed, gated, neutralized
from tests.rules.conftest import ON, by_benefit


def test_neutralised_and_gated_variables_and_skipped_branches_change_no_answer(engine: Engine) -> None:
    plain = Engine(Speed(engine.system.baseline, neutralize=False, gated=False, skip_branches=False))
    situations = [*SAMPLE_SITUATIONS, Situation(age=47, depcom="13055", incomes={"salary": 900},
                                                housing={"status": "tenant", "rent": 480})]
    assert plain.evaluate_many(situations, on=ON) == engine.evaluate_many(situations, on=ON)


def test_a_benefit_told_as_received_holds_for_the_past_months_with_every_lever(engine: Engine) -> None:
    """The contrat d'engagement jeune reads the prime d'activité of the last three months: a prime told as received
    is the prime of those months (rules/declared.py), even through the reform that skips the RSA experimentation."""
    answers = {"age": 22, "activity": "unemployed", "couple": False, "children": [], "housing": {"status": "hosted"}}
    with_prime, without = (Situation.model_validate({**answers, "incomes": incomes}) for incomes in ({"ppa": 150}, {}))
    results = [by_benefit(told)["contrat_engagement_jeune"] for told in engine.evaluate_many([with_prime, without],
                                                                                              on=ON)]
    assert [result.status for result in results] == [Status.NOT_ELIGIBLE, Status.ELIGIBLE]


def test_the_lists_are_data_and_name_real_variables(engine: Engine) -> None:
    names = [*neutralized(), *gated()]
    assert len(names) > 50
    assert all(engine.system.variables[name].is_neutralized for name in names)
    assert not engine.system.variables["rsa"].is_neutralized


def test_net_incomes_are_plain_inputs(engine: Engine) -> None:
    assert not engine.system.variables["salaire_net"].formulas
    assert engine.system.variables["salaire_net"].set_input is not None


def test_declared_values_win_household_by_household(engine: Engine) -> None:
    variable = engine.system.variables[declared_name("rfr")]
    assert variable.default_value == NOT_DECLARED
    told, computed = engine.evaluate_many(
        [Situation(age=40, incomes={"pension": 700}, housing={"status": "owner"}, income_two_years_ago=30000),
         Situation(age=40, incomes={"pension": 700}, housing={"status": "owner"})], on=date(2026, 11, 25))
    energy_told = next(result for result in told if result.benefit == "cheque_energie")
    energy_computed = next(result for result in computed if result.benefit == "cheque_energie")
    assert "30 000" in energy_told.reasons[0].replace("\u202f", " ")
    assert energy_computed.yearly_amount is not None


def test_values_read_from_memory_are_those_openfisca_computes(engine: Engine) -> None:
    """rules/cached_reads.py answers from memory only when untraced: a traced simulation goes through OpenFisca-core
    for every read, and must give the same values."""
    scenarios = [Scenario(f"h{position}", None, situation, position)
                 for position, situation in enumerate(SAMPLE_SITUATIONS)]
    fast, traced = engine._simulation(scenarios, ON), engine._simulation(scenarios, ON)
    traced.trace = True
    fast_values, traced_values = (engine._compute(simulation, ON, engine.benefits) for simulation in (fast, traced))
    assert fast_values.keys() == traced_values.keys()
    assert all(np.array_equal(fast_values[key], traced_values[key]) for key in fast_values)
