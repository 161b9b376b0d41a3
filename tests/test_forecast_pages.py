"""Forecasts where people read them: the data layer's query (scope, suppression), the
brief's tiles and the 인력난 trend (AppTest, Korean and English) and the weekly pack."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from data_access import queries
from data_access.db.engine import get_engine
from data_access.privacy.scope import Filters, Scope
from data_access.queries.forecasts import PAGE_METHOD
from publish.i18n import t
from simulation.forecast import forecast
from tests.conftest import app_test

WEEK = dt.date.fromisocalendar(2026, 46, 1)  # conftest END_WEEK


@pytest.fixture
def engine(app_db_url):
    return get_engine(app_db_url)


def test_the_query_forecasts_the_weekly_counts_from_the_series_it_reads(engine):
    scope = Scope.national(user="t", role="hq")
    fc = queries.forecasts(scope, Filters(), week=WEEK, engine=engine)
    assert set(fc["metric"]) == set(queries.FORECAST_KPIS)
    for metric, part in fc.groupby("metric"):
        assert part["horizon"].tolist() == list(range(14))
        assert part["week_start"].iloc[13] == WEEK + dt.timedelta(weeks=13)
        assert (part["method"] == PAGE_METHOD).all()
        # the same numbers as the method on the series the page shows
        f = Filters(week_from=WEEK - dt.timedelta(weeks=155), week_to=WEEK)
        series = queries.labour_market(scope, f, ("week",), engine).sort_values("week_start")
        want = forecast(series[metric].to_numpy(float),
                        pd.DatetimeIndex(pd.to_datetime(series["week_start"])), PAGE_METHOD)
        ahead = part[part["horizon"] >= 1]
        assert ahead["forecast"].to_numpy() == pytest.approx(want.mean)
        width = np.log1p(ahead["hi80"].to_numpy()) - np.log1p(ahead["lo80"].to_numpy())
        assert (np.diff(width) >= -1e-9).all()
        now = part[part["horizon"] == 0].iloc[0]
        assert now["actual"] == series[metric].iloc[-1]
        assert now["outside"] == (not now["lo80"] <= now["actual"] <= now["hi80"])


def test_a_suppressed_series_is_not_forecast(engine, monkeypatch):
    from data_access.queries import labour

    monkeypatch.setattr(labour, "suppression_k", lambda: 10**9)  # every people count hidden
    scope = Scope.for_centres({"gwangju"})
    series = queries.labour_market(scope, Filters(week_to=WEEK), ("week",), engine)
    hidden = {m for m in queries.FORECAST_KPIS
              if f"{m}__hidden" in series and series[f"{m}__hidden"].any()}
    assert {"new_seekers", "placements"} <= hidden  # people, hence suppressed
    fc = queries.forecasts(scope, Filters(), week=WEEK, engine=engine)
    assert set(fc["metric"]) == set(queries.FORECAST_KPIS) - hidden


def test_a_centre_gets_only_its_own_series_forecast(engine):
    own = queries.forecasts(Scope.for_centres({"gwangju"}), Filters(), week=WEEK,
                            engine=engine)
    national = queries.forecasts(Scope.national(user="t", role="hq"), Filters(), week=WEEK,
                                 engine=engine)
    a = own[(own["metric"] == "new_vacancies") & (own["horizon"] == 0)]["actual"].iloc[0]
    b = national[(national["metric"] == "new_vacancies")
                 & (national["horizon"] == 0)]["actual"].iloc[0]
    assert 0 < a < b


@pytest.mark.parametrize(("lang", "word"), [("ko", "예측 ·"), ("en", "Forecast ·")])
def test_the_brief_tiles_show_the_forecast_in_the_readers_language(app_db_url, monkeypatch,
                                                                   lang, word):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", {"lang": lang} if lang == "en" else None, timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    lines = [c.value for c in at.caption if c.value.startswith(word)]
    assert len(lines) == len(queries.FORECAST_KPIS)
    assert all(t("fc.in_weeks", lang).format(h=13) in x for x in lines)
    assert any(c.value == t(f"fc.method.{PAGE_METHOD}", lang) for c in at.caption)


def test_the_shortage_trend_says_how_its_forecast_was_made(shortage_page):
    at = shortage_page("hq")
    assert not at.exception
    text = " ".join(str(e.value) for e in [*at.caption, *at.markdown])
    assert t(f"fc.method.{PAGE_METHOD}") in text


def test_the_pack_kpi_table_has_the_forecast_columns(engine):
    from reports.pack import build_pack, kpi_display

    scope = Scope.for_centres({"gwangju"})
    pack = build_pack(scope, "gwangju", WEEK, engine)
    table = kpi_display(pack.kpis, pack.forecasts).set_index(t("col.kpi"))
    col = "13주 후 예측 (80% 구간)"
    assert table.loc[t("kpi.new_vacancies"), col].endswith(")")  # "123명 (100–150)"
    assert table.loc[t("kpi.placement_rate"), col] == "–"  # rates are not forecast
    h13 = pack.forecasts[(pack.forecasts["metric"] == "new_vacancies")
                         & (pack.forecasts["horizon"] == 13)].iloc[0]
    assert table.loc[t("kpi.new_vacancies"), col].startswith(f"{h13['forecast']:,.0f}")
    # a KPI whose series is suppressed somewhere has no forecast, so no column value
    for kpi in set(queries.FORECAST_KPIS) - set(pack.forecasts["metric"]):
        assert table.loc[t(f"kpi.{kpi}"), col] == "–"
