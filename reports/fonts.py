"""Finding a Korean TrueType font to embed in the PDF (and to name in the PPTX).

The intranet is offline, so the font must be installed on the server (fonts-nanum or
fonts-noto-cjk). A PDF without an embedded Korean font shows empty boxes, so a missing font
is an error with instructions, never a silent fallback.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from data_access import config

FONT_ENV: str = config.setting("report_font").env or ""
CANDIDATES = (
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
     "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", "NanumGothic"),
    ("/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
     "/usr/share/fonts/truetype/nanum/NanumBarunGothicBold.ttf", "NanumBarunGothic"),
)


class FontMissingError(RuntimeError):
    """No Korean TrueType font was found on this machine."""


@dataclass(frozen=True)
class KoreanFont:
    regular: Path
    bold: Path  # the regular file again when no bold face is installed
    family: str  # the name office applications know the font by


def _from_fc_list() -> KoreanFont | None:
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(["fc-list", ":lang=ko", "file", "family"], capture_output=True,
                         text=True, check=False, timeout=20).stdout
    for line in sorted(out.splitlines()):
        path, _, family = line.partition(":")
        if path.lower().endswith((".ttf", ".otf")):  # fpdf2 needs a single-font file
            name = family.strip().split(",")[0] or Path(path).stem
            return KoreanFont(Path(path), Path(path), name)
    return None


def korean_font() -> KoreanFont:
    """The font to embed: ``DASHBOARD_REPORT_FONT`` if set, NanumGothic, or any Korean TTF
    fontconfig knows. Raises :class:`FontMissingError` with install instructions."""
    path = config.settings()["report_font"]
    if path is not None:
        if not path.is_file():
            raise FontMissingError(f"{FONT_ENV}에 지정한 글꼴 파일이 없습니다: {path} / "
                                   f"font file in {FONT_ENV} not found: {path}")
        return KoreanFont(path, path, path.stem)
    for regular, bold, family in CANDIDATES:
        if Path(regular).is_file():
            return KoreanFont(Path(regular), Path(bold) if Path(bold).is_file()
                              else Path(regular), family)
    found = _from_fc_list()
    if found:
        return found
    raise FontMissingError(
        "한글 글꼴(TTF)을 찾을 수 없어 회의 자료를 만들 수 없습니다. 서버에 fonts-nanum을 "
        f"설치하거나 {FONT_ENV}에 .ttf 경로를 지정하세요. / No Korean TrueType font found: "
        f"install fonts-nanum (apt-get install fonts-nanum) or set {FONT_ENV} to a .ttf file.")
