"""Aggregating indicator events into published numbers, with small cells suppressed. Pure functions.

The suppression rule (docs/indicators.md):

1. The finest cell is (territory, month, channel, campaign) — and the benefit, for rights. A finest cell that counts
   fewer than ``THRESHOLD`` people is *suppressed*: it is published as "< 5", and so are the amounts and the median
   delay computed from its people.
2. Every other number (a month across channels, a benefit across months, a total) is the sum of the **published**
   finest cells only. A suppressed cell never enters any published number, so no subtraction between two published
   numbers (a total minus the other rows, one selection minus another) gives it back. Totals are therefore minimums.
3. A published sum under ``THRESHOLD`` (no published cell in it) is shown as "< 5" too: "< 5" means "0 to 4 people,
   or only cells of fewer than 5".
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from api.indicators.models import EventKind

THRESHOLD = 5
SUPPRESSED = "< 5"

COUNTED_KINDS = (EventKind.CONVERSATION_STARTED, EventKind.BILAN_COMPLETED, EventKind.CALLBACK_BOOKED,
                 EventKind.CALLBACK_DELIVERED, EventKind.CALLBACK_HANDLED, EventKind.CALLBACK_UNREACHABLE)
BENEFIT_KINDS = (EventKind.RIGHT_DETECTED, EventKind.UNCERTAIN_RESULT)


@dataclass(frozen=True)
class EventRow:
    """An indicator event as read from the database."""

    month: str
    territory: str
    channel: str
    campaign: str
    kind: str
    benefit: str = ""
    amount: float | None = None
    delay_hours: float | None = None


CellKey = tuple[str, str, str, str]  # territory, month, channel, campaign


@dataclass(frozen=True)
class Filters:
    """A selection of the events: one territory always; month, channel and campaign optional ("" = all)."""

    territory: str
    month: str = ""
    channel: str = ""
    campaign: str = ""

    def keep(self, event: EventRow) -> bool:
        return (event.territory == self.territory and self.month in ("", event.month)
                and self.channel in ("", event.channel) and self.campaign in ("", event.campaign))


@dataclass
class _Fine:
    """The events of one finest cell (for one kind, or one kind and benefit)."""

    count: int = 0
    amount: float = 0.0
    delays: list[float] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.count >= THRESHOLD


def key_of(event: EventRow) -> CellKey:
    return (event.territory, event.month, event.channel, event.campaign)


def fine_cells(events: Iterable[EventRow]) -> dict[tuple[CellKey, str, str], _Fine]:
    """(cell key, kind, benefit) → the cell's count, amount and delays."""
    cells: dict[tuple[CellKey, str, str], _Fine] = defaultdict(_Fine)
    for event in events:
        cell = cells[(key_of(event), event.kind, event.benefit)]
        cell.count += 1
        if event.amount is not None:
            cell.amount += event.amount
        if event.delay_hours is not None:
            cell.delays.append(event.delay_hours)
    return cells


@dataclass(frozen=True)
class Value:
    """A published number, or a suppressed one (``value`` None): ``shown`` is what a reader sees."""

    value: float | None

    @property
    def shown(self) -> str:
        if self.value is None:
            return SUPPRESSED
        text = f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,.1f}"
        return text.replace(",", "\u202f").replace(".", ",")  # French: 3 600 ; 12,5

    @property
    def export(self) -> float | int | str:
        """The exported value: the number, or "< 5"."""
        if self.value is None:
            return SUPPRESSED
        return int(self.value) if float(self.value).is_integer() else round(self.value, 2)


def count_value(cells: Sequence[_Fine]) -> Value:
    """The sum of the published cells; "< 5" if that sum is under the threshold (rule 2 and 3)."""
    total = sum(cell.count for cell in cells if cell.published)
    return Value(total if total >= THRESHOLD else None)


def amount_value(cells: Sequence[_Fine]) -> Value:
    """The total amount of the people of the published cells (rounded to the euro)."""
    published = [cell for cell in cells if cell.published]
    return Value(round(sum(cell.amount for cell in published))) if published else Value(None)


def median_value(cells: Sequence[_Fine]) -> Value:
    """The median delay over the people of the published cells, in hours."""
    delays = [delay for cell in cells if cell.published for delay in cell.delays]
    return Value(round(statistics.median(delays), 1)) if len(delays) >= THRESHOLD else Value(None)


