"""Children and their ages from everyday and SMS French."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from nlu.numbers import COUNT_WORDS
from nlu.replies import is_dont_know_text
from nlu.text import fold, has_any, padded, phrases, words

# --- Children ---------------------------------------------------------------------------------------------------

MAX_PLAUSIBLE_CHILDREN = 15
MAX_CHILD_AGE = 30
"""Older "children" are still children to their parents; past this the number is not a child's age."""


@dataclass(frozen=True)
class Children:
    """The children of the household: how many, and the ages the resident gave (in the order given).

    `ages` may be shorter than `count` when the resident gave only some ages ("2 enfants dont un de 3 ans").
    A baby counted in months is 0 years old.
    """

    count: int
    ages: tuple[int, ...] = ()


# fmt: off
_CHILD_NOUNS = frozenset(
    {
        "enfant", "enfants", "enf", "gosse", "gosses", "gamin", "gamins", "gamine", "gamines", "fils", "fille",
        "filles", "garcon", "garcons", "gars", "bebe", "bebes", "mome", "momes", "ado", "ados", "adolescent",
        "adolescents", "adolescente", "adolescentes", "jumeaux", "jumelles", "triples", "triplees", "minot",
        "minots", "loulou", "loulous", "petit", "petits", "petite", "petites", "marmot", "marmots", "bambin",
        "bambins", "nourrisson", "ptit", "ptits", "ptite", "ptites", "filleul",
    }
)
# fmt: on
# fmt: off
_PLURAL_NOUNS = frozenset(
    {
        "enfants", "gosses", "gamins", "gamines", "filles", "garcons", "bebes", "momes", "ados", "adolescents",
        "adolescentes", "minots", "loulous", "petits", "petites", "marmots", "bambins", "ptits", "ptites",
    }
)
# fmt: on
_NOUN_COUNTS = {"jumeaux": 2, "jumelles": 2, "triples": 3, "triplees": 3}
_LIST_GLUE = frozenset({"et", "ou", "de", "a", "ans", "an", "mois", "puis", "avec", "plus"})
# fmt: off
_NO_CHILDREN = phrases(
    "pas d enfant", "pas d enfants", "pas denfant", "pas denfants", "aucun enfant", "aucun", "aucune", "zero",
    "0", "sans enfant", "sans enfants", "pas de gosse", "pas de gosses", "pas de gamin", "pas de gamins",
    "j en ai pas", "je n en ai pas", "j en ai aucun", "je n en ai aucun", "pas encore", "personne", "aucun a charge",
    "pas d enfant a charge", "pas d enfants a charge", "nada", "pas de bebe", "pas de momes", "non", "nan",
    "pas du tout", "rien", "ils sont grands", "plus a charge", "plus d enfant a charge",
)
# fmt: on
_SPLIT_DIGITS = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")
_SEPARATOR_AFTER_COUNT = re.compile(
    r"^\s*(?:oui|ouais|yes|j ai|nous avons|on a|il y a)?\s*,?\s*"
    r"(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s*(?:enfants?|enfs?)?\s*[:(\-=,]"
)
"""« oui 2 : 8 et 9 ans », « trois (4, 9 et 12 ans) », « 2, 6 ans et 10 ans »: a count, then the list of ages."""
_GROWN_UP = phrases(
    "ne vivent plus", "ne vit plus", "vivent plus", "vit plus", "ont quitte", "a quitte la maison", "sont partis",
    "est parti", "est partie", "sont parties", "plus a charge", "plus a ma charge", "plus a notre charge",
    "ils sont grands", "elles sont grandes", "sont majeurs et partis", "ont leur vie", "ont leur appartement",
    "plus chez moi", "plus chez nous", "plus a la maison",
)
"""Children who have grown up and left: none at charge."""
_EXPECTED = re.compile(r"\b(?:et )?(?:j attends|on attend|nous attendons|j attend|enceinte)(?: (?:un|mon|notre|le))?"
                       r"(?: (?:bebe|enfant|premier|deuxieme|heureux evenement))?\b")
