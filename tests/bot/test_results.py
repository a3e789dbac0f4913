"""How results are told and summarised (bot/actions/results.py), for any benefit id."""

from __future__ import annotations

from typing import Any

from bot.actions.api_client import BenefitResult
from bot.actions.results import SUMMARY_MAX_CHARS, gsm7, ordered, short_label, summary, utterances


def result(benefit: str, status: str, amount: str | None = None, label: str | None = None) -> BenefitResult:
    return BenefitResult(benefit, label or f"Aide {benefit}", status, None, amount, reasons=["Une raison."],
                         institution="CAF", url="https://example.fr")


def test_order_is_eligible_uncertain_not_eligible_keeping_the_apis_order() -> None:
    results = [result("a", "not_eligible"), result("b", "uncertain"), result("c", "eligible"), result("d", "eligible")]
    assert [r.benefit for r in ordered(results)] == ["c", "d", "b", "a"]


def test_a_yearly_amount_has_its_own_response() -> None:
    yearly = BenefitResult("cheque_energie", "Chèque énergie", "eligible", None, None, yearly_amount_text="146 €")
    (_, said) = utterances([yearly])
    assert said.response == "utter_result_eligible_yearly"
    assert said.variables["amount"] == "146 €"


def test_short_labels_and_gsm7() -> None:
    assert short_label("Revenu de solidarité active (RSA)") == "RSA"
    assert short_label("Prime d'activité") == "Prime d'activité"
    assert gsm7("Être « aidé » à 1\u202f200\u00a0€ ; pâte") == 'Etre " aidé " à 1 200 € ; pate'


def test_a_long_summary_is_cut_to_two_sms_segments_dropping_the_last_items(domain: dict[str, Any]) -> None:
    many = [result(f"local:t:aide-{i}", "eligible", "123,45 €", label=f"Aide locale numéro {i} de la ville")
            for i in range(12)] + [result(f"u{i}", "uncertain") for i in range(5)]
    text = summary(many, domain)
    assert len(text) <= SUMMARY_MAX_CHARS
    assert "Aide locale numéro 0 de la ville 123,45 €" in text
    assert "numéro 11" not in text
