"""Yes, no and "I don't know", the way residents write them ("ouais", "nan", "pas du tout", "jsp").

`read_yes_no` answers a closed question; `is_dont_know` tells an honest "je ne sais pas" (which the bot records as
an assumption) from an unreadable answer (which the bot asks again). Pure functions, no Rasa import.
"""

from __future__ import annotations

import re

from nlu.text import fold, has_any, padded, phrases

# fmt: off
DONT_KNOW = phrases(
    "je ne sais pas", "je sais pas", "sais pas", "ne sais pas", "j sais pas", "je sais pa", "sais pa", "je c est pas",
    "je sai pas", "je sait pas", "sait pas", "chais pas", "chai pas", "che pas", "chepa", "chepas", "sepa", "jspa",
    "je sais plus", "je ne sais plus", "sais plus", "aucune idee", "aucune idée", "pas d idee", "pas la moindre idee",
    "aucun idee", "je n en sais rien", "j en sais rien", "jen sais rien", "sais rien", "je ne suis pas sur",
    "je ne suis pas sure", "je suis pas sur", "je suis pas sure", "pas sur", "pas sure", "pas certain",
    "pas certaine", "je me souviens pas", "je ne me souviens pas", "je me souviens plus", "je ne me souviens plus",
    "je me rappelle pas", "je ne me rappelle pas", "je me rappelle plus", "je ne me rappelle plus", "je connais pas",
    "je ne connais pas", "inconnu", "idk", "nsp", "ne sait pas", "on sait pas", "je n ai pas l info",
    "j ai pas l info", "je n ai pas l information", "je ne saurais pas dire", "je saurais pas dire",
    "je ne saurais dire", "difficile a dire", "dur a dire", "je sais pas trop", "je ne sais pas trop",
    "aucune id", "je ne peux pas dire", "je peux pas dire", "je n ai aucune idee", "j ai aucune idee",
    "j en ai aucune idee", "va savoir", "je ne vois pas", "je vois pas", "j hesite", "je doute", "mystere",
    "je sais po", "sais po", "jsp pas", "jsai pas", "jsais pas", "jsai plus", "jsais plus", "jsai rien",
    "jsais rien", "jsai pa", "jsais pa", "j sai pas", "g pa d idee", "chui pas sur", "je n en connais pas",
    "j en connais pas", "je connais pas le montant", "je ne connais pas le montant", "j ai pas le montant",
    "je n ai pas le montant",
)
# fmt: on

# fmt: off
_NO = phrases(
    "non", "nan", "nn", "no", "nope", "nop", "niet", "nein", "pas du tout", "absolument pas", "pas vraiment",
    "jamais", "aucunement", "certainement pas", "surtout pas", "negatif", "que nenni", "bien sur que non",
    "pas d accord", "pas ok", "du tout", "non merci", "ca va pas", "pas question", "hors de question", "rien",
    "aucun", "aucune", "pas", "non plus", "nenni", "ne pas", "nada", "pas trop", "pas spécialement",
    "pas specialement", "pas forcement", "pas tellement",
)
# fmt: on
# fmt: off
_YES = phrases(
    "oui", "ouais", "ouaip", "ouep", "ouip", "oue", "ouii", "ouiii", "yes", "yep", "yup", "ok", "okay", "oki",
    "okk", "okey", "oke", "okai", "okiii", "okok", "d accord", "dac", "dacc", "dak", "bien sur", "exact",
    "exactement", "c est ca", "tout a fait",
    "absolument", "carrement", "affirmatif", "evidemment", "volontiers", "grave", "vas y", "allez y", "go",
    "parfait", "ca marche", "entendu", "certainement", "c est bien ca", "c est exact", "c est juste", "voila",
    "en effet", "effectivement", "tout a fait ca", "bien entendu", "of course", "yess", "ouais ouais", "oui oui",
    "je veux bien", "avec plaisir", "pourquoi pas", "bah oui", "ben oui", "ba oui", "sur", "ouaaais", "valide",
    "correct", "c bon", "c est bon", "ça marche", "sans doute", "sans aucun doute", "je confirme", "confirme",
    "super", "top", "cool", "oki doki", "okidoki", "d acc", "dacodac", "je crois",
    "je pense", "il me semble", "mouais", "je crois bien", "je pense bien", "bien sur que oui",
)
# fmt: on
# fmt: off
_NO_IDIOMS = phrases(
    "pas d accord", "absolument pas", "bien sur que non", "pas ok", "pas bien", "pas exactement", "pas vraiment",
    "pas correct", "pas exact", "pas juste", "pas top", "pas super", "pas cool", "pas parfait", "pas du tout",
    "non c est bon", "nan c est bon", "non ca va", "non ca ira", "je crois pas", "je ne crois pas", "je pense pas",
    "je ne pense pas", "il me semble pas", "il ne me semble pas",
)
# fmt: on
# fmt: off
_YES_IDIOMS = phrases(
    "pas de souci", "pas de soucis", "pas de probleme", "pas de problemes", "pas de pb", "sans probleme",
    "sans soucis", "sans souci", "pas mal", "n hesitez pas", "pourquoi pas",
)
# fmt: on
_NO_EMOJI = ("👎", "❌", "🙅")
_YES_EMOJI = ("👍", "👌", "✅", "🙂")
_SI = re.compile(r"^(?:mais |ben |bah )?si(?: si)*\b")
_MAYBE = phrases("peut etre", "peutetre", "p e", "bof", "oui et non", "ca depend", "sa depend", "plus ou moins")


