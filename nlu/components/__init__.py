"""Custom Rasa components of the assistant (imported by Rasa from bot/config.yml)."""
