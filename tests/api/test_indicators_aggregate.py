"""The indicators' aggregation and suppression rule, the exports and the charts: pure functions."""

from __future__ import annotations

import csv
import io
import json

from api.indicators.aggregate import SUPPRESSED, EventRow, Filters, export_rows, report
from api.indicators.charts import bar_chart
from api.indicators.export import to_csv, to_json
from api.indicators.models import EventKind


def events(kind: EventKind, count: int, *, month: str = "2026-11", channel: str = "web", campaign: str = "",
           territory: str = "bastia", benefit: str = "", amount: float | None = None,
           delay: float | None = None) -> list[EventRow]:
    return [EventRow(month, territory, channel, campaign, kind.value, benefit, amount,
                     delay + index if delay is not None else None) for index in range(count)]


STARTED = EventKind.CONVERSATION_STARTED
BASTIA = Filters(territory="bastia")


def test_a_cell_under_five_people_is_suppressed_and_five_is_shown() -> None:
    four = report(events(STARTED, 4), BASTIA)
    assert four.months[0].counts[STARTED.value].shown == SUPPRESSED
    five = report(events(STARTED, 5), BASTIA)
    assert five.months[0].counts[STARTED.value].shown == "5"


def test_totals_add_published_cells_only_so_no_difference_gives_a_suppressed_cell_back() -> None:
    data = events(STARTED, 9, channel="web") + events(STARTED, 3, channel="sms") + events(STARTED, 2, month="2026-10")
    everything = report(data, BASTIA)
    web = report(data, Filters(territory="bastia", channel="web"))
    sms = report(data, Filters(territory="bastia", channel="sms"))
    assert everything.total.counts[STARTED.value].shown == "9"  # not 14: the 3 and the 2 stay hidden
    assert [row.counts[STARTED.value].shown for row in everything.months] == ["9", SUPPRESSED]
    assert web.total.counts[STARTED.value].shown == "9"
    assert sms.total.counts[STARTED.value].shown == SUPPRESSED
    # Every published number of every selection: none of them minus another gives 3 or 2.
    published = {int(value.shown) for selection in (everything, web, sms)
                 for row in [*selection.months, selection.total] for value in row.counts.values()
                 if value.shown != SUPPRESSED}
    assert {a - b for a in published for b in published} <= {0} | {9, -9}


def test_two_small_cells_do_not_add_up_to_a_published_row() -> None:
    data = events(STARTED, 3, channel="web") + events(STARTED, 3, channel="sms")
    assert report(data, BASTIA).months[0].counts[STARTED.value].shown == SUPPRESSED


def test_rights_count_and_amount_are_suppressed_together_per_benefit() -> None:
    data = (events(EventKind.RIGHT_DETECTED, 6, benefit="rsa", amount=500.25)
            + events(EventKind.RIGHT_DETECTED, 2, benefit="ppa", amount=200.0)
            + events(EventKind.UNCERTAIN_RESULT, 5, benefit="ppa"))
    rows = {row.benefit: row for row in report(data, BASTIA).benefits}
    assert (rows["rsa"].rights.shown, rows["rsa"].amount.shown) == ("6", "3\u202f002")
    assert (rows["ppa"].rights.shown, rows["ppa"].amount.shown, rows["ppa"].uncertain.shown) == (
        SUPPRESSED, SUPPRESSED, "5")
    total = report(data, BASTIA).benefits_total
    assert (total.rights.shown, total.amount.shown) == ("6", "3\u202f002")


def test_median_delay_uses_the_people_of_published_cells_only() -> None:
    data = (events(EventKind.CALLBACK_HANDLED, 5, delay=10.0)  # 10, 11, 12, 13, 14
            + events(EventKind.CALLBACK_HANDLED, 2, channel="sms", delay=500.0))
    result = report(data, BASTIA)
    assert result.total.median_delay_hours.shown == "12"
    assert report(events(EventKind.CALLBACK_HANDLED, 6, delay=10.0), BASTIA).total.median_delay_hours.shown == "12,5"
    assert report(data, Filters(territory="bastia", channel="sms")).total.median_delay_hours.shown == SUPPRESSED


def test_other_territories_are_never_counted() -> None:
    data = events(STARTED, 7, territory="venissieux") + events(STARTED, 5)
    assert report(data, BASTIA).total.counts[STARTED.value].shown == "5"
    assert all(row["territory"] == "bastia" for row in export_rows(data, BASTIA))


def test_exports_hold_the_finest_cells_with_suppressed_values_as_less_than_five() -> None:
    data = (events(STARTED, 7, campaign="RSA-NOV", channel="sms") + events(STARTED, 1)
            + events(EventKind.RIGHT_DETECTED, 5, benefit="rsa", amount=100.4)
            + events(EventKind.CALLBACK_HANDLED, 3, delay=4.0))
    rows = export_rows(data, BASTIA)
    found = {(row["channel"], row["campaign"], row["indicator"], row["benefit"]): row["value"] for row in rows}
    assert found == {
        ("sms", "RSA-NOV", "conversations_started", ""): 7,
        ("web", "", "conversations_started", ""): SUPPRESSED,
        ("web", "", "rights_detected", "rsa"): 5,
        ("web", "", "rights_monthly_amount", "rsa"): 502,  # rounded to the euro
        ("web", "", "callbacks_handled", ""): SUPPRESSED,
        ("web", "", "median_delay_hours", ""): SUPPRESSED,
    }
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows).lstrip("\ufeff")), delimiter=";"))
    assert list(parsed[0]) == ["month", "territory", "channel", "campaign", "indicator", "benefit", "value"]
    assert {row["value"] for row in parsed} >= {SUPPRESSED, "7", "502"}
    document = json.loads(to_json(rows, BASTIA))
    assert document["suppression"] == {"threshold": 5, "shown_as": SUPPRESSED}
    assert document["cells"] == rows


def test_chart_describes_every_value_and_draws_no_bar_for_a_suppressed_one() -> None:
    data = events(STARTED, 10, month="2026-10") + events(STARTED, 5) + events(STARTED, 2, month="2026-09")
    months = list(reversed(report(data, BASTIA).months))
    chart = bar_chart("c", "Conversations", [(row.month, row.counts[STARTED.value]) for row in months])
    assert [(bar.label, bar.shown, bar.width > 0) for bar in chart.bars] == [
        ("2026-09", SUPPRESSED, False), ("2026-10", "10", True), ("2026-11", "5", True)]
    assert chart.bars[1].width == 2 * chart.bars[2].width
    assert chart.desc == "2026-09 : < 5; 2026-10 : 10; 2026-11 : 5"
