"""Custom actions of the assistant des droits (run by `rasa run actions --actions bot.actions`).

Actions are thin: they read the conversation, call the api over httpx, and speak only
through responses defined in the domain.
"""
