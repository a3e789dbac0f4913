"""SMS segments: GSM-7 160/153, UCS-2 70/67, double-counted extension characters, nothing split in two."""

from __future__ import annotations

import pytest

from channels.sms.segments import count_segments, is_gsm7, non_gsm7_characters


@pytest.mark.parametrize("char", [*"éèàùÉÇüñ"])
def test_french_letters_of_the_gsm7_alphabet_keep_gsm7(char: str) -> None:
    assert count_segments(f"Vous {char}tes").encoding == "GSM-7"


@pytest.mark.parametrize("char", [*"êâîôûëïçœ’«»…", "\u00a0", "\u202f"])
def test_one_character_outside_gsm7_turns_the_message_into_ucs2(char: str) -> None:
    assert count_segments(f"Vous {char}tes").encoding == "UCS-2"
    assert non_gsm7_characters(f"a{char}b{char}") == [char]


@pytest.mark.parametrize("char", list("€[]{}~\\|^"))
def test_extension_characters_are_gsm7_and_count_double(char: str) -> None:
    count = count_segments("a" + char)
    assert (count.encoding, count.units) == ("GSM-7", 3)
    assert is_gsm7(char)


@pytest.mark.parametrize(
    ("length", "segments"), [(0, 1), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)]
)
def test_gsm7_is_160_characters_then_153_per_part(length: int, segments: int) -> None:
    assert count_segments("a" * length).segments == segments


@pytest.mark.parametrize(("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3)])
def test_ucs2_is_70_characters_then_67_per_part(length: int, segments: int) -> None:
    assert count_segments("ê" * length).segments == segments


def test_euros_cost_two_septets_each() -> None:
    assert count_segments("€" * 80).segments == 1
    assert count_segments("€" * 81).segments == 2


def test_an_escaped_character_is_never_split_between_two_parts() -> None:
    # 152 septets, then "€" (2): it does not fit in the 153 of the first part and starts the second.
    text = "a" * 152 + "€" + "a" * 152
    assert count_segments(text).units == 306
    assert count_segments(text).segments == 3


def test_an_emoji_takes_two_ucs2_units_and_is_never_split() -> None:
    assert count_segments("🙂").units == 2
    assert count_segments("a" * 66 + "🙂" + "a" * 66).segments == 3
    assert count_segments("a" * 65 + "🙂" + "a" * 67).segments == 2


def test_fits_is_at_most_two_segments() -> None:
    assert count_segments("a" * 306).fits
    assert not count_segments("a" * 307).fits
