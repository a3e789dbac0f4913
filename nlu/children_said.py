"""How residents tell their children beyond a count and ages, rewritten for the children reader (pure).

Texts are folded, apostrophes as spaces, number words already digits. Each rewrite keeps what the bilan needs:
- children who left (« mon aîné a 20 ans, il vit plus chez nous, les autres ont 16 et 9 ans ») are left out, and
  so is the total that counted them (« j'en ai 4 mais deux sont partis, il me reste les jumeaux »);
- a list corrected in the same message (« 5 et 7 ans, enfin non pardon 5 et 8 ans ») keeps the corrected list;
- an age to come (« il aura 7 ans en mars ») is the age now, unless the message already said the ages;
- « j'en ai deux » is « 2 enfants »; a baby in weeks or days is 0 years old; « moins de 10 ans » and « et demi »
  are no ages.
"""

from __future__ import annotations

import re
from typing import Final

from nlu.numbers import COMING_VERBS
from nlu.restated import meant
from nlu.text import has_any, padded, phrases

GONE: Final = phrases(
    "ne vivent plus", "ne vit plus", "vivent plus", "vit plus", "ont quitte", "a quitte la maison", "sont partis",
    "sont parties", "plus a charge", "plus a ma charge", "plus a notre charge", "ils sont grands",
    "elles sont grandes", "sont majeurs et partis", "ont leur vie", "ont leur appartement", "plus chez moi",
    "plus chez nous", "plus a la maison", "a l armee", "fait sa vie", "font leur vie", "est parti de la maison",
    "est partie de la maison", "vit chez son pere", "vit chez sa mere", "vit en appartement", "vit avec sa copine",
    "vit avec son copain", "est marie", "est mariee", "sont maries", "parti vivre", "partie vivre", "partis vivre",
    "parties vivre", "sont adultes", "ils travaillent", "elles travaillent", "ont grandi", "plus maintenant",
    "parti en appart", "partie en appart", "s est installe", "s est installee", "sa propre famille", "son appart",
    "vivent chez leur pere", "vivent chez leur mere", "seulement le week end", "que le week end", "le week end",
    "1 we sur 2", "un week end sur deux", "1 week end sur 2", "famille d accueil", "placee", "place en",
    "vit chez son pere", "chez leur pere", "chez son pere depuis", "a son logement", "son logement",
    "ont leur appart", "a son appartement", "sont tous partis", "sont toutes parties", "tous partis", "toutes parties",
    "en colocation", "en coloc", "son propre appartement", "son propre appart", "sa propre maison",
)
"""Words that say a child left the household (« il est parti » alone may be the other parent)."""
STILL_HOME: Final = phrases(
    "il me reste", "il en reste", "me reste", "il reste", "reste les", "les autres", "l autre", "encore a la maison",
    "encore chez moi",
    "toujours a la maison", "toujours chez moi", "encore chez nous", "vit encore", "vivent encore", "a la maison",
    "avec moi", "chez moi toute", "avec nous",
)
_CLAUSE = re.compile(r"\s*(?:[,;.!?:]|\bmais\b|\bet\b(?= (?:les autres|l autre|il me reste|mon|ma|le|la|les) ))\s*")
_TOTAL_ONLY = re.compile(r"^[^\d]*?\b(?:\d+|un|une|deux|trois|quatre|cinq|six)\s*enfants?\s*$")
_PRONOUN_FIRST = re.compile(r"^\s*(?:mais )?(?:lui|il|elle|celui|celle|ils|elles|eux)\b")
_PRONOUN_ALONE = re.compile(r"^\s*(?:lui|elle|eux|elles)\s*$")
_PLURAL_PRONOUN_FIRST = re.compile(r"^\s*(?:mais )?(?:ils|elles|eux)\b")
_AT_HOME = phrases("chez moi toute", "avec moi", "chez nous", "avec nous", "a la maison avec moi", "sont chez moi",
                   "est chez moi", "vivent chez moi", "vit chez moi")
