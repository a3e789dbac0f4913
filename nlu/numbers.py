"""Read numbers written by residents in French, the way they really write them.

Residents answer in digits ("34"), in words ("trente-quatre ans"), in SMS style
("34ans", "jai 34 ans") or with a birth year ("né en 1989"). A statistical
classifier reads none of these reliably, so the form validation reads the answer
*in light of the question asked* with these pure functions. They never raise and
take `today` as a parameter so that tests do not depend on the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from text_to_num import alpha2digit

from nlu.ages_said import birth_date_age, ordinal_year_age, own_age, restated_age
from nlu.amount_choice import choose
from nlu.amount_words import as_digits, rough_numbers, typed_digits
from nlu.replies import is_dont_know_text, without_doubt
from nlu.restated import added_up, meant
from nlu.text import SHORT_NOTHING_WORDS, fold, has_any, padded, phrases, words

MIN_PLAUSIBLE_AGE = 15
"""Youngest age the estimate is meant for (younger residents are not its audience)."""

MAX_PLAUSIBLE_AGE = 120
"""Oldest plausible age; anything above is almost certainly a typing slip."""

EARLIEST_BIRTH_YEAR = 1900
"""Four-digit numbers from this year on are read as a birth year, not as an age."""

_NUMBER = re.compile(r"\d+")
_AGE_WITH_UNIT = re.compile(r"(\d+)\s*ans?\b")
_BIRTH_YEAR = re.compile(r"\b(\d{4})\b")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, unify apostrophes and spaces, and turn French number words into digits.

    alpha2digit is given a clean string because typographic apostrophes and
    non-breaking spaces (common on phones) would otherwise split number words.
    """
    cleaned = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    cleaned = _SPACES.sub(" ", cleaned.strip().lower())
    if not cleaned:
        return ""
    return str(alpha2digit(cleaned, "fr"))


def age_from_birth_year(year: int, today: date) -> int | None:
    """Age reached this calendar year by someone born in `year`.

    Without the birth date the age may be one year too high before the birthday;
    that is precise enough for an estimate and spares the resident a question.
    Returns None for a year in the future or before EARLIEST_BIRTH_YEAR.
    """
    if year < EARLIEST_BIRTH_YEAR or year > today.year:
        return None
    return today.year - year


COMING_VERBS: Final = (r"aurais|aurai|auront|aura|vais avoir|va avoir|vont avoir|fera|vais feter|va feter|feterai|"
                       r"fetera")
"""Verbs of an age to come (« j'aurai », « il va avoir »), shared with the children's ages (nlu.children_said)."""
_COMING_AGE = re.compile(
    rf"(?:{COMING_VERBS}|vais sur mes|va sur ses|bientot|presque|fete mes)\s+(?:mes |ses |les )?(\d{{1,3}})"
    r"\s*(?:ans?\b|$)"
)
"""A birthday to come before the age (« j'aurai 51 ans », « bientôt 40 »): the age now is one less."""
_SHORT_BIRTH_YEAR = re.compile(r"\bnee? en (\d{2})\b")
_TOLD_BIRTH_YEAR = re.compile(
    r"\b(?:nee?|naissance|generation|annee|classe|millesime)\b(?: (?:en|de|le|du|l))?(?: \d{1,2})?(?: [a-z]+)?"
    r" ((?:19|20)\d\d)\b")
"""« de la génération 1991 », « née le 3 mars 1985 »: a birth year said as one, stronger than « vingt ans » nearby."""


_DECADE = re.compile(r"\b(trentaine|quarantaine|cinquantaine|septantaine|soixante dizaine|quatre vingtaine)\b")
_PAST = phrases("passee", "passe", "bien tassee", "bien sonnee", "largement")
_DECADE_AGES: Final = {"trentaine": 35, "quarantaine": 45, "cinquantaine": 55, "septantaine": 75,
                       "soixante dizaine": 75, "quatre vingtaine": 85}
"""« la cinquantaine »: the middle of the decade, where no threshold of the law falls (« la vingtaine » straddles the
RSA's 25 and « la soixantaine » the pension's 60, 62 and the ASPA's 65: those are asked again)."""


