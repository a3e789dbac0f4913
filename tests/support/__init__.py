"""Helpers shared by the tests of the api runtime (never imported by the bot runtime's tests)."""
