#!/usr/bin/env python3
"""Regenerate nlu/data/answers/generated.yml: "inform" examples built from the readers' own vocabulary.

Short answers ("veuf", "celib", "Tourcoing", "3k") are the hardest for the intent classifier and the most common in
SMS. The readers in nlu/ already list how residents name a status, and nlu/resources/ lists every commune, so this
script turns that vocabulary into training examples, with a fixed seed (same output on every run):
- every keyword of the couple, activity and housing readers, as the short answer it is ("celib", "au chrs");
- the largest communes by name (with and without accents, with "j'habite à"…) and a sample of postcodes;
- amounts in the formats residents use (digits, "k", "€", "balles", per month or per year, approximate, zero).
Messages of the held-out benchmark set (benchmarks/nlu_heldout.yml) are never generated, so that it stays held out.

    .venv-bot/bin/python scripts/generate_nlu_answers.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlu import activity, couple, housing, numbers, replies  # noqa: E402
from nlu.communes import default_index  # noqa: E402
from nlu.text import strip_accents  # noqa: E402

OUT = ROOT / "nlu" / "data" / "answers" / "generated.yml"
HELDOUT = ROOT / "benchmarks" / "nlu_heldout.yml"
SEED = 20261125
TOP_COMMUNES = 120
POSTCODES = 40

COMMUNE_TEMPLATES = ("{}", "j'habite à {}", "je vis à {}", "à {}", "j habite a {}", "sur {}", "{} {postcode}")
AMOUNT_TEMPLATES = (
    "{n}",
    "{n} €",
    "{n} euros",
    "{n}e",
    "{n}€",
    "{n} balles",
    "environ {n}",
    "à peu près {n} euros",
    "{n} par mois",
    "{n}€/mois",
    "je gagne {n}",
    "je touche {n} euros",
    "{y} par an",
    "{y} € par an",
    "{k}k",
    "{k}k par an",
    "dans les {n}",
    "{n} net",
    "mon loyer est de {n}",
    "{n} de loyer",
    "il gagne {n}",
    "elle touche {n} par mois",
    "{n} environ",
    "vers les {n} euros",
)


def _keywords(tables: object) -> list[str]:
    found: list[str] = []
    for entry in tables:  # type: ignore[attr-defined]
        found.extend(entry[1])
    return found


def status_examples() -> list[str]:
    keywords = (
        list(couple._SINGLE)
        + list(couple._PACS)
        + list(couple._MARRIED)
        + list(couple._COHABITING)
        + list(couple._COUPLE)
        + _keywords(activity._ACTIVITY_KEYWORDS)
        + _keywords(housing._HOUSING_KEYWORDS)
    )
    return [keyword for keyword in sorted(set(keywords)) if len(keyword) >= 3 and not keyword.isdigit()]


def commune_examples(rng: random.Random) -> list[str]:
    index = default_index()
    towns = sorted((c for c in index.communes.values() if c.parent is None), key=lambda c: (-c.population, c.insee))[
        :TOP_COMMUNES
    ]
    out = []
    for town in towns:
        name = town.name if rng.random() < 0.6 else strip_accents(town.name).lower().replace("-", " ")
        template = rng.choice(COMMUNE_TEMPLATES)
        out.append(template.format(name, postcode=town.postcodes[0] if town.postcodes else ""))
    codes = sorted(index.by_postcode_index)
    out.extend(rng.sample(codes, POSTCODES))
    return out


def amount_examples(rng: random.Random) -> list[str]:
    out = []
    for template in AMOUNT_TEMPLATES:
        for _ in range(3):
            monthly = rng.choice((rng.randrange(100, 2500, 10), rng.randrange(300, 1800, 50)))
            yearly = monthly * 12
            k = f"{monthly / 1000:.1f}".replace(".", ",").replace(",0", "")
            out.append(
                template.format(
                    n=monthly if rng.random() < 0.7 else f"{monthly:,}".replace(",", " "),
                    y=f"{yearly:,}".replace(",", " "),
                    k=k,
                )
            )
    out.extend(phrase for phrase in numbers._ZERO_PHRASES if len(phrase) > 3)
    return out


def render() -> tuple[str, int]:
    """The content of generated.yml and its number of examples (the same on every run)."""
    rng = random.Random(SEED)  # noqa: S311 - a reproducible sample, not a secret
    heldout = {" ".join(str(item["text"]).lower().split()) for item in yaml.safe_load(HELDOUT.read_text("utf-8"))}
    examples: list[str] = []
    seen: set[str] = set()
    for example in status_examples() + commune_examples(rng) + amount_examples(rng):
        key = " ".join(example.lower().split())
        # Answers that are also yes/no or "don't know" belong to those intents, not to "inform"; amounts of zero
        # ("rien du tout") are answers even though they also read as a no.
        is_zero = key in numbers._ZERO_PHRASES
        if key in seen or key in heldout or replies.is_dont_know(example):
            continue
        if not is_zero and replies.read_yes_no(example) is not None:
            continue
        seen.add(key)
        examples.append(example.strip())
    body = "\n".join(f"      - {example}" for example in examples)
    content = (
        'version: "3.1"\n\n'
        "# GENERATED by scripts/generate_nlu_answers.py from the readers' vocabulary and the communes list;\n"
        "# do not edit by hand (edit the readers or the script, then run it again).\n\n"
        "nlu:\n  - intent: inform\n    examples: |\n" + body + "\n"
    )
    return content, len(examples)


def main() -> None:
    content, count = render()
    OUT.write_text(content, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {count} examples")


if __name__ == "__main__":
    main()
