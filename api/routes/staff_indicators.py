"""The indicators of the evaluation in the staff space: a page with charts and tables, CSV and JSON exports.

Agents and admins see their own territory only; every number follows the suppression rule of
api/indicators/aggregate.py. No personal data is read here, so nothing is audited.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import SessionDep
from api.indicators import aggregate, export
from api.indicators.charts import bar_chart
from api.indicators.labels import KIND_LABELS, benefit_label, channel_label
from api.indicators.queries import filter_choices, load_events
from api.routes.staff_deps import TEMPLATES, SessionDataDep, StaffDep
from api.staff.models import StaffUser

router = APIRouter(prefix="/staff/indicators", include_in_schema=False)

Month = Annotated[str, Query(max_length=7, pattern=r"^(\d{4}-\d{2})?$")]
Channel = Annotated[str, Query(max_length=16, pattern=r"^[a-z]*$")]
Campaign = Annotated[str, Query(max_length=32, pattern=r"^[A-Z0-9_-]*$")]


def _filters(user: StaffUser, month: str, channel: str, campaign: str) -> aggregate.Filters:
    return aggregate.Filters(territory=user.territory, month=month, channel=channel, campaign=campaign)


@router.get("", response_class=HTMLResponse)
async def indicators_page(request: Request, user: StaffDep, data: SessionDataDep, session: SessionDep,
                          month: Month = "", channel: Channel = "", campaign: Campaign = "") -> HTMLResponse:
    """Charts and tables of the territory's indicators for the selection."""
    filters = _filters(user, month, channel, campaign)
    report = aggregate.report(await load_events(session, filters), filters)
    months = list(reversed(report.months))
    charts = [
        bar_chart("chart-conversations", "Conversations commencées par mois",
                  [(row.month, row.counts["conversation_started"]) for row in months]),
        bar_chart("chart-bilans", "Bilans terminés par mois",
                  [(row.month, row.counts["bilan_completed"]) for row in months]),
        bar_chart("chart-rights", "Personnes à qui un droit a été détecté, par aide",
                  [(benefit_label(row.benefit), row.rights) for row in report.benefits]),
    ]
    return TEMPLATES.TemplateResponse(request, "staff/indicators/index.html", {
        "user": user, "csrf_token": data.csrf, "report": report, "charts": charts,
        "choices": await filter_choices(session, territory=user.territory), "kind_labels": KIND_LABELS,
        "benefit_label": benefit_label, "channel_label": channel_label, "threshold": aggregate.THRESHOLD,
        "query": request.url.query,
    })


@router.get("/export.csv")
async def export_csv(user: StaffDep, session: SessionDep, month: Month = "", channel: Channel = "",
                     campaign: Campaign = "") -> Response:
    """The finest cells of the selection as CSV (columns: docs/indicators.md)."""
    filters = _filters(user, month, channel, campaign)
    rows = aggregate.export_rows(await load_events(session, filters), filters)
    return Response(export.to_csv(rows), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="indicateurs-{user.territory}.csv"'})


@router.get("/export.json")
async def export_json(user: StaffDep, session: SessionDep, month: Month = "", channel: Channel = "",
                      campaign: Campaign = "") -> Response:
    """The finest cells of the selection as JSON (columns: docs/indicators.md)."""
    filters = _filters(user, month, channel, campaign)
    rows = aggregate.export_rows(await load_events(session, filters), filters)
    return Response(export.to_json(rows, filters), media_type="application/json")
