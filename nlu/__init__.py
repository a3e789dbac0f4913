"""French natural-language helpers for the assistant des droits (pure, no Rasa import)."""
