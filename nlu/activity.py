"""What the resident does (work, unemployment, retirement, studies…) from everyday and SMS French."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Final, Literal

from nlu.disability import MDPH_PENDING
from nlu.replies import is_dont_know_text
from nlu.text import SHORT_ANSWER_WORDS, fold, has_any, padded, phrases, words

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
            "maladie", "arret longue maladie", "longue maladie", "en maladie", "arret mal", "am", "je suis malade",
            "suis malade", "en arret de travail", "ijss", "indemnites journalieres", "mi temps therapeutique",
            "arret", "arret pour accident", "arrete pour", "accident", "en accident de travail", "arretee",
            "arrete par le medecin", "arretee par le medecin", "indemnites de la cpam", "ij",
        ),
    ),
    (
        ActivityStatus.PARENTAL_LEAVE,
        phrases("conge parental", "conge maternite", "conge de maternite", "conge paternite", "conge mat",
                "conge parentl", "conge parent", "conge parentale"),
    ),
    (
        ActivityStatus.RETIRED,
        phrases(
            "retraite", "retraitee", "retraites", "retraitees", "a la retraite", "en retraite", "pensionne",
            "minimum vieillesse", "aspa",
            "pensionnee", "retraiter", "retraitée", "retraité", "retrait", "retaite", "retraitte", "retrete",
        ),
    ),
    (
        ActivityStatus.DISABLED,
        phrases(
            "invalidite", "invalide", "handicap", "handicape", "handicapee", "aah", "pension d invalidite",
            "en invalidite", "inapte", "inaptitude", "mdph", "invalid", "invalidit", "handicapes",
            "adultes handicapes", "adulte handicape",
            "rqth", "travailleur handicape", "travailleuse handicapee", "a cause de ma sante",
            "pour raison de sante", "pour raisons de sante", "raisons medicales", "mon etat de sante",
        ),
    ),
    (
        ActivityStatus.STUDENT,
        phrases(
            "etudiant", "etudiante", "etudiants", "etudiantes", "etudes", "mes etudes", "a la fac", "en fac", "fac",
            "universite",
            "lyceen", "lyceenne", "au lycee", "en formation", "formation", "stagiaire", "bts", "en master",
            "en licence", "etudient", "etudiant e", "etudiante boursiere", "boursier", "boursiere", "but", "iut",
            "etudian", "boursie", "etudiente",
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
            "inscrite a france travail", "inscrit au chomage", "inscrite au chomage", "sans activite",
            "rien pour l instant", "rien pour le moment", "rien en ce moment", "rien du tout",
            "je fais rien", "je ne fais rien", "aucune activite", "pas d activite", "en recherche",
            "chomdu", "au chomdu", "chomedu", "fin de droits", "fin de droit", "en fin de droits", "plus de droits",
            "ass", "allocation de solidarite", "sans indemnite", "sans indemnites", "inscrit a pole emploi",
            "inscrite a pole emploi", "jcherche", "jcherch", "cherch du travail", "cherch du taf",
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
            "ma petite boite", "ma propre boite", "une boite", "ma petite entreprise", "ma propre entreprise",
            "mon commerce", "mon propre compte", "a son compte", "a mon propre compte", "siret", "kbis",
            "micro", "auto entreprise", "autoentreprise", "mon affaire", "mon magasin",
            "mon restaurant", "mon salon", "mon atelier", "mon cabinet", "patron", "patronne", "installe a mon compte",
            "les marches", "sur les marches", "forain", "foraine", "deliveroo", "uber eats", "je livre", "vtc",
            "sa boite", "sa societe", "son entreprise", "son commerce", "sa petite entreprise", "il se verse",
            "elle se verse", "je me verse", "liberale", "en liberal", "en liberale", "chiffre d affaires",
            "chiffre d affaire",
        ),
    ),
    (
        ActivityStatus.INACTIVE,
        phrases(
            "inactif", "inactive", "au foyer", "mere au foyer", "pere au foyer", "femme au foyer", "homme au foyer",
            "maman au foyer",
            "papa au foyer", "je m occupe de mes enfants", "aidant", "aidante", "aidant familial", "a la maison",
            "je m occupe de ma", "je m occupe de mon", "je vis de mes economies", "mes economies", "au foyer avec",
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
            "au smic", "salaire", "je taf", "taf", "taff", "en poste", "contrat", "travail", "jbosse", "jtravaille",
            "jtaf", "fonction publique", "titulaire", "batiment", "dans le batiment", "manoeuvre", "btp",
            "contrat aide",
            "vacations", "des vacations", "extras", "des extras", "des missions", "missions", "petits boulots",
            "petits jobs", "petit boulot", "petit job", "des heures", "quelques heures", "des menages", "menages",
            "chez des particuliers", "intermittent", "intermittente", "cachets", "employe", "embauche", "embauchee",
            "je fais des", "je travaille a", "je travaille en", "je travaille dans", "je bosse dans", "chantier",
            "chantiers", "usine", "a l usine", "en cuisine", "interimaire", "agent", "aide menagere", "plonge",
            "plongeur", "jobs", "boulots", "emplois", "je garde des enfants", "garde d enfants", "au black",
            # trades said instead of a status (« je suis maçon »)
            "macon", "plombier", "electricien", "peintre en batiment", "carreleur", "menuisier", "charpentier",
            "couvreur", "boulanger", "boulangere", "boucher", "bouchere", "coiffeur", "coiffeuse", "estheticienne",
            "manutentionnaire", "preparateur de commandes", "preparatrice de commandes", "cariste", "facteur",
            "factrice", "gardien", "gardienne", "concierge", "vigile", "agent de securite",
            "animateur", "animatrice", "educateur", "educatrice", "enseignant", "enseignante", "professeur",
            "instituteur", "institutrice", "prof", "professeure", "profs", "aesh", "comptable", "standardiste",
            "hotesse", "receptionniste",
            "jardinier", "paysagiste", "mecanicien", "soudeur", "technicien", "technicienne", "ingenieur",
            "commercial", "commerciale", "conducteur", "conductrice", "routier", "ambulancier", "ambulanciere",
            "brancardier", "militaire", "policier", "policiere", "gendarme", "pompier", "agent municipal",
            "agent de service", "operateur", "operatrice", "equipier", "equipiere", "barman", "commis",
            "employe polyvalent", "employee polyvalente", "agent hospitalier", "agente hospitaliere", "ash",
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
    "plus de taf", "pas de taf", "cherche du taf", "cherche un taf", "cherche du boulot", "cherche un boulot",
    "cherche un job", "perdu mon travail", "perdu mon emploi", "perdu mon boulot", "perdu mon job",
    "travail pas", "travail plus", "travaille pa", "jtravaille pas", "jbosse pas", "jbosse plus",
)
# fmt: on
# fmt: off
_NOT_AN_EMPLOYEE = phrases(
    "pas salarie", "pas salariee", "plus salarie", "plus salariee", "ne suis pas salarie", "ne suis pas salariee",
    "pas en cdi", "pas en cdd",
)
"""« je suis pas salarié »: removed before reading, so that what follows decides (« …je suis à mon compte »)."""
# fmt: on
# fmt: off
_ENDED_STUDIES = phrases(
    "plus etudiant", "plus etudiante", "n est plus etudiant", "ne suis plus etudiant", "ne suis plus etudiante",
    "suis plus etudiant", "suis plus etudiante", "fini mes etudes", "finis mes etudes", "j ai termine mes etudes",
    "arrete mes etudes", "arrete les etudes", "arrete la fac", "quitte la fac", "sorti de l ecole",
    "sortie de l ecole", "plus a la fac", "ancien etudiant", "fini ses etudes", "finir ses etudes",
    "vient de finir", "termine ses etudes", "finis ses etudes",
    "ancienne etudiante", "diplome", "diplomee",
)
"""Studies named only to say they ended: not a student (a « job étudiant » is a job)."""
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


RIGHTS_ENDED: Final = phrases(
    "fin de droits", "fin de droit", "en fin de droits", "plus de droits", "plus droit au chomage", "ass",
    "allocation de solidarite", "plus indemnise", "plus indemnisee", "droits epuises", "droits termines",
    "n ai plus de chomage", "plus de chomage",
)
"""Unemployment insurance has ended (the ASS may follow): told with the situation, never asked on its own."""


def rights_ended(text: str) -> bool:
    """Whether an answer about one's situation says the unemployment benefit has ended."""
    return has_any(padded(fold(text)), RIGHTS_ENDED)


