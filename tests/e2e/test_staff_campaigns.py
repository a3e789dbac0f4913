"""A territory admin's campaign in a real browser on the running stack: upload, report, confirm; the worker process
sends through the real twilio client; a reply is linked to the campaign; the indicators page. Both pages pass axe."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from api.staff.models import StaffRole
from tests.support.fake_twilio import FakeTwilio, new_sid, signed_inbound
from tests.support.processes import Stack
from tests.support.sms import ACCOUNT_SID, AUTH_TOKEN, INBOUND_PATH, PUBLIC_BASE_URL
from tests.support.staff import PASSWORD, add_staff

pytestmark = pytest.mark.e2e

NUMBERS = ("+33680000011", "+33680000012")
MESSAGE = "Bonjour {prénom}, la mairie peut vous aider à connaitre vos droits. Répondez OUI. STOP: ne plus recevoir"


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def sent_to(twilio: FakeTwilio, numbers: tuple[str, ...], *, timeout: float = 60.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bodies = [str(message["body"]) for message in twilio.messages if message["to"] in numbers]
        if len(bodies) >= len(numbers):
            return bodies
        time.sleep(0.2)
    raise AssertionError(f"campaign SMS not sent after {timeout:.0f} s")


def test_admin_runs_a_campaign_and_reads_the_indicators(
    page: Page, stack: Stack, twilio: FakeTwilio, tmp_path: Path
) -> None:
    account = add_staff(stack.env["DATABASE_URL"], email="admin.e2e@bastia.fr", role=StaffRole.ADMIN,
                        territory="bastia")
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API holds this thread's event loop
        thread.submit(asyncio.run, account).result()
    recipients = tmp_path / "destinataires.csv"
    recipients.write_bytes(("Téléphone;Prénom;Code campagne;Origine du consentement\r\n"
                            "06 80 00 00 11;Françoise;E2E-1;fichier CCAS\r\n"
                            "06 80 00 00 12;;E2E-1;fichier CCAS\r\n"
                            "0680;Luc;E2E-1;fichier CCAS\r\n").encode("cp1252"))
    page.goto(stack.api_url + "/staff/login")
    page.get_by_label("Adresse e-mail").fill("admin.e2e@bastia.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Campagnes SMS").click()
    page.get_by_role("link", name="Nouvelle campagne").click()
    page.get_by_label("Code de la campagne").fill("E2E-1")
    page.get_by_label("Message").fill(MESSAGE)
    page.get_by_label("Fichier des destinataires").set_input_files(recipients)
    page.get_by_role("button", name="Importer le fichier").click()

    expect(page.get_by_role("status")).to_contain_text("Fichier importé")
    expect(page.get_by_role("table", name="Lignes du fichier à regarder")).to_contain_text("téléphone")
    assert twilio.messages == [] or all(m["to"] not in NUMBERS for m in twilio.messages)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Confirmer l'envoi de 2 SMS").click()
    expect(page.get_by_role("status")).to_contain_text("Envoi confirmé")

    bodies = sorted(sent_to(twilio, NUMBERS))
    assert bodies == sorted([MESSAGE.replace("{prénom}", "Francoise"), MESSAGE.replace(" {prénom}", "")])
    form, headers = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + INBOUND_PATH, number=NUMBERS[0], body="OUI",
                                   account_sid=ACCOUNT_SID, message_sid=new_sid("SM"))
    assert httpx.post(stack.api_url + INBOUND_PATH, data=form, headers=headers, timeout=10).status_code == 200
    page.reload()
    expect(page.get_by_role("table", name="Avancement des envois")).to_contain_text("1")
    progress = page.get_by_role("table", name="Avancement des envois").locator("tbody td")
    expect(progress).to_have_text(["2", "0", "2", "0", "0", "1"])

    page.get_by_role("link", name="Indicateurs").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indicateurs du territoire")
    expect(page.get_by_role("img", name="Conversations commencées par mois")).to_be_visible()
    assert serious_violations(page) == []
    content = page.content()
    assert all(number not in content for number in NUMBERS)
