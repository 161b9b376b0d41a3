"""Simulator charts draw exactly the intervals they are given; validation figures are
kept per database."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.fan import compare_chart, drivers_chart, fan_chart, paths_chart
from charts.waterfall import waterfall_chart
from simulation import backtest

WEEKLY = pd.DataFrame({
    "week_start": pd.date_range("2026-11-30", periods=3, freq="7D"),
    "baseline": [100.0, 110.0, 120.0], "scenario": [120.0, 108.0, 120.0],
    "extra_q025": [5.0, -4.0, 0.0], "extra_q10": [10.0, -3.0, 0.0],
    "extra_median": [20.0, -2.0, 0.0], "extra_q90": [30.0, -1.0, 0.0],
    "extra_q975": [35.0, 0.0, 0.0]})


def test_fan_chart_bands_and_median():
    fig = fan_chart(WEEKLY, "주별 추가 취업")
    assert isinstance(fig, go.Figure)
    ys = [list(tr.y) for tr in fig.data]
    assert [35.0, 0.0, 0.0] in ys and [5.0, -4.0, 0.0] in ys  # 95 % band edges
    assert [30.0, -1.0, 0.0] in ys and [10.0, -3.0, 0.0] in ys  # 80 % band edges
    assert list(fig.data[-1].y) == [20.0, -2.0, 0.0]  # the median, drawn last (on top)
    assert fig.layout.title.text == "<b>주별 추가 취업</b>"


def test_paths_chart_has_baseline_and_scenario():
    fig = paths_chart(WEEKLY, "주별 취업")
    assert [list(t.y) for t in fig.data] == [[100.0, 110.0, 120.0], [120.0, 108.0, 120.0]]
    assert [t.name for t in fig.data] == ["기준선", "시나리오"]


def test_compare_chart_one_row_per_scenario_with_intervals():
    table = pd.DataFrame({"name": ["A안", "B안"], "q025": [1.0, -2.0], "q10": [2.0, 0.0],
                          "median": [5.0, 3.0], "q90": [8.0, 6.0], "q975": [9.0, 8.0]})
    fig = compare_chart(table, "비교")
    bars = [(list(t.x), list(t.y)) for t in fig.data if t.mode == "lines"]
    assert ([1.0, 9.0], ["A안", "A안"]) in bars and ([0.0, 6.0], ["B안", "B안"]) in bars
    dots = fig.data[-1]
    assert list(dots.x) == [5.0, 3.0] and list(dots.y) == ["A안", "B안"]


def test_drivers_chart_in_percent():
    fig = drivers_chart(pd.DataFrame({"label": ["α", "noise"], "share": [0.25, 0.75]}), "t")
    assert list(fig.data[0].x) == [25.0, 75.0]


def test_validation_figures_are_kept_per_database(tmp_path):
    a = backtest.saved_path("duckdb:////tmp/a.duckdb")
    b = backtest.saved_path("duckdb:////tmp/b.duckdb")
    assert a != b
    path = tmp_path / "bt.json"
    assert backtest.load_saved(path) is None
    backtest.save({"event_coverage_80": 0.8}, path)
    assert backtest.load_saved(path) == {"event_coverage_80": 0.8}


def test_fan_chart_names_each_dip_below_zero_at_its_lowest_week():
    """Two fairs, each followed by weeks below zero: one legend entry for the dips, and
    one note at the lowest week of each run (none without a label, none above zero)."""
    weeks = pd.date_range("2026-11-30", periods=8, freq="7D")
    med = [5.0, -0.3, -0.6, -0.1, 4.0, -0.2, 0.0, 0.0]
    weekly = pd.DataFrame({"week_start": weeks, **{c: med for c in (
        "extra_q025", "extra_q10", "extra_median", "extra_q90", "extra_q975")}})
    fig = fan_chart(weekly, "t", dip_label="앞당긴 채용 반납")
    notes = fig.layout.annotations
    assert [a.text for a in notes] == ["앞당긴 채용 반납"] * 2
    assert [a.y for a in notes] == [-0.6, -0.2]
    legend = [t for t in fig.data if t.name == "앞당긴 채용 반납"]
    assert len(legend) == 1 and list(legend[0].y) == [-0.6, -0.2]
    assert not fan_chart(weekly, "t").layout.annotations


def test_waterfall_runs_from_the_steps_to_the_total():
    table = pd.DataFrame({"label": ["채용박람회", "사중손실", "한도", "중앙값"],
                          "value": [60.0, -20.0, -25.0, 15.0],
                          "measure": ["relative", "relative", "relative", "total"]})
    fig = waterfall_chart(table, "왜")
    (w,) = fig.data
    assert list(w.x) == [60.0, -20.0, -25.0, 15.0]
    assert list(w.measure) == ["relative", "relative", "relative", "total"]
    assert list(w.text) == ["+60.0명", "-20.0명", "-25.0명", "15.0명"]
