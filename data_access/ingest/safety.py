"""Checks an uploaded file passes *before* any parser sees it.

Uploaded bytes are untrusted: a renamed executable, a legacy .xls, a truncated download or
a zip bomb (an .xlsx is a zip archive; a few kilobytes can expand to gigabytes and take
the server down while openpyxl inflates it). So the order is: size limit, extension
allow-list, file signature (magic bytes) against the extension, and for .xlsx the zip
directory's declared sizes and compression ratios — all read from the central directory
without decompressing anything.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from data_access import config
from data_access.ingest.problems import IngestError, Problem

DEFAULT_MAX_BYTES: int = config.setting("ingest_max_bytes").default
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # whole workbook, inflated
MAX_MEMBER_RATIO = 100  # inflated / compressed, per member above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 5000
ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")

_ZIP = b"PK\x03\x04"
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # before UTF-16's: FF FE 00 00
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (_ZIP, "zip/xlsx"), (_OLE, "xls/OLE"), (b"%PDF", "pdf"), (b"MZ", "exe"),
    (b"\x7fELF", "elf"), (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
    (b"\x1f\x8b", "gzip"), (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"),
)


def max_bytes() -> int:
    """Upload size limit: the ``ingest_max_bytes`` setting (``DASHBOARD_INGEST_MAX_BYTES``,
    20 MB by default)."""
    return config.settings()["ingest_max_bytes"]


def sniff(data: bytes) -> str | None:
    """The binary format ``data`` starts with, or ``None`` for (apparently) text."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def check_file(name: str, data: bytes) -> str:
    """Return the file's format (``"csv"`` or ``"xlsx"``) or raise :class:`IngestError`."""
    file = PurePath(name).name or "upload"
    if len(data) > max_bytes():
        raise IngestError([Problem("too_large", file,
                                   params={"size": len(data), "limit": max_bytes()})])
    if not data:
        raise IngestError([Problem("empty_file", file)])
    ext = PurePath(name).suffix.lower()
    actual = sniff(data)
    if ext == ".xls" or (actual == "xls/OLE" and ext in ALLOWED_EXTENSIONS):
        raise IngestError([Problem("xls_legacy", file)])
    if ext not in ALLOWED_EXTENSIONS:
        raise IngestError([Problem("bad_extension", file, params={"ext": ext or "(none)"})])
    if ext == ".xlsx":
        if actual != "zip/xlsx":
            raise IngestError([Problem("bad_signature", file,
                                       params={"ext": ext, "actual": actual or "text"})])
        check_zip(file, data)
        return "xlsx"
    if actual is not None:
        raise IngestError([Problem("bad_signature", file, params={"ext": ext, "actual": actual})])
    if data.startswith(_UTF32_BOMS):
        raise IngestError([Problem("utf32", file)])
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError([Problem("binary_text", file)])
    return "csv"


def check_zip(file: str, data: bytes) -> None:
    """Refuse archives that are broken or would inflate past the limits (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise IngestError([Problem("bad_xlsx", file, params={"detail": str(exc)[:80]})]) from exc
    if len(infos) > MAX_MEMBERS:
        raise IngestError([Problem("zip_bomb", file,
                                   params={"detail": f"{len(infos)} members"})])
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError([Problem("zip_bomb", file,
                                   params={"detail": f"{total:,} bytes inflated"})])
    for info in infos:
        if info.file_size > RATIO_FLOOR and \
                info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise IngestError([Problem("zip_bomb", file,
                                       params={"detail": f"{info.filename} ×{ratio}"})])
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise IngestError([Problem("bad_xlsx", file,
                                   params={"detail": "not an Excel workbook"})])


def decode_text(file: str, data: bytes) -> str:
    """Decode CSV bytes: UTF-8 with or without BOM, UTF-16 with BOM, else CP949/EUC-KR.

    CP949 is a superset of EUC-KR (it adds the 8,822 hangul syllables EUC-KR lacks), so
    one attempt covers both; KOSIS and Excel on Korean Windows write it by default.
    """
    if data.startswith(_UTF32_BOMS):  # its BOM starts like UTF-16's; never guess
        raise IngestError([Problem("utf32", file)])
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp949")
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise IngestError([Problem("bad_encoding", file)])
