"""Two-way heatmap (e.g. 시도 × 산업) with click-to-drill-down.

Each cell carries its ``(x code, y code)`` in ``customdata`` so a click on the chart can set
the page's region/industry filter. Suppressed cells sit on a second, grey trace labelled
"비공개": on the colour scale any value, including a pale low one, would be a claim.
Cells with no data at all are left empty (a gap).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    DIVERGING,
    SEQUENTIAL,
    SUBTLE_TEXT,
    SUPPRESSED_COLOUR,
    apply_theme,
    colour_range,
    default_digits,
    fmt,
    font_size,
    hidden_mask,
    is_missing,
    label_text,
    unit_text,
    values,
    word,
)


def _key(value: Any) -> Any:
    """Codes compared as text, so 11 and "11" are the same region."""
    return None if is_missing(value) else str(value)


def _axis(codes: Sequence[Any], order: Sequence[Any] | None,
          labels: Mapping[Any, Any] | None) -> tuple[list[str], list[str]]:
    """(codes, unique display labels) in display order; unlisted codes follow ``order``."""
    present = list(dict.fromkeys(c for c in codes if c is not None))
    if order is not None:
        ordered = [_key(c) for c in order]
        seq = list(dict.fromkeys(c for c in ordered if c is not None))
        seq += [c for c in present if c not in seq]
    else:
        seq = present
    lookup = {_key(k): v for k, v in (labels or {}).items()}
    shown: list[str] = []
    for c in seq:
        text = label_text(lookup.get(c, c))
        shown.append(text if text not in shown else f"{text} ({c})")
    return seq, shown


def heatmap(df: pd.DataFrame, x: str, y: str, value: str, *, title: str, unit: str,
            x_order: list | None = None, y_order: list | None = None,
            x_labels: dict | None = None, y_labels: dict | None = None,
            large: bool = False, subtitle: str | None = None,
            max_text_cells: int = 150, base: str | None = None,
            min_base: int | None = None, centre: float | None = None) -> go.Figure:
    """``value`` per (``x``, ``y``) on the Cividis scale, first ``y`` row on top.

    ``x_order``/``y_order`` fix the axis order (codes; listed codes with no data still get
    an empty row/column); ``x_labels``/``y_labels`` map codes to the Korean names shown.
    ``customdata[row][col] == [x_code, y_code]`` on both traces.

    ``base`` names the column of each cell's base (e.g. new vacancies): cells under
    ``min_base`` leave the colour scale for a pale trace "표본 적음" with a note under the
    chart (a rate on a handful of cases must not look like a finding), and the hover says
    ``n = …`` and, given ``rate_low``/``rate_high`` columns, the 90 % interval.

    The scale is sequential from zero up to the 95th percentile, or diverging around
    ``centre`` (e.g. 100 for an index whose 100 is the average); the colour bar's title
    says which. Column labels stay horizontal unless they are long and many (short 시도
    names and quarters fit; rotated labels are unreadable on a projector).
    """
    g = _grid(df, x, y, value, x_order, y_order, x_labels, y_labels)
    if base is not None and base in df:
        _mark_small(g, df, x, y, base, min_base)
    x_codes, x_names, y_codes, y_names, z, grey = (g.x_codes, g.x_names, g.y_codes,
                                                   g.y_names, g.z, g.grey)
    shape = z.shape
    # Past ``max_text_cells`` cell labels overlap and nobody can read them: values then
    # show on hover only, and suppressed cells stay recognisable by their grey.
    dense = shape[0] * shape[1] > max_text_cells
    text, grey_text, hover = _cell_texts(g, unit, dense)
    custom = [[[x_codes[j], y_codes[i]] for j in range(shape[1])] for i in range(shape[0])]
    z_rows = [[None if np.isnan(v) else float(v) for v in row] for row in z]
    grey_rows = [[None if np.isnan(v) else 1.0 for v in row] for row in grey]
    size = font_size(large)
    # Many narrow columns keep the normal cell size even on the projector, or "16.7" and
    # its neighbour run into each other.
    cell_font = max(9, round(font_size(large and shape[1] <= 20) * 0.8))
    finite = z[np.isfinite(z)]
    # Capped at the 95th percentile: one extreme cell must not wash out the rest (its own
    # value still shows in the hover text).
    zmin, zmax, meaning = colour_range(
        finite.tolist(), centre, float(np.percentile(finite, 95)) if len(finite) else None)
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        z=z_rows, x=x_names, y=y_names,
        colorscale=DIVERGING if centre is not None else SEQUENTIAL,
        zmin=zmin, zmax=zmax,
        text=text, texttemplate="%{text}", textfont={"size": cell_font},
        customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        colorbar={"title": {"text": f"{unit_text(unit).strip()}<br>{meaning}"
                           if unit_text(unit).strip() else meaning,
                            "side": "top"},
                  "tickformat": ",", "thickness": 14},
        xgap=1, ygap=1, hoverongaps=False, name=title, showscale=bool(len(finite)),
    ))
    fig.add_trace(go.Heatmap(
        z=grey_rows, x=x_names, y=y_names,
        colorscale=[[0, SUPPRESSED_COLOUR], [1, SUPPRESSED_COLOUR]], zmin=0, zmax=1,
        showscale=False, text=grey_text, texttemplate="%{text}",
        textfont={"size": cell_font, "color": SUBTLE_TEXT},
        customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        xgap=1, ygap=1, hoverongaps=False, name=word("suppressed"),
    ))
    if np.isfinite(g.small).any():
        _add_small_trace(fig, g, x_names, y_names, custom, hover, cell_font, unit, dense,
                         min_base)
    # Heatmap traces emit no selection events, so clicks could not drill down: an
    # invisible marker on every cell carries the codes (and the hover) instead.
    fig.add_trace(_click_layer(x_names, y_names, custom, hover))
    for trace in fig.data[:-1]:
        trace.hoverinfo = "skip"
    # What every non-coloured cell means is said where the eye reads first, not over them.
    subtitle = " · ".join(t for t in (subtitle, cell_legend(g, min_base)) if t) or None
    upright = len(x_names) > 12 and max((len(n) for n in x_names), default=0) > 4
    tick_size = max(9, size - 4) if upright else size
    apply_theme(fig, title, subtitle=subtitle, large=large,
                height=heatmap_height(len(y_codes), x_names, tick_size, upright, large))
    # Every row and column is labelled (plotly would otherwise skip every other name when
    # they are crowded, and a director cannot tell which industry an unlabelled column is);
    # many columns stand upright so their names fit the narrow cells.
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x_names,
                     showgrid=False, side="bottom", tickmode="array", tickvals=x_names,
                     tickangle=-90 if upright else _flat_angle(x_names),
                     tickfont={"size": tick_size})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=y_names,
                     autorange="reversed", showgrid=False, tickmode="array", tickvals=y_names)
    return fig


def _flat_angle(x_names: list[str]) -> int:
    """Few or short column names (시도 short names, quarters) stay horizontal; only a long
    row of long names is tilted."""
    longest = max((len(n) for n in x_names), default=0)
    return 0 if longest <= 4 or len(x_names) * longest <= 60 else -45


@dataclass
class _Grid:
    """The cells in display order: values, and which cells are suppressed."""

    x_codes: list[str]
    x_names: list[str]
    y_codes: list[str]
    y_names: list[str]
    z: np.ndarray  # rows × columns, NaN where no value is shown
    grey: np.ndarray  # 1.0 where the value is suppressed, else NaN
    small: np.ndarray = None  # the value where its base is under the minimum, else NaN
    extra: list = None  # per cell, extra hover text ("" if none)


def _grid(df: pd.DataFrame, x: str, y: str, value: str, x_order: list | None,
          y_order: list | None, x_labels: dict | None, y_labels: dict | None) -> _Grid:
    xk = [_key(v) for v in df[x]] if len(df) else []
    yk = [_key(v) for v in df[y]] if len(df) else []
    x_codes, x_names = _axis(xk, x_order, x_labels)
    y_codes, y_names = _axis(yk, y_order, y_labels)
    xi = {c: j for j, c in enumerate(x_codes)}
    yi = {c: i for i, c in enumerate(y_codes)}
    shape = (len(y_codes), len(x_codes))
    z = np.full(shape, np.nan)
    grey = np.full(shape, np.nan)
    vals = values(df, value) if len(df) else np.array([], dtype=float)
    hid = hidden_mask(df, value)
    for r, (xc, yc) in enumerate(zip(xk, yk, strict=True)):
        if xc is None or yc is None:
            continue
        i, j = yi[yc], xi[xc]
        if hid[r]:
            grey[i, j] = 1.0
            z[i, j] = np.nan
        else:
            z[i, j] = vals[r]
    return _Grid(x_codes, x_names, y_codes, y_names, z, grey, np.full(shape, np.nan),
                 [["" for _ in range(shape[1])] for _ in range(shape[0])])


def _cell_texts(g: _Grid, unit: str, dense: bool
                ) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Cell labels of the value and the grey trace (none when ``dense``), and hovers."""
    z, grey = g.z, g.grey
    shape = z.shape
    digits = default_digits(unit)
    text = [["" if np.isnan(z[i, j]) else fmt(z[i, j], "", digits)
             for j in range(shape[1])] for i in range(shape[0])]
    grey_text = [[word("suppressed") if grey[i, j] == 1 and not dense else ""
                  for j in range(shape[1])] for i in range(shape[0])]
    if dense:
        text = [["" for _ in row] for row in text]
    hover = [[f"<b>{g.y_names[i]} · {g.x_names[j]}</b><br>"
              + (word("suppressed") if grey[i, j] == 1
                 else _small_hover(g.small[i, j], unit) if np.isfinite(g.small[i, j])
                 else word("no_data") if np.isnan(z[i, j]) else fmt(z[i, j], unit))
              + g.extra[i][j]
              for j in range(shape[1])] for i in range(shape[0])]
    return text, grey_text, hover


