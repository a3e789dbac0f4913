"""French wording of the errors a resident's browser may show: pydantic's error types, body problems, limits.

The public routes (/api/v1/...) answer in French (issue 13: their 422s were English pydantic texts). Each error
keeps its stable ``type`` code; only ``msg`` is said in French, short, and never quotes the input back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GENERIC = "Valeur invalide."

MESSAGES: Mapping[str, str] = {
    # problems of the body itself (api.core.strict_json, api.core.body_guard)
    "body_not_utf8": "Le contenu envoyé n'est pas du texte lisible (UTF-8 attendu).",
    "json_invalid": "Le contenu envoyé n'est pas du JSON valide.",
    "json_too_deep": "Le contenu envoyé est trop imbriqué.",
    "number_not_finite": "Ce nombre n'est pas une valeur finie.",
    "finite_number": "Ce nombre n'est pas une valeur finie.",
    "string_unicode": "Ce texte contient un caractère invalide.",
    # pydantic's types
    "missing": "Ce champ est obligatoire.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "string_type": "Un texte est attendu.",
    "string_too_short": "Ce texte est trop court.",
    "string_too_long": "Ce texte est trop long : {max_length} caractères au plus.",
    "string_pattern_mismatch": "Ce format n'est pas reconnu.",
    "int_type": "Un nombre entier est attendu.",
    "int_parsing": "Un nombre entier est attendu.",
    "int_from_float": "Un nombre entier est attendu.",
    "float_type": "Un nombre est attendu.",
    "float_parsing": "Un nombre est attendu.",
    "bool_type": "Oui ou non (true ou false) est attendu.",
    "bool_parsing": "Oui ou non (true ou false) est attendu.",
    "greater_than": "La valeur doit être supérieure à {gt}.",
    "greater_than_equal": "La valeur doit être supérieure ou égale à {ge}.",
    "less_than": "La valeur doit être inférieure à {lt}.",
    "less_than_equal": "La valeur doit être inférieure ou égale à {le}.",
    "too_long": "Trop d'éléments : {max_length} au plus.",
    "too_short": "Il manque des éléments.",
    "literal_error": "Cette valeur n'est pas une des valeurs possibles.",
    "enum": "Cette valeur n'est pas une des valeurs possibles.",
    "date_type": "Une date est attendue (AAAA-MM-JJ).",
    "date_parsing": "Une date est attendue (AAAA-MM-JJ).",
    "date_from_datetime_parsing": "Une date est attendue (AAAA-MM-JJ).",
    "datetime_type": "Une date et une heure sont attendues.",
    "datetime_parsing": "Une date et une heure sont attendues.",
    "datetime_from_date_parsing": "Une date et une heure sont attendues.",
    "dict_type": "Un objet JSON est attendu.",
    "model_type": "Un objet JSON est attendu.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "list_type": "Une liste est attendue.",
    "value_error": "Cette valeur est refusée.",
    # the project's own codes (rules/situation.py, api/conversations/schemas.py)
    "birth_date_out_of_range": "La date de naissance doit être passée, et après 1900.",
    "rent_not_renting": "Un loyer n'est possible que pour un logement loué.",
    "partner_without_couple": "Un conjoint est indiqué, mais « couple » vaut false.",
    "message_empty": "Le message est vide.",
}

STATUS_TEXTS: Mapping[int, str] = {
    404: "Adresse introuvable.",
    405: "Cette méthode n'est pas acceptée ici.",
    413: "Le contenu envoyé est trop volumineux.",
    500: "Une erreur est survenue de notre côté. Réessayez dans quelques minutes.",
}

RATE_LIMITED = "Vous avez envoyé beaucoup de demandes en peu de temps. Patientez un instant, puis réessayez."


def french_message(error_type: str, context: Mapping[str, Any] | None = None) -> str:
    """The French ``msg`` of an error type, its limits (``{max_length}``, ``{ge}``…) filled in from ``context``."""
    template = MESSAGES.get(error_type, GENERIC)
    try:
        return template.format(**{key: _number(value) for key, value in (context or {}).items()})
    except (KeyError, IndexError, ValueError):
        return GENERIC


def _number(value: Any) -> Any:
    """12.0 → 12 and 100000 → « 100 000 », as a French reader expects."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "\u202f")
    return value
