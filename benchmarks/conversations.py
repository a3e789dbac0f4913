"""`make bench-conversations`: simulated households play whole bilans through the public chat contract on the real
stack, and what the bot announces is compared with POST /api/v1/eligibility on their true facts.

Households are drawn with a fixed seed (benchmarks/households.py); each answers in one style (web, SMS, formal,
long) with the style banks written by a separate helper (benchmarks/phrasing.py). Every resident confirms the recap
as it is (a careless reader: the figures are what the bot understood by itself). Prints the share of households
whose every status and amount is right, questions asked, re-asks, loops, and the worst households; never asserts.

    .venv/bin/python -m benchmarks.conversations [--households 200] [--seed 2026] [--clients 4] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.households import Household, draw
from benchmarks.phrasing import answer
from tests.support.bilan import announced, expected
from tests.support.processes import Stack, stack_environment

STYLES = ("web", "sms", "formal", "long")
_ASKED = re.compile(r"Question \d+ sur \d+")
MAX_TURNS = 40
QUESTION_PATTERNS = (
    ("commune", r"dans quelle commune|Je n'ai pas trouvé cette commune"),
    ("age", r"quel âge avez-vous|lire votre âge"),
    ("couple", r"vivez-vous en couple|Vivez-vous en couple"),
    ("partner_age", r"quel âge a votre conjoint|lire cet âge"),
    ("children", r"avez-vous des enfants|Combien d'enfants"), ("child_ages", r"quel âge ont vos enfants|lire les âges"),
    ("housing", r"où habitez-vous|Êtes-vous par exemple locataire"), ("rent", r"de loyer|0 si vous ne\s+payez"),
    ("partner_situation", r"que fait votre conjoint|Que fait votre conjoint"),
    ("partner_income", r"combien votre conjoint|par exemple : 1500, ou 0"),
    ("activity", r"quelle est votre situation|Vous êtes par exemple"),
    ("pension", r"retraite ou une pension|par exemple : 650"),
    ("income", r"combien gagnez-vous|combien touchez-vous|chiffre d'affaires|avez-vous des revenus|0 si vous n'avez"),
    ("disability", r"handicap reconnu"), ("savings", r"d'épargne|par exemple : 3000"), ("recap", r"Est-ce exact"),
)


@dataclass
class Played:
    """One household's conversation: what was asked, how often, and whether the announced rights were right."""

    index: int
    style: str
    questions: int = 0
    reasks: int = 0
    max_in_a_row: int = 0
    looped: bool = False
    finished: bool = False
    right: bool = False
    wrong: dict[str, Any] = field(default_factory=dict)


def pending_question(messages: list[dict[str, Any]]) -> str | None:
    """The question the bot's last messages ask (a re-ask reads as the same question). The recap quotes earlier
    answers (« pas d'épargne »), so it is told first, and a question is read after its « Question N sur M »."""
    for message in reversed(messages):
        text = message["text"]
        if "Est-ce exact" in text:
            return "recap"
        asked = _ASKED.split(text)[-1]
        for name, pattern in QUESTION_PATTERNS:
            if re.search(pattern, asked):
                return name
    return None


def _commune_button(messages: list[dict[str, Any]], insee: str) -> str | None:
    for message in messages:
        for button in message.get("buttons") or []:
            if button["payload"] == insee:
                return str(button["payload"])
    return None


