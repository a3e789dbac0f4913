"""Residents of every kind complete the bilan through the public conversation contract, with the real processes.

Each persona writes as residents do (SMS spelling without accents, "je ne sais pas", a correction, an ambiguous
commune chosen with a button…). Each must finish in ten questions or fewer, and the rights the bot announces must
be those POST /api/v1/eligibility returns for the same facts, written here by hand from the persona's answers:
same statuses, same amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.bilan import CONFIRM, announced, expected, questions
from tests.support.processes import Stack

pytestmark = pytest.mark.e2e

MAX_QUESTIONS = 10


@dataclass(frozen=True)
class Persona:
    name: str
    answers: tuple[str, ...]
    facts: dict[str, Any]
    """The same facts as the api's situation, written independently of the bot's own translation. None of them
    expects a baby (the children question asks it), and a benefit paid means unemployment rights not ended."""


PERSONAS = [
    Persona(
        "sms_style_without_accents",
        ("69200", "jai 34ans", "celib", "pas denfant", "locataire", "550e", "cdi a mi temps", "900 par mois", "non",
         CONFIRM),
        {"pregnant": False,
         "depcom": "69259", "age": 34, "couple": False, "children": [], "housing": {"status": "tenant", "rent": 550},
         "activity": "employed", "incomes": {"salary": 900}, "disability_rate": 0},
    ),
    Persona(
        "dont_know_the_income",
        ("Bastia", "pourquoi vous me demandez ça ?", "45 ans", "seul", "aucun", "hébergé chez ma soeur", "rien",
         "sans emploi", "je sais pas",
         "je ne sais pas", CONFIRM),
        {"pregnant": False,
         "depcom": "2B033", "age": 45, "couple": False, "children": [], "housing": {"status": "hosted"},
         "activity": "unemployed"},
    ),
    Persona(
        "correction_of_the_children",
        ("Lyon", "29", "je vis seule", "1 enfant de 4 ans", "non en fait j'ai 3 enfants", "4, 6 et 9 ans",
         "locataire", "620", "au chômage", "750", "non", "corriger", "le loyer", "640", CONFIRM),
        {"pregnant": False,
         "depcom": "69123", "age": 29, "couple": False, "children": [{"age": 4}, {"age": 6}, {"age": 9}],
         "housing": {"status": "tenant", "rent": 640}, "activity": "unemployed", "incomes": {"unemployment": 750},
         "unemployment_rights_ended": False, "disability_rate": 0},
    ),
    Persona(
        "over_65_retired_owner",
        ("13001", "née en 1954", "veuve", "non", "propriétaire", "retraitée", "820 euros de retraite", "non",
         "environ 4000", CONFIRM),
        {"pregnant": False,
         "depcom": "13055", "age": 72, "couple": False, "children": [], "housing": {"status": "owner"},
         "activity": "retired", "incomes": {"pension": 820}, "disability_rate": 0, "savings": 4000},
    ),
    Persona(
        "couple_with_children_ambiguous_commune",
        ("saint denis", "93066", "41", "mariée", "2 enfants de 3 et 7 ans", "locataire HLM", "480", "au chômage",
         "700", "mon mari gagne 1400 par mois", "non", CONFIRM),
        {"pregnant": False,
         "depcom": "93066", "age": 41, "couple": True, "partner": {"incomes": {"salary": 1400}},
         "children": [{"age": 3}, {"age": 7}], "housing": {"status": "social_tenant", "rent": 480},
         "activity": "unemployed", "incomes": {"unemployment": 700}, "disability_rate": 0,
         "unemployment_rights_ended": False},
    ),
    Persona(
        "tenant_with_a_low_salary",
        ("Vénissieux", "J'ai 27 ans", "Je vis seul", "Non, pas d'enfant", "locataire", "450 €",
         "Salarié à temps partiel", "800 € net par mois", "passer", CONFIRM),
        {"pregnant": False,
         "depcom": "69259", "age": 27, "couple": False, "children": [], "housing": {"status": "tenant", "rent": 450},
         "activity": "employed", "incomes": {"salary": 800}},
    ),
    Persona(
        "young_student_hosted_by_parents",
        ("Rennes", "22 ans", "célibataire", "non", "hébergée chez mes parents", "0", "étudiante",
         "300 euros par mois", "non", CONFIRM),
        {"pregnant": False,
         "depcom": "35238", "age": 22, "couple": False, "children": [], "housing": {"status": "hosted"},
         "activity": "student", "incomes": {"salary": 300}, "disability_rate": 0},
    ),
    Persona(
        "homeless_with_a_disability",
        ("Paris 18", "52", "seul", "pas d'enfants", "à la rue", "sans emploi", "0", "oui à 80 %", CONFIRM),
        {"pregnant": False,
         "depcom": "75056", "age": 52, "couple": False, "children": [], "housing": {"status": "homeless"},
         "activity": "unemployed", "incomes": {}, "disability_rate": 80},
    ),
    Persona(
        "partner_unemployed_and_a_count_then_ages",
        ("93200", "38", "en couple", "oui 2 : 8 ans et 9 ans", "locataire", "700", "salariée, 1200 net",
         "il est au chômage, 1100", "non", CONFIRM),
        {"pregnant": False,
         "depcom": "93066", "age": 38, "couple": True,
         "partner": {"activity": "unemployed", "incomes": {"unemployment": 1100}},
         "children": [{"age": 8}, {"age": 9}], "housing": {"status": "tenant", "rent": 700},
         "activity": "employed", "incomes": {"salary": 1200}, "disability_rate": 0},
    ),
    Persona(
        "older_couple_partner_age_asked",
        ("06000", "68", "oui en couple", "non", "proprio", "retraité", "1100", "retraitée aussi, 500 €", "67", "non",
         CONFIRM),
        {"pregnant": False,
         "depcom": "06088", "age": 68, "couple": True,
         "partner": {"age": 67, "activity": "retired", "incomes": {"pension": 500}},
         "children": [], "housing": {"status": "owner"}, "activity": "retired", "incomes": {"pension": 1100},
         "disability_rate": 0},
    ),
]


def talk(stack: Stack, answers: tuple[str, ...]) -> list[str]:
    """Open a web conversation, send every answer in turn; every bot text of the conversation, in order."""
    with httpx.Client(base_url=stack.api_url, timeout=120) as client:
        created = client.post("/api/v1/conversations", json={"channel": "web"})
        assert created.status_code == 201, created.text
        conversation = created.json()
        client.headers["Authorization"] = f"Bearer {conversation['token']}"
        texts = [message["text"] for message in conversation["messages"]]
        for answer in answers:
            response = client.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"text": answer})
            assert response.status_code == 200, response.text
            texts += [message["text"] for message in response.json()["messages"]]
    return texts


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona.name)
def test_persona_completes_the_bilan_in_ten_questions_and_hears_what_the_api_says(
    stack: Stack, persona: Persona
) -> None:
    texts = talk(stack, persona.answers)

    asked = questions(texts)
    assert asked, texts
    assert max(total for _, total in asked) <= MAX_QUESTIONS, asked
    assert len({number for number, _ in asked}) <= MAX_QUESTIONS, asked
    assert any(text.startswith("Que souhaitez-vous faire") for text in texts), texts
    # Never a result on a reading the resident has not seen: the recap comes first, and each answer is said back.
    recap_at = next(i for i, text in enumerate(texts) if text.startswith("Avant le résultat, voici ce que j'ai"))
    assert recap_at < next(i for i, text in enumerate(texts) if text.startswith("Que souhaitez-vous faire"))
    assert any(text.startswith("C'est noté : ") for text in texts), texts
    if any("pourquoi" in answer for answer in persona.answers):
        assert any(text.startswith("Je vous demande votre âge") for text in texts), texts

    response = httpx.post(f"{stack.api_url}/api/v1/eligibility", json=persona.facts, timeout=120)
    assert response.status_code == 200, response.text
    truth = expected(response.json()["results"])
    assert announced(texts, truth) == truth, "\n".join(texts)
