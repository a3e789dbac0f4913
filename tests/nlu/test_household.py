"""Children, couple, activity and housing from everyday and SMS French (nlu.household)."""

from __future__ import annotations

from datetime import date

import pytest

from nlu.household import (
    Activity,
    ActivityStatus,
    Children,
    CoupleStatus,
    HousingStatus,
    read_activity,
    read_child_ages,
    read_children,
    read_couple,
    read_housing,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 enfants de 3 et 7 ans", Children(2, (3, 7))),
        ("deux enfants de trois et sept ans", Children(2, (3, 7))),
        ("une fille de 12 ans", Children(1, (12,))),
        ("un garçon et une fille", Children(2)),
        ("j ai 2 gosses", Children(2)),
        ("g 2 enfs de 3 et 5 ans", Children(2, (3, 5))),
        ("3", Children(3)),
        ("trois", Children(3)),
        ("deux", Children(2)),
        ("oui 2", Children(2)),
        ("des jumeaux de 4 ans", Children(2, (4, 4))),
        ("un bébé de 6 mois", Children(1, (0,))),
        ("mes enfants ont 3 et 7 ans", Children(2, (3, 7))),
        ("3 et 7 ans", Children(2, (3, 7))),
        ("trois enfants de 2, 5 et 9 ans", Children(3, (2, 5, 9))),
        ("mon fils de 5 ans et ma fille de 8 ans", Children(2, (5, 8))),
        ("2 enfants dont un de 3 ans", Children(2, (3,))),
        ("j'ai 34 ans et 2 enfants", Children(2)),
        ("pas d'enfant", Children(0)),
        ("Aucun", Children(0)),
        ("non", Children(0)),
        ("sans enfants", Children(0)),
    ],
)
def test_read_children(text: str, expected: Children) -> None:
    assert read_children(text) == expected


@pytest.mark.parametrize("text", ["", "oui", "des enfants", "jsp", "bonjour", "40 enfants"])
def test_read_children_unreadable(text: str) -> None:
    assert read_children(text) is None


@pytest.mark.parametrize(
    ("text", "ages"), [("3 et 7", (3, 7)), ("3 ans, 7 ans", (3, 7)), ("six mois", (0,)), ("12", (12,))]
)
def test_read_child_ages(text: str, ages: tuple[int, ...]) -> None:
    assert read_child_ages(text) == ages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je vis seule", CoupleStatus.SINGLE),
        ("celibataire", CoupleStatus.SINGLE),
        ("divorcée", CoupleStatus.SINGLE),
        ("séparée de mon mari", CoupleStatus.SINGLE),
        ("seul avec mes 2 enfants", CoupleStatus.SINGLE),
        ("pacsé", CoupleStatus.PACS),
        ("on est pacsés", CoupleStatus.PACS),
        ("mariée", CoupleStatus.MARRIED),
        ("en couple mais pas mariés", CoupleStatus.COHABITING),
        ("union libre", CoupleStatus.COHABITING),
        ("en couple", CoupleStatus.COUPLE),
        ("avec mon copain", CoupleStatus.COUPLE),
        ("oui", CoupleStatus.COUPLE),
        ("non", CoupleStatus.SINGLE),
    ],
)
def test_read_couple(text: str, expected: CoupleStatus) -> None:
    assert read_couple(text) is expected


def test_couple_status_says_whether_in_couple() -> None:
    assert not CoupleStatus.SINGLE.in_couple
    assert all(status.in_couple for status in CoupleStatus if status is not CoupleStatus.SINGLE)


@pytest.mark.parametrize("text", ["", "jsp", "bonjour"])
def test_read_couple_unreadable(text: str) -> None:
    assert read_couple(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("au RSA", Activity(ActivityStatus.UNEMPLOYED, on_rsa=True)),
        ("au chômage", Activity(ActivityStatus.UNEMPLOYED)),
        ("chomeuse", Activity(ActivityStatus.UNEMPLOYED)),
        ("je travaille pas", Activity(ActivityStatus.UNEMPLOYED)),
        ("plus de boulot depuis mars", Activity(ActivityStatus.UNEMPLOYED)),
        ("en CDI à mi-temps", Activity(ActivityStatus.EMPLOYED, part_time=True, contract="cdi")),
        ("cdd temps plein", Activity(ActivityStatus.EMPLOYED, part_time=False, contract="cdd")),
        ("je bosse en interim", Activity(ActivityStatus.EMPLOYED, contract="interim")),
        ("apprenti", Activity(ActivityStatus.EMPLOYED, contract="apprentissage")),
        ("je touche le rsa et je bosse à mi temps", Activity(ActivityStatus.EMPLOYED, part_time=True, on_rsa=True)),
        ("retraitée", Activity(ActivityStatus.RETIRED)),
        ("en arrêt maladie", Activity(ActivityStatus.SICK_LEAVE)),
        ("étudiant", Activity(ActivityStatus.STUDENT)),
        ("auto-entrepreneur", Activity(ActivityStatus.SELF_EMPLOYED)),
        ("mère au foyer", Activity(ActivityStatus.INACTIVE)),
        ("en invalidité", Activity(ActivityStatus.DISABLED)),
        ("congé parental", Activity(ActivityStatus.PARENTAL_LEAVE)),
    ],
)
def test_read_activity(text: str, expected: Activity) -> None:
    assert read_activity(text) == expected