def read_age(text: str, today: date | None = None) -> int | None:
    """Read an age from an answer to "quel âge avez-vous ?", or None if unreadable.

    The order of the rules resolves answers with several numbers:
    1. a year said as a birth year ("de la génération 1991, pas tout à fait vingt ans"), else a number followed by
       "an"/"ans" is the age ("j'ai 34 ans et 2 enfants");
    2. a four-digit year is a birth year ("1989");
    3. otherwise a single number is the age; several numbers are ambiguous.
    The value is not checked for plausibility here (see `is_plausible_age`), so
    the caller can tell "unreadable" from "implausible".
    """
    current = today or date.today()
    normalised = meant(normalise(text))
    plain = meant(str(alpha2digit(fold(text), "fr")))
    coming = _COMING_AGE.search(plain)
    if coming:  # « j'aurai 51 ans en juin », « bientôt 40 ans »: the age now is one less
        return int(coming.group(1)) - 1
    spoken = plain.replace("'", " ")
    exact = birth_date_age(spoken, current)
    if exact is None:
        exact = ordinal_year_age(fold(normalised).replace("'", " "))
    if exact is not None:  # « née le 23 décembre 1956 », « dans ma 83e année »
        return exact
    restated = restated_age(spoken, [int(number) for number in _NUMBER.findall(plain)])
    if restated is not None:  # « 39 ou 40… non 39 »
        return restated
    told_year = _TOLD_BIRTH_YEAR.search(plain)
    if told_year and int(told_year.group(1)) >= EARLIEST_BIRTH_YEAR:
        return age_from_birth_year(int(told_year.group(1)), current)
    with_unit = _AGE_WITH_UNIT.findall(normalised)
    if len(with_unit) == 1:
        return int(with_unit[0])
    own = own_age(spoken) if len(with_unit) > 1 else None
    if own is not None and str(own) in with_unit:  # « j'ai 45 ans, j'habite là depuis 10 ans »
        return own
    short_year = _SHORT_BIRTH_YEAR.search(plain)
    if short_year:  # « née en 58 »
        return age_from_birth_year(1900 + int(short_year.group(1)), current)
    years = [int(y) for y in _BIRTH_YEAR.findall(normalised) if int(y) >= EARLIEST_BIRTH_YEAR]
    if len(years) == 1:
        return age_from_birth_year(years[0], current)
    numbers = _NUMBER.findall(normalised)
    if len(numbers) == 1:
        return int(numbers[0])
    decade = _DECADE.search(fold(text).replace("-", " "))
    if not numbers and decade:
        return _DECADE_AGES[decade.group(1)] + (3 if has_any(padded(fold(text)), _PAST) else 0)
    return None


def is_plausible_age(age: int) -> bool:
    """Whether `age` is in the range the estimate is meant for."""
    return MIN_PLAUSIBLE_AGE <= age <= MAX_PLAUSIBLE_AGE


# --- Amounts of money -------------------------------------------------------------------------------------------

Period = Literal["month", "year", "week", "fortnight", "quarter"]

MONTHS_PER_PERIOD: dict[str, float] = {"month": 1.0, "year": 12.0, "week": 12.0 / 52.0, "fortnight": 12.0 / 26.0,
                                       "quarter": 3.0}
"""How many months one period makes: an amount per period divided by this is an amount per month."""

MAX_PLAUSIBLE_MONTHLY_AMOUNT = 100_000.0
"""Above this a household's monthly amount is almost certainly a slip (a phone number, a postcode)."""


@dataclass(frozen=True)
class Amount:
    """An amount of money as the resident stated it, and the same per month.

    `monthly` is what the eligibility engine wants; `stated` and `period` say what was written
    ("11 000 par an" → stated 11000, period "year", monthly 916.67); `approximate` is set by
    "environ", "à peu près", "dans les", a range…
    """

    monthly: float
    stated: float
    period: Period = "month"
    approximate: bool = False


