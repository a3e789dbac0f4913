"""Read a household's situation from everyday and SMS French: children, couple, activity, housing.

Each reader takes the resident's answer to one question and returns a typed value, or None when the answer does
not say (the bot then asks again) or says "je ne sais pas" (see nlu.replies.is_dont_know). They are keyword readers
over the folded text (no accents, SMS words expanded): fast, predictable and easy to extend, which matters more
here than coverage of every phrasing. Pure functions, no Rasa import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from text_to_num import alpha2digit

from nlu.numbers import COUNT_WORDS
from nlu.replies import is_dont_know_text, read_yes_no
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
            ages.extend(0 for _ in pending)
            pending = []
        elif token in _LIST_GLUE:
            continue
        elif token in _CHILD_NOUNS:
            # "2 enfants de 3 ans et 1 fille de 5 ans": a new count, not an age.
            pending = pending[:-1] if pending and _is_count_before(tokens, index) else pending
        else:
            pending = []
    return ages


def _is_count_before(tokens: list[str], index: int) -> bool:
    return index > 0 and tokens[index - 1].isdigit()


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


# --- Couple -----------------------------------------------------------------------------------------------------


class CoupleStatus(str, Enum):
    """How the resident lives: alone, or in a couple (married, in a PACS, living together, unspecified)."""

    SINGLE = "single"
    MARRIED = "married"
    PACS = "pacs"
    COHABITING = "cohabiting"
    COUPLE = "couple"
    """In a couple, form of union not said ("oui", "en couple", "avec mon copain")."""

    @property
    def in_couple(self) -> bool:
        return self is not CoupleStatus.SINGLE


# fmt: off
_SINGLE = phrases(
    "seul", "seule", "seuls", "celibataire", "celib", "celibatere", "divorce", "divorcee", "separe", "separee",
    "veuf", "veuve", "solo", "pas en couple", "plus en couple", "isole", "isolee", "parent isole", "mere isolee",
    "pere isole", "pas de conjoint", "pas de compagnon", "pas de compagne", "personne", "en instance de divorce",
    "maman solo", "papa solo", "celibat", "pas de copain", "pas de copine", "sans conjoint", "on s est separes",
    "je suis seul", "je suis seule", "je vis seul", "je vis seule", "toute seule", "tout seul",
)
# fmt: on
_NOT_SINGLE = phrases("pas seul", "pas seule", "plus seul", "plus seule", "pas celibataire", "plus celibataire")
_PACS = phrases("pacse", "pacsee", "pacses", "pacsees", "pacs", "pacser", "pacsé", "pacsés", "paxe", "paxee")
# fmt: off
_MARRIED = phrases(
    "marie", "mariee", "maries", "mariees", "epoux", "epouse", "mon mari", "ma femme", "mariage", "mari",
)
# fmt: on
# fmt: off
_NOT_MARRIED = phrases(
    "pas marie", "pas mariee", "pas maries", "pas mariees", "non marie", "non maries", "non mariee", "sans etre marie",
    "sans etre maries", "sans etre mariee", "pas pacse", "pas pacses", "pas pacsee", "ni pacse", "ni marie",
    "ni pacses", "ni maries", "pas de pacs", "sans pacs", "ni mariage", "pas de mariage",
)
# fmt: on
# fmt: off
_COHABITING = phrases(
    "concubin", "concubine", "concubinage", "union libre", "vie maritale", "en menage", "cohabitation",
    "vivons ensemble", "on vit ensemble", "vit ensemble", "vivre ensemble",
)
# fmt: on
# fmt: off
_COUPLE = phrases(
    "en couple", "couple", "mon copain", "ma copine", "mon conjoint", "ma conjointe", "compagnon", "compagne",
    "mon ami", "mon amie", "mon cheri", "ma cherie", "partenaire", "mon chum", "ma blonde", "mon homme",
    "avec quelqu un", "pas seule", "pas seul", "avec mon ami", "avec ma chérie", "mon mec", "ma meuf",
)
# fmt: on


def read_couple(text: str) -> CoupleStatus | None:
    """Read how the resident lives: "je vis seule" → SINGLE, "pacsé" → PACS, "en couple mais pas mariés" →
    COHABITING, "mariée" → MARRIED, "en couple" → COUPLE; a bare yes/no answers "vivez-vous en couple ?"."""
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    spaced = padded(folded)
    not_married = has_any(spaced, _NOT_MARRIED)
    not_single = has_any(spaced, _NOT_SINGLE)
    if not_married:
        for phrase in _NOT_MARRIED:
            spaced = spaced.replace(f" {phrase} ", " ")
    if has_any(spaced, ("divorce", "divorcee", "separe", "separee", "veuf", "veuve", "celibataire")):
        return CoupleStatus.SINGLE
    if has_any(spaced, _PACS):
        return CoupleStatus.PACS
    if has_any(spaced, _MARRIED):
        return CoupleStatus.MARRIED
    if has_any(spaced, _COHABITING) or (not_married and (has_any(spaced, _COUPLE) or not_single)):
        return CoupleStatus.COHABITING
    if not_single or has_any(spaced, _COUPLE):
        return CoupleStatus.COUPLE
    if has_any(spaced, _SINGLE):
        return CoupleStatus.SINGLE
    yes_no = read_yes_no(folded)
    if yes_no is None:
        return None
    return CoupleStatus.COUPLE if yes_no else CoupleStatus.SINGLE


# --- Activity ---------------------------------------------------------------------------------------------------


class ActivityStatus(str, Enum):
    """What the resident does, as the eligibility rules need it."""

    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    UNEMPLOYED = "unemployed"
    STUDENT = "student"
    RETIRED = "retired"
    SICK_LEAVE = "sick_leave"
    DISABLED = "disabled"
    PARENTAL_LEAVE = "parental_leave"
    INACTIVE = "inactive"


Contract = Literal["cdi", "cdd", "interim", "apprentissage"]


@dataclass(frozen=True)
class Activity:
    """The resident's activity; `part_time` None when not said; `on_rsa` when they say they receive the RSA."""

    status: ActivityStatus
    part_time: bool | None = None
    contract: Contract | None = None
    on_rsa: bool = False


