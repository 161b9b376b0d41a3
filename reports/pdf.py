"""The pack as a PDF (A4 landscape) with an embedded Korean font (fpdf2).

Page 1 carries what a director reads first: the written summary and the KPI table; then the
charts two to a page, the tables, and the open actions.
"""

from __future__ import annotations

import io
import logging

from fpdf import FPDF
from fpdf.fonts import FontFace

from publish.i18n import t
from reports.evaluation import TITLE as PAST_EVENTS
from reports.fonts import korean_font
from reports.pack import (
    ACTION_HEADERS,
    PRINT_COLUMNS,
    WeeklyPack,
    action_rows,
    display_table,
    kpi_display,
    table_title,
)

FONT = "ko"
# fontTools reports every OpenType table it drops while subsetting; not news for a user.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
HEADER = FontFace(emphasis="BOLD", fill_color=(230, 236, 242))


class _Doc(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}", align="C")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)


def _table(pdf: FPDF, headers: list[str] | tuple[str, ...], rows: list[tuple[str, ...]],
           widths: tuple[int, ...] | None = None) -> None:
    pdf.set_font(FONT, size=9)
    with pdf.table(col_widths=widths, headings_style=HEADER, line_height=6,
                   text_align="LEFT") as table:
        table.row(list(headers))
        for row in rows:
            table.row([str(c) for c in row])
    pdf.ln(4)


def render_pdf(pack: WeeklyPack) -> tuple[bytes, int]:
    """PDF bytes and page count. Needs ``pack.images`` (see ``render_images``)."""
    font = korean_font()
    pdf = _Doc(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font(FONT, "", str(font.regular))
    pdf.add_font(FONT, "B", str(font.bold))
    pdf.footer_text = f"{pack.title} · {pack.week_text}"
    pdf.set_title(f"{pack.title} {pack.week_text}")
    pdf.set_creator("고용센터 노동시장 대시보드")

    pdf.add_page()
    pdf.set_font(FONT, "B", 20)
    pdf.cell(0, 12, pack.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 7, f"{pack.week_text} · 작성 {pack.generated_at:%Y-%m-%d %H:%M} (KST)",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, "이번 주 요약")
    pdf.set_font(FONT, size=11)
    for sentence in pack.sentences:
        pdf.multi_cell(0, 7, f"• {sentence}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, "핵심 지표")
    kpi = kpi_display(pack.kpis, pack.forecasts)
    _table(pdf, list(kpi.columns), list(kpi.itertuples(index=False, name=None)))
    if len(pack.forecasts):  # the forecast columns say how they were made
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(0, 5, t(f"fc.method.{pack.forecasts['method'].iloc[0]}"),
                       new_x="LMARGIN", new_y="NEXT")

    for i, chart in enumerate(pack.charts):
        if i % 2 == 0:
            pdf.add_page()
        png = pack.images.get(chart.key)
        if png:
            # 1100×480 px charts at 200 mm wide are 87 mm tall: two fit on a page.
            pdf.image(io.BytesIO(png), x=(pdf.w - 200) / 2, w=200)
            pdf.ln(2)

    pdf.add_page()
    for name in PRINT_COLUMNS:
        table = display_table(pack, name)
        if name == PAST_EVENTS:
            pdf.add_page()  # the past events' results are a page of their own
        _heading(pdf, table_title(name))
        if table.empty:
            pdf.cell(0, 7, "자료 없음", new_x="LMARGIN", new_y="NEXT")
        else:
            _table(pdf, list(table.columns), list(table.itertuples(index=False, name=None)))

    pdf.add_page()
    _heading(pdf, f"열린 조치 사항 ({len(pack.actions)}건)")
    rows = action_rows(pack.actions)
    if rows:
        _table(pdf, ACTION_HEADERS, rows, widths=(110, 30, 25, 18, 25, 30))
    else:
        pdf.cell(0, 7, "열린 조치 사항이 없습니다.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.page_no()
