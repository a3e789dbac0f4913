"""Eligibility rule set: a typed household situation, OpenFisca-France, plain-French explanations."""
