"""CLI: the weekly meeting pack for one centre and week, for a scheduler.

    python -m reports.weekly --centre 광주 --week 2025-W47 --format pdf --out pack.pdf

Runs server-side with the rights of the named centre only (a scheduler job is not a
signed-in user). Prints one JSON object (path, format, pages/slides/sheets, seconds) and
exits 0; on a bad centre, week, missing font or Chromium it prints the reason in Korean
and English to stderr, a JSON object with ``error`` to stdout, and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from data_access.privacy.scope import Scope
from data_access.reference.weeks import iso_week_label, parse_iso_week
from publish.exports import XLSX_MIME
from reports.fonts import FontMissingError
from reports.images import ChartRenderError
from reports.pack import PackError, WeeklyPack, build_pack, render_images, resolve_centre

FORMATS = ("pdf", "pptx", "xlsx")
COUNT_NAMES = {"pdf": "pages", "pptx": "slides", "xlsx": "sheets"}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": XLSX_MIME,
}


def _renderer(fmt: str) -> Callable[[WeeklyPack], tuple[bytes, int]]:
    if fmt == "pdf":
        from reports.pdf import render_pdf
        return render_pdf
    if fmt == "pptx":
        from reports.slides import render_pptx
        return render_pptx
    from reports.workbook import render_xlsx
    return render_xlsx


def render(pack: WeeklyPack, fmt: str) -> tuple[bytes, int]:
    """The pack in ``fmt`` (pdf, pptx or xlsx): bytes and the page/slide/sheet count.
    Chart images are rendered first when the format shows them."""
    if fmt not in FORMATS:
        raise PackError(f"형식은 {', '.join(FORMATS)} 중 하나여야 합니다 / format must be one of "
                        f"{FORMATS}")
    if fmt != "xlsx":
        render_images(pack)
    return _renderer(fmt)(pack)


def pack_file_name(centre_name: str, week: dt.date, fmt: str) -> str:
    """``주간성과회의_광주고용센터_2025년_47주.pdf``: what a download is saved as — the
    centre and week as a director names them, not the internal id and ISO code."""
    year, number, _ = week.isocalendar()
    return f"주간성과회의_{centre_name.replace(' ', '')}_{year}년_{number}주.{fmt}"


def file_name(pack: WeeklyPack, fmt: str) -> str:
    """The saved name of ``pack`` in ``fmt``."""
    return pack_file_name(pack.centre_name, pack.week, fmt)


def make_pack(centre: str, week: str | dt.date, fmt: str, out: Path,
              engine: sa.Engine | None = None) -> dict:
    """Build and write one pack; the JSON-ready summary the CLI prints."""
    started = time.perf_counter()
    centre_id = resolve_centre(centre)
    week_start = parse_iso_week(week) if isinstance(week, str) else week
    scope = Scope.for_centres({centre_id}, user="scheduler", role="report")
    pack = build_pack(scope, centre_id, week_start, engine)
    data, count = render(pack, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)  # a reader never sees a half-written pack
    return {"path": str(out), "format": fmt, "centre_id": centre_id,
            "centre_name": pack.centre_name, "week": iso_week_label(pack.week),
            COUNT_NAMES[fmt]: count, "actions": len(pack.actions), "bytes": len(data),
            "seconds": round(time.perf_counter() - started, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports.weekly",
                                     description="주간 성과회의 자료 / weekly meeting pack")
    parser.add_argument("--centre", required=True, help="센터 코드 또는 이름 (예: gwangju, 광주)")
    parser.add_argument("--week", required=True, help="ISO 주 (예: 2025-W47)")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        result = make_pack(args.centre, args.week, args.format, args.out)
    except (PackError, ValueError, FontMissingError, ChartRenderError, LookupError,
            OSError) as exc:
        print(str(exc), file=sys.stderr)
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
