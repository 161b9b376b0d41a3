"""The pack as an Excel workbook: the tables under the charts, one sheet each.

Cells are written as the dashboard's Excel downloads write them (:func:`publish.exports.
presentable` and :func:`publish.exports.write_sheet`): visible columns with Korean
headers, suppressed cells as "비공개", control characters removed (a note stored with one
must not stop the pack), text as string cells that Excel never runs as a formula and
shows without an apostrophe, and missing values (a blank due date, "-") as empty cells.
"""

from __future__ import annotations

import io

import pandas as pd

from publish.exports import presentable, write_sheet
from publish.i18n import COLUMN_LABELS, t
from reports.pack import ACTION_HEADERS, WeeklyPack, action_rows

SUMMARY_SHEET = "요약"
ACTIONS_SHEET = "조치 사항"


def _kpi_frame(pack: WeeklyPack) -> pd.DataFrame:
    df = pack.kpis.copy()
    df["kpi"] = [t(f"kpi.{k}") for k in df["kpi"]]
    return df


def render_xlsx(pack: WeeklyPack) -> tuple[bytes, int]:
    """XLSX bytes and sheet count. The KPI sheet keeps numbers as numbers."""
    labels = dict(COLUMN_LABELS, kpi=t("col.kpi"), value=t("col.value"),
                  prev_week=t("col.prev_week"), last_year=t("col.last_year"),
                  target=t("col.target"))
    summary = pd.DataFrame({
        "항목": ["자료", "주", "작성 (KST)",
               *(f"요약 {i + 1}" for i in range(len(pack.sentences)))],
        "내용": [pack.title, pack.week_text, f"{pack.generated_at}", *pack.sentences]})
    actions = pd.DataFrame(action_rows(pack.actions), columns=list(ACTION_HEADERS))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        write_sheet(writer, summary, SUMMARY_SHEET)
        for name, df in pack.tables.items():
            frame = _kpi_frame(pack) if name == "주요 지표" else df
            write_sheet(writer, presentable(frame, labels, quote_formulas=False), name)
        write_sheet(writer, actions, ACTIONS_SHEET)
        count = len(writer.sheets)
    return buf.getvalue(), count