@dataclass(frozen=True)
class MonthRow:
    """One month of the selection: one value per counted kind, and the median delay to the callback."""

    month: str
    counts: dict[str, Value]
    median_delay_hours: Value


@dataclass(frozen=True)
class BenefitRow:
    """One benefit over the selection: people with the right detected, their total monthly amount, uncertain."""

    benefit: str
    rights: Value
    amount: Value
    uncertain: Value


@dataclass(frozen=True)
class Report:
    """What the page shows: months, benefits, and totals (all sums of published finest cells)."""

    filters: Filters
    months: list[MonthRow]
    total: MonthRow
    benefits: list[BenefitRow]
    benefits_total: BenefitRow


def _month_row(label: str, cells: dict[tuple[CellKey, str, str], _Fine], keys: set[CellKey]) -> MonthRow:
    counts = {kind.value: count_value([cell for (key, k, _), cell in cells.items() if key in keys and k == kind])
              for kind in COUNTED_KINDS}
    handled = [cell for (key, k, _), cell in cells.items() if key in keys and k == EventKind.CALLBACK_HANDLED]
    return MonthRow(label, counts, median_value(handled))


def _benefit_row(label: str, cells: dict[tuple[CellKey, str, str], _Fine], benefits: set[str]) -> BenefitRow:
    rights = [cell for (_, k, b), cell in cells.items() if k == EventKind.RIGHT_DETECTED and b in benefits]
    uncertain = [cell for (_, k, b), cell in cells.items() if k == EventKind.UNCERTAIN_RESULT and b in benefits]
    return BenefitRow(label, count_value(rights), amount_value(rights), count_value(uncertain))


def report(events: Iterable[EventRow], filters: Filters) -> Report:
    """The page's tables for a selection of events."""
    cells = fine_cells(event for event in events if filters.keep(event))
    keys = {key for key, _, _ in cells}
    months = sorted({key[1] for key in keys}, reverse=True)
    benefits = sorted({benefit for (_, kind, benefit) in cells if kind in BENEFIT_KINDS})
    return Report(
        filters=filters,
        months=[_month_row(month, cells, {key for key in keys if key[1] == month}) for month in months],
        total=_month_row("Total", cells, keys),
        benefits=[_benefit_row(benefit, cells, {benefit}) for benefit in benefits],
        benefits_total=_benefit_row("Total", cells, set(benefits)),
    )


# -- the exports: the finest cells only, long format ---------------------------------------------------------

EXPORT_COLUMNS = ("month", "territory", "channel", "campaign", "indicator", "benefit", "value")
INDICATOR_OF_KIND = {
    EventKind.CONVERSATION_STARTED: "conversations_started", EventKind.BILAN_COMPLETED: "bilans_completed",
    EventKind.CALLBACK_BOOKED: "callbacks_booked", EventKind.CALLBACK_DELIVERED: "callbacks_delivered",
    EventKind.CALLBACK_HANDLED: "callbacks_handled", EventKind.CALLBACK_UNREACHABLE: "callbacks_unreachable",
    EventKind.RIGHT_DETECTED: "rights_detected", EventKind.UNCERTAIN_RESULT: "uncertain_results",
}


def export_rows(events: Iterable[EventRow], filters: Filters) -> list[dict[str, float | int | str]]:
    """One row per finest cell and indicator (and benefit), values suppressed by rule 1; sorted for diffs."""
    cells = fine_cells(event for event in events if filters.keep(event))
    rows: list[dict[str, float | int | str]] = []
    for (key, kind, benefit), cell in sorted(cells.items()):
        territory, month, channel, campaign = key
        base: dict[str, float | int | str] = {"month": month, "territory": territory, "channel": channel,
                                              "campaign": campaign, "benefit": benefit}
        rows.append({**base, "indicator": INDICATOR_OF_KIND[EventKind(kind)],
                     "value": count_value([cell]).export})
        if kind == EventKind.RIGHT_DETECTED:
            rows.append({**base, "indicator": "rights_monthly_amount", "value": amount_value([cell]).export})
        if kind == EventKind.CALLBACK_HANDLED:
            rows.append({**base, "indicator": "median_delay_hours", "value": median_value([cell]).export})
    return [{column: row[column] for column in EXPORT_COLUMNS} for row in rows]
