"""Lint of every bot response and text template as it would be sent by SMS: length and alphabet after rendering.

Each response of bot/domain/*.yml is filled with the longest values its variables take (label, institution and
link of every benefit of the catalogue, every reason template rendered with large amounts), its buttons turned
into numbered choices, rendered for SMS, then counted. Budget: at most 2 segments; alphabet: GSM-7 once the
accents GSM-7 lacks are folded (the renderer folds them when that saves a segment), so no emoji nor any other
character that forces UCS-2 whatever the rendering.

Run ``python -m tests.channels.test_sms_domain_lint`` for the whole report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import meta

from channels.rasa_client import BotMessage, Button
from channels.sms import texts
from channels.sms.render import fold_accents, render_for_sms, render_turn
from channels.sms.segments import MAX_SEGMENTS, count_segments, is_gsm7, non_gsm7_characters
from rules.benefits.housing import AID_NAMES
from rules.explain import _ENV, euros, render_reason

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FILES = sorted((ROOT / "bot" / "domain").glob("*.yml"))
CATALOGUE_FILES = sorted((ROOT / "rules" / "catalogue").glob("*.yml"))

# Responses longer than 2 segments by SMS even in their SMS variation. A response with variations conditioned on the
# `channel` slot being "sms" is linted on those only (the others are never sent by SMS). This list is checked both
# ways: a new offender fails, and so does one that was shortened and should leave the list.
NEED_SMS_VARIANT: set[str] = set()

# The longest values the reason templates are rendered with (a large amount is longer than a small one; the household
# and aid texts are the longest the engine writes).
LARGE_AMOUNT = 12345.67
LONGEST_TEXTS = {
    "household": "un couple avec trois enfants",
    "persons": "10 personnes",
    "aid": max(AID_NAMES.values(), key=len),
}
# The callback and summary responses (bot/domain/callback.yml): the longest values their actions give them, the
# territory's name of a refusal by the api included (utter_callback_rejected_depcom_not_covered).
CALLBACK_VALUES = {
    "nearby_label": ["France services de Saint-Jean-de-Maurienne"],
    "nearby_url": ["https://www.france-services.gouv.fr/trouver-une-france-services"],
    "callback_phone": ["0692 12 34 56"],
    "reference": ["K7PX-93QA"],
    "expected_call": ["mercredi 30 décembre entre 14 h et 17 h"],
    "territory_name": ["Communauté d'agglomération du Pays de Saint-Jean-de-Maurienne"],
}
_FILTERED = re.compile(r"\{\{\s*(\w+)\s*\|\s*(\w+)")


def reason_values(template: str) -> dict[str, Any]:
    """The longest plausible value of each variable of one template, by the filter it goes through."""
    values: dict[str, Any] = {}
    filters = dict(_FILTERED.findall(template))
    for name in meta.find_undeclared_variables(_ENV.parse(template)):
        kind = filters.get(name)
        if kind == "date_fr":
            values[name] = date(2026, 9, 30)
        elif kind in ("euros", "number"):
            values[name] = LARGE_AMOUNT
        else:
            values[name] = LONGEST_TEXTS.get(name, 9999)
    return values


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Finding:
    """The worst rendering of one response (or template): its segments, encoding and the characters at fault."""

    name: str
    source: str
    segments: int
    encoding: str
    length: int
    non_gsm7: tuple[str, ...]
    foldable: bool

    @property
    def too_long(self) -> bool:
        return self.segments > MAX_SEGMENTS


def _catalogue() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in CATALOGUE_FILES]


def _reasons() -> list[str]:
    return [render_reason(template, **reason_values(template)) for entry in _catalogue()
            for template in (entry.get("reasons") or {}).values()]


def _variable_values() -> dict[str, list[str]]:
    """Every value each response variable may take (the action fills them from the api's result)."""
    entries = _catalogue()
    return {
        "label": [entry["label"] for entry in entries],
        "institution": [entry["institution"] for entry in entries],
        "url": [entry["url"] for entry in entries],
        "amount": [euros(LARGE_AMOUNT)],
        "reason": _reasons(),
        # "Question 10 sur 10"; the SMS summary's parts (the action cuts the whole summary to 300 characters).
        "question_number": ["10"],
        "question_total": ["10"],
        "rights": ["RSA 1 368,55 €/mois, Prime d'activité 243,32 €/mois, APL, ALF ou ALS 156 €/mois, CSS"],
        "uncertain": ["AAH, Chèque énergie"],
        # What was understood (bot/actions/said.py): the longest answer said back, the longest recap by SMS
        # (tests/bot/test_said_and_recap.py builds it from the real fragments), and the fragments' variables.
        "said_back": ["C'est noté : conjoint(e) en congé parental, 1 999,99 €/mois. "],
        "said": ["conjoint(e) en congé parental, 1 999,99 €/mois"],
        "recap": ["Marseille, 67 ans, en couple, 4 enfants de 4, 9, 12 et 16 ans, locataire HLM, "
                  "loyer 1 234,56 €/mois, à son compte, revenus 12 345,67 €/mois, conjoint(e) en congé parental, "
                  "1 999,99 €/mois, handicap reconnu à 80 %"],
        "commune": ["Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson"], "age": ["120"], "count": ["15"],
        "ages": ["1, 3, 5, 7, 9, 11, 13 et 15"], "status": ["hébergé chez un proche"], "rate": ["100"],
        "topic": ["situation du conjoint(e)"],
        **CALLBACK_VALUES,
    }


def _fillings(text: str) -> list[str]:
    """The text with each variable set to each of its values, one variable after the other (worst case kept)."""
    values = _variable_values()
    names = sorted(set(_PLACEHOLDER.findall(text)))
    unknown = [name for name in names if name not in values]
    if unknown:
        raise AssertionError(f"the SMS lint does not know the response variables {unknown}: add their values")
    filled = [text]
    for name in names:
        filled = [candidate.replace("{" + name + "}", value) for candidate in filled for value in values[name]]
    return filled


def _finding(name: str, source: str, bodies: list[str]) -> Finding:
    worst = max(bodies, key=lambda body: (count_segments(body).segments, count_segments(body).units))
    count = count_segments(worst)
    return Finding(name=name, source=source, segments=count.segments, encoding=count.encoding,
                   length=count.units, non_gsm7=tuple(non_gsm7_characters(worst)),
                   foldable=all(is_gsm7(fold_accents(body)) for body in bodies))


def _channel_condition(variation: dict[str, Any]) -> str | None:
    return next((str(condition.get("value")) for condition in variation.get("condition") or []
                 if condition.get("type") == "slot" and condition.get("name") == "channel"), None)


def sent_by_sms(variations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The variations Rasa may choose when the `channel` slot is "sms": the SMS ones if there are, else all the
    variations not conditioned on another channel."""
    sms = [variation for variation in variations if _channel_condition(variation) == "sms"]
    return sms or [variation for variation in variations if _channel_condition(variation) is None]


def lint_responses() -> list[Finding]:
    """One finding per response variation of the domain, at its worst rendering."""
    findings = []
    for path in DOMAIN_FILES:
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (domain.get("responses") or {}).items():
            for variation in sent_by_sms(variations):
                buttons = [Button(str(b["title"]), str(b["payload"])) for b in variation.get("buttons") or []]
                bodies = [body for text in _fillings(str(variation.get("text", "")))
                          for body in render_turn([BotMessage(text, buttons)]).bodies]
                label = name if "channel" not in variation else f"{name} (channel {variation['channel']})"
                findings.append(_finding(label, path.name, bodies))
    return findings


def lint_templates() -> list[Finding]:
    """The catalogue's reason templates alone, and the SMS channel's own texts."""
    findings = [_finding(f"reason {index + 1}", "rules/catalogue", [render_for_sms(reason)])
                for index, reason in enumerate(_reasons())]
    for name in ("OPT_OUT_CONFIRMATION", "OPT_IN_WELCOME"):
        findings.append(_finding(name, "channels/sms/texts.py", [render_for_sms(getattr(texts, name))]))
    return findings


def report() -> str:
    """A table of every response and template: segments, encoding, length, characters outside GSM-7."""
    lines = [f"{'response':32} {'file':22} seg {'encoding':8} {'len':>4}  outside GSM-7"]
    for finding in lint_responses() + lint_templates():
        flag = "  <- needs an SMS variant" if finding.too_long else ""
        lines.append(f"{finding.name:32} {finding.source:22} {finding.segments:>3} {finding.encoding:8} "
                     f"{finding.length:>4}  {''.join(finding.non_gsm7)}{flag}")
    return "\n".join(lines)


def test_the_lint_reads_every_response_of_the_domain() -> None:
    names = {finding.name for finding in lint_responses()}
    assert {"utter_welcome", "utter_ask_age", "utter_result_offer", "utter_result_eligible_monthly"} <= names


def test_only_the_sms_variation_of_a_response_is_linted() -> None:
    variations: list[dict[str, Any]] = [
        {"condition": [{"type": "slot", "name": "channel", "value": "sms"}], "text": "court"},
        {"text": "long " * 100}]
    assert sent_by_sms(variations) == variations[:1]
    assert sent_by_sms(variations[1:]) == variations[1:]


def test_every_response_fits_two_segments_except_those_waiting_for_an_sms_variant() -> None:
    too_long = {finding.name for finding in lint_responses() if finding.too_long}
    assert too_long == NEED_SMS_VARIANT, report()


def test_every_response_can_be_sent_in_gsm7() -> None:
    forcing_ucs2 = [finding for finding in lint_responses() if not finding.foldable]
    assert forcing_ucs2 == [], report()


@pytest.mark.parametrize("finding", lint_templates(), ids=lambda finding: finding.name)
def test_templates_and_the_channels_own_texts_fit(finding: Finding) -> None:
    assert not finding.too_long, report()
    assert finding.foldable, report()


def test_the_channels_own_texts_are_one_gsm7_segment() -> None:
    for text in (texts.OPT_OUT_CONFIRMATION, texts.OPT_IN_WELCOME):
        count = count_segments(render_for_sms(text))
        assert (count.encoding, count.segments) == ("GSM-7", 1)


if __name__ == "__main__":
    print(report())
