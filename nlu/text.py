"""Text folding shared by every reader: what residents type on a phone, made comparable.

Residents write without accents, in capitals, with typographic apostrophes, non-breaking spaces and SMS
spellings ("jsp", "chui", "ya"). `fold` removes those differences; `words` splits the result. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

SHORT_ANSWER_WORDS: Final = 5
"""Up to this many words, a doubt or a skip (« je passe », « je sais pas ») is the whole answer; in a longer one it may
be part of a sentence that answers (« je passe par une agence », « je connais pas bien le nom officiel »)."""
SHORT_NOTHING_WORDS: Final = 6
"""« non », « rien », « pas de » mean nothing only in a short answer: in a long one they may be about something else
(« ah je me suis trompé, j'ai 43 ans pas 34 » while the rent is asked)."""

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_NON_BREAKING = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
_WORD = re.compile(r"[a-z0-9]+")

# Whole-word SMS spellings, written after folding (no accents, lower case). Only the ones that cannot be
# confused with another French word; each reader also accepts its own shortcuts.
SMS_WORDS: dict[str, str] = {
    "jsp": "je ne sais pas",
    "jsais": "je sais",
    "chai": "je sais",
    "chais": "je sais",
    "chui": "je suis",
    "chuis": "je suis",
    "jsuis": "je suis",
    "jss": "je suis",
    "jui": "je suis",
    "jai": "j'ai",
    "g": "j'ai",
    "ya": "il y a",
    "pr": "pour",
    "ds": "dans",
    "ac": "avec",
    "avc": "avec",
    "bcp": "beaucoup",
    "tt": "tout",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "pourkoi": "pourquoi",
    "koi": "quoi",
    "kel": "quel",
    "ke": "que",
    "ki": "qui",
    "c": "c'est",
    "cest": "c'est",
    "mm": "meme",
    "tjs": "toujours",
    "tjrs": "toujours",
    "nn": "non",
    "ouai": "ouais",
    "oue": "ouais",
    "wi": "oui",
    "ui": "oui",
    "vi": "oui",
    "enf": "enfant",
    "enfs": "enfants",
    "mr": "monsieur",
    "mme": "madame",
    "m'man": "maman",
    "mwa": "moi",
    "moa": "moi",
    "pa": "pas",
    "ri1": "rien",
    "ct": "c'etait",
    "qq": "quelque",
    "qqn": "quelqu'un",
    "qqun": "quelqu'un",
    "quelqun": "quelqu'un",
    "kelkun": "quelqu'un",
    "dsl": "desole",
    "stp": "s'il te plait",
    "svp": "s'il vous plait",
    "auj": "aujourd'hui",
    "ajd": "aujourd'hui",
    "mtn": "maintenant",
}


def strip_accents(text: str) -> str:
    """ "Hébergé chez ma mère" → "Heberge chez ma mere" (ligatures too: "œ" → "oe")."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def clean(text: str) -> str:
    """Lower case, one kind of apostrophe, ordinary single spaces; accents are kept."""
    cleaned = text.translate(_APOSTROPHES).translate(_NON_BREAKING)
    return _SPACES.sub(" ", cleaned.strip().lower())


def expand_sms(text: str) -> str:
    """Replace whole-word SMS spellings of an already folded text ("jsp" → "je ne sais pas")."""
    tokens = text.split(" ")
    return " ".join(SMS_WORDS.get(token, token) for token in tokens)


def fold(text: str) -> str:
    """Clean, strip accents and expand SMS words: the form every keyword list in nlu/ is written in."""
    return expand_sms(strip_accents(clean(text)))


def words(text: str) -> list[str]:
    """The alphanumeric words of a folded text ("j'ai 2 enfants." → ["j", "ai", "2", "enfants"])."""
    return _WORD.findall(text)


def padded(text: str) -> str:
    """A folded text with punctuation turned into spaces and a space at each end, for whole-word search."""
    return " " + " ".join(words(text)) + " "


def phrases(*items: str) -> tuple[str, ...]:
    """Keyword phrases in the padded form `has_any` compares ("j'ai" → "j ai", "d'enfant" → "d enfant").

    Keywords are written in the expanded form ("c est", not "c"): SMS words are expanded in the text only."""
    return tuple(" ".join(words(strip_accents(clean(item)))) for item in items)


def has_any(haystack: str, needles: tuple[str, ...]) -> bool:
    """Whether one of `needles` (built by `phrases`) occurs as whole words in the folded `haystack`."""
    spaced = haystack if haystack.startswith(" ") and haystack.endswith(" ") else padded(haystack)
    return any(f" {needle} " in spaced for needle in needles)