def play(api_url: str, index: int, household: Household, seed: int,
         transport: httpx.BaseTransport | None = None) -> tuple[Played, list[str]]:
    """One household's whole bilan; ``transport`` lets the load bench time each request."""
    rng = random.Random(seed * 100_003 + index)
    style = STYLES[index % len(STYLES)]
    played = Played(index=index, style=style)
    texts: list[str] = []
    with httpx.Client(base_url=api_url, timeout=120, transport=transport) as client:
        created = client.post("/api/v1/conversations", json={"channel": "web"}).json()
        client.headers["Authorization"] = f"Bearer {created['token']}"
        messages = created["messages"]
        texts += [m["text"] for m in messages]
        previous, in_a_row = None, 0
        for _ in range(MAX_TURNS):
            if any(m["text"].startswith("Que souhaitez-vous faire") for m in messages):
                played.finished = True
                break
            question = pending_question(messages)
            if question is None:
                break
            in_a_row = in_a_row + 1 if question == previous else 1
            played.max_in_a_row = max(played.max_in_a_row, in_a_row)
            played.reasks += question == previous and question != "recap"
            played.questions += question != previous and question != "recap"
            previous = question
            if "Plusieurs communes" in " ".join(m["text"] for m in messages):
                text = _commune_button(messages, household.facts["depcom"]) or household.told["commune"][1]
            else:
                text = answer(question, household.told, style, rng)
            response = client.post(f"/api/v1/conversations/{created['id']}/messages", json={"text": text})
            messages = response.json().get("messages", [])
            texts += [f"> {text}", *(m["text"] for m in messages)]
        else:
            played.looped = True
    return played, texts


def told_facts(household: Household, texts: list[str]) -> dict[str, Any]:
    """The household's facts, with what its own words asserted beyond them: a style bank may answer « sans emploi »
    with « en fin de droits », which makes the end of unemployment rights a fact of that household."""
    facts = dict(household.facts)
    said = " ".join(text for text in texts if text.startswith("> ")).lower()
    if facts.get("activity") == "unemployed" and not (facts.get("incomes") or {}).get("unemployment") \
            and "fin de droit" in said:
        facts["unemployment_rights_ended"] = True
    return facts


def judge(api_url: str, played: Played, household: Household, texts: list[str]) -> None:
    facts = told_facts(household, texts)
    truth = expected(httpx.post(f"{api_url}/api/v1/eligibility", json=facts, timeout=120).json()["results"])
    said = announced(texts, truth)
    played.wrong = {label: {"true": truth[label], "said": said.get(label)} for label in truth
                    if said.get(label) != truth[label]}
    played.right = played.finished and not played.wrong


def report(results: list[Played]) -> dict[str, Any]:
    count = len(results)
    right = sum(p.right for p in results)
    questions = [p.questions for p in results if p.finished]
    figures = {
        "households": count, "all_right": right, "share_all_right": right / count if count else 0.0,
        "finished": sum(p.finished for p in results), "looped": sum(p.looped for p in results),
        "questions_median": statistics.median(questions) if questions else None,
        "questions_max": max(questions) if questions else None,
        "reasks": sum(p.reasks for p in results), "max_same_question_in_a_row": max(p.max_in_a_row for p in results),
        "by_style": {s: f"{sum(p.right for p in results if p.style == s)}/{sum(p.style == s for p in results)}"
                     for s in STYLES},
    }
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--households", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    households = draw(args.households, args.seed)
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        stack = Stack(workdir=workdir, env=stack_environment(workdir))
        stack.migrate()
        try:
            stack.start(["rasa", "actions", "api", "worker"])
            stack.wait_healthy(900)

            def one(index: int) -> tuple[Played, list[str]]:
                try:
                    played, texts = play(stack.api_url, index, households[index], args.seed)
                    judge(stack.api_url, played, households[index], texts)
                except (httpx.HTTPError, LookupError, ValueError) as exc:  # counted as wrong, never a crash
                    played, texts = Played(index=index, style=STYLES[index % len(STYLES)]), [repr(exc)]
                return played, texts

            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                outcomes = list(pool.map(one, range(len(households))))
        finally:
            stack.stop()
    results = [played for played, _ in outcomes]
    figures = report(results)
    worst = sorted((p for p in results if not p.right), key=lambda p: (p.finished, -len(p.wrong)))[:10]
    for played in worst:
        print(f"household {played.index} ({played.style}): finished={played.finished} wrong={played.wrong}")
        print("   " + " | ".join(outcomes[played.index][1][-40:])[:1500])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"figures": figures, "households": [asdict(p) for p in results]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