"""« j'attends un bébé »: a pregnancy."""
_ONE_OF = re.compile(
    r"(?<!dont )\b(?:un|une|1|l autre|l un|l une)(?= de \d| de (?:un|une|deux|trois|quatre|cinq|six|sept|huit|"
    r"neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix sept|dix huit|dix neuf|vingt)\b)"
)
"""« un de 5 ans et l'autre de 9 », « oui 1 de 3 ans »: a child, then its age."""
_NAMED_CHILD = re.compile(
    r"\b(?:le|la|mon|ma|l) (?:grand|grande|aine|ainee|cadet|cadette|dernier|derniere|plus jeune|plus grand|"
    r"plus grande|moyen|moyenne)\b"
)
"""« le grand a 15 ans et la petite 8 »: the children named by their rank."""


def _child_tokens(folded: str) -> list[str]:
    """Folded words with number words as digits ("deux enfants de trois et 7ans" → 2 enfants de 3 et 7 ans)."""
    converted = str(alpha2digit(folded, "fr"))
    tokens = words(_SPLIT_DIGITS.sub(" ", converted))
    return [str(COUNT_WORDS[token]) if token in COUNT_WORDS else token for token in tokens]


def _ages_after(tokens: list[str], start: int) -> list[int]:
    """Ages listed from `start` on: numbers in a list that ends with "an(s)" or "mois" ("3, 5 et 7 ans")."""
    ages: list[int] = []
    pending: list[int] = []
    after_dont = False
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.isdigit():
            if after_dont:  # "2 enfants dont 1 de 3 ans": a count of children, not an age.
                after_dont = False
                continue
            pending.append(int(token))
            continue
        after_dont = token in ("dont", "l", "le", "la")
        if token in ("an", "ans") and pending:
            ages.extend(pending)
            pending = []
        elif token in ("mois",) and pending:
            ages.extend(months // 12 for months in pending)  # « 14 mois » is 1 year old
            pending = []
        elif token in _LIST_GLUE:
            continue
        elif token in _CHILD_NOUNS:
            # "2 enfants de 3 ans et 1 fille de 5 ans": a new count, not an age.
            pending = pending[:-1] if pending and _is_count_before(tokens, index) else pending
        else:
            pending = []
    if ages and pending and len(pending) == 1:
        ages.extend(pending)  # « le grand a 15 ans et la petite 8 »: the unit said once
    return ages


def _is_count_before(tokens: list[str], index: int) -> bool:
    return index > 0 and tokens[index - 1].isdigit()


def _grown_up_and_gone(folded: str) -> bool:
    """« ils sont grands, ils ne vivent plus chez moi »: no child at charge (unless one still lives at home)."""
    spaced = padded(folded)
    still_home = has_any(spaced, phrases("encore a la maison", "encore chez moi", "toujours a la maison",
                                         "toujours chez moi", "encore chez nous", "vit encore", "vivent encore"))
    return has_any(spaced, _GROWN_UP) and not still_home


def _count_then_ages(folded: str) -> Children | None:
    """« oui 2 : 8 ans et 9 ans », « trois (4, 9 et 12 ans) »: the count, then exactly its ages (after a comma,
    only when the numbers agree: « 3, 5 et 7 ans » is three ages)."""
    converted = _SPLIT_DIGITS.sub(" ", str(alpha2digit(folded, "fr")))
    lead = _SEPARATOR_AFTER_COUNT.match(converted)
    if lead is None:
        return None
    count = int(COUNT_WORDS.get(lead.group(1), lead.group(1)))
    rest = [str(COUNT_WORDS[token]) if token in COUNT_WORDS else token for token in words(converted[lead.end():])]
    if not any(token in ("an", "ans", "mois") for token in rest):
        rest = [*rest, "ans"]
    ages = [age for age in _ages_after(rest, 0) if age <= MAX_CHILD_AGE]
    separator = converted[lead.end() - 1]
    agree = len(ages) == count or (separator in ":(" and len(ages) < count)
    if 0 < count <= MAX_PLAUSIBLE_CHILDREN and ages and agree:
        return Children(count=count, ages=tuple(ages))
    return None


def read_children(text: str) -> Children | None:
    """Read the children of the household: "2 enfants de 3 et 7 ans", "une fille de 12 ans", "pas d'enfant".

    In light of the question "combien d'enfants avez-vous à charge ?": a bare number is a count ("2"), a bare
    list of ages is that many children ("3 et 7 ans"), "non"/"aucun" is zero. The resident's own age before the
    first child ("j'ai 34 ans et 2 enfants") is not a child's age. Returns None when the count cannot be told
    ("oui", "des enfants", "je ne sais pas").
    """
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    if _grown_up_and_gone(folded):
        return Children(count=0)
    folded = folded.replace("'", " ")  # « l'aîné », « j'attends »: the patterns below are written with spaces
    folded = _EXPECTED.sub(" ", folded)  # a child to come is a pregnancy, not a child at charge
    if not words(folded):
        return Children(count=0)
    folded = _NAMED_CHILD.sub(" l enfant ", folded)
    folded = _ONE_OF.sub(" un enfant ", folded)
    listed = _count_then_ages(folded)
    if listed is not None:
        return listed
    tokens = _child_tokens(folded)
    if has_any(padded(folded), _NO_CHILDREN) and not any(token.isdigit() and int(token) > 0 for token in tokens):
        return Children(count=0)
    noun_positions = [index for index, token in enumerate(tokens) if token in _CHILD_NOUNS]
    # A noun used as an adjective before another noun ("petits enfants") is not a child of its own.
    noun_positions = [index for index in noun_positions if index + 1 not in noun_positions]
    count = 0
    count_known = bool(noun_positions)
    for index in noun_positions:
        before = tokens[index - 1] if index > 0 else ""
        before2 = tokens[index - 2] if index > 1 else ""
        token = tokens[index]
        if before.isdigit():
            count += int(before) * (_NOUN_COUNTS.get(token, 1) if int(before) == 1 else 1)
        elif before in ("mes", "des", "les", "nos") and before2.isdigit():
            count += int(before2)
        elif token in _NOUN_COUNTS:
            count += _NOUN_COUNTS[token]
        elif token in _PLURAL_NOUNS or before in ("mes", "des", "nos", "les", "plusieurs"):
            count_known = False
        else:
            count += 1
    first_child = noun_positions[0] if noun_positions else 0
    ages = [age for age in _ages_after(tokens, first_child) if age <= MAX_CHILD_AGE]
    if noun_positions and not count_known:
        if not ages:
            return None
        count = len(ages)
    if not noun_positions:
        numbers = [int(token) for token in tokens if token.isdigit()]
        has_unit = any(token in ("an", "ans", "mois") for token in tokens)
        if has_any(padded(folded), _NO_CHILDREN) and not any(numbers):
            return Children(count=0)
        if ages and has_unit:
            count = len(ages)
        elif len(numbers) == 1:
            count, ages = numbers[0], []
        else:
            return None
    elif count == 0 and has_any(padded(folded), _NO_CHILDREN):
        return Children(count=0)
    if ages and _NOUN_COUNTS.get(tokens[noun_positions[0]] if noun_positions else "", 0) == len(ages) * 2:
        ages = ages * 2  # "des jumeaux de 4 ans": both are 4.
    if count > MAX_PLAUSIBLE_CHILDREN:
        return None
    if count and not ages and noun_positions:
        # « 2 filles 4 et 6 »: as many numbers after the children as they are, without « ans », are their ages.
        after = [int(token) for token in tokens[noun_positions[-1] + 1:] if token.isdigit()]
        if len(after) == count and all(age <= MAX_CHILD_AGE for age in after):
            ages = after
    return Children(count=count, ages=tuple(ages))


def read_child_ages(text: str) -> tuple[int, ...] | None:
    """Read only ages, in answer to "quel âge ont vos enfants ?": "3 et 7", "3 ans, 7 ans", "6 mois"."""
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    tokens = _child_tokens(folded)
    if not any(token in ("an", "ans", "mois") for token in tokens):
        tokens = [*tokens, "ans"]
    ages = _ages_after(tokens, 0)
    if not ages or any(age > MAX_CHILD_AGE for age in ages):
        return None
    return tuple(ages)
