"""Outreach campaigns in the staff space, for territory admins only (agents get 403, another territory's
campaign 404): create with a recipients file, read the report, correct the text, confirm, follow the progress.

Nothing is sent before the confirmation. Imports and confirmations are audited (they write personal data);
the pages show counts and line numbers only, never a number or a name.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, Response, UploadFile, status
from fastapi.responses import HTMLResponse, RedirectResponse

from api.campaigns import service
from api.campaigns.csv_import import MAX_FILE_BYTES
from api.campaigns.message import PLACEHOLDER, message_problems
from api.campaigns.models import Campaign, CampaignStatus
from api.deps import NowDep, SessionDep, SettingsDep
from api.routes.staff_deps import TEMPLATES, AdminDep, CsrfChecked, SessionDataDep
from api.staff import audit
from api.staff.models import StaffUser

router = APIRouter(prefix="/staff/campaigns", include_in_schema=False)

NOT_FOUND = "Campagne inconnue."
CampaignId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Upload = Annotated[UploadFile, File()]
MessageField = Annotated[str, Form(max_length=2000)]


async def _campaign(session: SessionDep, user: StaffUser, campaign_id: int) -> Campaign:
    campaign = await service.get_campaign(session, campaign_id=campaign_id, territory=user.territory)
    if campaign is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return campaign


async def _read(upload: UploadFile) -> bytes:
    """The uploaded file, read up to one byte past the limit (the import reports a file too big)."""
    return await upload.read(MAX_FILE_BYTES + 1)


def _redirect(campaign: Campaign, notice: str = "") -> RedirectResponse:
    suffix = f"?notice={notice}" if notice else ""
    return RedirectResponse(f"/staff/campaigns/{campaign.id}{suffix}", status_code=status.HTTP_303_SEE_OTHER)


@router.get("", response_class=HTMLResponse)
async def campaigns_page(request: Request, user: AdminDep, data: SessionDataDep, session: SessionDep) -> HTMLResponse:
    """The territory's campaigns and their progress."""
    campaigns = await service.list_campaigns(session, territory=user.territory)
    progress = {campaign.id: await service.progress(session, campaign=campaign) for campaign in campaigns}
    return TEMPLATES.TemplateResponse(request, "staff/campaigns/list.html", {
        "user": user, "csrf_token": data.csrf, "campaigns": campaigns, "progress": progress})


