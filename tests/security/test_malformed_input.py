"""Finding 3, replayed over HTTP: malformed bodies get a 400/422 naming the field, never a 500, never an echo;
and a 500 writes neither the request's words to the answer nor to the log."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.security.conftest import CRASH_PATH
from tests.support.api_process import ApiProcess
from tests.support.log_scan import findings

JSON = {"Content-Type": "application/json"}
NAME_AND_PHONE = "Je m'appelle Camille Dupont, mon numéro est le 06 12 34 56 78"


def wait_for_line(api: ApiProcess, text: str, timeout: float = 10) -> str:
    """The process's log once ``text`` is in it (uvicorn logs a failure after the 500 went out)."""
    deadline = time.monotonic() + timeout
    while text not in (log := api.log()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return log


def start(api: ApiProcess) -> tuple[str, dict[str, str]]:
    created = httpx.post(f"{api.url}/api/v1/conversations", json={}, timeout=30)
    assert created.status_code == 201
    return created.json()["id"], {**JSON, "Authorization": f"Bearer {created.json()['token']}"}


@pytest.mark.parametrize(("body", "status", "code", "loc"), [
    (b'{"text": "\xff\xfe Camille"}', 400, "body_not_utf8", ["body"]),
    (b'{"text": "\\ud800 Camille 06 12 34 56 78"}', 422, "string_unicode", ["body", "text"]),
    (b'{"text": NaN}', 422, "number_not_finite", ["body", "text"]),
    (b'{"text": "bonjour"', 422, "json_invalid", ["body"]),
])
def test_malformed_message_is_refused_with_its_location(api: ApiProcess, body: bytes, status: int, code: str,
                                                         loc: list[str]) -> None:
    conversation, headers = start(api)
    response = httpx.post(f"{api.url}/api/v1/conversations/{conversation}/messages", content=body,
                          headers=headers, timeout=30)
    assert response.status_code == status
    error = response.json()["detail"][0]
    assert (error["type"], error["loc"]) == (code, loc)
    assert "Camille" not in response.text


@pytest.mark.parametrize(("body", "loc"), [
    (b'{"age": NaN}', ["body", "age"]),
    (b'{"age": 40, "savings": Infinity}', ["body", "savings"]),
    (b'{"housing": {"status": "tenant_private", "rent": 1e400}}', ["body", "housing", "rent"]),
])
def test_non_finite_numbers_in_eligibility_are_refused_in_french(api: ApiProcess, body: bytes,
                                                                  loc: list[str]) -> None:
    response = httpx.post(f"{api.url}/api/v1/eligibility", content=body, headers=JSON, timeout=30)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": loc, "type": "number_not_finite", "msg": "Ce nombre n'est pas une valeur finie."}]


def test_pydantic_errors_of_public_routes_are_french_and_do_not_echo_the_input(api: ApiProcess) -> None:
    conversation, headers = start(api)
    long_text = "Camille " * 2000
    response = httpx.post(f"{api.url}/api/v1/conversations/{conversation}/messages", json={"text": long_text},
                          headers=headers, timeout=30)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["body", "text"], "type": "string_too_long",
                                          "msg": "Ce texte est trop long : 1\u202f000 caractères au plus."}]
    assert len(response.content) < 500


def test_a_server_error_says_nothing_of_the_request_and_logs_no_personal_data(api: ApiProcess) -> None:
    response = httpx.post(f"{api.url}{CRASH_PATH}", content=NAME_AND_PHONE.encode(), timeout=30,
                          headers={"Content-Type": "text/plain"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Une erreur est survenue de notre côté. Réessayez dans quelques minutes."}
    log = wait_for_line(api, "Exception in ASGI application")
    assert "RuntimeError (message withheld)" in log
    assert "crash_app.py" in log  # where it happened is kept: the frames
    assert "Camille" not in log and findings(log.splitlines()) == []