"""…unless the same clause says they live with the resident (« chez moi toute la semaine et chez leur père un
week-end sur deux »)."""
_SIBLING = re.compile(r"\b(?:sa|son|leur) (?:grande |petite |grand |petit )?(?:soeur|frere)\b")
"""« un petit de 6 semaines et sa sœur de 3 ans »: a brother or sister of a child told is one more child."""
_CORRECTION = re.compile(
    r"\b(?:enfin non(?: pardon)?|non pardon|non attendez|non attends|attendez|je me suis trompee?|je me trompe|euh non|"
    r"je veux dire|pardon|en fait non|non en fait|plutot)\b"
)
_AGES = re.compile(r"\b\d{1,2}\b(?= ?(?:ans?|mois|,| et|$))")
_COMING = re.compile(
    rf"\b(il |elle |qui )?(?:{COMING_VERBS}) (\d{{1,2}}) ans\b"
    r"(?: (?:au mois de|en|le mois prochain|dans)(?: [a-z]+)?(?: prochain)?)?")
_NEW_CHILD_BEFORE = re.compile(r"\b(?:mon|ma|et mon|et ma) (?:fils|fille|garcon|bebe|petit|petite|cadet|cadette|"
                               r"dernier|derniere)\s*$")
_COUNT_PRONOUN = re.compile(
    r"\b(?:j en ai|on en a|nous en avons|j en ai eu|en ai|y en a|yen a|il y en a|pour mes|mes) (\d{1,2})\b(?! ans)")
_WEEKS_AS = " 1 mois "
"""A baby of some weeks is 0 years old (a month counts 0 years; a « 0 » would read as « no child »)."""
_WEEKS = re.compile(r"(?:\b(?:de|a) |^\s*)(\d{1,2}) (?:semaines?|jours?)\b")
_NOT_AN_AGE = re.compile(
    r"\b(?:moins|plus) de \d{1,2} ans\b|\bet demi(?:e)?\b|\b(?:tous|toutes) les (?:\d|deux|trois|quatre|cinq)\b"
    r"|\b(?:1|un|une) (?:semaine|samedi|dimanche|week end|we|weekend|jour|mois) sur (?:2|deux)\b"
    r"|\b(?:il|elle) fete ses \d{1,2} ans\b|\b(?:il|elle) en (?:aura|a eu) \d{1,2}\b(?: en [a-z]+)?"
    r"|\b(?:nous|tous les|toutes les|on est|juste nous) (?:2|deux)\b|\bbientot (?:1|un|une)\b"
    r"|\b(?:quand|lorsqu) (?:il|elle) "
    r"etait (?:bebe|petite?)\b|\b(?:dans|depuis|il y a) \d{1,2} (?:jours?|semaines?|mois|ans)\b")
_YEARS_AND_MONTHS = re.compile(r"\b(?:a|de) (\d{1,2}) ans et (?:[1-9]|1[01]) mois\b")
"""« il a 2 ans et 3 mois »: one child's age (« 9 ans, 5 ans et 6 mois » lists three children)."""
_NONE_TOGETHER = re.compile(r"\b(?:pas|aucun) d ?enfants? (?:ensemble|en commun|a nous)\b")
_COUNT_OF = re.compile(r"^\s*(?:oui\s*,?\s*)?(\d{1,2}) de\b")
"""« 2 de 3 et 7 ans »: two children."""
_MOIS_TYPO = re.compile(r"(?<=\d) moi\b")


def _without(spaced: str, listed: tuple[str, ...]) -> str:
    for phrase in sorted(listed, key=len, reverse=True):  # « plus chez nous » before « vit plus »
        spaced = spaced.replace(f" {phrase} ", " ")
    return spaced


