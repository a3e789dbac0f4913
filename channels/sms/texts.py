"""The SMS channel's own messages (the bot's come from Rasa), read from texts.yml: the words live in the template."""

from __future__ import annotations

from pathlib import Path

import yaml

_TEXTS: dict[str, str] = yaml.safe_load((Path(__file__).with_name("texts.yml")).read_text(encoding="utf-8"))

OPT_OUT_CONFIRMATION = _TEXTS["opt_out_confirmation"]
OPT_IN_WELCOME = _TEXTS["opt_in_welcome"]
FORGET_CONFIRMATION = _TEXTS["forget_confirmation"]
