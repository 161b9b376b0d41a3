"""The pack as a 16:9 PowerPoint deck (python-pptx).

PPTX cannot carry an embedded font through python-pptx, so every run names the Korean
font (Latin and East-Asian typeface) found by :mod:`reports.fonts`; office PCs in Korea
have 맑은 고딕 as the fallback. Charts are the same PNG images as in the PDF.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

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

W, H = Inches(13.333), Inches(7.5)
LINE = Inches(0.8)


def _font(run, family: str, size: int, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = family
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", family)


def _text(slide, family: str, text: str, top: Emu, size: int, bold: bool = False,
          height: Emu = LINE) -> None:
    box = slide.shapes.add_textbox(Inches(0.5), top, W - Inches(1.0), height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        _font(run, family, size, bold)


def _table(slide, family: str, headers, rows, top: Emu, size: int = 12) -> None:
    n_rows, n_cols = len(rows) + 1, len(headers)
    height = Inches(0.4) * n_rows
    shape = slide.shapes.add_table(n_rows, n_cols, Inches(0.5), top, W - Inches(1.0), height)
    for r, values in enumerate([list(headers), *[list(map(str, row)) for row in rows]]):
        for c, value in enumerate(values):
            cell = shape.table.cell(r, c)
            cell.text = ""
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = value
            _font(run, family, size, bold=r == 0)


def render_pptx(pack: WeeklyPack) -> tuple[bytes, int]:
    """PPTX bytes and slide count. Needs ``pack.images`` (see ``render_images``)."""
    family = korean_font().family
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    blank = prs.slide_layouts[6]

    slide = prs.slides.add_slide(blank)
    _text(slide, family, pack.title, Inches(2.4), 40, bold=True, height=Inches(1.2))
    _text(slide, family, f"{pack.week_text}\n작성 {pack.generated_at:%Y-%m-%d %H:%M} (KST)",
          Inches(3.8), 22, height=Inches(1.2))

    slide = prs.slides.add_slide(blank)
    _text(slide, family, "이번 주 요약", Inches(0.3), 28, bold=True)
    _text(slide, family, "\n".join(f"• {s}" for s in pack.sentences), Inches(1.1), 18,
          height=Inches(1.9))
    kpi = kpi_display(pack.kpis, pack.forecasts)
    _table(slide, family, list(kpi.columns), list(kpi.itertuples(index=False, name=None)),
           Inches(3.6), size=14)

    for chart in pack.charts:
        png = pack.images.get(chart.key)
        if not png:
            continue
        slide = prs.slides.add_slide(blank)
        pic_w = W - Inches(0.8)
        slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(0.4), width=pic_w)

    for name in PRINT_COLUMNS:
        table = display_table(pack, name, limit=8)
        slide = prs.slides.add_slide(blank)
        _text(slide, family, table_title(name), Inches(0.3), 28, bold=True)
        if table.empty:
            _text(slide, family, "자료 없음", Inches(1.2), 18)
        else:
            _table(slide, family, list(table.columns),
                   list(table.itertuples(index=False, name=None)), Inches(1.2))

    slide = prs.slides.add_slide(blank)
    _text(slide, family, f"열린 조치 사항 ({len(pack.actions)}건)", Inches(0.3), 28, bold=True)
    rows = action_rows(pack.actions)
    if rows:
        _table(slide, family, ACTION_HEADERS, rows[:12], Inches(1.2))
    else:
        _text(slide, family, "열린 조치 사항이 없습니다.", Inches(1.2), 18)

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue(), len(prs.slides)
