"""Children and their ages from everyday and SMS French."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from text_to_num import alpha2digit

from nlu.children_said import GONE, as_children_said
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


_ONE_OF_NOUN = "enfantdont"
"""The noun « un de 4 ans » becomes: a child of an enumeration, that may detail a count said before it."""
_NAMED_NOUN = "enfantnomme"
"""The noun « le grand », « l'aînée » become: one of the children, detailing a count said before it."""
# fmt: off
_CHILD_NOUNS = frozenset(
    {
        "enfant", "enfants", "enf", "gosse", "gosses", "gamin", "gamins", "gamine", "gamines", "fils", "fille",
        "filles", "garcon", "garcons", "gars", "bebe", "bebes", "mome", "momes", "ado", "ados", "adolescent",
        "adolescents", "adolescente", "adolescentes", "jumeaux", "jumelles", "triples", "triplees", "minot",
        "minots", "loulou", "loulous", "petit", "petits", "petite", "petites", "marmot", "marmots", "bambin",
        "bambins", "nourrisson", "ptit", "ptits", "ptite", "ptites", "filleul", _ONE_OF_NOUN, _NAMED_NOUN, "neveu",
        "neveux", "niece", "nieces", "jumo", "jumos", "jumeau", "jumelle", "enfts", "enft", "enfs", "aines", "ainees",
        "cadets", "cadettes",
    }
)
# fmt: on
# fmt: off
_PLURAL_NOUNS = frozenset(
    {
        "enfants", "gosses", "gamins", "gamines", "filles", "garcons", "bebes", "momes", "ados", "adolescents",
        "adolescentes", "minots", "loulous", "petits", "petites", "marmots", "bambins", "ptits", "ptites",
        "neveux", "nieces", "aines", "ainees", "cadets", "cadettes",
    }
)
# fmt: on
_NOUN_COUNTS = {"jumeaux": 2, "jumelles": 2, "triples": 3, "triplees": 3, "jumo": 2, "jumos": 2}
_COUNT_THEN_QUI = frozenset({"qui"})
"""« 1 qui a 7 ans »: a number followed by « qui » counts children."""
_LIST_GLUE = frozenset({"et", "ou", "de", "a", "ans", "an", "mois", "puis", "avec", "plus", "l", "le", "la",
                        "vient", "d", "avoir", "qui", "eu", "juste", "tout"})
# fmt: off
_NO_CHILDREN = phrases(
    "pas d enfant", "pas d enfants", "pas denfant", "pas denfants", "aucun enfant", "aucun", "aucune", "zero",
    "0", "sans enfant", "sans enfants", "pas de gosse", "pas de gosses", "pas de gamin", "pas de gamins",
    "j en ai pas", "je n en ai pas", "j en ai aucun", "je n en ai aucun", "pas encore", "personne", "aucun a charge",
    "pas d enfant a charge", "pas d enfants a charge", "nada", "pas de bebe", "pas de momes", "non", "nan",
    "pas du tout", "rien", "ils sont grands", "plus a charge", "plus d enfant a charge", "jamais eu d enfant",
    "jamais eu d enfants", "pas eu d enfant", "pas eu d enfants", "pas encore d enfant", "pas encore d enfants",
)
# fmt: on
_SPLIT_DIGITS = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")
_SEPARATOR_AFTER_COUNT = re.compile(
    r"^\s*(?:oui|ouais|yes|j ai|nous avons|on a|il y a)?\s*,?\s*"
    r"(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s*(?:enfants?|enfs?)?\s*[:(\-=,\u2013\u2014]"
)
"""« oui 2 : 8 et 9 ans », « trois (4, 9 et 12 ans) », « 2, 6 ans et 10 ans »: a count, then the list of ages."""
_EXPECTED = re.compile(r"\b(?:et )?(?:j attends|on attend|nous attendons|j attend|enceinte de (?:\d{1,2}|[a-z]+) "
                       r"(?:mois|semaines)(?:,? c (?:est )?(?:mon|notre) (?:1er|premier|1ere|premiere))?|enceinte)"
                       r"(?: (?:un|une|mon|notre|le|des))?(?: (?:deuxieme|troisieme|2e|2eme|3e|3eme|autre|second|"
                       r"seconde|petit|petite))?"
                       r"(?: (?:bebe|enfant|premier|deuxieme|heureux evenement|jumeaux|jumelles))?\b"
                       r"|(?:\+ ?|\bet |\bplus )?\b(?:1|un|une|un autre|le \w+) (?:en route|a venir|qui arrive|"
                       r"pour bientot|prevu(?:e)? (?:en|pour) \w+)\b")