_HOME_MAKER = phrases(
    "au foyer", "s occupe des enfants", "s occupe de ses enfants", "m occupe des enfants", "m occupe de mes enfants",
    "s occupe de la maison", "reste a la maison avec les enfants", "garde nos enfants", "eleve les enfants",
    "eleve nos enfants",
)
"""At home with the children: without activity, even when « ne travaille pas » is said too."""
_WORKING_TOO = phrases("travaille a", "mi temps", "salarie")
_STATUS_WORDS: Final = (r"(?:chomage|retraite|retraitee|etudiant|etudiante|salarie|salariee|arret|maladie|"
                        r"invalidite|auto entrepreneur|independant|independante)")
_PAST_OR_DENIED = re.compile(
    r" (?:j etais|il etait|elle etait|j ai ete|avant j etais|avant|pas|plus|ni|chui pas|suis pas|n est pas|n est plus|"
    r"pas encore|je serai|serai|sera|je vais etre|vais etre|va etre|partirai|partira|partir)"
    rf" (?:au |en |a la )?{_STATUS_WORDS}(?= )"
    rf"| (?:mon|ma|son|sa) {_STATUS_WORDS} (?:c etait|etait|c est pour|sera|ce sera)(?= )")
"""« il était au chômage mais a retrouvé un taf », « chui pas au chômage, je bosse », « pas encore à la retraite »,
« en janvier je serai au chômage », « mon chômage c'était 1 020 »: not the situation now."""
_AT_WORK = phrases("je travaille", "mais je travaille", "temps partiel", "mi temps", "je gagne", "salarie", "salariee",
                   "en cdi", "en cdd", "je bosse")
