"""The SMS channel's own messages (the bot's come from Rasa). French, short, GSM-7 only: one segment each."""

from __future__ import annotations

OPT_OUT_CONFIRMATION = (
    "C'est noté : vous ne recevrez plus de SMS de l'assistant des droits. "
    "Pour les recevoir à nouveau, répondez START."
)
OPT_IN_WELCOME = (
    "Bon retour ! Vous recevez à nouveau les SMS de l'assistant des droits. "
    "Écrivez bonjour pour commencer. Pour ne plus les recevoir, répondez STOP."
)
FORGET_CONFIRMATION = (
    "C'est fait : vos échanges avec l'assistant des droits et vos demandes de rappel sont effacés. "
    "Vous pouvez nous écrire à nouveau quand vous voulez."
)
