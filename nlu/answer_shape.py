"""Whether a message looks like the answer to a pending question, whatever an intent classifier says (pure).

A classifier trained on "recommencer à zéro" takes « zéro » alone for a request to start over; « 0 », « rien »,
« non » and « environ neuf cents » are answers while a question waits. A message that holds a number or a word of
nothing is an answer unless it also names another request (« recommencer à zéro », « rappelez-moi au 06… »).
"""

from __future__ import annotations

import re
from typing import Final

from text_to_num import alpha2digit

from nlu.activity import read_activity
from nlu.communes import read_commune
from nlu.housing import read_housing
from nlu.text import fold, has_any, padded, phrases

ANSWER_INTENT: Final = "inform"
_LEAVING: Final = phrases("au revoir", "bye", "a bientot", "a plus", "bonne journee", "bonne soiree", "adieu", "ciao",
                          "salut", "tchao", "je m en vais", "j arrete", "a la prochaine")

_DIGIT: Final = re.compile(r"\d")
_NOTHING: Final = phrases(
    "zero", "rien", "aucun", "aucune", "nada", "que dalle", "walou", "peanuts", "pas un rond", "pas un sou",
    "sans revenu", "sans revenus", "pas de revenu", "pas de revenus", "nul", "nulle part",
)
# fmt: off
_OTHER_REQUESTS: Final = phrases(
    # start over
    "recommencer", "recommence", "reprendre", "on reprend", "depuis le debut", "du debut", "repartir",
    "reinitialiser", "effacer", "nouveau bilan",
    # a person
    "parler", "rappeler", "rappelez", "rappel", "appeler", "appelez", "humain", "conseiller", "conseillere",
    "quelqu un", "une personne", "assistante sociale", "assistant social", "agent",
    # the summary
    "sms", "resume", "recapitulatif", "envoyer", "envoyez",
    # help, why, leaving, a bot
    "aide", "aidez", "comprends pas", "comprend pas", "reformuler", "pourquoi", "pk", "au revoir", "bye", "merci",
    "robot", "bot", "stop", "arret", "arreter",
    # not understanding, rudeness (« tu comprends rien », « t'es nul »): « rien » and « nul » are not amounts there
    "comprends rien", "comprend rien", "comprenez rien", "capte rien", "compris rien", "rien compris", "t es nul",
    "tes nul", "vous etes nul", "vous etes nuls", "c est nul", "nul nul", "trop nul", "bande de nuls", "pff", "pfff",
    "pffff", "rien a foutre", "m en fous", "m en fiche", "rien a faire de",
)
# fmt: on
_REPLACEABLE: Final = frozenset(
    {"start_over", "goodbye", "bot_challenge", "out_of_scope", "why_asked", "help", "insult", "send_summary",
     "human_request", "thank", "greet", "start", "deny", "affirm", "nlu_fallback"}
)
"""Intents that an answer-shaped message replaces (inform, dont_know and correction are read by the form)."""


def has_number(text: str) -> bool:
    """Digits, or a number written in words (« neuf cents », « zéro »)."""
    folded = fold(text)
    return bool(_DIGIT.search(folded) or _DIGIT.search(alpha2digit(folded, "fr")))


def is_answer_shaped(text: str) -> bool:
    """A number or a word of nothing, and no word of another request."""
    spaced = padded(fold(text))
    if has_any(spaced, _OTHER_REQUESTS):
        return False
    return has_number(text) or has_any(spaced, _NOTHING)


_CONFIRMING: Final = phrases(
    "tout est juste", "tout est bon", "tout est exact", "tout est correct", "c est juste", "c est exact", "c est bon",
    "c est correct", "c est ca", "exact", "correct", "juste", "je confirme", "confirme", "parfait", "nickel",
    "impeccable", "oui", "ok", "d accord",
)
"""« Tout est juste » at the recap: a confirmation a classifier may take for a farewell."""
_CONFIRMATION_TAKEN_FOR: Final = frozenset(
    {"goodbye", "help", "send_summary", "thank", "start", "greet", "out_of_scope", "bot_challenge", "nlu_fallback"})
"""Intents a classifier gives to confirmations with a polite tail; the form reads them (the recap above all)."""
_EXPLICIT: Final = phrases(
    "au revoir", "bye", "a bientot", "recommencer", "recommence", "rappel", "rappeler", "rappelez", "appeler",
    "parler a", "parler avec", "humain", "conseiller", "conseillere", "sms", "envoyer", "envoyez", "envoie", "aide",
    "aidez", "pourquoi", "pk", "comprends pas", "comprend pas", "robot", "stop",
)
"""Words of a request of its own: a message holding one is not taken for a plain confirmation."""
_PLACE_TOLD: Final = re.compile(r"^\s*(?:a|au|sur|j habite a|je vis a|je suis a|on est a)\s+\S")
"""« à Bastia », « j'habite à Lyon »: a place said as the answer to « dans quelle commune ? »."""


def names_a_situation(text: str) -> bool:
    """« à Bastia », « je suis en arrêt », « locataire »: words of an answer of the bilan (a place, an activity, a
    housing), which a classifier may take for « au revoir » or « stop » and end the bilan on."""
    folded = fold(text)
    if _PLACE_TOLD.match(folded) and read_commune(text):
        return True
    return read_activity(text) is not None or read_housing(text) is not None


def overridden_intent(text: str, intent: str | None) -> str | None:
    """ANSWER_INTENT for an answer-shaped message the classifier gave to a replaceable intent, or for a confirmation
    with a polite tail (« tout est juste », « c'est ça, vous pouvez continuer »), else None. Leaving is the one intent
    that ends the bilan: it also gives way to a message naming a place, an activity or a housing."""
    if intent in _REPLACEABLE and is_answer_shaped(text):
        return ANSWER_INTENT
    spaced = padded(fold(text))
    if intent in _CONFIRMATION_TAKEN_FOR and has_any(spaced, _CONFIRMING) and not has_any(spaced, _EXPLICIT):
        return ANSWER_INTENT  # « C'est ça. Vous pouvez continuer. », « c'est exact, merci pour la récapitulation »
    if intent == "goodbye" and not has_any(spaced, _LEAVING) and names_a_situation(text):
        return ANSWER_INTENT
    return None