"""« j'attends un bébé », « 2 + 1 en route »: a pregnancy."""
_ONE_OF = re.compile(
    r"(?<!dont )\b(?:un|une|1|l autre|l un|l une)(?= de \d| de (?:un|une|deux|trois|quatre|cinq|six|sept|huit|"
    r"neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix sept|dix huit|dix neuf|vingt)\b)"
)
"""« un de 5 ans et l'autre de 9 », « oui 1 de 3 ans »: a child, then its age."""
_NOT_A_CHILD = re.compile(r"\b(?:petite?s?|ptite?s?) (pension|retraite|boulot|job|appart|appartement|salaire|studio|"
                         r"maison|chien|chat|ville|commune|boite|entreprise|budget|somme|voiture|jardin|epargne)\b")
"""« ma petite pension », « un petit boulot »: no child."""
_ONE_OF_AGE = re.compile(rf"{_ONE_OF_NOUN}\s+de (\d{{1,2}})\b(?! ?(?:ans?|mois|semaines?)\b)")
"""« 1 de 12 et l'autre de 15 »: each number after « un de » is that child's age."""
_NAMED_CHILD = re.compile(
    r"\b(?:le|la|mon|ma|l|sa|son|leur) (?:grand|grande|aine|ainee|cadet|cadette|dernier|derniere|plus jeune|"
    r"plus grand|plus grande|moyen|moyenne)\b"
    r"|\b(?:le|la|mon|ma|l) (?:premier|premiere|1er|1ere|deuxieme|2eme|2e|second|seconde|troisieme|3eme|3e|"
    r"quatrieme|4eme|4e|cinquieme|5eme|5e)\b(?! enfant)"
)
"""« le grand a 15 ans et la petite 8 », « le premier 16 ans, le deuxième 13 »: children named by their rank."""
_BIRTH = re.compile(
    r"\b(?:ne|nee|nes|nees|naissance|annee|en|le|de)(?: (?:en|le|de))?(?: \d{1,2})?"
    r"(?: (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))? ((?:19|20)\d\d)\b"
)
"""« nés en 2015 et 2019 », « né en mars 2024 »: a child's birth year, maybe with its month, after a word that
makes it one (« séparée depuis 2020 » is no child's birth)."""
_NEXT_BIRTH = re.compile(r"(\d+ ans\s*)(?:et|,|puis|et en|,? et)\s+((?:19|20)\d\d)\b")
_MONTH_NUMBERS = {name: index for index, name in enumerate(
    ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
     "decembre"), start=1)}
_ONLY_AT_HOME = re.compile(
    r"\b(?:seul(?:e|s|es)? |seulement |que |qu )?(\d+|un|une|deux|trois|quatre) (?:seul(?:e|s|es)? )?(?:qui )?"
    r"(?:vit|vivent|habite|habitent|est|sont) (?:encore |toujours )?(?:avec moi|chez moi|avec nous|chez nous|"
    r"a la maison|a ma charge|a charge|a notre charge)\b"
)
"""« trois enfants mais un seul vit avec moi »: the children at charge are those who live at home."""


def _birth_years_as_ages(folded: str, today: date) -> str:
    """« nés en 2015 et 2019 » → « 11 ans et 7 ans » (on 3 December 2026): ages are what the bilan needs."""
    def age(match: re.Match[str]) -> str:
        year = int(match.group(2))
        if not 1990 <= year <= today.year:
            return match.group(0)
        month = _MONTH_NUMBERS.get(match.group(1) or "")
        years = today.year - year - (1 if month is not None and month > today.month else 0)
        return f" {max(years, 0)} ans "
    converted = _BIRTH.sub(age, folded)
    while (listed := _NEXT_BIRTH.search(converted)) is not None:  # « nés en 2015 et 2019 »: the list goes on
        year = int(listed.group(2))
        if not 1990 <= year <= today.year:
            break
        converted = converted[:listed.start(2)] + f"{today.year - year} ans" + converted[listed.end(2):]
    return converted


def expects_child(text: str) -> bool:
    """« j'attends un bébé », « enceinte », « 2 + 1 en route »: the resident or the partner expects a child (the
    children question asks it too, for the PAJE's prime à la naissance)."""
    return bool(_EXPECTED.search(fold(text).replace("'", " ")))