_BARE_NOTHING = phrases("rien", "aucun", "aucune", "nul", "neant")
"""Nothing said in one word: an amount of zero in a short answer only (« je comprends rien à ce que vous demandez »
is no amount)."""
# fmt: off
_ZERO_PHRASES = phrases(
    "0", "zero", "nada", "que dalle", "aucun", "aucune", "aucun revenu", "aucuns revenus", "pas de revenu",
    "pas de revenus", "pas de salaire", "sans revenu", "sans revenus", "pas un rond", "pas un centime", "pas un sou",
    "nul", "neant", "je gagne rien", "je touche rien", "je ne touche rien", "je ne gagne rien", "rien du tout",
    "pas de ressources", "aucune ressource", "aucunes ressources", "sans ressources", "pas de loyer", "je paie rien",
    "je paye rien", "gratuit", "gratuitement", "sans aucune", "aucune remuneration", "aucune allocation",
    "ne percoit rien", "ne percois rien", "ne percoit aucun", "ne percois aucun", "ne percoit aucune",
    "ne percois aucune", "ne percois plus aucune", "ne percoit plus aucune", "touche donc rien", "j ai rien",
    "il a rien", "elle a rien", "n ai rien", "ne touche plus rien", "plus rien", "rien pour l instant",
    "rien pour le moment", "toujours rien",
)
# fmt: on
_SAID_NOTHING = tuple(phrase for phrase in _ZERO_PHRASES if phrase not in _BARE_NOTHING)
"""Nothing said in so many words (« 0 », « aucun revenu », « je paie rien »), whatever the length of the answer."""
# fmt: off
_APPROXIMATE = phrases(
    "environ", "env", "a peu pres", "a peu pret", "apeupres", "dans les", "vers", "autour de", "autour des",
    "approximativement", "a peu pres", "quasi", "presque", "plus ou moins", "grosso modo", "en gros", "genre",
    "a la louche", "aux alentours de", "je dirais", "peut etre", "peutetre", "pas loin de", "un peu plus de",
    "un peu moins de", "max", "maximum", "a vue de nez", "disons",
)
# fmt: on
# fmt: off
_EXACT = phrases("pile", "tout pile", "exactement", "precisement", "tout rond", "au centime pres")
_YEARLY = phrases(
    "par an", "par annee", "l an", "a l annee", "annuel", "annuels", "annuelle", "annuellement", "sur l annee",
    "dans l annee", "par ans", "brut annuel", "net annuel", "sur lannee", "lannee", "par lannee", "a lannee",
    "sur un an", "sur 1 an", "pour l annee", "de l annee",
)
# fmt: on
_FORTNIGHTLY = phrases("par quinzaine", "la quinzaine", "quinzaine", "tous les quinze jours", "tous les 15 jours",
                       "toutes les deux semaines", "toutes les 2 semaines", "par quinze jours", "par 15 jours")
_QUARTERLY = phrases("par trimestre", "le trimestre", "trimestriel", "trimestrielle", "trimestriellement",
                     "tous les trois mois", "tous les 3 mois", "chaque trimestre")
_WEEKLY = phrases("par semaine", "la semaine", "hebdo", "hebdomadaire", "semaine")
_MONTHLY = phrases("par mois", "le mois", "mensuel", "mensuels", "mensuelle", "mois", "mensuellement", "pm")
_NOT_MONEY_AFTER = re.compile(
    r"^\s*(?:ans|mois|semaines?|jours?|enfants?|gosses?|h|heures?|%|pour ?cent|fois|m2|m|metres?|etages?|eme|ieme|er|"
    r"ere|nd|nde|pieces?)\b|^\s*[%²]")
"""A number followed by these is a duration, a count or a share, not an amount ("depuis 2 ans", "2 enfants")."""
_SMALL_THEN_AN = re.compile(r"^\s*an\b")
"""…and "an" after a small number ("depuis 1 an"), whereas "12k an" is per year."""
_PER_YEAR_AFTER = re.compile(r"^\s*(?:€|e|eur|euros?|net|brut)?\s*(?:/|par|l|a l)?\s*(?:an|annee)\b")
"""Right after the amount: "11000/an", "12k an", "15 000 € / an"."""
_CURRENCY_AFTER = re.compile(r"^\s*(?:€|e\b|eur\b|euro|euros\b|balles\b|boules\b|bal\b|net\b|brut\b|k\b)")

# One amount in digits: "1 200", "1.200", "1200,50", "1,2k", "11k", "900". Thousands separated by a space or a
# dot only in groups of exactly three digits; "k" (or "mille", rewritten to "k" first) multiplies by 1000.
# fmt: off
_AMOUNT = re.compile(
    r"(?<![\d,.a-z])(?P<number>\d{1,3}(?:[ .]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d+)?)\s*(?P<k>k(?![a-z]))?"
)
# fmt: on
_SETTLED = re.compile(r"\b(?:mettons|disons|on va dire|donc|finalement|au final)\s*,?\s*(\d{2,}(?:[ .]\d{3})*)\b")
"""« entre 1000 et 1500, je sais plus trop, mettons 1200 »: a range the resident settles."""
_RANGE = re.compile(r"\b(?:entre|de)\s+(?P<low>[\d][\d .,]*k?)\s*(?:et|a|-)\s+(?P<high>[\d][\d .,]*k?)")
_BARE_RANGE = re.compile(
    r"(?<![\d.,])(?P<low>\d{3,}(?:[.,]\d+)?k?)\s*(?:a|-|ou)\s*(?P<high>\d{3,}(?:[.,]\d+)?k?)(?![\d.,])"
)
"""« 1100 à 1200 », « 900-1000 »: a range without « entre », when the second bound is above the first and close."""
_PER_DAY_OR_HOUR = phrases("par jour", "la journee", "par journee", "de l heure", "par heure", "brut horaire",
                           "net horaire", "taux horaire")