# fmt: off
_ACTIVITY_KEYWORDS: tuple[tuple[ActivityStatus, tuple[str, ...]], ...] = (
    (
        ActivityStatus.SICK_LEAVE,
        phrases(
            "arret maladie", "en arret", "arret de travail", "accident du travail", "accident de travail",
            "maladie", "arret longue maladie", "longue maladie", "en maladie", "arret mal", "am",
        ),
    ),
    (
        ActivityStatus.PARENTAL_LEAVE,
        phrases("conge parental", "conge maternite", "conge de maternite", "conge paternite", "conge mat"),
    ),
    (
        ActivityStatus.RETIRED,
        phrases(
            "retraite", "retraitee", "retraites", "retraitees", "a la retraite", "en retraite", "pensionne",
            "pensionnee", "retraiter", "retraitée", "retraité", "retrait", "retaite", "retraitte", "retrete",
        ),
    ),
    (
        ActivityStatus.DISABLED,
        phrases(
            "invalidite", "invalide", "handicap", "handicape", "handicapee", "aah", "pension d invalidite",
            "en invalidite", "inapte", "inaptitude", "mdph",
        ),
    ),
    (
        ActivityStatus.STUDENT,
        phrases(
            "etudiant", "etudiante", "etudiants", "etudiantes", "etudes", "a la fac", "en fac", "fac", "universite",
            "lyceen", "lyceenne", "lycee", "en formation", "formation", "stagiaire", "bts", "en master",
            "en licence", "etudient", "etudiant e", "etudiante boursiere", "boursier", "boursiere", "but", "iut",
        ),
    ),
    (
        ActivityStatus.UNEMPLOYED,
        phrases(
            "chomage", "au chomage", "chomeur", "chomeuse", "chommage", "chaumage", "chomag", "sans emploi",
            "sans travail", "demandeur d emploi", "demandeuse d emploi", "pole emploi", "france travail",
            "je cherche du travail", "cherche du travail", "cherche un emploi", "cherche un travail",
            "en recherche d emploi", "recherche d emploi", "sans boulot", "pas de boulot", "pas de travail",
            "pas d emploi", "je travaille pas", "je ne travaille pas", "travaille pas", "travaille plus",
            "je bosse pas", "bosse pas", "bosse plus", "licencie", "licenciee",
            "fin de contrat", "are", "allocation chomage", "plus de travail", "inscrit a france travail",
            "inscrite a france travail", "inscrit au chomage", "inscrite au chomage", "sans activite", "rien",
            "je fais rien", "je ne fais rien", "aucune activite", "pas d activite", "en recherche",
        ),
    ),
    (
        ActivityStatus.INACTIVE,
        phrases(
            "au foyer", "mere au foyer", "pere au foyer", "femme au foyer", "homme au foyer", "maman au foyer",
            "papa au foyer", "je m occupe de mes enfants", "aidant", "aidante", "aidant familial", "a la maison",
        ),
    ),
    (
        ActivityStatus.SELF_EMPLOYED,
        phrases(
            "auto entrepreneur", "autoentrepreneur", "auto entrepreneuse", "autoentrepreneuse", "micro entrepreneur",
            "microentrepreneur", "micro entreprise", "independant", "independante", "freelance", "free lance",
            "a mon compte", "artisan", "artisane", "commercant", "commercante", "profession liberale", "liberal",
            "ma boite", "ma societe", "mon entreprise", "gerant", "gerante", "chef d entreprise", "agriculteur",
            "agricultrice", "exploitant", "exploitante", "vdi", "uber", "livreur", "livreuse", "ae",
        ),
    ),
    (
        ActivityStatus.EMPLOYED,
        phrases(
            "salarie", "salariee", "salaries", "cdi", "cdd", "interim", "interimaire", "en interim", "je travaille",
            "travaille", "je bosse", "bosse", "boulot", "un job", "job", "emploi", "employe", "employee", "ouvrier",
            "ouvriere", "fonctionnaire", "contractuel", "contractuelle", "vacataire", "temps partiel", "mi temps",
            "temps plein", "plein temps", "temps complet", "apprenti", "apprentie", "apprentissage", "alternance",
            "alternant", "alternante", "aide soignante", "aide soignant", "aide a domicile", "auxiliaire de vie",
            "caissiere", "caissier", "agent d entretien", "femme de menage", "menage", "serveur", "serveuse",
            "vendeur", "vendeuse", "cuisinier", "magasinier", "chauffeur", "infirmiere", "infirmier", "assistante",
            "secretaire", "atsem", "nounou", "assistante maternelle", "cesu", "saisonnier", "saisonniere", "smic",
            "au smic", "salaire", "je taf", "taf", "taff", "en poste", "contrat", "travail",
        ),
    ),
)
# fmt: on
# fmt: off
_NEGATED_WORK = phrases(
    "je travaille pas", "je ne travaille pas", "travaille pas", "travaille plus", "je bosse pas", "bosse pas",
    "bosse plus", "pas de travail", "pas de boulot", "pas d emploi", "sans emploi", "sans travail", "plus de travail",
    "cherche du travail", "cherche un travail", "cherche un emploi", "recherche d emploi", "demandeur d emploi",
    "demandeuse d emploi", "plus de boulot", "plus d emploi", "plus de job", "pas de job", "sans job", "sans boulot",
    "plus de taf", "pas de taf", "perdu mon travail", "perdu mon emploi", "perdu mon boulot", "perdu mon job",
)
# fmt: on
# fmt: off
_PART_TIME = phrases(
    "mi temps", "temps partiel", "partiel", "a temps partiel", "quelques heures", "80", "a 80", "80 pourcent",
    "mi tps", "tps partiel", "demi temps", "50", "a 50", "pas a temps plein", "pas a plein temps", "20h", "24h",
    "heures par semaine", "h par semaine", "h semaine",
)
# fmt: on
_FULL_TIME = phrases("temps plein", "plein temps", "temps complet", "35h", "35 h", "35 heures", "tps plein")
# fmt: off
_CONTRACTS: tuple[tuple[Contract, tuple[str, ...]], ...] = (
    ("cdi", phrases("cdi", "contrat a duree indeterminee")),
    ("cdd", phrases("cdd", "contrat a duree determinee")),
    ("interim", phrases("interim", "interimaire", "en interim")),
    ("apprentissage", phrases("apprenti", "apprentie", "apprentissage", "alternance", "alternant", "alternante")),
)
# fmt: on