SMALL_BASE_COLOUR = "#EEF2F6"


def _small_hover(value: float, unit: str) -> str:
    return f"{fmt(value, unit)} ({word('small_base')})"


def _mark_small(g: _Grid, df: pd.DataFrame, x: str, y: str, base: str,
                min_base: int | None) -> None:
    """Move cells under ``min_base`` off the colour scale; add n and interval to hovers."""
    xi = {c: j for j, c in enumerate(g.x_codes)}
    yi = {c: i for i, c in enumerate(g.y_codes)}
    has_ci = "rate_low" in df and "rate_high" in df
    for _, row in df.iterrows():
        xc, yc = _key(row[x]), _key(row[y])
        if xc is None or yc is None or is_missing(row[base]):
            continue
        i, j = yi[yc], xi[xc]
        n = float(row[base])
        text = f"<br>n = {int(n):,}"
        if has_ci and not is_missing(row["rate_low"]) and g.grey[i, j] != 1:
            text += (f", {word('interval90')} "
                     f"{float(row['rate_low']):.1f}–{float(row['rate_high']):.1f}%")
        g.extra[i][j] = text
        if min_base is not None and n < min_base and np.isfinite(g.z[i, j]):
            g.small[i, j], g.z[i, j] = g.z[i, j], np.nan