def _normalised(text: str, today: date | None) -> str:
    """The folded answer with what every children reader agrees on: birth years as ages, a coming child removed,
    children named by rank or as « un de » made nouns."""
    folded = fold(text).replace("'", " ")  # « l'aîné », « j'attends »: the patterns are written with spaces
    folded = _birth_years_as_ages(folded, today or date.today())
    folded = _EXPECTED.sub(" ", folded)  # a child to come is a pregnancy, not a child at charge
    folded = as_children_said(str(alpha2digit(folded, "fr")))
    folded = _NAMED_CHILD.sub(f" l {_NAMED_NOUN} ", _NOT_A_CHILD.sub(r"\1", folded))
    return _ONE_OF_AGE.sub(rf"{_ONE_OF_NOUN} de \1 ans", _ONE_OF.sub(f" un {_ONE_OF_NOUN} ", folded))


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
    after_noun = named = False  # whether the pending numbers follow a child's noun (« la petite 8 »)
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.isdigit():
            if after_dont:  # "2 enfants dont 1 de 3 ans": a count of children, not an age.
                after_dont = False
                continue
            named = named or (not pending and after_noun)
            pending.append(int(token))
            continue
        after_dont = token in ("dont", "l", "le", "la")
        if token in _COUNT_THEN_QUI and pending and index > 0 and tokens[index - 1].isdigit() and not named:
            pending = pending[:-1]  # « 1 qui a 7 ans », « 2 qui vivent avec moi »: a count, not an age
        if token not in _LIST_GLUE:
            after_noun = token in _CHILD_NOUNS
        if named and pending and ages and token not in _LIST_GLUE and token not in _CHILD_NOUNS:
            ages.extend(pending)  # « la petite 8, c'est elle qui… »: the unit said once, before
            pending, named = [], False
        if token in ("an", "ans") and pending:
            ages.extend(pending)
            pending, named = [], False
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
    if ages and pending and named:
        ages.extend(pending)  # « le grand a 15 ans et la petite 8 »: the unit said once
    return ages


def _is_count_before(tokens: list[str], index: int) -> bool:
    return index > 0 and tokens[index - 1].isdigit()


def _grown_up_and_gone(folded: str, normalised: str) -> bool:
    """« ils sont grands, ils ne vivent plus chez moi »: no child at charge, unless the answer still tells one at
    home (the children who left are out of `normalised`, see nlu.children_said)."""
    return has_any(padded(folded), GONE) and not any(token.isdigit() for token in words(normalised))


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
        last = max((index for index, token in enumerate(rest) if token.isdigit()), default=len(rest) - 1)
        rest = [*rest[:last + 1], "ans", *rest[last + 1:]]
    ages = list(_with_twins(rest, [age for age in _ages_after(rest, 0) if age <= MAX_CHILD_AGE]))
    separator = converted[lead.end() - 1]
    agree = len(ages) == count or (separator in ":(" and len(ages) < count)
    if 0 < count <= MAX_PLAUSIBLE_CHILDREN and ages and agree:
        return Children(count=count, ages=tuple(ages))
    return None


def read_children(text: str, today: date | None = None) -> Children | None:
    """Read the children of the household: "2 enfants de 3 et 7 ans", "une fille de 12 ans", "pas d'enfant".

    In light of the question "combien d'enfants avez-vous à charge ?": a bare number is a count ("2"), a bare
    list of ages is that many children ("3 et 7 ans"), "non"/"aucun" is zero. The resident's own age before the
    first child ("j'ai 34 ans et 2 enfants") is not a child's age. Returns None when the count cannot be told
    ("oui", "des enfants", "je ne sais pas").
    """
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    normalised = _normalised(text, today)
    if _grown_up_and_gone(folded, normalised):
        return Children(count=0)
    folded = normalised
    if not words(folded):
        return Children(count=0)
    read = _count_then_ages(folded) or _children_in(folded)
    at_home = _ONLY_AT_HOME.search(str(alpha2digit(folded, "fr")))
    if at_home is not None:
        living = int(COUNT_WORDS.get(at_home.group(1), at_home.group(1)))
        if read is None or read.count > living:
            return Children(count=living)
    return read


