"""미충원율 rankings and colours that respect the base: shrinkage, intervals, flags.

A hand-made world (built here): centre A over eight weeks W1..W8 from 2025-11-03.
반도체 (SEMI) 250 vacancies a week, 50 unfilled in W1–W4 then 40 (2,000 and 360: 18 %,
its last four weeks 16 % against 20 % before: −4 %p); 물류·운수 (LOGI) 100 a week, 10
then 12 unfilled (800 and 88: 11 %, +2 %p); 음식점업 (FOOD) one vacancy, unfilled, in
each of W6–W8 only (3 of 3: 100 %).
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from charts.bars import ranked_bar
from charts.heatmap import heatmap
from data_access.privacy.scope import Filters, Scope
from data_access.queries import shortage, shortage_movers
from data_access.queries.shortage_rank import (
    prior_strength,
    rank_by_shrunk,
    wilson_interval,
    with_base,
)
from publish.narrative import weekly_summary
from tests import tiny
from tests.conftest import fresh_database, load
from tests.test_cli import _run

W = [tiny.W1 + dt.timedelta(weeks=i) for i in range(8)]


def _world() -> dict[str, pd.DataFrame]:
    t = tiny.tables()
    rows = []
    for i, week in enumerate(W):
        rows.append(tiny._lm("A", "SEMI", week, 250, 100, 50, 50 if i < 4 else 40,
                             1000, 10, 20.0, 300.0))
        rows.append(tiny._lm("A", "LOGI", week, 100, 50, 20, 10 if i < 4 else 12,
                             500, 5, 15.0, 250.0))
        if i >= 5:
            rows.append(tiny._lm("A", "FOOD", week, 1, 20, 0, 1, 100, 1, None, 200.0))
    t["labour_market_week"] = pd.DataFrame(rows)
    return t


@pytest.fixture(scope="module")
def rank_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rank")
    engine = fresh_database("duckdb", folder, "rank")
    load(engine, _world())
    yield engine, f"duckdb:///{folder / 'rank.duckdb'}"
    engine.dispose()


def _frame(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["industry_code", "new_vacancies", "unfilled"])
    df["unfilled_rate"] = df["unfilled"] / df["new_vacancies"] * 100
    return df


def test_wilson_interval_known_cases():
    # 20 of 100, z = 1.6449: centre 0.20790, half-width 0.06540 (worked by hand).
    low, high = wilson_interval(np.array([20, 3, 0]), np.array([100, 3, 0]))
    assert low[0] == pytest.approx(14.2502, abs=1e-3)
    assert high[0] == pytest.approx(27.3304, abs=1e-3)
    assert low[1] == pytest.approx(52.580, abs=1e-2) and high[1] == pytest.approx(100.0)
    assert np.isnan(low[2]) and np.isnan(high[2])  # no base, no interval


def test_prior_strength_by_method_of_moments():
    # Two cells of 100 at 10 % and 30 % around 20 %: observed spread 0.01, of which
    # binomial noise 0.16 × 0.01 = 0.0016, so τ² = 0.0084 and M = 0.16 ÷ 0.0084 − 1.
    m = prior_strength(np.array([10, 30]), np.array([100, 100]), 0.2)
    assert m == pytest.approx(0.16 / 0.0084 - 1)
    out = with_base(_frame([("A", 100, 10), ("B", 100, 30)]))
    assert out.attrs["parent_rate"] == pytest.approx(20.0)
    assert out["shrunk_rate"].iloc[0] == pytest.approx((10 + m * 0.2) / (100 + m) * 100)
    # No spread beyond noise: every cell pulled (almost) all the way to the parent.
    assert prior_strength(np.array([20, 20]), np.array([100, 100]), 0.2) == 200


def test_tiny_base_never_outranks_a_large_one():
    df = _frame([("SMALL", 3, 3), ("BIG", 2000, 360), ("MID", 500, 50), ("HIGH", 300, 90)])
    for parent in (None, 50.0, 95.0):  # even a parent above 18 % does not lift it
        ranked = rank_by_shrunk(df, parent=parent)
        codes = list(ranked["industry_code"])
        assert codes.index("BIG") < codes.index("SMALL")
        assert codes[-1] == "SMALL" and bool(ranked["small_base"].iloc[-1])
        p0 = ranked.attrs["parent_rate"]
        raw, shrunk = ranked["unfilled_rate"], ranked["shrunk_rate"]
        lo, hi = np.minimum(raw, p0), np.maximum(raw, p0)
        assert ((shrunk >= lo - 1e-9) & (shrunk <= hi + 1e-9)).all()
    assert list(rank_by_shrunk(df)["industry_code"][:3]) == ["HIGH", "BIG", "MID"]


def test_ranked_on_the_database_and_by_the_cli(rank_db):
    engine, url = rank_db
    f = Filters(centres=("A",), week_from=W[0], week_to=W[-1])
    ranked = rank_by_shrunk(shortage(Scope.national(), f, ("industry",), engine))
    assert list(ranked["industry_code"]) == ["SEMI", "LOGI", "FOOD"]
    assert list(ranked["base"]) == [2000, 800, 3]
    engine.dispose()  # one process at a time on a DuckDB file
    out = _run(["data_access.shortage", "--area", "c:A", "--weeks", "13", "--to",
                "2025-W52", "--top", "2"], url)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["week_to"] == "2025-12-22" and doc["min_base"] == 30
    assert doc["parent_rate"] == pytest.approx(451 / 2803 * 100, abs=1e-3)
    assert [r["code"] for r in doc["ranking"]] == ["SEMI", "LOGI"]
    semi = doc["ranking"][0]
    assert (semi["name"], semi["rate"], semi["base"], semi["small_base"]) == \
        ("반도체", 18.0, 2000, False)
    low, high = wilson_interval(np.array([360]), np.array([2000]))
    assert (semi["low"], semi["high"]) == (round(low[0], 4), round(high[0], 4))
    assert doc["parent_rate"] < semi["shrunk_rate"] < 18.0
    bad = _run(["data_access.shortage", "--area", "x:1"], url)
    assert bad.returncode == 2 and "지역 형식" in bad.stderr


def _kpis() -> pd.DataFrame:
    rows = [{"kpi": k, "value": 10, "prev_week": 10, "last_year": None, "target": None,
             "value__hidden": False} for k in ("new_vacancies", "new_seekers", "placements")]
    rows.append({"kpi": "placement_rate", "value": None, "prev_week": None,
                 "last_year": None, "target": None, "value__hidden": False})
    return pd.DataFrame(rows)


def test_brief_sentence_and_movers_chart_lead_with_the_same_industry(rank_db):
    engine, _ = rank_db
    movers = shortage_movers(Scope.national(), Filters(centres=("A",)), W[-1],
                             engine=engine)
    # 음식점업 has no earlier rate and 3 vacancies: flagged, not leading.
    assert list(movers["industry_code"]) == ["SEMI", "LOGI", "FOOD"]
    assert list(movers["small_base"]) == [False, False, True]
    assert movers["change_pp"].iloc[0] == pytest.approx(-4.0)
    fig = ranked_bar(movers, "industry_name", "change_pp", title="t", unit="%p",
                     keep_order=True, flag="small_base", flag_note="note")
    assert fig.data[0].y[0] == "반도체"  # not 물류·운수 (+2), the largest signed value
    assert list(fig.data[0].marker.pattern.shape) == ["", "", ""]  # FOOD has no bar
    sentences = weekly_summary(_kpis(), movers)
    assert any("내린 업종은 반도체(20.0% → 16.0%, -4.0%p)" in s for s in sentences)


def test_ranked_bar_hatches_small_bases_and_shows_the_interval():
    ranked = rank_by_shrunk(_frame([("SMALL", 3, 3), ("BIG", 2000, 360)]))
    ranked["industry_name"] = ranked["industry_code"]
    fig = ranked_bar(ranked, "industry_name", "unfilled_rate", title="t", unit="%",
                     keep_order=True, flag="small_base", flag_note="빗금 note")
    bar = fig.data[0]
    assert list(bar.y) == ["BIG", "SMALL"]  # data_access's order, not the raw 100 % first
    assert list(bar.marker.pattern.shape) == ["", "/"]
    assert "표본 적음" in bar.text[1]
    assert "n = 2,000, 90% 구간 16.6–19.5%" in bar.customdata[0]
    assert fig.layout.title.subtitle.text == "빗금 note"


def test_heatmap_leaves_small_cells_off_the_colour_scale():
    cells = with_base(pd.DataFrame({
        "region_code": ["11", "11", "26", "26"],
        "industry_code": ["SEMI", "FOOD", "SEMI", "FOOD"],
        "new_vacancies": [2000, 3, 400, 100], "unfilled": [360, 3, 40, 30]}).assign(
        unfilled_rate=lambda d: d["unfilled"] / d["new_vacancies"] * 100))
    fig = heatmap(cells, "industry_code", "region_code", "unfilled_rate", title="t",
                  unit="%", base="new_vacancies", min_base=30)
    main = fig.data[0]
    small = next(tr for tr in fig.data if tr.name == "표본 적음")
    assert list(main.x) == ["SEMI", "FOOD"] and list(main.y) == ["11", "26"]
    assert main.z[0][1] is None and small.z[0][1] == 1.0  # 서울 × FOOD: 3 vacancies
    assert main.z[0][0] == pytest.approx(18.0) and small.z[0][0] is None
    assert main.zmax == pytest.approx(np.percentile([18.0, 10.0, 30.0], 95))
    assert small.text[0][1] == "100.0"
    hover = fig.data[-1].hovertext[1]  # click layer, row 11, column FOOD
    assert "(표본 적음)" in hover and "n = 3, 90% 구간 52.6–100.0%" in hover
    assert "신규구인 30명 미만(표본 적음)" in fig.layout.title.subtitle.text


def test_ranking_order_column_drives_the_chart():
    df = _frame([("SMALL", 3, 3), ("BIG", 2000, 360), ("HIGH", 300, 90)])
    out = with_base(df)
    assert list(out["industry_code"]) == ["SMALL", "BIG", "HIGH"]  # rows kept in place
    assert list(out["rank"]) == [3, 2, 1]
    out["industry_name"] = out["industry_code"]
    fig = ranked_bar(out, "industry_name", "unfilled_rate", title="t", unit="%",
                     order_by="rank", flag="small_base")
    assert list(fig.data[0].y) == ["HIGH", "BIG", "SMALL"]
    plain = ranked_bar(out, "industry_name", "unfilled_rate", title="t", unit="%")
    assert list(plain.data[0].y) == ["SMALL", "HIGH", "BIG"]  # raw rate: what we avoid