_HOME_WITH_CHILD = phrases("s occupe de lui", "s occupe d elle", "s occupe d eux", "s occupe du bebe",
                           "s occupe de notre fils", "s occupe de notre fille")
_AN_EMPLOYEE = phrases("je suis salarie", "je suis salariee", "salarie de", "salariee de", "en cdi", "en cdd",
                       "pour un patron", "dans une boite", "ds une boite", "dans une entreprise", "mon patron",
                       "mon employeur", "son patron", "son employeur", "bosse chez",
                       "travaille chez", "livreur chez", "chauffeur chez", "il me paye", "il me paie",
                       "suis salarie", "suis salariee", "il est salarie", "elle est salariee", "pour une boite",
                       "pour une entreprise", "pour une societe", "fiche de paie", "fiches de paie", "net")
"""Said in so many words, being an employee beats a trade that is often self-employed (« livreur »); so does pay
told « net » (« chauffeur livreur 1400 net »)."""
_NO_ACTIVITY = phrases(
    "sans activite", "aucune activite", "pas d activite", "n exerce aucune", "n exerce pas", "sans revenu",
    "sans revenus", "aucun revenu", "pas de revenu", "pas de revenus", "sans ressources", "aucune ressource",
    "je fais rien", "je ne fais rien", "rien en ce moment", "rien pour l instant", "rien pour le moment",
    "rien du tout", "je m occupe de ma", "je m occupe de mon", "s occupe de sa", "s occupe de son",
)
"""Without activity and not looking for work: inactive (unemployed is for those who look, or are paid for it)."""
_NOTHING_PAID = phrases("a rien", "touche rien", "touche plus rien", "0 revenu", "zero revenu", "aucun revenu",
                        "pas de revenu", "rien non plus", "touche r", "n a rien", "ne touche rien")
"""« elle bosse pas, elle a rien »: not working and nothing paid, not looking for work either: without activity."""
_SEEKING = phrases(
    "cherche", "cherch", "recherche", "chomage", "chomeur", "chomeuse", "france travail", "pole emploi",
    "demandeur", "demandeuse", "inscrit", "inscrite", "licencie", "licenciee", "fin de contrat", "are", "chomdu",
    "fin de droits", "fin de droit", "ass", "perdu mon", "perdu son", "jcherche", "jcherch",
)
"""…unless the same answer says some work."""
_SMS_AU: Final = re.compile(r"\bo (foyer|chomage|chomdu|rsa|smic|black)\b")
"""« jsuis o foyer », « il est o chomage »: « au » typed as it sounds."""
_DISABLED_KEYWORDS = dict(_ACTIVITY_KEYWORDS)[ActivityStatus.DISABLED]