def _details_of_a_count(tokens: list[str], nouns: list[int], count: int, ages: int) -> int:
    """« deux garçons, le grand a 15 ans et le petit 8 », « 2 enfants, un garçon de 7 ans et une fille de 4 »: after
    a count said with a plural noun and no ages yet, the children named one by one are those counted."""
    if len(nouns) < 2 or nouns[0] == 0 or not tokens[nouns[0] - 1].isdigit() or tokens[nouns[0]] not in _PLURAL_NOUNS:
        return count
    counted = int(tokens[nouns[0] - 1])
    if ages > counted or any(tokens[i - 1] in ("plus", "aussi") or tokens[i - 2:i] == ["plus", "mon"]
                             for i in nouns[1:]):
        return count  # « 2 enfants ensemble plus mon fils »: one more
    named = all(tokens[i] == _NAMED_NOUN for i in nouns[1:])
    ages_between = any(token in ("an", "ans", "mois") for token in tokens[nouns[0] + 1:nouns[1]])
    singles = all(tokens[i] not in _PLURAL_NOUNS and not (tokens[i - 1].isdigit() and int(tokens[i - 1]) > 1)
                  for i in nouns[1:])
    if (named or (singles and not ages_between)) and len(nouns) - 1 <= counted:
        return counted
    groups = [int(tokens[i - 1]) for i in nouns[1:] if tokens[i - 1].isdigit()]
    if len(groups) == len(nouns) - 1 and sum(groups) == counted:
        return counted  # « 4 enfants : les 2 aînés de 17 et 14 ans, les 2 petits de 5 et 3 ans »
    return count


def _children_in(folded: str) -> Children | None:
    """Children told by nouns, numbers and ages (see :func:`read_children`), from the normalised answer."""
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
    detailed = [index for index in noun_positions if tokens[index] == _ONE_OF_NOUN]
    told = noun_positions[0] if noun_positions else None
    if told is not None and told > 0 and tokens[told - 1].isdigit() and tokens[told] != _ONE_OF_NOUN \
            and len(detailed) == int(tokens[told - 1]) == len(noun_positions) - 1 >= 2:
        count = len(detailed)  # « 2 enfants, 1 de 4 ans et 1 de 10 ans »: the two, then each of them
    first_child = noun_positions[0] if noun_positions else 0
    ages = [age for age in _ages_after(tokens, first_child) if age <= MAX_CHILD_AGE]
    count = _details_of_a_count(tokens, noun_positions, count, len(ages))
    if noun_positions and not count_known:
        if not ages:
            return None
        count = len(ages)
    if not noun_positions:
        # « 3 dont un majeur »: what follows « dont » describes some of them, the count comes before.
        counted = tokens[:tokens.index("dont")] if "dont" in tokens else tokens
        numbers = [int(token) for token in counted if token.isdigit()]
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
    ages = list(_with_twins(tokens, ages))  # "des jumeaux de 4 ans": both are 4.
    if count > MAX_PLAUSIBLE_CHILDREN:
        return None
    if count and not ages and noun_positions:
        # « 2 filles 4 et 6 »: as many numbers after the children as they are, without « ans », are their ages.
        after = [int(token) for token in tokens[noun_positions[-1] + 1:] if token.isdigit()]
        if len(after) == count and all(age <= MAX_CHILD_AGE for age in after):
            ages = after
    return Children(count=count, ages=tuple(ages))


def read_child_ages(text: str, today: date | None = None) -> tuple[int, ...] | None:
    """Read only ages, in answer to "quel âge ont vos enfants ?": "3 et 7", "3 ans, 7 ans", "6 mois", "un de 9 et
    un de 11", "nés en 2015 et 2019" (`today`: for birth years; default: the real date)."""
    if not fold(text) or is_dont_know_text(fold(text)):
        return None
    tokens = _child_tokens(_normalised(text, today))
    if not any(token in ("an", "ans", "mois") for token in tokens):
        # « 7, 7 et 12 (les jumelles et leur frère) »: the question asks ages, the unit is understood after them
        last = max((index for index, token in enumerate(tokens) if token.isdigit()), default=len(tokens) - 1)
        tokens = [*tokens[:last + 1], "ans", *tokens[last + 1:]]
    ages = _ages_after(tokens, 0)
    if not ages:  # « 14, j'oublie toujours »: numbers alone answer « quel âge ? »
        ages = [int(token) for token in tokens if token.isdigit()]
    if not ages or any(age > MAX_CHILD_AGE for age in ages):
        return None
    return _with_twins(tokens, ages)


def _with_twins(tokens: list[str], ages: list[int]) -> tuple[int, ...]:
    """« des jumeaux de 4 ans et leur frère de 9 »: the twins' age counts for each of them (the first age after the
    noun, unless it is said twice already)."""
    twin = next((index for index, token in enumerate(tokens) if token in _NOUN_COUNTS), None)
    if twin is None:
        return tuple(ages)
    times = _NOUN_COUNTS[tokens[twin]]
    first = next((int(token) for token in tokens[twin + 1:] if token.isdigit()), None)
    if first is None or first not in ages:
        first = ages[0] if len(ages) == 1 else None  # « 2 jumelles de 18 mois », « 15 ans, des jumeaux »
    if first is None or ages.count(first) >= times:
        return tuple(ages)
    position = ages.index(first)
    return tuple(ages[:position] + [first] * times + ages[position + 1:])
