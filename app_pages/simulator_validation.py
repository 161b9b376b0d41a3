"""The simulator's honest record: coverage per kind over many generated worlds, from the
figures shipped with the code, and in plain words where the model is weak.

One world's backtest (above it on the page) can flatter or damn a kind by luck: its events
share one world's constants. The shipped figures are the mean and 90 % range over many
worlds (``python -m simulation.backtest --worlds N --save``), scored against what each
event caused, with the Monte Carlo the page runs. Nothing is computed on page load.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import simulator_data as sim_data
from data_access.reference import taxonomy as tx
from simulation.backtest_worlds import kind_table
from ui.filters import tr


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def _table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{
        tr("sim.kind"): kind_name(r["kind"]),
        tr("sim.worlds_events"): "–" if r["events_mean"] is None else f"{r['events_mean']:.0f}",
        tr("sim.worlds_coverage"): _pct(r["coverage_mean"]),
        tr("sim.worlds_range"): f"{_pct(r['p05'])}–{_pct(r['p95'])}",
        tr("sim.worlds_bias"): "–" if r["bias_mean"] is None else f"{r['bias_mean']:+.0%}",
        tr("sim.worlds_width"): ("–" if r["width_rel_mean"] is None
                                 else f"{r['width_rel_mean']:.1f}×"),
    } for r in rows])


def kind_name(kind: str) -> str:
    """An intervention kind in the page's language (the editor's catalogue names)."""
    label = tr(f"sim.kind.{kind}")
    return label if label != f"sim.kind.{kind}" else tx.EVENT_KINDS.get(kind, kind)


BIASED_BEYOND = 0.4  # |median − truth| ÷ truth beyond which a kind is called biased


def weakness_text(figs: dict, rows: list[dict]) -> tuple[str, str]:
    """The overall figure, and where the model is weak, in words built from the figures
    (so they cannot go stale): kinds whose intervals miss too often, kinds whose median is
    off by more than 40 % of the effect."""
    cov = figs.get("event_coverage_80")
    overall = [tr("sim.worlds_overall").format(cov=_pct(cov), n=figs.get("worlds", 0),
                                               scale=figs.get("scale", "?"))]
    centre = (figs.get("event_coverage_80_centre") or {}).get("mean")
    if centre is not None:
        overall.append(tr("sim.worlds_centre").format(cov=_pct(centre)))
    def name(r: dict) -> str:
        return kind_name(r["kind"])
    weak = [name(r) for r in rows if r["weak"]]
    biased = [f"{name(r)} {r['bias_mean']:+.0%}" for r in rows
              if r["bias_mean"] is not None and abs(r["bias_mean"]) > BIASED_BEYOND]
    warn = []
    demo = figs.get("demo_check") or {}
    if demo.get("event_coverage_80") is not None:
        warn.append(tr("sim.worlds_demo").format(
            n=demo.get("worlds", 1), cov=_pct(demo["event_coverage_80"]),
            centre=_pct(demo.get("event_coverage_80_centre"))))
    if weak:
        warn.append(tr("sim.worlds_weak").format(kinds=", ".join(weak)))
    if biased:
        warn.append(tr("sim.worlds_biased").format(kinds=", ".join(biased)))
    return " ".join(overall), " ".join(warn)


def forecast_text(figs: dict) -> str | None:
    """The forecast check in one sentence: each method's 13-week error, the model's gain
    over the best baseline and the baselines' band coverage (None in older figures)."""
    wape = figs.get("wape_by_method") or {}
    cover = figs.get("forecast_coverage_80") or {}
    gain = (figs.get("wape_gain_vs_best_baseline") or {}).get("mean")
    if not wape or gain is None:
        return None

    def w(name: str) -> str:
        return _pct((wape.get(name) or {}).get("13"))

    return tr("sim.worlds_forecast").format(
        model=w("model"), naive=w("seasonal_naive"), ets=w("seasonal_ets"),
        swly=w("same_week_last_year"), gain=f"{gain * 100:+.0f}%",  # may be a loss
        cov_naive=_pct((cover.get("seasonal_naive") or {}).get("mean")),
        cov_ets=_pct((cover.get("seasonal_ets") or {}).get("mean")))


def worlds_validation() -> None:
    """The shipped many-worlds figures per kind, with the weak kinds named."""
    figs = sim_data.worlds_figures()
    if not figs:
        return
    st.markdown(f"**{tr('sim.worlds_title')}**")
    rows = kind_table(figs)
    st.dataframe(_table(rows), hide_index=True, use_container_width=True)
    overall, warn = weakness_text(figs, rows)
    st.markdown(overall)
    forecast = forecast_text(figs)
    if forecast:
        st.markdown(forecast)
    if warn:
        st.warning(warn)
