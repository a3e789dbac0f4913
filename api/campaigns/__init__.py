"""Outreach campaigns: a territory admin uploads recipients, checks the report, confirms; the worker sends."""
