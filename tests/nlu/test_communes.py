"""The commune from a postcode or a name, with the official list shipped in nlu/resources/ (nlu.communes)."""

from __future__ import annotations

import gzip

import pytest

from nlu.communes import COMMUNES_FILE, default_index, name_key, read_commune


def codes(text: str) -> list[str]:
    return [commune.insee for commune in read_commune(text) or []]


def test_shipped_list_is_complete_and_small() -> None:
    index = default_index()
    assert 34_000 < len([c for c in index.communes.values() if c.parent is None]) < 36_000
    assert len(index.arrondissements) == 45
    assert COMMUNES_FILE.stat().st_size < 2_000_000
    with gzip.open(COMMUNES_FILE, "rt", encoding="utf-8") as table:
        assert table.readline().rstrip("\n").split("\t")[:3] == ["insee", "name", "kind"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("st etienne", "saint etienne"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("STE-GENEVIEVE-DES-BOIS", "sainte genevieve des bois"),
        ("Paris 11e", "paris 11 e"),
    ],
)
def test_name_key_ignores_accents_case_hyphens_and_abbreviations(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris", ["75056"]),
        ("bordeaux", ["33063"]),
        ("j'habite à Saint-Étienne", ["42218"]),
        ("je vis a st etienne du rouvray", ["76575"]),
        ("L Hay les roses", ["94038"]),
        ("havre", ["76351"]),
        ("Annecy-le-Vieux", ["74010"]),
        ("Ajaccio", ["2A004"]),
        ("st denis 93", ["93066"]),
        ("Saint-Denis (974)", ["97411"]),
        ("Saint Denis la Réunion", ["97411"]),
        ("montreuil 93", ["93048"]),
    ],
)
def test_names(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paris 11", "75111"),
        ("Paris 16e", "75116"),
        ("lyon 3eme", "69383"),
        ("Lyon 3e arrondissement", "69383"),
        ("marseille 13eme", "13213"),
        ("75011", "75111"),
        ("69003", "69383"),
        ("13013", "13213"),
    ],
)
def test_arrondissements_of_paris_lyon_marseille(text: str, expected: str) -> None:
    (commune,) = read_commune(text) or []
    assert commune.insee == expected
    assert commune.commune_insee in ("75056", "69123", "13055")


def test_postcodes() -> None:
    assert codes("93100") == ["93048"]
    assert codes("Lille 59000") == ["59350"]
    shared = codes("01400")
    assert len(shared) > 5 and "01093" in shared


def test_ambiguous_name_gives_every_candidate_largest_first() -> None:
    candidates = read_commune("Saint-Denis") or []
    assert {"93066", "97411"} <= {c.insee for c in candidates}
    assert candidates[0].population >= candidates[-1].population
    assert "Seine-Saint-Denis" in next(c.label for c in candidates if c.insee == "93066")


def test_typos_are_forgiven_on_the_whole_answer_only() -> None:
    assert "33063" in codes("j'habite a bordeau")
    assert read_commune("truc machin") is None
    assert read_commune("") is None
