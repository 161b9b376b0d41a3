"""The brief's KPI tiles: change texts, and a change that rounds to nothing shown as flat
(grey, no arrow) instead of a green rise."""

from __future__ import annotations

from ui.kpi_tiles import _delta, delta_colour, is_flat, value_text


def test_changes_are_signed_percent_or_points():
    assert _delta("new_vacancies", 110, 100) == "+10.0%"
    assert _delta("new_vacancies", 90, 100) == "-10.0%"
    assert _delta("placement_rate", 23.6, 28.4) == "-4.8%p"  # rates change in points
    assert _delta("offers_per_seeker", 0.44, 0.40) == "+10.0%"  # a ratio, not a rate
    assert not is_flat("+10.0%") and not is_flat("-4.8%p")


def test_no_change_is_flat_not_a_rise():
    assert _delta("enrolments", 94, 94) == "0.0%"
    assert _delta("placement_rate", 20.04, 20.0) == "0.0%p"
    assert _delta("new_vacancies", 100.02, 100) == "0.0%"  # +0.02 % rounds to nothing
    assert is_flat("0.0%") and is_flat("0.0%p")


def test_no_reference_no_change():
    assert _delta("new_vacancies", 5, 0) is None
    assert _delta("new_vacancies", None, 3) is None
    assert not is_flat(None)



def test_colours_follow_what_a_rise_means():
    assert delta_colour("placements", False) == "normal"  # more placements: good, green up
    assert delta_colour("unfilled_rate", False) == "inverse"  # a rise is bad: red up
    assert delta_colour("new_vacancies", False) == "off"  # neither: grey
    assert delta_colour("offers_per_seeker", False) == "off"
    assert delta_colour("placements", True) == "off"


def test_tile_numbers_keep_their_decimals_in_english():
    assert value_text("enrolments", 3709, "ko") == "3,709명"
    assert value_text("enrolments", 98, "en") == "98"  # a count, not "98.0"
    assert value_text("new_vacancies", 6161.0, "en") == "6,161"
    assert value_text("offers_per_seeker", 0.444, "en") == value_text(
        "offers_per_seeker", 0.444, "ko").replace("배", "×")
    assert value_text("placement_rate", 22.94, "en") == "22.9%"