def _add_small_trace(fig: go.Figure, g: _Grid, x_names: list[str], y_names: list[str],
                     custom: list, hover: list, cell_font: int, unit: str, dense: bool,
                     min_base: int | None) -> None:
    """The pale "표본 적음" cells (their note goes in the subtitle: :func:`small_note`)."""
    small = g.small
    fig.add_trace(go.Heatmap(
        z=[[None if np.isnan(v) else 1.0 for v in row] for row in small],
        x=x_names, y=y_names, colorscale=[[0, SMALL_BASE_COLOUR], [1, SMALL_BASE_COLOUR]],
        zmin=0, zmax=1, showscale=False,
        text=[["" if dense or np.isnan(v) else fmt(v, "", default_digits(unit))
               for v in row] for row in small],
        texttemplate="%{text}", textfont={"size": cell_font, "color": SUBTLE_TEXT},
        customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        xgap=1, ygap=1, hoverongaps=False, name=word("small_base")))


def small_note(min_base: int | None) -> str:
    return word("small_cells", min_base=min_base)


def cell_legend(g: _Grid, min_base: int | None) -> str:
    """One line naming each kind of uncoloured cell the grid actually has."""
    parts = []
    if np.isfinite(g.small).any():
        parts.append(small_note(min_base))
    if (g.grey == 1).any():
        parts.append(word("grey_cells"))
    if (np.isnan(g.z) & np.isnan(g.grey) & np.isnan(g.small)).any():
        parts.append(word("white_cells"))
    return " · ".join(parts)


def _click_layer(x_names: list[str], y_names: list[str], custom: list,
                 hover: list[list[str]]) -> go.Scatter:
    """One invisible square marker per cell, carrying its codes and hover text."""
    rows, cols = len(y_names), len(x_names)
    return go.Scatter(
        x=[x_names[j] for i in range(rows) for j in range(cols)],
        y=[y_names[i] for i in range(rows) for j in range(cols)],
        mode="markers", marker={"symbol": "square", "size": 18, "opacity": 0.0},
        customdata=[custom[i][j] for i in range(rows) for j in range(cols)],
        hovertext=[hover[i][j] for i in range(rows) for j in range(cols)],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False, name="cells")


def heatmap_height(rows: int, x_names: list[str], tick_size: int, upright: bool,
                   large: bool) -> int:
    """Pixels for the whole figure: title and colour bar, the rows (at least a short band
    even for one centre's single row), and room for the longest industry name below.

    Plotly's automargin cannot grow a figure, only shrink its plot area, so with one row a
    fixed height left the upright names cut off mid-word (seen in presentation mode).
    Korean glyphs are about as wide as the font size.
    """
    row_px = round(26 * (1.4 if large else 1.0))
    longest = max((len(n) for n in x_names), default=0)
    label_px = longest * tick_size * (1.0 if upright else 0.72)
    return round(130 + max(row_px * rows, 150) + label_px)