@pytest.mark.parametrize("text", ["", "jsp", "bonjour", "34"])
def test_read_activity_unreadable(text: str) -> None:
    assert read_activity(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("locataire HLM", HousingStatus.SOCIAL_TENANT),
        ("logement social", HousingStatus.SOCIAL_TENANT),
        ("locataire", HousingStatus.TENANT),
        ("je loue un appart", HousingStatus.TENANT),
        ("je suis pas proprio je loue", HousingStatus.TENANT),
        ("mon propriétaire est un particulier", HousingStatus.TENANT),
        ("proprio", HousingStatus.OWNER),
        ("propriétaire", HousingStatus.OWNER),
        ("hébergé chez ma mère", HousingStatus.HOSTED),
        ("heberge chez ma mere", HousingStatus.HOSTED),
        ("chez mes parents", HousingStatus.HOSTED),
        ("à la rue", HousingStatus.HOMELESS),
        ("sdf", HousingStatus.HOMELESS),
        ("je dors dans ma voiture", HousingStatus.HOMELESS),
        ("en foyer", HousingStatus.SHELTER),
        ("CHRS", HousingStatus.SHELTER),
        ("locataire, j'ai fait une demande de HLM mais jamais de réponse", HousingStatus.TENANT),
        ("hébergée chez ma soeur, on attend un logement social", HousingStatus.HOSTED),
        ("je suis en attente d'un HLM, en attendant je loue un studio", HousingStatus.TENANT),
        ("j'appelle le 115 tous les soirs", HousingStatus.HOMELESS),
        ("nulle part, j'appelle le samu social", HousingStatus.HOMELESS),
        ("au foyer du 115 depuis un mois", HousingStatus.SHELTER),
    ],
)
def test_read_housing(text: str, expected: HousingStatus) -> None:
    assert read_housing(text) is expected


@pytest.mark.parametrize("text", ["", "jsp", "bonjour", "j'habite rue de la Paix"])
def test_read_housing_unreadable(text: str) -> None:
    assert read_housing(text) is None


TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("text", "ages"), [
    ("un de 9 et un de 11", (9, 11)),                       # « un de »: a child, not an age of 1
    ("le premier 16 ans, le deuxième 13 et le dernier 7", (16, 13, 7)),  # ranks, the unit said once
    ("jumeaux de 3 ans", (3, 3)),
    ("nés en 2015 et 2019", (11, 7)),                      # birth years, on TODAY
    ("né en mars 2024", (2,)), ("née en novembre 2025", (1,)),
])
def test_child_ages_in_other_shapes(text: str, ages: tuple[int, ...]) -> None:
    assert read_child_ages(text, TODAY) == ages


@pytest.mark.parametrize(("text", "count"), [
    ("3 dont un majeur", 3),                                # what follows « dont » describes some of them
    ("2 + 1 en route", 2),                                  # a child to come is not at charge yet
    ("j'ai trois enfants mais un seul vit avec moi", 1),    # at charge: those living at home
    ("oui j ai 2 enfant 1 de 4 ans et 1 de 10 ans", 2),     # the count, then each of them
    ("2 enfants de 3 ans et 1 de 5 ans", 3),                # twins of 3, and one more
    ("deux enfants, les deux vivent avec moi", 2),
])
def test_children_counted_as_the_household_holds_them(text: str, count: int) -> None:
    found = read_children(text, TODAY)
    assert found is not None and found.count == count


def test_children_with_birth_years_need_no_ages_question() -> None:
    assert read_children("2 enfants nés en 2015 et 2019", TODAY) == Children(count=2, ages=(11, 7))


def test_a_birthday_still_to_come_this_year_is_not_counted() -> None:
    assert read_child_ages("né en octobre 2020", date(2026, 6, 1)) == (5,)
    assert read_child_ages("né en mars 2020", date(2026, 6, 1)) == (6,)