def read_activity(text: str) -> Activity | None:
    """Read the resident's activity: "au RSA", "au chômage", "en CDI à mi-temps", "retraitée", "en arrêt maladie",
    "étudiant", "auto-entrepreneur"; contract and part time when said. None when the answer names no activity."""
    folded = _SMS_AU.sub(r"au \1", fold(text))
    if not folded or (is_dont_know_text(folded) and len(words(folded)) <= SHORT_ANSWER_WORDS):
        return None  # « je ne sais pas »; in a long answer the doubt may be about the amount
    spaced = _PAST_OR_DENIED.sub(" ", padded(folded))
    on_rsa = has_any(spaced, phrases("rsa", "au rsa", "le rsa", "rmi"))
    # "je ne travaille pas" must not count as work; the negation itself says unemployed.
    without_negations = spaced
    studies_over = has_any(padded(folded), _ENDED_STUDIES)  # « job étudiant, enfin plus étudiant »: not a student
    for phrase in _NOT_AN_EMPLOYEE:
        without_negations = without_negations.replace(f" {phrase} ", " ")
    for phrase in _NEGATED_WORK:
        without_negations = without_negations.replace(f" {phrase} ", " chomage ")
    home_maker = (has_any(spaced, _HOME_MAKER) or has_any(spaced, _HOME_WITH_CHILD)) \
        and not has_any(spaced, _WORKING_TOO) and not has_any(spaced, phrases("conge parental", "conge maternite"))
    for phrase in MDPH_PENDING:
        without_negations = without_negations.replace(f" {phrase} ", " ")
    status = ActivityStatus.INACTIVE if home_maker else next(
        (
            status
            for status, keywords in _ACTIVITY_KEYWORDS
            if has_any(without_negations, keywords) and not (studies_over and status is ActivityStatus.STUDENT)
        ),
        ActivityStatus.UNEMPLOYED if on_rsa else None,
    )
    if status is ActivityStatus.RETIRED and has_any(spaced, phrases("pensionne d invalidite", "pension d invalidite",
                                                                     "pensionnee d invalidite")):
        status = ActivityStatus.DISABLED  # an invalidity pension is no retirement
    if status is ActivityStatus.DISABLED and has_any(without_negations, _AT_WORK) \
            and not has_any(spaced, phrases("invalidite", "aah", "inapte")):
        status = ActivityStatus.EMPLOYED  # « reconnu travailleur handicapé mais je travaille »
    if status is ActivityStatus.SELF_EMPLOYED and has_any(without_negations, _AN_EMPLOYEE):
        status = ActivityStatus.EMPLOYED  # « chauffeur-livreur, je suis salarié de la boîte »
    idle = has_any(spaced, _NO_ACTIVITY) or (has_any(spaced, _NEGATED_WORK) and has_any(spaced, _NOTHING_PAID))
    if status is ActivityStatus.UNEMPLOYED and idle and not has_any(spaced, _SEEKING) and not on_rsa:
        status = ActivityStatus.INACTIVE  # « sans activité, sans ressources »: not looking for work
    if status is ActivityStatus.SICK_LEAVE and has_any(without_negations, _DISABLED_KEYWORDS):
        status = ActivityStatus.DISABLED  # « en invalidité depuis une maladie grave »: the invalidity is what lasts
    if status is None and has_any(spaced, _NO_ACTIVITY):
        status = ActivityStatus.INACTIVE  # « je suis sans revenu »
    if status is None and words(folded) == ["rien"]:
        status = ActivityStatus.INACTIVE  # « rien » alone, to « quelle est votre situation ? »
    if status is None:
        return None
    contract = next((name for name, keywords in _CONTRACTS if has_any(spaced, keywords)), None)
    part_time: bool | None = None
    if has_any(spaced, _FULL_TIME) and not has_any(spaced, phrases("pas a temps plein", "pas a plein temps")):
        part_time = False
    elif has_any(spaced, _PART_TIME):
        part_time = True
    return Activity(status=status, part_time=part_time, contract=contract, on_rsa=on_rsa)
