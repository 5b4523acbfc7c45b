"""SMS segment counting: GSM-7 and UCS-2 boundaries, escapes and surrogate pairs never split."""

import pytest

from flows.segments import GSM7, UCS2, SegmentCount, count_segments

EXTENSION_CHARS = "€[]{}^~\\|"
EMOJI = "😀"


def test_the_encoding_names_are_the_ones_operators_know() -> None:
    assert (GSM7, UCS2) == ("GSM-7", "UCS-2")


def test_an_empty_text_costs_no_segment() -> None:
    assert count_segments("") == SegmentCount("GSM-7", 0, 0)


@pytest.mark.parametrize(
    ("length", "segments"),
    [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)],
    ids=lambda v: str(v),
)
def test_gsm7_text_has_160_septets_in_one_segment_then_153_per_segment(
    length: int, segments: int
) -> None:
    assert count_segments("a" * length) == SegmentCount("GSM-7", length, segments)


@pytest.mark.parametrize("char", "èéòÇ@£$¥\n", ids=repr)
def test_accented_letters_of_the_gsm7_basic_set_keep_a_text_in_gsm7(char: str) -> None:
    assert count_segments("Bonjou " + char) == SegmentCount("GSM-7", 8, 1)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_extension_char_costs_two_septets(char: str) -> None:
    assert count_segments(char) == SegmentCount("GSM-7", 2, 1)
    assert count_segments("a" * 158 + char) == SegmentCount("GSM-7", 160, 1)
    assert count_segments("a" * 159 + char) == SegmentCount("GSM-7", 161, 2)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_escape_pair_straddling_the_153_septet_boundary_moves_whole_to_the_next_segment(
    char: str,
) -> None:
    # 152 + 2 + 152 = 306 septets, which would be 2 segments if the pair could be split:
    # the pair starts septet 153, so it moves to segment 2, which then overflows into a 3rd.
    assert count_segments("a" * 152 + char + "a" * 152) == SegmentCount("GSM-7", 306, 3)


@pytest.mark.parametrize("char", EXTENSION_CHARS, ids=repr)
def test_an_escape_pair_that_starts_a_segment_is_not_moved(char: str) -> None:
    assert count_segments("a" * 153 + char + "a" * 151) == SegmentCount("GSM-7", 306, 2)


@pytest.mark.parametrize("char", "áê", ids=repr)
@pytest.mark.parametrize(
    ("length", "segments"),
    [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)],
    ids=lambda v: str(v),
)
def test_ucs2_text_has_70_units_in_one_segment_then_67_per_segment(
    length: int, segments: int, char: str
) -> None:
    assert count_segments(char * length) == SegmentCount("UCS-2", length, segments)


@pytest.mark.parametrize(
    ("text", "segments"),
    [("a" * 69 + "ê", 1), ("a" * 70 + "ê", 2), ("ê" + "a" * 133, 2), ("ê" + "a" * 134, 3)],
    ids=["70-units", "71-units", "134-units", "135-units"],
)
def test_one_char_outside_gsm7_makes_the_whole_text_ucs2(text: str, segments: int) -> None:
    assert count_segments(text) == SegmentCount("UCS-2", len(text), segments)


def test_an_emoji_counts_two_utf16_units() -> None:
    assert count_segments(EMOJI) == SegmentCount("UCS-2", 2, 1)
    assert count_segments(EMOJI * 35) == SegmentCount("UCS-2", 70, 1)
    assert count_segments(EMOJI * 35 + "a") == SegmentCount("UCS-2", 71, 2)


def test_a_surrogate_pair_straddling_the_67_unit_boundary_moves_whole_to_the_next_segment() -> None:
    # 66 + 2 + 66 = 134 units, 2 segments if the pair could be split, 3 since it cannot.
    assert count_segments("á" * 66 + EMOJI + "á" * 66) == SegmentCount("UCS-2", 134, 3)


def test_a_surrogate_pair_that_ends_a_segment_exactly_is_not_moved() -> None:
    assert count_segments("á" * 65 + EMOJI + "á" * 67) == SegmentCount("UCS-2", 134, 2)


def test_emoji_only_text_packs_33_emoji_per_segment_beyond_the_single_limit() -> None:
    # 36 emoji = 72 units: 33 fit in 66 units, a 34th would need 68 > 67.
    assert count_segments(EMOJI * 36) == SegmentCount("UCS-2", 72, 2)
    assert count_segments(EMOJI * 67) == SegmentCount("UCS-2", 134, 3)
