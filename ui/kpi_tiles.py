"""KPI tiles for the weekly brief: value, change vs last week / last year / target,
a 13-week sparkline, and a seasonal-anomaly flag."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.forecast import sparkline_forecast
from charts.kpi import sparkline
from charts.theme import default_digits
from data_access.reference.metrics import BETTER
from publish.format import as_number, fmt_number
from publish.i18n import KPI_UNITS
from ui.figcache import figure
from ui.filters import lang, tr

# The arrow's colour follows what a rise means (data_access.reference.metrics.BETTER):
# inverted where a rise is bad news, grey where it is neither (more vacancies are good for
# seekers and hard for employers).
RISE_IS_BAD = {k for k, v in BETTER.items() if v == "down"}
NEUTRAL = {k for k, v in BETTER.items() if v == "context"}
TILE_UNITS_EN = {"명": "", "건": "", "배": "×"}
RATES = {"placement_rate", "unfilled_rate", "offers_per_seeker"}


def _delta(kpi: str, cur: float | None, ref: float | None) -> str | None:
    if cur is None or ref is None:
        return None
    if kpi in RATES and kpi != "offers_per_seeker":
        return _signed(cur - ref, "%p")
    if ref == 0:
        return None
    return _signed((cur - ref) / ref * 100, "%")


def _signed(change: float, unit: str) -> str:
    """``+1.2%`` / ``-0.4%p``; a change that rounds to nothing is ``0.0%`` with no sign, so
    the tile shows it as flat rather than as a green rise."""
    text = f"{change:+.1f}"
    return f"0.0{unit}" if text in ("+0.0", "-0.0") else f"{text}{unit}"


def is_flat(delta: str | None) -> bool:
    return delta is not None and not delta.startswith(("+", "-"))


def delta_colour(kpi: str, flat: bool) -> str:
    """Streamlit's delta colour for ``kpi``: grey when flat or when a rise is neither good
    nor bad, inverted when a rise is bad news."""
    if flat or kpi in NEUTRAL:
        return "off"
    return "inverse" if kpi in RISE_IS_BAD else "normal"


def forecast_caption(fc: pd.DataFrame | None, unit: str) -> tuple[str | None, str | None]:
    """The tile's forecast line (4 and 13 weeks ahead with their 80 % bands) and, when this
    week fell outside the band made for it last week, the line saying so."""
    if fc is None or fc.empty:
        return None, None
    by_h = fc.set_index("horizon")
    if not {4, 13} <= set(by_h.index):
        return None, None

    def n(v: float, with_unit: bool = True) -> str:  # the band's ends without the unit
        # forecast weekly counts are whole numbers: "7,511명", never "7,510.7"
        return f"{round(float(v)):,}" + (unit if with_unit else "")

    line = tr("fc.tile").format(
        h4=tr("fc.in_weeks").format(h=4), v4=n(by_h.at[4, "forecast"]),
        lo4=n(by_h.at[4, "lo80"], False), hi4=n(by_h.at[4, "hi80"], False),
        h13=tr("fc.in_weeks").format(h=13), v13=n(by_h.at[13, "forecast"]),
        lo13=n(by_h.at[13, "lo80"], False), hi13=n(by_h.at[13, "hi80"], False))
    outside = None
    if 0 in by_h.index and bool(by_h.at[0, "outside"]):
        outside = tr("fc.outside").format(lo=n(by_h.at[0, "lo80"], False),
                                          hi=n(by_h.at[0, "hi80"], False))
    return line, outside


def tile_unit(kpi: str, language: str) -> str:
    """The KPI's unit as a tile prints it: counts bare and ratios as × in English, which
    does not count in 명/건."""
    unit = KPI_UNITS[kpi]
    return TILE_UNITS_EN.get(unit, unit) if language == "en" else unit


def value_text(kpi: str, value: float | None, language: str, hidden: bool = False) -> str:
    """A tile's number: with its Korean unit (``3,709명``), or in English bare but with the
    same decimals — a count stays whole (``3,709``, never ``3,709.0``) and a ratio keeps
    its ×."""
    return fmt_number(value, tile_unit(kpi, language),
                      digits=default_digits(KPI_UNITS[kpi]), hidden=hidden)


def kpi_tile(row: pd.Series, series: pd.DataFrame | None, flagged: bool = False,
             fc: pd.DataFrame | None = None) -> None:
    """One KPI: value, changes, target, sparkline and — for the weekly counts — the
    forecast (``fc``: rows of ``data.forecasts`` for this KPI) with its band."""
    kpi = row["kpi"]
    unit = tile_unit(kpi, lang())  # the forecast line's unit
    cur, prev = as_number(row["value"]), as_number(row["prev_week"])
    last, target = as_number(row["last_year"]), as_number(row["target"])
    hidden = bool(row["value__hidden"])
    with st.container(border=True):
        label = tr(f"kpi.{kpi}") + (" ⚠️" if flagged else "")
        d = None if hidden else _delta(kpi, cur, prev)
        flat = is_flat(d)
        st.metric(label, value_text(kpi, cur, lang(), hidden=hidden),
                  delta=f"{d} {tr('kpi.vs_prev')}" if d else None,
                  delta_color=delta_colour(kpi, flat),
                  delta_arrow="off" if flat else "auto",
                  help=tr("kpi.anomaly_help") if flagged else None)
        bits = []
        d_year = None if hidden else _delta(kpi, cur, last)
        if d_year:
            bits.append(f"{tr('kpi.vs_last_year')} {d_year}")
        if target is not None and cur is not None and not hidden:
            met = (cur >= target) != (kpi in RISE_IS_BAD)
            bits.append(f"{tr('kpi.target')} {value_text(kpi, target, lang())} {tr('kpi.vs')} "
                        f"{tr('kpi.met') if met else tr('kpi.missed')}")
        st.caption(" · ".join(bits) if bits else "\u00a0")
        line, outside = forecast_caption(None if hidden else fc, unit)
        if series is not None and not series.empty and kpi in series.columns:
            # Only the columns this sparkline draws: the figure's cache key digests the
            # frame, and the whole weekly table is seven times the bytes.
            own = series[[c for c in ("week_start", kpi, f"{kpi}__hidden")
                          if c in series.columns]]
            fig = (figure(sparkline_forecast, own, "week_start", kpi, fc) if line
                   else figure(sparkline, own, "week_start", kpi))
            st.plotly_chart(fig, width="stretch",
                            config={"displayModeBar": False, "staticPlot": True},
                            key=f"spark_{kpi}")
        if line:
            st.caption(line)
        if outside:
            st.caption(outside)