# "je ne sais vraiment pas", "je sais toujours pas": a word may stand between "sais" and "pas".
_SAIS_PAS = re.compile(r"\b(?:sais|sait|sai)(?: \w+)? (?:pas|plus|po|rien)\b")


def is_dont_know_text(folded: str) -> bool:
    """`is_dont_know` on a text already folded by nlu.text.fold."""
    spaced = padded(folded)
    return has_any(spaced, DONT_KNOW) or bool(_SAIS_PAS.search(spaced))


_DOUBT_WORDS = re.compile(
    r"\b(?:je |j )?(?:ne )?(?:sais|sait|sai|suis)(?: \w+)? (?:pas|plus|po|rien|sur|sure)"
    r"(?: exactement| trop| bien| au juste)?\b"
    r"|\b(?:aucune idee|pas sur|pas sure|pas certain|pas certaine|difficile a dire|dur a dire)\b"
)
"""Words of doubt around an answer (« je sais pas exactement, autour de 900 »)."""




def without_doubt(folded: str) -> str:
    """A folded answer without its words of doubt: what is left may still say the answer."""
    return " ".join(_DOUBT_WORDS.sub(" ", folded).split())


def is_dont_know(text: str) -> bool:
    """Whether the answer says "I don't know" ("je sais pas", "jsp", "aucune idée", "chais pas", "pas sûr")."""
    return is_dont_know_text(fold(text))


def read_yes_no(text: str) -> bool | None:
    """True for yes ("ouais", "ok", "bien sûr"), False for no ("nan", "pas du tout"), None otherwise.

    "je ne sais pas", "peut-être", "oui et non" and answers that say both give None, so that the caller can
    record an assumption or ask again rather than guess.
    """
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    spaced = padded(folded)
    if has_any(spaced, _MAYBE):
        return None
    # Idioms first: a "yes" word inside a negation ("pas d'accord", "bien sûr que non") is a no, and a "pas"
    # inside an agreement ("pas de souci") is a yes.
    for idiom in _NO_IDIOMS:
        spaced = spaced.replace(f" {idiom} ", " non ")
    for idiom in _YES_IDIOMS:
        spaced = spaced.replace(f" {idiom} ", " oui ")
    no = has_any(spaced, _NO) or any(emoji in text for emoji in _NO_EMOJI)
    yes = has_any(spaced, _YES) or bool(_SI.match(folded)) or any(emoji in text for emoji in _YES_EMOJI)
    if yes and no:
        return None
    if yes:
        return True
    if no:
        return False
    return None
