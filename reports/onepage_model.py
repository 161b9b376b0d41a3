"""What the one-page centre report holds, between gathering (:mod:`reports.onepage`) and
drawing (:mod:`reports.onepage_pdf`): a module of its own so the two never import each
other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass
class OnePage:
    """The page's content as printed text (numbers already formatted, hidden cells
    already "비공개"), plus the trend figure and, once rendered, its PNG."""

    centre_id: str
    centre_name: str
    week: dt.date
    as_of: dt.date | None  # the centre's weekly data describes up to this day
    generated_at: dt.datetime
    tiles: list[tuple[str, str, str]]  # (label, value, change from last week)
    industries: pd.DataFrame  # printed rows (Korean headers, text cells)
    programmes: pd.DataFrame  # printed rows
    standing: str  # one sentence: rank among centres of its own type
    chart: go.Figure
    suppression_note: str
    image: bytes | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return f"{self.centre_name} 주간 한 장 요약"
