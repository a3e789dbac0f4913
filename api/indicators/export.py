"""The exports of the indicators: CSV (";" separated, UTF-8 with BOM, for French spreadsheets) and JSON.

Both hold the finest cells only (territory, month, channel, campaign, indicator, benefit), with the suppression
rule applied: a cell of fewer than 5 people is the string "< 5". Columns: docs/indicators.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from api.indicators.aggregate import EXPORT_COLUMNS, SUPPRESSED, THRESHOLD, Filters

Rows = Sequence[dict[str, float | int | str]]


def to_csv(rows: Rows) -> str:
    """The rows as CSV with a header line; decimal numbers with a point."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def to_json(rows: Rows, filters: Filters) -> str:
    """The rows with the selection and the rule that was applied."""
    document = {
        "territory": filters.territory,
        "filters": {"month": filters.month or None, "channel": filters.channel or None,
                    "campaign": filters.campaign or None},
        "suppression": {"threshold": THRESHOLD, "shown_as": SUPPRESSED},
        "columns": list(EXPORT_COLUMNS),
        "cells": list(rows),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