def read_activity(text: str) -> Activity | None:
    """Read the resident's activity: "au RSA", "au chômage", "en CDI à mi-temps", "retraitée", "en arrêt maladie",
    "étudiant", "auto-entrepreneur"; contract and part time when said. None when the answer names no activity."""
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    spaced = padded(folded)
    on_rsa = has_any(spaced, phrases("rsa", "au rsa", "le rsa", "rmi"))
    # "je ne travaille pas" must not count as work; the negation itself says unemployed.
    without_negations = spaced
    for phrase in _NEGATED_WORK:
        without_negations = without_negations.replace(f" {phrase} ", " chomage ")
    status = next(
        (status for status, keywords in _ACTIVITY_KEYWORDS if has_any(without_negations, keywords)),
        ActivityStatus.UNEMPLOYED if on_rsa else None,
    )
    if status is None:
        return None
    contract = next((name for name, keywords in _CONTRACTS if has_any(spaced, keywords)), None)
    part_time: bool | None = None
    if has_any(spaced, _FULL_TIME) and not has_any(spaced, phrases("pas a temps plein", "pas a plein temps")):
        part_time = False
    elif has_any(spaced, _PART_TIME):
        part_time = True
    return Activity(status=status, part_time=part_time, contract=contract, on_rsa=on_rsa)


