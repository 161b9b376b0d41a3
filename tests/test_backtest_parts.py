"""The backtest's scoring parts on small known numbers: CRPS, coverage tallies, layers of
events that may share a run, the level-adjusted naive forecast, the many-worlds summary."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from simulation.backtest import level_adjusted_naive
from simulation.backtest_mc import SEGMENT_FIELDS, Score, crps, one_copy_per_event, size_of
from simulation.backtest_worlds import summarise
from simulation.calibrate import Calibration


def test_crps_of_a_point_forecast_is_the_absolute_error():
    assert crps(np.array([3.0]), 5.0) == pytest.approx(2.0)


def test_crps_of_a_uniform_sample_matches_the_closed_form():
    # U(0, 1) against y = 0.5: ∫ (F(x) − 1{x ≥ y})² dx = 1/12
    x = np.linspace(0, 1, 20001)
    assert crps(x, 0.5) == pytest.approx(1 / 12, abs=1e-4)
    # and a sharper forecast in the right place scores better
    assert crps(x * 0.2 + 0.4, 0.5) < crps(x, 0.5)


def test_score_counts_coverage_width_and_bias_per_kind():
    s = Score()
    draws = np.arange(0.0, 101.0)  # q10 = 10, median = 50, q90 = 90
    s.add("mentoring", draws, 50.0)  # inside
    s.add("mentoring", draws, 95.0)  # outside
    s.add("training", draws, 5.0)  # outside
    r = s.report()
    m = r["by_kind"]["mentoring"]
    assert m["coverage_80"] == 0.5 and m["events"] == 2
    assert m["width_rel"] == pytest.approx(2 * 80 / 145, abs=1e-3)
    assert m["bias"] == pytest.approx((100 - 145) / 145, abs=1e-3)
    assert r["all"]["coverage_80"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["all"]["events"] == 3


def _calibration(centres: list[str], industries: list[str]) -> Calibration:
    n = len(centres)
    per = {name: np.arange(n, dtype=float) + 0.5 for name in SEGMENT_FIELDS}
    per.update(centres=np.array(centres, dtype=object),
               industries=np.array(industries, dtype=object),
               fitted=np.arange(n * 3, dtype=float).reshape(n, 3))
    return Calibration(alpha=0.3, alpha_se=0.01, season=np.ones(12), dispersion=1.2,
                       v_season=np.ones(12), u_season=np.ones(12),
                       last_week=pd.Timestamp("2026-01-05"), n_obs=1, hist_weeks=3, **per)


def test_segment_fields_are_every_per_segment_array_of_the_calibration():
    cal = _calibration(["a", "b", "c"], ["X", "X", "Y"])

    per_segment = {f.name for f in dataclasses.fields(cal)
                   if isinstance(getattr(cal, f.name), np.ndarray)
                   and getattr(cal, f.name).shape[:1] == (3,)}
    assert per_segment == set(SEGMENT_FIELDS)


def test_events_in_one_segment_each_get_their_own_copy_of_it():
    cal = _calibration(["a", "a", "b"], ["X", "Y", "X"])
    held = pd.DataFrame({"centre_id": ["a", "a", "b", "a"],
                         "industry_code": ["X", "X", "X", "Y"]})
    sub, keys = one_copy_per_event(held, cal)
    assert len(set(keys)) == 4  # every event alone under its own key
    assert list(sub.centres) == keys
    assert list(sub.industries) == ["X", "X", "X", "Y"]
    # the copies carry their segment's numbers: a/X is row 0, b/X row 2, a/Y row 1
    assert list(sub.log_a) == [0.5, 0.5, 2.5, 1.5]
    assert sub.fitted[2].tolist() == [6.0, 7.0, 8.0]
    assert sub.alpha == 0.3 and len(sub.season) == 12  # shared parts untouched


def test_size_is_firms_for_consulting_and_people_otherwise():
    assert size_of("consulting", 0, 7) == 7.0
    assert size_of("hiring_fair", 120, 9) == 120.0


def test_level_adjusted_naive_scales_last_year_by_the_recent_level():
    # one centre; the last 13 weeks run 10 % above the same weeks a year before
    y = np.full((1, 120), 100.0)
    y[0, 100:113] = 110.0
    fc = level_adjusted_naive(y, 113, 116)
    assert fc[0] == pytest.approx(100.0 * 1.1)
    # no history a year back: plain same week last year
    assert level_adjusted_naive(np.full((1, 60), 5.0), 55, 57)[0] == pytest.approx(5.0)


def test_many_worlds_summary_reports_mean_range_and_alpha():
    def world(cov, alpha, true):
        by_kind = {"hiring_fair": {"coverage_80": cov, "events": 40, "width_rel": 1.0,
                                   "crps": 2.0, "bias": 0.1}}
        return {"event_coverage_80": cov, "event_coverage_80_centre": cov - 0.1,
                "event_coverage_80_channel": cov, "placebo_zero_share": 0.9,
                "wape_improvement": 0.2, "alpha": alpha, "alpha_true": true, "seconds": 1,
                "event_scores": {s: {"all": {"coverage_80": cov, "events": 40,
                                             "width_rel": 1.0, "crps": 2.0, "bias": 0.1},
                                     "by_kind": by_kind} for s in ("national", "centre")}}
    out = summarise([world(0.7, 0.30, 0.31), world(0.9, 0.33, 0.27)], "test", "2026-W46",
                    [1, 2])
    assert out["event_coverage_80"] == pytest.approx(0.8)
    assert out["event_coverage_80_range"]["p05"] == pytest.approx(0.71)
    assert out["event_coverage_80_by_kind"]["hiring_fair"]["mean"] == pytest.approx(0.8)
    assert out["alpha_abs_error_max"] == pytest.approx(0.06)
    assert out["alpha_within_005_all"] is False


def test_the_page_names_weak_and_biased_kinds_from_the_figures():
    from app_pages.simulator_validation import weakness_text
    from simulation.backtest_worlds import kind_table

    figs = {"worlds": 3, "scale": "test", "event_coverage_80": 0.8,
            "event_coverage_80_centre": {"mean": 0.7},
            "event_coverage_80_by_kind": {
                "wage_subsidy": {"mean": 0.2, "p05": 0.1, "p95": 0.3, "events_mean": 90,
                                 "bias_mean": -0.05, "width_rel_mean": 0.9},
                "hiring_fair": {"mean": 0.7, "p05": 0.6, "p95": 0.8, "events_mean": 300,
                                "bias_mean": -0.45, "width_rel_mean": 1.0},
                "mentoring": {"mean": 0.9, "p05": 0.8, "p95": 0.95, "events_mean": 200,
                              "bias_mean": 0.1, "width_rel_mean": 2.0}}}
    rows = kind_table(figs)
    assert [r["kind"] for r in rows if r["weak"]] == ["wage_subsidy"]
    overall, warn = weakness_text(figs, rows)
    assert "80%" in overall and "70%" in overall
    assert "고용장려금" in warn and "채용박람회 -45%" in warn
    assert "멘토링" not in warn
    assert kind_table({}) == []
    # a demo-scale check that disagrees is said on the page
    _o, warn = weakness_text({**figs, "demo_check": {"worlds": 2, "event_coverage_80": 0.45,
                                                     "event_coverage_80_centre": 0.56}}, rows)
    assert "45%" in warn and "56%" in warn and "demo 세계 2개" in warn


def test_a_new_subsidy_round_or_fair_varies_by_the_priors_sd_around_its_posterior():
    from simulation.channels import Posterior
    from simulation.model import _draw_parameters, event_spread
    from simulation.priors import PRIORS
    from simulation.scenario import Intervention

    cal = _calibration(["a"], ["X"])
    cal.log_a_sd[:] = 0.1
    items = (Intervention("wage_subsidy", "a", "X", 0, 10),
             Intervention("mentoring", "a", "X", 0, 10),
             Intervention("hiring_fair", "a", "X", 0, 10))
    post = [Posterior("wage_subsidy", 1.0, 0.0, "history", 5, 5),
            Posterior("mentoring", 0.02, 0.0, "history", 5, 5),
            Posterior("hiring_fair", 0.5, 0.0, "history", 5, 5, 0.1, 0.0)]
    d = _draw_parameters(cal, np.array([0]), items, post, 20000, 7)
    assert event_spread("wage_subsidy") == PRIORS["wage_subsidy"].sd
    assert d.effect[:, 0].std() == pytest.approx(PRIORS["wage_subsidy"].sd, rel=0.03)
    assert d.effect[:, 1].std() == 0.0  # mentoring: the posterior as it is
    assert d.effect[:, 2].std() == pytest.approx(PRIORS["fair_net"].sd, rel=0.05)


def test_kept_worlds_are_named_by_scale_and_seed_and_reused(tmp_path, monkeypatch):
    import duckdb

    from simulation import backtest_worlds

    built = []

    def fake_build(scale, seed, end_week, path):
        built.append(seed)
        duckdb.connect(str(path)).close()
        return f"duckdb:///{path}"

    def fake_backtest(engine):
        return {"event_coverage_80": 0.8, "event_coverage_80_centre": 0.7, "alpha": 0.3,
                "alpha_true": 0.3, "seconds": 1.0,
                "event_scores": {"national": {"all": None, "by_kind": {}},
                                 "centre": {"all": None, "by_kind": {}}},
                "event_coverage_80_channel": 0.8, "placebo_zero_share": 0.9,
                "wape_improvement": 0.2}

    monkeypatch.setattr(backtest_worlds, "build_world", fake_build)
    out = backtest_worlds.run_worlds(2, "test", 3, "2026-W46", fake_backtest, print, tmp_path)
    assert out["worlds"] == 2 and built == [3, 4]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "test_seed3.backtest.json", "test_seed3.duckdb", "test_seed4.backtest.json",
        "test_seed4.duckdb"]
    calls = []
    counted = lambda engine: calls.append(1) or fake_backtest(engine)  # noqa: E731
    backtest_worlds.run_worlds(3, "test", 3, "2026-W46", counted, print, tmp_path)
    assert built == [3, 4, 5]  # seeds 3 and 4 were already there: not built again
    assert len(calls) == 1  # and their saved backtests (same code) were reused
    saved = tmp_path / "test_seed3.backtest.json"
    saved.write_text(saved.read_text().replace(backtest_worlds.code_key(), "other"))
    backtest_worlds.run_worlds(1, "test", 3, "2026-W46", counted, print, tmp_path)
    assert len(calls) == 2  # saved by other code: backtested again
    # without a directory nothing is left behind
    backtest_worlds.run_worlds(1, "test", 9, "2026-W46", fake_backtest, print)
    assert built[-1] == 9 and not (tmp_path / "test_seed9.duckdb").exists()


def test_the_page_states_the_forecast_check_from_the_figures():
    from app_pages.simulator_validation import forecast_text

    figs = {"wape_by_method": {"model": {"13": 0.2}, "seasonal_naive": {"13": 0.25},
                               "seasonal_ets": {"13": 0.3},
                               "same_week_last_year": {"13": 0.4}},
            "wape_gain_vs_best_baseline": {"mean": 0.2},
            "forecast_coverage_80": {"seasonal_naive": {"mean": 0.78},
                                     "seasonal_ets": {"mean": 0.61}}}
    text = forecast_text(figs)
    assert "모형 20%" in text and "계절 단순예측 25%" in text and "계절 ETS 30%" in text
    assert "개선 +20%" in text and "계절 단순예측 78%" in text and "계절 ETS 61%" in text
    assert "개선 -1%" in forecast_text({**figs, "wape_gain_vs_best_baseline": {"mean": -0.012}})
    assert forecast_text({"worlds": 3}) is None  # older figures: no sentence
