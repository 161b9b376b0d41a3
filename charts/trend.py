"""Trend lines over time, optionally one per group with one group emphasised.

Gaps stay gaps: a suppressed or missing week breaks the line instead of being bridged or
dropped to zero, and a suppressed one is additionally marked with a grey "비공개" square on
the baseline so the reader can tell "hidden" from "no data".
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    HIGHLIGHT,
    MISSING_TEXT,
    MUTED,
    PALETTE,
    SUBTLE_TEXT,
    SUPPRESSED_COLOUR,
    TEXT_COLOUR,
    apply_theme,
    cell_text,
    fmt,
    hidden_mask,
    is_date_like,
    is_missing,
    label_text,
    legend_on_top,
    nullable,
    values,
    week_tick,
    word,
)

# Where the suppressed markers sit on their own hidden 0..1 axis: just above the baseline.
_MARKER_LEVEL = 0.03


def _groups(df: pd.DataFrame, colour_by: str | None) -> list[tuple[str | None, pd.DataFrame]]:
    """Series in order of first appearance (the data layer already orders them)."""
    if colour_by is None:
        return [(None, df)]
    keys = df[colour_by].map(lambda v: MISSING_TEXT if is_missing(v) else str(v))
    return [(k, df[keys == k]) for k in dict.fromkeys(keys)]


MAX_WEEK_TICKS = 8


def _week_ticks(series: pd.Series) -> tuple[list, list[str]] | None:
    """Ticks on the weeks themselves for weekly data (every value a Monday): ``37주`` with
    its Monday's date under it, so the axis names the weeks the titles speak of instead of
    plotly's Sunday gridlines. None for other data."""
    days = pd.to_datetime(series.dropna()).drop_duplicates().sort_values()
    if len(days) < 2 or not (days.dt.day_of_week == 0).all():
        return None
    step = max(1, -(-len(days) // MAX_WEEK_TICKS))
    shown = list(days.iloc[::step])
    text = [f"{week_tick(d.isocalendar()[1])}<br>{d.month}/{d.day}" for d in shown]
    return shown, text


def _date_format(series: pd.Series) -> str:
    """Korean numeric dates; month-level data (all on day 1) drops the day."""
    days = pd.to_datetime(series.dropna()).dt.day
    return "%Y.%m" if len(days) and (days == 1).all() else "%Y.%m.%d"


def _at_or_after(value: Any, start: Any) -> bool:
    """``value >= start`` for dates, timestamps or numbers alike (False without a start)."""
    if start is None or is_missing(value):
        return False
    if is_date_like(pd.Series([value])):
        return pd.Timestamp(value) >= pd.Timestamp(start)
    return value >= start


def _partial_segment(fig: go.Figure, xs: list, ys: list, hover: list[str],
                     partial: list[bool], colour: str, width: float) -> None:
    """The still-running points, dotted from the last complete one, hollow markers."""
    first = partial.index(True)
    start = max(first - 1, 0)
    fig.add_trace(go.Scatter(
        x=xs[start:], y=nullable(ys[start:]), mode="lines+markers", connectgaps=False,
        line={"color": colour, "width": width, "dash": "dot"},
        marker={"color": "white", "size": [0] * (first - start) + [width + 4.5] * (
            len(xs) - first), "line": {"color": colour, "width": 2}},
        customdata=hover[start:], hovertemplate="%{customdata}<extra></extra>",
        showlegend=False,
    ))


def line_chart(df: pd.DataFrame, x: str, y: str, *, title: str, unit: str, y_title: str,
               colour_by: str | None = None, highlight: str | None = None,
               target: float | None = None, target_label: str | None = None,
               large: bool = False, partial_from: Any = None,
               partial_label: str | None = None) -> go.Figure:
    """One line per ``colour_by`` value (or a single line) of ``y`` over ``x``.

    Points at or after ``partial_from`` (a period still running, e.g. this month) are
    joined by a dotted line with hollow markers and ``partial_label`` in their hover, so a
    month that has only begun is not read as a fall.

    With ``highlight`` the matching series is drawn thick in HIGHLIGHT and the rest muted,
    so "my centre against the others" reads at a glance; it is drawn last (on top).
    ``target`` adds a dashed horizontal line labelled ``target_label`` and its value.
    """
    target_label = target_label or word("target")
    partial_label = partial_label or word("running")
    fig = go.Figure()
    groups = _groups(df, colour_by)
    names = [k for k, _ in groups]
    emphasise = highlight is not None and colour_by is not None and str(highlight) in names
    if emphasise:
        groups.sort(key=lambda kv: kv[0] == str(highlight))
    hidden_points: dict[Any, list[str]] = {}
    for i, (name, part) in enumerate(groups):
        part = part.sort_values(x, kind="stable")
        xs = list(part[x])
        ys = values(part, y)
        hid = hidden_mask(part, y)
        if emphasise:
            is_hl = name == str(highlight)
            colour, width = (HIGHLIGHT, 4.0) if is_hl else (MUTED, 1.5)
        else:
            colour, width = PALETTE[names.index(name) % len(PALETTE)], 2.5
        prefix = f"<b>{name}</b><br>" if name is not None else ""
        partial = [_at_or_after(xv, partial_from) for xv in xs]
        hover = [f"{prefix}{label_text(xv)}: {cell_text(v, h, unit)}"
                 + (f" ({partial_label})" if p else "")
                 for xv, v, h, p in zip(xs, ys, hid, partial, strict=True)]
        if any(partial):
            _partial_segment(fig, xs, ys, hover, partial, colour, width)
        fig.add_trace(go.Scatter(
            x=xs, y=nullable([None if p else v for v, p in zip(ys, partial, strict=True)]),
            mode="lines+markers", connectgaps=False,
            name=name if name is not None else y_title,
            line={"color": colour, "width": width},
            marker={"color": colour, "size": width + 2.5},
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
            showlegend=colour_by is not None, legendrank=1000 - i if emphasise else None,
        ))
        for xv, h in zip(xs, hid, strict=True):
            if h:
                who = f"{name} · " if name is not None else ""
                hidden_points.setdefault(xv, []).append(
                    f"{who}{label_text(xv)}: {word('suppressed')}")
    if hidden_points:
        # A separate invisible 0..1 axis keeps the marker at the bottom edge whatever the
        # data range, without giving it a y value that could be read as a measurement.
        xs = list(hidden_points)
        fig.add_trace(go.Scatter(
            x=xs, y=[_MARKER_LEVEL] * len(xs), yaxis="y2", mode="markers",
            name=word("suppressed"),
            marker={"symbol": "square", "size": 9, "color": SUPPRESSED_COLOUR,
                    "line": {"color": SUBTLE_TEXT, "width": 1}},
            customdata=["<br>".join(hidden_points[v]) for v in xs],
            hovertemplate="%{customdata}<extra></extra>", showlegend=True,
        ))
    apply_theme(fig, title, large=large)
    fig.update_layout(
        yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        showlegend=colour_by is not None or bool(hidden_points),
    )
    fig.update_layout(yaxis={"title": {"text": y_title}, "tickformat": ","})
    if fig.layout.showlegend:
        legend_on_top(fig, large=large)
    if len(df) and is_date_like(df[x]):
        weekly = _week_ticks(df[x])
        if weekly is not None:
            fig.update_xaxes(tickvals=weekly[0], ticktext=weekly[1])
        else:
            fig.update_xaxes(tickformat=_date_format(df[x]))
    if not is_missing(target):
        fig.add_hline(y=float(target), line={"dash": "dash", "color": TEXT_COLOUR, "width": 1.5},
                      annotation_text=f"{target_label} {fmt(target, unit)}",
                      annotation_position="top left",
                      annotation_font={"color": TEXT_COLOUR})
    return fig
