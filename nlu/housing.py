"""Where the resident lives (tenant, owner, hosted, homeless…) from everyday and SMS French."""

from __future__ import annotations

import re
from enum import Enum

from nlu.replies import is_dont_know_text
from nlu.text import fold, has_any, padded, phrases

# --- Housing ----------------------------------------------------------------------------------------------------


class HousingStatus(str, Enum):
    """Where the resident lives, as housing benefits need it."""

    TENANT = "tenant"
    SOCIAL_TENANT = "social_tenant"
    OWNER = "owner"
    HOSTED = "hosted"
    """Hosted by family or friends ("hébergé chez ma mère")."""
    STUDENT_RESIDENCE = "student_residence"
    """A CROUS or other student residence (conventionnée: APL-foyer)."""
    SHELTER = "shelter"
    """A foyer, CHRS, social residence or emergency accommodation."""
    HOMELESS = "homeless"


# fmt: off
_HOUSING_NEGATIONS = phrases(
    "pas proprietaire", "pas proprio", "non proprietaire", "ni proprietaire", "pas locataire", "ni locataire",
    "pas en hlm", "pas hlm", "pas un hlm", "pas heberge", "pas hebergee", "pas a la rue", "plus a la rue",
    "pas de logement social", "pas un logement social", "pas en foyer", "plus en foyer", "pas d un hlm",
    "non pas d un hlm", "pas dans un hlm", "pas en logement social", "pas chez un bailleur social",
)
_OWNER_FIRST = phrases(
    "proprietaire occupant", "je suis proprietaire", "nous sommes proprietaires", "on est proprietaires",
    "je suis proprio", "on est proprio", "herite", "heritee", "j ai herite", "c est mon appartement",
    "c est ma maison", "entierement paye", "entierement payee", "fini de payer", "credit termine", "credit fini",
    "plus de credit", "j ai achete", "on a achete", "nous avons achete", "il est a moi", "elle est a moi",
    "est a nous",
)
"""Said of one's own home, ownership beats an « appartement » named with it."""
# fmt: on
_WISHED_FOR = re.compile(
    r" (?:demande|demandes|dossier|attente|attend|attends|attendons|inscrit|inscrite|cherche|recherche"
    r"|voudrais|voudrait|aimerais|veux)"
    r"(?: (?:de|d|d un|d une|pour|pour un|pour une|un|une|a|en|un logement en|d un logement en))?"
    r" (?:hlm|h l m|logement social|logement sociale|logements sociaux|appartement|appart|logement)"
)
"""A home asked for is not the home lived in: « j'ai fait une demande de HLM » is no HLM tenant."""
_CALLING_THE_115 = phrases(
    "j appelle le 115", "appelle le 115", "on appelle le 115", "j appelle le samu social", "appelle le samu social",
    "le 115 ne repond", "le 115 repond pas", "le 115 a rien", "le 115 n a rien", "pas de place au 115",
)
"""Calling the 115 each night is being without a home, unless a place was found (« hébergé par le 115 »)."""
# fmt: off
_HOUSING_KEYWORDS: tuple[tuple[HousingStatus, tuple[str, ...]], ...] = (
    (
        HousingStatus.HOMELESS,
        phrases(
            "a la rue", "dans la rue", "sdf", "sans domicile", "sans domicile fixe", "sans abri", "sans abris",
            "dehors", "je dors dehors", "dans ma voiture", "dans une voiture", "dans mon camion", "squat", "squatte",
            "sans logement", "pas de logement", "pas de toit", "sans toit", "une tente", "sous une tente",
            "alarue", "campement", "bidonville", "plus de domicile", "pas de domicile", "expulse", "expulsee",
            "expulsion", "pas de chez moi", "pas de chez moi", "nulle part", "mobil home",
            "caravane", "dans un garage", "sans domicile stable", "a droite a gauche",
        ),
    ),
    (
        HousingStatus.STUDENT_RESIDENCE,
        phrases(
            "crous", "residence etudiante", "residence universitaire", "cite u", "cite universitaire", "logement crous",
            "chambre crous", "studio crous", "residence crous", "resid etudiante", "foyer etudiant",
            "foyer d etudiants", "residence pour etudiants", "logement etudiant",
        ),
    ),
    (
        HousingStatus.SHELTER,
        phrases(
            "foyer", "chrs", "residence sociale", "fjt", "foyer jeunes travailleurs", "foyer de jeunes travailleurs",
            "centre d hebergement", "hotel social", "hebergement d urgence", "hebergement urgence", "115",
            "hotel du 115", "cada", "pension de famille", "maison relais", "centre d accueil", "adoma", "ehpad",
            "residence autonomie", "hotel", "a l hotel", "logement d urgence", "maison de retraite", "ehpa",
            "appartement therapeutique", "lit halte", "accueil de jour", "samu social", "le 115",
            "hotel social", "hotel paye", "mis a l abri", "mise a l abri",
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
            "dans ma famille", "che ma mere", "che ma mer", "che mes parents", "che un ami", "che une amie",
            "che ma soeur", "che mon frere", "chez mon fils", "chez ma fille", "chez mes enfants", "chez ma cousine",
            "chez mon cousin", "chez mon ex", "chez ma copine", "chez mon copain", "chez des gens", "chez un copain",
            "chez une copine", "a titre gratuit", "loge gratuitement", "je suis loge", "je suis logee", "loge chez",
            "logee chez", "chez les parents", "chez la famille", "loges par", "loge par", "logee par", "logees par",
            "par la famille", "par ma famille", "logement de fonction", "loge par mon employeur", "chez ma belle mere",
            "chez mes beaux parents",
            "chez ma mere", "chez ma mer", "chez ma daronne", "chez mes darons", "chez mon daron",
        ),
    ),
    (
        HousingStatus.SOCIAL_TENANT,
        phrases(
            "hlm", "logement social", "logements sociaux", "logement sociale", "bailleur social", "office public",
            "oph", "opac", "opah", "habitat social", "social", "h l m", "l hlm", "un hlm", "en hlm", "habitat",
            "bailleur", "immobiliere 3f", "3f", "vilogia", "logirep", "erilia", "cdc habitat", "sa hlm",
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
            "je possede", "on possede", "le credit", "un credit", "du credit", "credit de la maison", "credit maison",
            "credit de l appartement", "credit de l appart", "emprunt", "un emprunt", "on rembourse", "je rembourse",
            "nous remboursons", "mensualites", "hypotheque", "notre appartement", "mon appartement a moi",
            "ma propre maison", "chez moi a moi", "j ai une maison", "on a une maison", "nous avons une maison",
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
    spaced = _WISHED_FOR.sub(" ", padded(folded))
    for phrase in _HOUSING_NEGATIONS:
        spaced = spaced.replace(f" {phrase} ", " ")
    if has_any(spaced, _CALLING_THE_115):
        spaced = f"{spaced} sans logement "
    # "propriétaire privé" is the landlord of a private tenant, not the resident.
    if has_any(spaced, phrases("proprietaire prive", "proprio prive", "un proprietaire", "mon proprietaire")):
        spaced = spaced.replace(" proprietaire prive ", " locataire ").replace(" proprio prive ", " locataire ")
        spaced = spaced.replace(" un proprietaire ", " locataire ").replace(" mon proprietaire ", " locataire ")
    if has_any(spaced, _OWNER_FIRST) and not has_any(spaced, phrases("locataire", "mon loyer", "je loue")):
        return HousingStatus.OWNER
    return next((status for status, keywords in _HOUSING_KEYWORDS if has_any(spaced, keywords)), None)