def _new_form(request: Request, user: StaffUser, csrf: str, *, errors: list[str], values: dict[str, str],
              status_code: int = status.HTTP_200_OK) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "staff/campaigns/new.html", {
        "user": user, "csrf_token": csrf, "errors": errors, "values": values, "placeholder": PLACEHOLDER,
        "max_mb": MAX_FILE_BYTES // 1024 // 1024}, status_code=status_code)


@router.get("/new", response_class=HTMLResponse)
async def new_campaign_form(request: Request, user: AdminDep, data: SessionDataDep) -> HTMLResponse:
    """The form of a new campaign: code, name, text, recipients file."""
    return _new_form(request, user, data.csrf, errors=[], values={})


@router.post("", response_class=HTMLResponse, response_model=None, dependencies=[CsrfChecked])
async def create_campaign(
    request: Request, user: AdminDep, data: SessionDataDep, session: SessionDep, settings: SettingsDep,
    now: NowDep, file: Upload, code: Annotated[str, Form(max_length=64)] = "",
    label: Annotated[str, Form(max_length=200)] = "", message: MessageField = "",
) -> HTMLResponse | RedirectResponse:
    """Create a draft campaign and import its file; the report is on the campaign's page. Nothing is sent."""
    values = {"code": code, "label": label, "message": message}
    try:
        campaign = await service.create_campaign(session, territory=user.territory, code=code, label=label,
                                                 message=message, actor_id=user.id, now=now)
        await service.import_recipients(session, settings, campaign=campaign, raw=await _read(file))
    except service.CampaignError as error:
        await session.rollback()
        return _new_form(request, user, data.csrf, errors=[str(error)], values=values,
                         status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    audit.record(session, actor_id=user.id, action="campaign_import", territory=user.territory,
                 target_type="campaign", target_id=str(campaign.id))
    await session.commit()
    return _redirect(campaign, "imported")


async def _detail(request: Request, user: StaffUser, csrf: str, session: SessionDep, settings: SettingsDep,
                  campaign: Campaign, *, notice: str = "", error: str = "",
                  status_code: int = status.HTTP_200_OK) -> HTMLResponse:
    problems = (message_problems(campaign.message, await service.first_names(session, campaign))
                if campaign.status == CampaignStatus.DRAFT else [])
    return TEMPLATES.TemplateResponse(request, "staff/campaigns/detail.html", {
        "user": user, "csrf_token": csrf, "campaign": campaign, "problems": problems,
        "progress": await service.progress(session, campaign=campaign), "report": campaign.import_report,
        "notice": notice, "error": error, "placeholder": PLACEHOLDER, "rate": settings.campaign_sms_per_minute,
        "retention_days": settings.campaign_retention_days}, status_code=status_code)


@router.get("/{campaign_id}", response_class=HTMLResponse)
async def campaign_page(request: Request, campaign_id: CampaignId, user: AdminDep, data: SessionDataDep,
                        session: SessionDep, settings: SettingsDep,
                        notice: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    """A campaign: import report, text and its problems, confirmation, progress."""
    campaign = await _campaign(session, user, campaign_id)
    return await _detail(request, user, data.csrf, session, settings, campaign, notice=notice)


async def _change(request: Request, user: StaffUser, csrf: str, session: SessionDep, settings: SettingsDep,
                  campaign: Campaign, change: Awaitable[object], *, notice: str, audited: str = "") -> Response:
    """Apply one change to a campaign: refused (:class:`CampaignError`, raised before anything changed), the page
    again with the French reason; done, audited if it touched personal data, committed, back to the page."""
    try:
        await change
    except service.CampaignError as error:
        return await _detail(request, user, csrf, session, settings, campaign, error=str(error),
                             status_code=status.HTTP_409_CONFLICT)
    if audited:
        audit.record(session, actor_id=user.id, action=audited, territory=user.territory, target_type="campaign",
                     target_id=str(campaign.id))
    await session.commit()
    return _redirect(campaign, notice)


@router.post("/{campaign_id}/recipients", response_model=None, dependencies=[CsrfChecked])
async def add_recipients(request: Request, campaign_id: CampaignId, user: AdminDep, data: SessionDataDep,
                         session: SessionDep, settings: SettingsDep, file: Upload) -> Response:
    """Import another file into a draft (numbers already in the campaign are skipped)."""
    campaign = await _campaign(session, user, campaign_id)
    raw = await _read(file)
    return await _change(request, user, data.csrf, session, settings, campaign,
                         service.import_recipients(session, settings, campaign=campaign, raw=raw),
                         notice="imported", audited="campaign_import")


@router.post("/{campaign_id}/message", response_model=None, dependencies=[CsrfChecked])
async def change_message(request: Request, campaign_id: CampaignId, user: AdminDep, data: SessionDataDep,
                         session: SessionDep, settings: SettingsDep, message: MessageField = "") -> Response:
    """Change a draft's text; its problems show on the page."""
    campaign = await _campaign(session, user, campaign_id)
    return await _change(request, user, data.csrf, session, settings, campaign,
                         service.set_message(session, campaign=campaign, message=message), notice="message")


@router.post("/{campaign_id}/confirm", response_model=None, dependencies=[CsrfChecked])
async def confirm_campaign(request: Request, campaign_id: CampaignId, user: AdminDep, data: SessionDataDep,
                           session: SessionDep, settings: SettingsDep, now: NowDep) -> Response:
    """Start sending: the worker sends at the configured rate."""
    campaign = await _campaign(session, user, campaign_id)
    return await _change(request, user, data.csrf, session, settings, campaign,
                         service.confirm(session, settings, campaign=campaign, now=now), notice="confirmed",
                         audited="campaign_confirm")
