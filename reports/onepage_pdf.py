"""Drawing the one-page centre report on A4 portrait (fpdf2, embedded Korean font).

Fixed boxes from top to bottom, sized so a full page never spills: the header, seven KPI
tiles (4 + 3), the 인력난 industries, the programmes, the peer standing, the trend chart
and the notes. Automatic page breaks are off; :func:`draw` returns the page count, which
the tests require to be one.
"""

from __future__ import annotations

import io
import logging

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from data_access.reference.weeks import korean_week_label
from reports.fonts import korean_font
from reports.onepage_model import OnePage

FONT = "ko"
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
HEADER = FontFace(emphasis="BOLD", fill_color=(230, 236, 242))
MARGIN = 12.0
TILE_FILL = (244, 246, 249)
SUBTLE = (90, 101, 112)
CHART_H = 62.0  # mm; the image is 900×300 px, so 186 mm wide → 62 mm tall


def _section(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _tiles(pdf: FPDF, tiles: list[tuple[str, str, str]]) -> None:
    """Four tiles a row: name (small), value (large), change (small, grey)."""
    width = (pdf.w - 2 * MARGIN - 3 * 3) / 4
    height = 19.0
    top = pdf.get_y()
    for i, (label, value, change) in enumerate(tiles):
        x = MARGIN + (i % 4) * (width + 3)
        y = top + (i // 4) * (height + 3)
        pdf.set_fill_color(*TILE_FILL)
        pdf.rect(x, y, width, height, style="F")
        pdf.set_xy(x + 2, y + 1.5)
        pdf.set_font(FONT, size=8)
        pdf.set_text_color(*SUBTLE)
        pdf.cell(width - 4, 4, label)
        pdf.set_xy(x + 2, y + 6)
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(width - 4, 7, value)
        pdf.set_xy(x + 2, y + 13.5)
        pdf.set_font(FONT, size=8)
        pdf.set_text_color(*SUBTLE)
        pdf.cell(width - 4, 4, change)
    pdf.set_text_color(0, 0, 0)
    rows = -(-len(tiles) // 4)
    pdf.set_xy(MARGIN, top + rows * (height + 3))


def _table(pdf: FPDF, df: pd.DataFrame, widths: tuple[float, ...], empty: str) -> None:
    pdf.set_font(FONT, size=8.5)
    if df.empty:
        pdf.cell(0, 5, empty, new_x="LMARGIN", new_y="NEXT")
        return
    with pdf.table(col_widths=widths, headings_style=HEADER, line_height=5,
                   text_align="LEFT", padding=1) as table:
        table.row(list(df.columns))
        for row in df.itertuples(index=False, name=None):
            table.row([str(c) for c in row])


def draw(page: OnePage, chart_png: io.BytesIO) -> tuple[bytes, int]:
    """PDF bytes and page count of ``page`` with ``chart_png`` as its trend chart."""
    font = korean_font()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, "", str(font.regular))
    pdf.add_font(FONT, "B", str(font.bold))
    pdf.set_title(f"{page.title} {korean_week_label(page.week)}")
    pdf.set_creator("고용센터 노동시장 대시보드")
    pdf.add_page()

    pdf.set_font(FONT, "B", 17)
    pdf.cell(0, 9, page.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*SUBTLE)
    as_of = f"{page.as_of:%Y-%m-%d}" if page.as_of else "–"
    pdf.cell(0, 5, f"{korean_week_label(page.week)} · 자료 기준일 {as_of} · 작성 "
                   f"{page.generated_at:%Y-%m-%d %H:%M} (KST)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    _tiles(pdf, page.tiles)

    _section(pdf, "인력난 업종 (인력난 화면의 보정 순위, 최근 13주)")
    _table(pdf, page.industries, (10, 52, 28, 56, 40), "업종별 자료가 없습니다.")
    _section(pdf, "프로그램 (최근 13주 신규 참여 · 종료자의 취업률)")
    _table(pdf, page.programmes, (58, 24, 24, 24, 26, 30), "프로그램 자료가 없습니다.")
    _section(pdf, "같은 유형 센터와 비교")
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(0, 5, page.standing, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    width = pdf.w - 2 * MARGIN
    bottom_notes = pdf.h - MARGIN - 12
    chart_top = min(pdf.get_y() + 1, bottom_notes - CHART_H - 1)
    pdf.image(chart_png, x=MARGIN, y=chart_top, w=width, h=CHART_H)
    pdf.set_xy(MARGIN, bottom_notes)
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(*SUBTLE)
    pdf.multi_cell(0, 3.8, f"{page.suppression_note} 출처: 고용행정 자료. 주간 성과회의 "
                           f"자료(여러 쪽)에 표와 차트가 더 있습니다.")
    return bytes(pdf.output()), pdf.page_no()