"""An amount per day or per hour cannot become a month without the days worked: asked again, per month."""


_SMALL_NUMBER: Final = 30
"""Beside an amount of money, a number under this is a count, a floor or a rank (« au 6e », « en coloc à 3 »)."""
def _to_float(number: str, k: str | None) -> float:
    """ "1 200" → 1200, "1.200" → 1200, "1200,50" → 1200.5, "1,2" with k → 1200."""
    compact = number.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact):
        compact = compact.replace(".", "")
    value = float(compact.replace(",", "."))
    return value * 1000 if k else value


_NOT_A_PERIOD = re.compile(
    r"\bl ?an (?:dernier|passe|prochain)\b|\bl ?annee (?:derniere|passee|prochaine)\b"
    r"|\b(?:selon|suivant|d apres) les mois\b|\bcertains mois\b|\bd autres mois\b|\bdes mois\b"
    r"|\bd un mois (?:a|sur) l autre\b"
)
"""« il a augmenté l'an dernier », « ça varie selon les mois »: a moment or a variation, not a period."""


_WORK_TIME = re.compile(r"\b\d{1,3} ?(?:h|heures?|jours?|j) (?:par|/|la|a la|chaque) (?:semaine|mois)\b")
"""« 20 h par semaine », « 15 jours par mois »: time worked, not the period of the amount."""
_RATE = re.compile(r"(?<![\d,.])(\d+(?:[.,]\d{1,2})?) ?(?:€|e|eur|euros?)? ?(?:brut |net )?(?:par jour|la journee|"
                   r"/ ?jour|de l['\s]?heure|par heure|/ ?h|l['\s]?heure)\b")
_QUANTITY = re.compile(r"\b(\d{1,3}) ?(?:h|heures?|jours?|j) (?:par|/|la|a la|chaque) (semaine|mois)\b")


def worked_out(digits: str) -> float | None:
    """« 80 € par jour, 15 jours par mois » is 1 200 a month; « 20 h par semaine à 12 € de l'heure » is 1 040."""
    rate, quantity = _RATE.search(digits), _QUANTITY.search(digits)
    if rate is None or quantity is None:
        return None
    per_month = int(quantity.group(1)) * (52 / 12 if quantity.group(2) == "semaine" else 1.0)
    return round(float(rate.group(1).replace(",", ".")) * per_month, 2)


def _period_of(folded: str, after: str = "", before: str = "") -> Period:
    near = words(_NOT_A_PERIOD.sub(" ", " ".join(words(before))))[-8:]
    if _PER_YEAR_AFTER.match(after) or has_any(padded(" ".join(near)), _YEARLY):
        return "year"  # « 24000 net par an, je vous laisse faire le calcul par mois », « sur l'année ça fait 12000 »
    spaced = padded(_NOT_A_PERIOD.sub(" ", " ".join(words(_WORK_TIME.sub(" ", folded)))))
    if has_any(spaced, _FORTNIGHTLY):
        return "fortnight"
    if has_any(spaced, _QUARTERLY):
        return "quarter"
    if has_any(spaced, _WEEKLY):
        return "week"
    if (has_any(spaced, _YEARLY) or _PER_YEAR_AFTER.match(after)) and not has_any(spaced, _MONTHLY):
        return "year"
    return "month"


def _amount(stated: float, folded: str, approximate: bool, after: str = "", before: str = "") -> Amount:
    period = _period_of(folded, after, before)
    monthly = round(stated / MONTHS_PER_PERIOD[period], 2)
    return Amount(monthly=monthly, stated=stated, period=period, approximate=approximate)


def _close_range(digits: str) -> re.Match[str] | None:
    """A bare range whose bounds are close (« 1100 à 1200 »), not two unrelated numbers (« 300 à 1200 »)."""
    found = _BARE_RANGE.search(digits)
    if found is None:
        return None
    low, high = (_to_float(found.group(part).rstrip("k"), "k" if found.group(part).endswith("k") else None)
                 for part in ("low", "high"))
    return found if 0 < low < high <= 1.5 * low else None


