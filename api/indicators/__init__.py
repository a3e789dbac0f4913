"""Evaluation indicators: anonymous events recorded as things happen, aggregated with small cells suppressed."""