# --- Housing ----------------------------------------------------------------------------------------------------


class HousingStatus(str, Enum):
    """Where the resident lives, as housing benefits need it."""

    TENANT = "tenant"
    SOCIAL_TENANT = "social_tenant"
    OWNER = "owner"
    HOSTED = "hosted"
    """Hosted by family or friends ("hébergé chez ma mère")."""
    SHELTER = "shelter"
    """A foyer, CHRS, social residence or emergency accommodation."""
    HOMELESS = "homeless"


# fmt: off
_HOUSING_NEGATIONS = phrases(
    "pas proprietaire", "pas proprio", "non proprietaire", "ni proprietaire", "pas locataire", "ni locataire",
    "pas en hlm", "pas hlm", "pas un hlm", "pas heberge", "pas hebergee", "pas a la rue", "plus a la rue",
    "pas de logement social", "pas un logement social", "pas en foyer", "plus en foyer",
)
# fmt: on
# fmt: off
_HOUSING_KEYWORDS: tuple[tuple[HousingStatus, tuple[str, ...]], ...] = (
    (
        HousingStatus.HOMELESS,
        phrases(
            "a la rue", "dans la rue", "sdf", "sans domicile", "sans domicile fixe", "sans abri", "sans abris",
            "dehors", "je dors dehors", "dans ma voiture", "dans une voiture", "dans mon camion", "squat", "squatte",
            "sans logement", "pas de logement", "pas de toit", "sans toit", "une tente", "sous une tente",
            "alarue", "campement", "bidonville",
        ),
    ),
    (
        HousingStatus.SHELTER,
        phrases(
            "foyer", "chrs", "residence sociale", "fjt", "foyer jeunes travailleurs", "foyer de jeunes travailleurs",
            "centre d hebergement", "hotel social", "hebergement d urgence", "hebergement urgence", "115",
            "hotel du 115", "cada", "pension de famille", "maison relais", "centre d accueil", "adoma", "ehpad",
            "residence autonomie", "hotel", "a l hotel", "logement d urgence", "crous", "residence etudiante",
            "cite u", "cite universitaire",
        ),
    ),
    (
        HousingStatus.HOSTED,
        phrases(
            "heberge", "hebergee", "heberges", "hebergees", "hebergement", "chez mes parents", "chez ma mere",
            "chez mon pere", "chez ma mere", "chez maman", "chez papa", "chez ma maman", "chez mon papa",
            "chez un ami", "chez une amie", "chez des amis", "chez des potes", "chez un pote", "chez une pote",
            "chez ma soeur", "chez mon frere", "chez ma tante", "chez mon oncle", "chez mes grands parents",
            "chez ma grand mere", "chez mon grand pere", "chez quelqu un", "chez ma famille", "chez de la famille",
            "dans ma famille", "chez mon fils", "chez ma fille", "chez mes enfants", "chez ma cousine",
            "chez mon cousin", "chez mon ex", "chez ma copine", "chez mon copain", "chez des gens", "chez un copain",
            "chez une copine", "a titre gratuit", "loge gratuitement", "je suis loge", "je suis logee", "loge chez",
            "logee chez", "chez les parents", "chez la famille", "chez ma belle mere", "chez mes beaux parents",
            "chez ma mere", "chez ma mer", "chez ma daronne", "chez mes darons", "chez mon daron",
        ),
    ),
    (
        HousingStatus.SOCIAL_TENANT,
        phrases(
            "hlm", "logement social", "logements sociaux", "logement sociale", "bailleur social", "office public",
            "oph", "opac", "opah", "habitat social", "social", "h l m", "l hlm", "un hlm", "en hlm",
        ),
    ),
    (
        HousingStatus.TENANT,
        phrases(
            "locataire", "locatere", "locatair", "je loue", "on loue", "en location", "location", "loyer", "coloc",
            "colocation", "colocataire", "bail", "loue", "un appart", "appartement", "studio", "je paie un loyer",
            "locataires", "sous location", "sous locataire", "meuble", "agence",
        ),
    ),
    (
        HousingStatus.OWNER,
        phrases(
            "proprietaire", "proprio", "propri", "proprietere", "propriotaire", "proprietaires", "proprios",
            "j ai achete", "on a achete", "ma maison", "notre maison", "credit immobilier", "pret immobilier",
            "je rembourse", "accedant", "accession", "acheteur", "j ai un credit", "mon credit", "pret",
            "je possede", "on possede",
        ),
    ),
)
# fmt: on


def read_housing(text: str) -> HousingStatus | None:
    """Read where the resident lives: "locataire HLM" → SOCIAL_TENANT, "hébergé chez ma mère" → HOSTED,
    "à la rue" → HOMELESS, "proprio" → OWNER, "en foyer" → SHELTER, "locataire" → TENANT."""
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    spaced = padded(folded)
    for phrase in _HOUSING_NEGATIONS:
        spaced = spaced.replace(f" {phrase} ", " ")
    # "propriétaire privé" is the landlord of a private tenant, not the resident.
    if has_any(spaced, phrases("proprietaire prive", "proprio prive", "un proprietaire", "mon proprietaire")):
        spaced = spaced.replace(" proprietaire prive ", " locataire ").replace(" proprio prive ", " locataire ")
        spaced = spaced.replace(" un proprietaire ", " locataire ").replace(" mon proprietaire ", " locataire ")
    return next((status for status, keywords in _HOUSING_KEYWORDS if has_any(spaced, keywords)), None)
