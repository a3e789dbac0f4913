"""Eligibility endpoints: the public one, and the internal twin behind the shared secret."""

from __future__ import annotations

import httpx

from tests.api.conftest import INTERNAL_SECRET


async def test_single_adult_without_income_gets_rsa_base_amount(client: httpx.AsyncClient) -> None:
    # RSA socle for one person: 651,69 € from 2026-04-01 (Décret n° 2026-220 du 30 mars 2026, art. 1).
    response = await client.post("/api/v1/eligibility", json={"age": 34})
    assert response.status_code == 200
    rsa = response.json()["results"][0]
    assert rsa["benefit"] == "rsa"
    assert rsa["status"] == "eligible"
    assert rsa["monthly_amount"] == 651.69
    assert rsa["monthly_amount_text"] == "651,69\xa0€"
    assert rsa["legislation_date"] == "2026-04-01"
    assert rsa["how_to_apply"]["institution"] == "CAF ou MSA"
    assert rsa["reasons"][0].startswith("Vous avez 25 ans ou plus et pas de revenu")


async def test_adult_under_25_without_child_not_eligible_with_reason(client: httpx.AsyncClient) -> None:
    # Art. L262-4 CASF: 25 years or more, unless a parent, a pregnant woman or a young worker.
    body = {"age": 22, "children": [], "pregnant": False}
    rsa = (await client.post("/api/v1/eligibility", json=body)).json()["results"][0]
    assert rsa["status"] == "not_eligible"
    assert rsa["monthly_amount"] is None
    assert "25 ans" in rsa["reasons"][0]


async def test_eligibility_bad_age_field_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/eligibility", json={"age": 7})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "age"]
    unknown = await client.post("/api/v1/eligibility", json={"age": 30, "salaire": 1000})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "salaire"]


async def test_internal_eligibility_without_secret_unauthorized(client: httpx.AsyncClient) -> None:
    response = await client.post("/internal/v1/eligibility", json={"age": 34})
    assert response.status_code == 401
    wrong = await client.post("/internal/v1/eligibility", json={"age": 34}, headers={"X-Internal-Secret": "nope"})
    assert wrong.status_code == 401


async def test_internal_eligibility_with_secret_same_answer_as_public(client: httpx.AsyncClient) -> None:
    internal = await client.post("/internal/v1/eligibility", json={"age": 34},
                                 headers={"X-Internal-Secret": INTERNAL_SECRET})
    public = await client.post("/api/v1/eligibility", json={"age": 34})
    assert internal.status_code == 200
    assert internal.json() == public.json()


async def test_internal_routes_hidden_from_openapi(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert "/api/v1/eligibility" in paths
    assert "/api/v1/conversations/{conversation_id}/messages" in paths
    assert not [path for path in paths if path.startswith("/internal")]


async def test_household_with_children_gets_every_benefit_with_reasons(client: httpx.AsyncClient) -> None:
    # Art. D521-1 CSS: two children, 32 % of the BMAF (478,16 € from 2026-04-01) = 153,01 €.
    body = {"age": 38, "couple": True, "partner": {"age": 36, "incomes": {"salary": 1400}},
            "children": [{"age": 4}, {"age": 9}], "incomes": {}, "housing": {"status": "social_tenant", "rent": 480},
            "depcom": "59350"}
    response = await client.post("/api/v1/eligibility", json=body)
    assert response.status_code == 200
    results = {result["benefit"]: result for result in response.json()["results"]}
    assert set(results) == {"rsa", "ppa", "aspa", "aah", "aide_logement", "cheque_energie", "af", "cf", "asf", "css",
    "paje_base", "paje_naissance", "aeeh", "ars", "bourse_college", "bourse_lycee", "ass", "contrat_engagement_jeune",
    "reduction_loyer_solidarite"}
    assert results["af"]["status"] == "eligible"
    assert results["af"]["monthly_amount"] == 153.01
    assert all(result["reasons"] for result in results.values())
    assert results["cheque_energie"]["yearly_amount"] is None or results["cheque_energie"]["status"] == "uncertain"


async def test_eligibility_nested_field_error_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/eligibility", json={"housing": {"status": "owner", "rent": 500}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "housing", "rent"]
    assert response.json()["detail"][0]["type"] == "rent_not_renting"
    assert "loyer" in response.json()["detail"][0]["msg"]
    bad_commune = await client.post("/api/v1/eligibility", json={"depcom": "Paris"})
    assert bad_commune.json()["detail"][0]["loc"] == ["body", "depcom"]
