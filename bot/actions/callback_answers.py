"""Reading the answers of the callback form that no NLU model reads well: a first name or « passer », a slot.

Pure functions, no Rasa import. They return None when the answer does not say, so the form asks again kindly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from nlu.replies import is_dont_know, read_yes_no
from nlu.text import fold, has_any, padded, phrases

ANY_SLOT: Final = "any"
"""The resident has no preference: the api books the first slot (no preferred_slot_start)."""

SKIPPED: Final = ""
"""The resident preferred not to give a first name (a filled slot, so the form does not ask again)."""

# fmt: off
_SKIP = phrases(
    "passer", "passe", "je passe", "on passe", "suivant", "non merci", "pas de prenom", "sans prenom", "aucun",
    "je prefere pas", "je prefere ne pas", "je ne prefere pas", "pas envie", "je veux pas", "je ne veux pas",
    "pas besoin", "inutile", "anonyme", "rien",
)
_NAME_PREFIXES = re.compile(
    r"^(?:(?:bonjour|oui|ok|alors|euh|et)\s+)*"
    r"(?:je m'?\s?appelle|je suis|moi c'?\s?est|c'?\s?est|mon pr[eé]nom (?:c'?\s?est|est)|pr[eé]nom)\s*:?\s+",
    re.IGNORECASE,
)
_ANY = phrases(
    "peu importe", "n importe", "n importe quand", "n importe lequel", "comme vous voulez", "comme vous voudrez",
    "indifferent", "pas de preference", "aucune preference", "le plus tot", "au plus tot", "des que possible",
    "le plus vite", "quand vous voulez", "quand vous pouvez", "tous", "tout me va", "ca m est egal", "egal",
)
_ORDINALS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0, phrases("premier", "premiere", "1er", "1ere", "le 1")),
    (1, phrases("deuxieme", "second", "seconde", "2eme", "2e", "le 2")),
    (2, phrases("troisieme", "3eme", "3e", "le 3")),
    (3, phrases("quatrieme", "4eme", "4e", "le 4")),
    (4, phrases("cinquieme", "5eme", "5e", "le 5")),
)
_DAY_PARTS = {"matin": phrases("matin", "matinee"), "apres midi": phrases("apres midi", "aprem", "aprem", "apm")}
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# fmt: on
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+){0,2}$")
MAX_NAME_LENGTH = 40


def read_first_name(text: str) -> str | None:
    """The first name given (« Karima », « je m'appelle jean-pierre »), SKIPPED for « passer », or None."""
    stripped = " ".join(text.split()).strip(" .!,")
    if not stripped:
        return None
    folded = fold(stripped)
    if has_any(padded(folded), _SKIP) or read_yes_no(stripped) is False:
        return SKIPPED
    name = _NAME_PREFIXES.sub("", stripped).strip(" .!,")
    if not name or len(name) > MAX_NAME_LENGTH or not _NAME.match(name) or read_yes_no(name) is not None:
        return None
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-")) if name.islower() else name


def _by_ordinal(spaced: str, count: int) -> int | None:
    digits = spaced.strip()
    if digits.isdigit():
        index = int(digits) - 1
        return index if 0 <= index < count else None
    for index, words in _ORDINALS:
        if has_any(spaced, words) and index < count:
            return index
    return None


def _by_words(spaced: str, labels: Sequence[str]) -> int | None:
    """The first slot whose label holds every weekday, day number and part of the day the answer names."""
    wanted = [day for day in _WEEKDAYS if f" {day} " in spaced]
    wanted += [number for number in re.findall(r"\b\d{1,2}\b", spaced) if int(number) <= 31]
    parts = [part for part, words in _DAY_PARTS.items() if has_any(spaced, words)]
    if not wanted and not parts:
        return None
    for index, label in enumerate(labels):
        label_spaced = padded(fold(label))
        if not all(f" {word} " in label_spaced for word in wanted):
            continue
        hour = re.search(r"entre (\d{1,2}) h", label_spaced)
        morning = hour is not None and int(hour.group(1)) < 12
        if all((part == "matin") == morning for part in parts):
            return index
    return None


def read_slot_choice(text: str, offered: Sequence[Mapping[str, str]]) -> str | None:
    """The start of the chosen slot (ISO, as the api gave it), ANY_SLOT, or None if the answer does not say.

    ``offered`` are the slots shown as buttons (``start``, ``label``). A button sends its number; a resident may
    also type « le deuxième », « jeudi matin », the label itself, or « peu importe » (the first slot).
    """
    starts = [slot["start"] for slot in offered]
    if text in starts or text == ANY_SLOT:
        return text  # a value this form stored before (a booking tried again)
    spaced = padded(fold(text))
    if has_any(spaced, _ANY) or is_dont_know(text):
        return starts[0] if starts else ANY_SLOT
    if not starts:
        return None
    labels = [slot["label"] for slot in offered]
    folded_labels = [padded(fold(label)) for label in labels]
    if spaced in folded_labels:
        return starts[folded_labels.index(spaced)]
    index = _by_ordinal(spaced, len(starts))
    if index is None:
        index = _by_words(spaced, labels)
    return starts[index] if index is not None else None