def read_amount(text: str) -> Amount | None:
    """Read an amount of money from an answer ("1200 balles", "1,2k", "environ 900", "11 000 par an", "rien").

    Digits and French number words are both read (text2num). An amount per year or per week is turned into an
    amount per month. "rien", "0", "aucun revenu" give zero. A range ("entre 800 et 900") gives its middle,
    marked approximate. Several unrelated numbers give None unless exactly one is followed by a currency
    ("2 enfants et 900 €"); so do "je ne sais pas" and text without an amount.
    """
    folded = fold(text)
    if not folded:
        return None
    spaced = padded(folded)
    approximate = has_any(spaced, _APPROXIMATE) or "~" in folded or "+/-" in folded
    unsure = is_dont_know_text(folded)
    if unsure:
        # « je ne sais pas exactement, environ 1 100 »: a value the resident is unsure of is still their answer.
        approximate = True
        folded = without_doubt(folded)
        spaced = padded(folded)
    folded = typed_digits(folded)
    if approximate and not unsure and has_any(padded(meant(folded)), _EXACT):
        approximate = False  # « environ… non, 370 pile »
    folded, rough = rough_numbers(folded)
    approximate = approximate or rough
    digits = added_up(meant(as_digits(folded)))
    worked = worked_out(digits)
    if worked is not None:
        return Amount(monthly=worked, stated=worked, approximate=True)
    if has_any(padded(digits), _PER_DAY_OR_HOUR) and not has_any(padded(_WORK_TIME.sub(" ", digits)), _MONTHLY):
        return None
    ranged = _RANGE.search(digits) or _close_range(digits)
    settled = _SETTLED.search(digits, ranged.end()) if ranged else None
    if settled:
        return _amount(_to_float(settled.group(1), None), digits, approximate=True)
    if ranged:
        low, high = (_AMOUNT.search(ranged.group(part)) for part in ("low", "high"))
        if low and high:
            low_k = low.group("k") or high.group("k")
            bounds = (_to_float(low.group("number"), low_k), _to_float(high.group("number"), high.group("k")))
            return _amount(round(sum(bounds) / 2, 2), digits, approximate=True)
    found = [
        (match, _to_float(match.group("number"), match.group("k")))
        for match in _AMOUNT.finditer(digits)
        if not _NOT_MONEY_AFTER.match(digits[match.end() :])
        and not (
            _SMALL_THEN_AN.match(digits[match.end() :]) and _to_float(match.group("number"), match.group("k")) < 100
        )
    ]
    if not found:
        short = len(words(folded)) <= SHORT_NOTHING_WORDS
        spaced = padded(folded)  # as rewritten: « pa 1 rond » is « pas un rond »
        if not unsure and (has_any(spaced, _SAID_NOTHING) or (short and has_any(spaced, _BARE_NOTHING))):
            return Amount(monthly=0.0, stated=0.0)
        return None
    if len(found) > 1 and max(value for _, value in found) >= _SMALL_NUMBER:
        found = [pair for pair in found if pair[1] >= _SMALL_NUMBER or pair[0].group("k")]  # « au 6e », « à 3 »
    chosen = choose(digits, [pair[0].span() for pair in found], [pair[1] for pair in found]) \
        if len(found) > 1 else None
    if len(found) > 1 and chosen is None:
        marked = [pair for pair in found if pair[0].group("k") or _CURRENCY_AFTER.match(digits[pair[0].end() :])]
        if len(marked) != 1:
            return None
        found = marked
    stated = found[0][1] if chosen is None else chosen
    if stated == 0:
        return Amount(monthly=0.0, stated=0.0)
    match = next((pair[0] for pair in found if pair[1] == stated), found[0][0])
    amount = _amount(stated, digits, approximate, after=digits[match.end() :], before=digits[: match.start()])
    if amount.monthly > MAX_PLAUSIBLE_MONTHLY_AMOUNT:
        return None
    return amount


# --- Small counts ("combien d'enfants ?") -------------------------------------------------------------------------

# fmt: off
COUNT_WORDS: dict[str, int] = {
    "zero": 0, "aucun": 0, "aucune": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
}
# fmt: on
"""Count words of a folded text that alpha2digit leaves as words ("un", "deux") or does not know ("aucun")."""
