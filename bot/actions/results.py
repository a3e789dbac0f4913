"""How the api's results are told to the resident, and the short summary kept for an SMS (pure, no Rasa import).

Every result is listed the same way whatever its benefit id (local aids `local:<territory>:<aid>` included): the
likely rights first with their amount, one-line reason and how to apply; then the uncertain ones with what to check;
then the others briefly, with their reason. The words are domain responses: this module picks a response and its
variables, and fills the summary's templates, which are responses too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from bot.actions.api_client import BenefitResult
from facts.gsm7 import GSM7_BASIC

SUMMARY_MAX_CHARS: Final = 300
"""The summary is sent by SMS: two GSM-7 segments at most (306), with room for the € that counts double."""

STATUS_ORDER: Final = {"eligible": 0, "uncertain": 1, "not_eligible": 2}

_GSM7_PLAIN: Final = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2019": "'", "«": '"', "»": '"', "\u0153": "oe"})
_ACRONYM: Final = re.compile(r"\(([^()]{2,24})\)\s*$")


@dataclass(frozen=True)
class Utterance:
    """A domain response and its variables."""

    response: str
    variables: dict[str, str] = field(default_factory=dict)


def ordered(results: Sequence[BenefitResult]) -> list[BenefitResult]:
    """Likely rights first, then uncertain, then not eligible; the api's order within each."""
    return sorted(results, key=lambda result: STATUS_ORDER.get(result.status, len(STATUS_ORDER)))


def _first(reasons: Sequence[str]) -> str:
    return reasons[0] if reasons else ""


def _eligible(result: BenefitResult) -> Utterance:
    variables = {"label": result.label, "reason": _first(result.reasons), "institution": result.institution,
                 "url": result.url}
    if result.monthly_amount_text:
        return Utterance("utter_result_eligible_monthly", {**variables, "amount": result.monthly_amount_text})
    if result.yearly_amount_text:
        return Utterance("utter_result_eligible_yearly", {**variables, "amount": result.yearly_amount_text})
    return Utterance("utter_result_eligible", variables)


def _uncertain(result: BenefitResult) -> Utterance:
    # The api's last reason says what to check ("La réponse dépend de… : avec cette information…").
    check = result.reasons[-1] if result.reasons else ""
    return Utterance("utter_result_uncertain", {"label": result.label, "reason": check,
                                                 "institution": result.institution, "url": result.url})


def utterances(results: Sequence[BenefitResult]) -> list[Utterance]:
    """The messages of the result, in order (the offer that follows is the action's)."""
    ranked = ordered(results)
    eligible = [result for result in ranked if result.status == "eligible"]
    uncertain = [result for result in ranked if result.status == "uncertain"]
    others = [result for result in ranked if result.status == "not_eligible"]
    said = [Utterance("utter_result_intro" if eligible else "utter_result_intro_none")]
    said += [_eligible(result) for result in eligible]
    if uncertain:
        said.append(Utterance("utter_result_intro_uncertain"))
        said += [_uncertain(result) for result in uncertain]
    if others:
        lines = "\n".join(f"- {result.label} : {_first(result.reasons)}".rstrip(" :") for result in others)
        said.append(Utterance("utter_result_not_eligible", {"lines": lines}))
    return said


def short_label(label: str) -> str:
    """The acronym in brackets when the label ends with one ("Revenu de solidarité active (RSA)" → "RSA")."""
    match = _ACRONYM.search(label)
    return match.group(1) if match else label


def _gsm7_char(char: str) -> str:
    if char in GSM7_BASIC:  # é è à ù É… are GSM-7 letters: kept
        return char
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if len(decomposed) > 1 else char


def gsm7(text: str) -> str:
    """The text with what GSM-7 lacks replaced: typographic spaces and quotes, and accents GSM-7 has no letter for."""
    return "".join(_gsm7_char(char) for char in text.translate(_GSM7_PLAIN))


def template(domain: Mapping[str, Any], name: str) -> str:
    variations = (domain.get("responses") or {}).get(name) or [{}]
    return str(variations[-1].get("text") or "")


def _item(domain: Mapping[str, Any], result: BenefitResult) -> str:
    if result.monthly_amount_text:
        return template(domain, "utter_summary_item_monthly").format(
            label=short_label(result.label), amount=result.monthly_amount_text)
    return short_label(result.label)


def _compose(domain: Mapping[str, Any], eligible: list[str], uncertain: list[str]) -> str:
    parts = [template(domain, "utter_summary_rights").format(rights=", ".join(eligible)) if eligible
             else template(domain, "utter_summary_none")]
    if uncertain:
        parts.append(template(domain, "utter_summary_uncertain").format(uncertain=", ".join(uncertain)))
    return gsm7(" ".join(parts))


def summary(results: Sequence[BenefitResult], domain: Mapping[str, Any]) -> str:
    """The short French text of the results (GSM-7, at most SUMMARY_MAX_CHARS), from the domain's templates.

    When it is too long, the last uncertain benefits are left out first, then the last likely ones."""
    eligible = [_item(domain, result) for result in ordered(results) if result.status == "eligible"]
    uncertain = [short_label(result.label) for result in ordered(results) if result.status == "uncertain"]
    text = _compose(domain, eligible, uncertain)
    while len(text) > SUMMARY_MAX_CHARS and (uncertain or len(eligible) > 1):
        (uncertain or eligible).pop()
        text = _compose(domain, eligible, uncertain)
    return text[:SUMMARY_MAX_CHARS]
