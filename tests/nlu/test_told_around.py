"""Answers that explain themselves (children who left, corrected lists, ages to come, ownership named with a flat,
inactive versus unemployed): shapes a second blind set showed, in new words."""

from __future__ import annotations

from datetime import date

import pytest

from nlu.activity import ActivityStatus, read_activity
from nlu.children import Children, read_child_ages, read_children
from nlu.housing import HousingStatus, read_housing

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("trois enfants, l'aînée a 24 ans et vit avec son copain, les autres ont 15 et 11 ans", Children(2, (15, 11))),
    ("on en a 3 mais le grand est parti vivre à Paris, il me reste les jumelles de 9 ans", Children(2, (9, 9))),
    ("mes enfants sont adultes maintenant", Children(0)),
    ("j'en ai deux", Children(2)),
    ("2 enfants de 4 et 6 ans, non pardon 4 et 7 ans", Children(2, (4, 7))),
    ("oui une fille, elle aura 5 ans en janvier", Children(1, (4,))),
    ("un bébé de 2 semaines", Children(1, (0,))),
    ("deux filles, l'aînée a 12 ans et la cadette 7", Children(2, (12, 7))),
    ("2 enfants, une fille de 9 ans et un garçon de 3 ans", Children(2, (9, 3))),
    ("2 enfants de 5 et 8 ans plus mon neveu de 10 ans", Children(3, (5, 8, 10))),
    ("je n'ai jamais eu d'enfants", Children(0)),
    ("enceinte de 4 mois, pas encore d'enfant", Children(0)),
    ("un garçon de 6 ans, son père est parti quand il était bébé", Children(1, (6,))),
])
def test_children_told_with_their_story(text: str, expected: Children) -> None:
    assert read_children(text, TODAY) == expected


@pytest.mark.parametrize(("text", "ages"), [
    ("ils ont tous les deux moins de 10 ans : 4 et 8 ans", (4, 8)),
    ("la grande 13 ans, la moyenne 9 et le petit vient d'avoir 2 ans", (13, 9, 2)),
    ("5 et 9 ans, le petit va avoir 6 ans dans 2 semaines", (5, 9)),
    ("8 moi", (0,)),
])
def test_child_ages_told_with_their_story(text: str, ages: tuple[int, ...]) -> None:
    assert read_child_ages(text, TODAY) == ages


@pytest.mark.parametrize(("text", "status"), [
    ("sans activité", ActivityStatus.INACTIVE),
    ("je n'exerce aucune activité et je n'ai pas de revenu", ActivityStatus.INACTIVE),
    ("je suis sans revenu", ActivityStatus.INACTIVE),
    ("sans activité, je cherche du travail", ActivityStatus.UNEMPLOYED),
    ("je m'occupe de mon père malade, aucune activité", ActivityStatus.INACTIVE),
    ("infirmière libérale", ActivityStatus.SELF_EMPLOYED),
    ("jbosse en cuisine", ActivityStatus.EMPLOYED),
])
def test_without_activity_is_inactive_unless_looking_for_work(text: str, status: ActivityStatus) -> None:
    activity = read_activity(text)
    assert activity is not None and activity.status is status


@pytest.mark.parametrize(("text", "status"), [
    ("propriétaire occupant de mon appartement", HousingStatus.OWNER),
    ("c'est ma maison, je l'ai héritée de mes parents", HousingStatus.OWNER),
    ("on a acheté un appartement il y a 10 ans", HousingStatus.OWNER),
    ("locataire chez Paris Habitat", HousingStatus.SOCIAL_TENANT),
    ("locataire, pas d'un HLM, d'un particulier", HousingStatus.TENANT),
    ("plus de domicile depuis l'expulsion", HousingStatus.HOMELESS),
    ("ché mes parents", HousingStatus.HOSTED),
])
def test_homes_named_with_their_story(text: str, status: HousingStatus) -> None:
    assert read_housing(text) is status


@pytest.mark.parametrize(("text", "expected"), [
    ("2 de 4 et 9 ans", Children(2, (4, 9))),
    ("mon fils a 2 semaines", Children(1, (0,))),
    ("4 enfants : les 2 aînés de 16 et 13 ans, les 2 petits de 6 et 2 ans", Children(4, (16, 13, 6, 2))),
    ("ma fille qui a eu 8 ans en mai et mon fils qui va avoir 5 ans en février", Children(2, (8, 4))),
    ("on élève ses 2 garçons de 10 et 12 ans, pas d'enfant ensemble", Children(2, (10, 12))),
    ("en tout j'en ai 4 mais 2 ont leur appart, il reste les 2 petits de 9 et 6 ans", Children(2, (9, 6))),
])
def test_children_counted_in_groups_or_told_with_what_is_not_theirs(text: str, expected: Children) -> None:
    assert read_children(text, TODAY) == expected
