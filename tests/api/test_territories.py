"""Territory files: the schema, the shipped examples, and the callback slots computed from opening hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from api.territories import TERRITORIES_DIR, Territory, check_no_overlap, load_territories, load_territory
from api.territories.perimeter import Perimeter, commune_data
from channels.sms.segments import count_segments
from tests.support.territories import territory_document, webhook, write_territory

ROOT = Path(__file__).resolve().parents[2]
WEDNESDAY_1130_PARIS = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def territory(**callbacks: Any) -> Territory:
    return Territory.model_validate(territory_document("ville", webhook("https://example.org/hook"), **callbacks))


@pytest.mark.parametrize("path", sorted(TERRITORIES_DIR.glob("*.yml")), ids=lambda p: p.stem)
def test_every_shipped_territory_follows_the_schema_and_is_marked_as_example(path: Path) -> None:
    loaded = load_territory(path)
    assert loaded.code == path.stem
    assert loaded.example is True
    assert loaded.timezone == "Europe/Paris"
    assert loaded.next_slots(now=WEDNESDAY_1130_PARIS, count=3)


@pytest.mark.parametrize("path", sorted(TERRITORIES_DIR.glob("*.yml")), ids=lambda p: p.stem)
def test_every_shipped_territory_has_a_perimeter_an_sms_line_a_welcome_and_example_local_aids(path: Path) -> None:
    loaded = load_territory(path)
    assert loaded.perimeter.depcoms, "a perimeter of known communes"
    assert all(commune_data().known(code) for code in loaded.perimeter.depcoms)
    assert loaded.office is not None
    assert loaded.sms.sender and loaded.sms.numbers
    assert loaded.welcome_text and count_segments(loaded.welcome_text).encoding == "GSM-7"
    assert count_segments(loaded.welcome_text).segments == 1
    assert len(loaded.local_aids) >= 2
    for aid in loaded.local_aids:
        assert aid.example is True and "(exemple)" in aid.label
        assert str(aid.source).startswith("https://")
        assert aid.conditions != type(aid.conditions)(), f"{aid.id}: an aid with no condition is for everyone"


def test_the_three_pioneer_examples_are_shipped_without_overlap() -> None:
    territories = load_territories()
    assert set(territories) == {"bastia", "venissieux", "paris-10"}
    assert territories["bastia"].perimeter.depcoms == {"2B033"}
    assert territories["venissieux"].perimeter.depcoms == {"69259"}
    # The postcode 75010 stands for the 10th arrondissement, not the whole of Paris.
    assert territories["paris-10"].perimeter.depcoms == {"75110"}
    check_no_overlap(territories)


@pytest.mark.parametrize(
    ("perimeter", "message"),
    [
        ({"communes": ["99999"]}, "unknown INSEE commune codes: 99999"),
        ({"communes": ["20200"]}, "unknown INSEE commune codes: 20200"),  # Bastia's postcode, not its INSEE code
        ({"postcodes": ["00000"]}, "unknown postcodes: 00000"),
        ({"communes": ["2B33"]}, "String should match pattern"),
    ],
)
def test_a_perimeter_with_unknown_codes_is_refused(perimeter: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Perimeter.model_validate(perimeter)


def test_a_postcode_covers_every_commune_it_serves_and_a_city_covers_its_arrondissements() -> None:
    assert Perimeter(postcodes=["20200"]).depcoms >= {"2B033", "2B353"}  # Bastia and Ville-di-Pietrabugno
    assert Perimeter(communes=["75056"]).covers("75110")
    assert not Perimeter(communes=["75110"]).covers("75056")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"welcome_text": "Bonjour, êtes-vous là ?"}, "must be GSM-7"),
        ({"welcome_text": "Bonjour. " * 20}, "must fit in one SMS"),
        ({"sms": {"numbers": ["06 12 34 56 78"]}}, "String should match pattern"),
        ({"local_aids": [{"id": "a", "label": "Aide", "amount": {"value": 10}, "source": "https://e.org",
                          "as_of": "2026-01-01", "how_to_apply": {"institution": "CCAS", "url": "https://e.org"}}] * 2},
         "two local aids have the same id"),
    ],
)
def test_a_wrong_territory_section_is_refused_with_the_reason(change: dict[str, Any], message: str) -> None:
    document = territory_document("ville", webhook("https://example.org/hook"))
    document.update(change)
    with pytest.raises(ValidationError, match=message):
        Territory.model_validate(document)


def test_two_territories_sharing_a_commune_or_a_number_are_refused() -> None:
    def with_(**section: Any) -> Territory:
        return Territory.model_validate({**territory_document("ville", webhook("https://example.org/hook")),
                                         **section})

    with pytest.raises(ValueError, match="commune 69259 is in the perimeters of both a and b"):
        check_no_overlap({"a": with_(perimeter={"communes": ["69259"]}),
                          "b": with_(perimeter={"postcodes": ["69200"]})})
    with pytest.raises(ValueError, match=r"SMS number \+33639980099 is given to both a and b"):
        check_no_overlap({"a": with_(sms={"numbers": ["+33639980099"]}),
                          "b": with_(sms={"numbers": ["+33639980099"]})})


def test_the_examples_bastia_and_venissieux_are_shipped() -> None:
    territories = load_territories()
    assert territories["bastia"].callbacks.case_system.kind == "email"
    assert territories["venissieux"].callbacks.case_system.kind == "rdv_solidarites"
    assert territories["venissieux"].name == "Vénissieux"


def test_every_secret_named_by_a_shipped_territory_is_documented_in_env_example() -> None:
    documented = (ROOT / ".env.example").read_text(encoding="utf-8")
    for loaded in load_territories().values():
        for name in loaded.secret_names():
            assert f"\n{name}=" in documented, name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"opening_hours": {"monday": ["09:00-12:00", "11:00-13:00"]}}, "must not overlap"),
        ({"opening_hours": {"monday": ["12:00-09:00"]}}, "must end after it starts"),
        ({"opening_hours": {"monday": ["9h-12h"]}}, "is not a time range"),
        ({"opening_hours": {"lundi": ["09:00-12:00"]}}, "Extra inputs are not permitted"),
        ({"opening_hours": {}}, "at least one day"),
        ({"case_system": {"kind": "fax", "options": {}}}, "does not match any of the expected tags"),
        ({"case_system": {"kind": "webhook", "options": {"url": "https://e.org"},
                          "secrets": {"signing_secret": "lower-case"}}}, "String should match pattern"),
        ({"case_system": {"kind": "rdv_solidarites", "options": {"base_url": "https://e.org", "organisation_id": 1},
                          "secrets": {}}}, "auth oauth needs secrets.access_token"),
        ({"case_system": {"kind": "email", "options": {"to": ["not an address"]}}}, "not e-mail addresses"),
        ({"slot_minutes": 5}, "greater than or equal to 15"),
    ],
)
def test_a_wrong_territory_file_is_refused_with_the_reason(change: dict[str, Any], message: str) -> None:
    document = territory_document("ville", webhook("https://example.org/hook"))
    document["callbacks"].update(change)
    with pytest.raises(ValidationError, match=message):
        Territory.model_validate(document)


def test_a_file_named_after_another_code_is_refused(tmp_path: Path) -> None:
    path = write_territory(tmp_path, "ville", webhook("https://example.org/hook"))
    path.rename(tmp_path / "autre.yml")
    with pytest.raises(ValueError, match="does not match the file name"):
        load_territory(tmp_path / "autre.yml")


def test_secret_names_are_listed_values_never_stored() -> None:
    loaded = territory(status_webhook_secret="VILLE_STATUS_SECRET")
    assert loaded.secret_names() == ["TEST_WEBHOOK_SECRET", "VILLE_STATUS_SECRET"]


def test_next_slots_start_after_the_notice_in_french_with_paris_time() -> None:
    # Wednesday 25 November 2026, 11:30 in Paris; two hours of notice: the morning is gone.
    slots = territory(min_notice_minutes=120).next_slots(now=WEDNESDAY_1130_PARIS, count=3)
    assert [slot.label for slot in slots] == [
        "mercredi 25 novembre entre 14 h et 17 h",
        "jeudi 26 novembre entre 9 h et 12 h",
        "jeudi 26 novembre entre 14 h et 17 h",
    ]
    assert slots[0].start.isoformat() == "2026-11-25T14:00:00+01:00"


def test_next_slots_skip_weekends_and_closed_dates_and_say_1er() -> None:
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    slots = territory(closed_dates=["2026-11-30"]).next_slots(now=friday_evening, count=1)
    assert slots[0].label == "mardi 1er décembre entre 9 h et 12 h"


def test_next_slots_split_ranges_into_slots_of_the_given_length() -> None:
    slots = territory(slot_minutes=90, min_notice_minutes=0).next_slots(
        now=datetime(2026, 11, 26, 7, 0, tzinfo=UTC), count=3)
    assert [slot.label for slot in slots] == [
        "jeudi 26 novembre entre 9 h et 10 h 30",
        "jeudi 26 novembre entre 10 h 30 et 12 h",
        "jeudi 26 novembre entre 14 h et 15 h 30",
    ]


def test_next_slots_follow_the_change_to_winter_time() -> None:
    # Summer time ends on Sunday 25 October 2026: Friday is UTC+2, Monday UTC+1, both at 9:00 in Paris.
    slots = territory(min_notice_minutes=0).next_slots(now=datetime(2026, 10, 23, 5, 0, tzinfo=UTC), count=3)
    assert slots[0].start.isoformat() == "2026-10-23T09:00:00+02:00"
    assert slots[2].start.isoformat() == "2026-10-26T09:00:00+01:00"


def test_next_slots_stop_at_the_horizon() -> None:
    slots = territory(horizon_days=2, min_notice_minutes=0).next_slots(now=WEDNESDAY_1130_PARIS, count=50)
    assert slots[-1].start.date() == (WEDNESDAY_1130_PARIS + timedelta(days=2)).date()
    assert len(slots) == 5  # Wednesday afternoon, Thursday, Friday


def test_next_slots_need_an_aware_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        territory().next_slots(now=datetime(2026, 11, 25, 10, 30), count=1)


def test_find_slot_knows_only_offered_slots() -> None:
    loaded = territory()
    offered = loaded.next_slots(now=WEDNESDAY_1130_PARIS, count=2)[1]
    assert loaded.find_slot(now=WEDNESDAY_1130_PARIS, start=offered.start) == offered
    assert loaded.find_slot(now=WEDNESDAY_1130_PARIS, start=offered.start + timedelta(minutes=30)) is None
    assert loaded.find_slot(now=WEDNESDAY_1130_PARIS, start=WEDNESDAY_1130_PARIS - timedelta(days=1)) is None
