"""The default split between the interface list and the form."""

from __future__ import annotations

from desktop_app.ui.window_state import LIST_COMFORT_WIDTH, LIST_WIDTH_RANGE, default_split


def test_a_wide_window_gives_the_form_its_two_columns():
    assert default_split(1228, 767, 530) == [461, 767]


def test_a_list_too_narrow_to_read_beside_two_columns_gets_the_one_column_room():
    # 1024 pixels: German (its two columns need 767) and English (690, shorter labels).
    german = default_split(1020, 767, 530)
    english = default_split(1020, 690, 507)
    assert german == [490, 530]
    assert english == [513, 507]
    assert english[0] >= german[0] >= LIST_COMFORT_WIDTH


def test_the_list_stays_in_its_range():
    low, high = LIST_WIDTH_RANGE
    assert default_split(2000, 700, 500)[0] == high
    assert default_split(700, 690, 600)[0] == low
