"""Channels through which residents reach the bot: web chat and SMS, both relayed to Rasa by the api."""