def _without_the_gone(text: str) -> str:
    """The clauses about children still at home (see the module docstring); the text itself when none is gone."""
    if not has_any(padded(text), GONE):
        return text
    clauses = [clause for clause in _CLAUSE.split(text) if clause.strip()]
    kept: list[str] = []
    after_gone = False
    for clause in clauses:
        gone = has_any(padded(clause), GONE) and not has_any(_without(padded(clause), GONE), _AT_HOME)
        if not gone:
            kept.append(clause)
        elif after_gone and _PRONOUN_FIRST.match(clause):
            pass  # « elle ne vit plus à la maison, elle s'est installée… »: the same child, gone once
        elif kept and _PRONOUN_ALONE.match(kept[-1]):
            kept.pop()  # « mon fils, lui, est parti vivre à Marseille »
            if kept and not _TOTAL_ONLY.match(kept[-1]):
                kept.pop()
        elif _PLURAL_PRONOUN_FIRST.match(clause):  # « mon fils a 9 ans, ma fille 5, mais ils vivent chez leur père »
            kept = [told for told in kept if _TOTAL_ONLY.match(told)]
        elif _PRONOUN_FIRST.match(clause) and kept and not _TOTAL_ONLY.match(kept[-1]):
            kept.pop()  # « mon fils 22 ans, mais lui il est parti en appart »
        after_gone = gone
    if any(has_any(padded(clause), STILL_HOME) for clause in kept):
        kept = [clause for clause in kept if not _TOTAL_ONLY.match(clause)]
    return " , ".join(kept)


def _corrected(text: str) -> str:
    """« 5 et 7 ans, enfin non pardon 5 et 8 ans »: the list after the last correction replaces the one before."""
    found = [match for match in _CORRECTION.finditer(text) if len(_AGES.findall(text[match.end():])) >= 2]
    if not found:
        return text
    before, after = text[: found[-1].start()], text[found[-1].end():]
    head = re.split(r"\b\d{1,2} ?(?:ans?|mois|,| et)", before, maxsplit=1)[0]
    return f"{head} {after}"


_SWAP = re.compile(r"(?:\b(?:pardon|non|enfin|euh)\s*,?\s*)?\b(\d{1,2}) ans? (?:et )?pas (\d{1,2})\b(?! ans? (?:et|,))")
"""« 5 et 8 ans, pardon 9 ans pas 8 »: one age of the list corrected."""


def _swapped(text: str) -> str:
    """« 2 enfants de 5 et 8 ans, pardon 9 ans pas 8 » is 5 and 9: the denied age told before is replaced."""
    found = _SWAP.search(text)
    if found is None:
        return text
    before = text[: found.start()]
    denied = list(re.finditer(rf"\b{found.group(2)}\b", before))
    if not denied:
        return text
    last = denied[-1]
    return f"{before[: last.start()]}{found.group(1)}{before[last.end():]}{text[found.end():]}"


def _coming(text: str) -> str:
    """« il aura 7 ans en mars » is 6 now; dropped when the ages were said before it (« 2 et 6 ans, le 2e va avoir
    7 ans dans une semaine »)."""
    def now(match: re.Match[str]) -> str:
        introduced = _NEW_CHILD_BEFORE.search(text[: match.start()]) is not None  # « et ma fille aura 4 ans »
        said_before = _AGES.search(text[: match.start()]) is not None and match.group(1) != "qui " and not introduced
        return " " if said_before else f" {int(match.group(2)) - 1} ans "  # « mon fils qui va avoir 4 ans »: 3
    return _COMING.sub(now, text)


def as_children_said(text: str) -> str:
    """The rewrites above, in order (the text folded, apostrophes as spaces, number words digits)."""
    text = _SIBLING.sub(" enfant ", _MOIS_TYPO.sub(" mois", text))
    text = _COUNT_PRONOUN.sub(r"\1 enfants", text)
    text = _WEEKS.sub(_WEEKS_AS, text)
    text = _coming(_NOT_AN_AGE.sub(" ", text))
    text = _YEARS_AND_MONTHS.sub(r"a \1 ans", meant(_corrected(_swapped(_NONE_TOGETHER.sub(" ", text)))))
    text = _COUNT_OF.sub(r"\1 enfants de", text)
    return _without_the_gone(text)
