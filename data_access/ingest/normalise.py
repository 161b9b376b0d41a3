"""Fold the many spellings in real files into the dashboard's codes.

Regions go through :func:`data_access.reference.match_region` — the same table the maps
use — so old and new names and codes (강원도/42 → 강원특별자치도/51, 전라북도/45 → 52) land
on one key everywhere. Industries are matched on the KSIC sections and focus leaves of
:mod:`data_access.taxonomy`, by code, by name (spacing and "·"/"및"/"," ignored), by KSIC
range as KOSIS writes it (``제조업(10~34)``, ``C.제조업(10~34)``) or by KSIC division
number. Centres are matched on the database's own centre table.

Each parser returns a value or raises :class:`Bad` with a message code and parameters;
the validator turns that into a :class:`~data_access.ingest.problems.Problem` with row and
column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re

from data_access.reference import regions as reference
from data_access.reference import taxonomy as tx

TOTAL_LABELS = frozenset({"계", "합계", "총계", "전체", "소계", "total", "전산업", "전체산업",
                          "산업별계", "전국", "산업계", "전업종", "전체업종"})
MISSING_MARKS = frozenset({"-", "–", "…", "...", "x", "X", "*"})
NATIONAL = "00"
ALL_INDUSTRIES = "ALL"


class Bad(Exception):
    """A cell that cannot be read: ``code`` names the message, ``params`` fill it."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def compact(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def nearest(text: str, names: dict[str, str]) -> str:
    """The known name closest to a value nobody recognised (``거재고용센터`` →
    ``거제고용센터``), or "" when nothing is close: a typo gets its fix named, a wrong
    kind of value gets no guess. ``names`` maps a comparison key to the name shown."""
    found = difflib.get_close_matches(compact(text).lower(), list(names), n=1, cutoff=0.6)
    return names[found[0]] if found else ""


def is_total(text: str | None) -> bool:
    return text is not None and compact(text).lower() in TOTAL_LABELS


# --- numbers ----------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
_EXPONENT = re.compile(r"[0-9.][eE][+-]?[0-9]")


def number(text: str, *, integer: bool, allow_negative: bool = False) -> float | int:
    """``"1,234"`` → 1234, exactly as written or refused with the reason.

    Digits are ASCII 0-9 only (Python's ``int`` would read ``١٢٣`` and ``１２３`` as 123);
    a comma only as a thousands separator in the ``1,234`` pattern (``2,5`` is a European
    decimal, not 25); exponent notation only where a fraction is allowed (``1e3`` is no
    way to write a count). Whole numbers are read exactly, never through a float, so a
    30-digit count stays 30 digits for the bounds to refuse; fractions must be finite.
    """
    raw = str(text).strip()
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in raw):
        raise Bad("non_ascii_digits", value=raw)
    if "," in raw:
        if not _THOUSANDS.match(raw):
            raise Bad("bad_thousands", value=raw)
        raw_digits = raw.replace(",", "")
    else:
        raw_digits = raw
    if integer and _EXPONENT.search(raw_digits):
        raise Bad("exponent", value=raw)
    if not _NUMBER.match(raw_digits):
        raise Bad("not_integer" if integer else "not_number", value=raw)
    if raw_digits.lstrip("+").startswith("-") and raw_digits.strip("+-0.") != "" \
            and not allow_negative:
        raise Bad("negative", value=raw)
    if integer:
        whole, _, frac = raw_digits.partition(".")
        if frac.strip("0"):
            raise Bad("not_integer", value=raw)
        return int(whole) if whole.strip("+-") else 0
    value = float(raw_digits)
    if not math.isfinite(value):
        raise Bad("not_number", value=raw)
    return value


# --- dates and periods ------------------------------------------------------------------

def date(text: str) -> dt.date:
    raw = str(text).strip()
    m = re.match(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?(?:[ T]\d{1,2}:\d{2}(:\d{2})?)?$", raw) \
        or re.match(r"^(\d{4})(\d{2})(\d{2})$", raw)
    if not m:
        raise Bad("not_date", value=raw)
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise Bad("not_date", value=raw) from exc


def week(text: str, today: dt.date | None = None) -> dt.date:
    """Monday of an ISO week from ``2025-W45`` / ``2025W45`` or that Monday's date."""
    raw = str(text).strip()
    m = re.match(r"^(\d{4})\s*-?\s*W\s*(\d{1,2})$", raw, re.IGNORECASE)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError as exc:
            raise Bad("bad_week", value=raw) from exc
    else:
        try:
            day = date(raw)
        except Bad as exc:
            raise Bad("bad_week", value=raw) from exc
        if day.weekday() != 0:
            raise Bad("not_monday", value=raw,
                      monday=(day - dt.timedelta(days=day.weekday())).isoformat())
        monday = day
    today = today or dt.date.today()
    if monday > today:
        raise Bad("future_period", value=raw, today=today.isoformat())
    return monday


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period(text: str) -> tuple[str, dt.date]:
    """A KOSIS/Excel period → (key, last day): ``"2024. 1/2"`` → ``("2024-H1", 2024-06-30)``.

    Keys: ``2024``, ``2024-H1``/``H2``, ``2024-Q1``…``Q4``, ``2024-10``. KOSIS marks
    preliminary figures with ``p)``; that mark is dropped.
    """
    raw = str(text).strip()
    s = re.sub(r"\s*p\)?\s*$", "", raw.replace("\u3000", " "))
    s = re.sub(r"\s+", " ", s).strip()
    patterns: list[tuple[str, str]] = [
        (r"^(\d{4})\s*\.?\s*([12])\s*/\s*2$", "H"),
        (r"^(\d{4})\s*년?\s*(상|하)반기$", "HK"),
        (r"^(\d{4})\s*\.?\s*([1-4])\s*/\s*4$", "Q"),
        (r"^(\d{4})\s*년?\s*([1-4])\s*분기$", "Q"),
        (r"^(\d{4})\s*[.\-/]\s*(\d{1,2})\s*월?$", "M"),
        (r"^(\d{4})\s*년\s*(\d{1,2})\s*월$", "M"),
        (r"^(\d{4})\s*년?$", "Y"),
    ]
    for pattern, kind in patterns:
        m = re.match(pattern, s)
        if not m:
            continue
        year = int(m.group(1))
        if not 1990 <= year <= 2100:
            break
        if kind == "Y":
            return f"{year}", dt.date(year, 12, 31)
        part = m.group(2)
        if kind == "HK":
            part = "1" if part == "상" else "2"
            kind = "H"
        n = int(part)
        if kind == "H":
            return f"{year}-H{n}", _month_end(year, 6 * n)
        if kind == "Q":
            return f"{year}-Q{n}", _month_end(year, 3 * n)
        if 1 <= n <= 12:
            return f"{year}-{n:02d}", _month_end(year, n)
        break
    raise Bad("bad_period", value=raw)


def find_period(texts: list[str]) -> tuple[str, dt.date] | None:
    """The first period mentioned in free text such as a sheet title."""
    for text in texts:
        for m in re.finditer(r"(\d{4})\s*년\s*(\d{1,2})\s*월|(\d{4})\s*[.\-]\s*(\d{1,2})(?!\d)"
                             r"|(\d{4})\s*년\s*(상|하)반기|(\d{4})\s*년\s*([1-4])\s*분기", text):
            try:
                return period(m.group(0))
            except Bad:
                continue
    return None


# --- places -----------------------------------------------------------------------------

def region(text: str, *, allow_total: bool = False) -> str:
    """A 시도 code via the maps' own matcher; ``전국``/``계`` → ``"00"`` where allowed."""
    if allow_total and is_total(text):
        return NATIONAL
    code = reference.match_region(text)
    if code is None:
        # KOSIS sometimes prefixes the code: "11 서울특별시".
        m = re.match(r"^\d{2}\s+(\S.*)$", str(text).strip())
        code = reference.match_region(m.group(1)) if m else None
    if code is None:
        names = {compact(n).lower(): n for n in reference.regions()["name_ko"]}
        names.update({compact(n).lower(): n for n in reference.regions()["full_name_ko"]})
        raise Bad("unknown_region", value=str(text).strip(), suggestion=nearest(text, names))
    return code


class CentreMatcher:
    """Centre code, full name, short name or English name → ``centre_id``."""

    def __init__(self, rows: list[tuple[str, str, str, str]]):
        self.lookup: dict[str, str] = {}
        self.names: dict[str, str] = {}  # comparison key → full name, for suggestions
        for centre_id, name_ko, short, name_en in rows:
            for key in (name_ko, f"{short}고용센터", name_en):
                if key:
                    self.names.setdefault(compact(key).lower(), name_ko)
            for key in (centre_id, name_ko, short, f"{short}센터", f"{short}고용센터",
                        name_en, name_ko.replace("고용센터", "고용복지플러스센터")):
                if key:
                    self.lookup.setdefault(compact(key).lower(), centre_id)

    def __call__(self, text: str) -> str:
        key = compact(text).lower()
        if key in self.lookup:
            return self.lookup[key]
        raise Bad("unknown_centre", value=str(text).strip(),
                  suggestion=nearest(text, self.names))


# --- industries -------------------------------------------------------------------------

def _name_key(text: str) -> str:
    return re.sub(r"[\s·,ㆍ・.]|및", "", str(text))


@functools.lru_cache(maxsize=1)
def _industry_tables() -> dict[str, dict[str, str]]:
    by_name: dict[str, str] = {}
    by_range: dict[str, str] = {}
    by_division: dict[str, str] = {}
    leaves_of = {s.code: [i for i in tx.INDUSTRIES if i.section == s.code] for s in tx.SECTIONS}
    for s in tx.SECTIONS:
        by_name[_name_key(s.name_ko)] = s.code
        by_name[_name_key(s.name_en).lower()] = s.code
        by_range[s.ksic_range.replace(" ", "")] = s.code
    for i in tx.INDUSTRIES:
        by_name.setdefault(_name_key(i.name_ko), i.code)
        by_name.setdefault(_name_key(i.name_en).lower(), i.code)
        for token in re.split(r"[,\s]+", i.ksic_codes):
            if re.fullmatch(r"\d{2}", token):
                by_division[token] = i.code
    for s in tx.SECTIONS:  # remaining divisions fall to the section's residual or only leaf
        lo, _, hi = s.ksic_range.partition("~")
        residual = [i.code for i in leaves_of[s.code]
                    if "나머지" in i.ksic_codes or len(leaves_of[s.code]) == 1]
        for d in range(int(lo), int(hi or lo) + 1):
            by_division.setdefault(f"{d:02d}", residual[0] if residual else s.code)
    return {"name": by_name, "range": by_range, "division": by_division}


def section_leaves(section: str) -> tuple[str, ...]:
    return tuple(i.code for i in tx.INDUSTRIES if i.section == section)


def industry(text: str, *, leaf: bool, allow_total: bool = False) -> str:
    """An industry code: a leaf (``leaf=True``, what fact rows carry) or leaf/section.

    A section letter whose section has a single leaf (A, B, D …) is that leaf; 제조업 (C)
    spans several leaves, so where a leaf is required it is refused with the list of
    leaves rather than guessed.
    """
    raw = str(text).strip()
    if allow_total and is_total(raw):
        return ALL_INDUSTRIES
    tables = _industry_tables()
    code: str | None = None
    upper = raw.upper()
    if upper in tx.INDUSTRY_CODES or (len(upper) == 1 and upper in {s.code for s in tx.SECTIONS}):
        code = upper
    else:
        m = re.match(r"^(?:([A-U])\s*[.)\s]\s*)?(.*?)\s*(?:\(([\d~,\s]+)\))?$", raw)
        letter, name, rng = (m.group(1), m.group(2), m.group(3)) if m else (None, raw, None)
        key = _name_key(name)
        if key in tables["name"]:
            code = tables["name"][key]
        elif key.lower() in tables["name"]:
            code = tables["name"][key.lower()]
        elif rng and rng.replace(" ", "") in tables["range"]:
            code = tables["range"][rng.replace(" ", "")]
        elif re.fullmatch(r"\d{2}", key) and key in tables["division"]:
            code = tables["division"][key]
        elif letter and not key:
            code = letter
        if code is None and letter:
            code = letter
    if code is None:
        names = {compact(x.name_ko).lower(): x.name_ko for x in (*tx.SECTIONS, *tx.INDUSTRIES)}
        raise Bad("unknown_industry", value=raw, suggestion=nearest(raw, names))
    if len(code) == 1 and code in {s.code for s in tx.SECTIONS}:
        leaves = section_leaves(code)
        if len(leaves) == 1:
            return leaves[0]
        if leaf:
            raise Bad("not_leaf_industry", value=raw, leaves=", ".join(leaves))
    return code


# --- small vocabularies -----------------------------------------------------------------

def choice(text: str, options: dict[str, str]) -> str:
    """``options`` maps code → Korean label; either (or the code in any case) is accepted."""
    raw = str(text).strip()
    key = compact(raw).lower()
    for code, label in options.items():
        if key in (code.lower(), compact(label).lower()):
            return code
    raise Bad("unknown_choice", value=raw,
              choices=", ".join(f"{c}({lbl})" if lbl != c else c for c, lbl in options.items()))


def target_groups(text: str) -> int:
    """``"청년; 실업급여 수급자"`` or ``"YOUTH;UI"`` → the bitmask the fact rows carry."""
    options = {g.code: g.name_ko for g in tx.TARGET_GROUPS}
    mask = 0
    for part in re.split(r"[;,/|]", str(text)):
        if part.strip():
            mask |= tx.TARGET_GROUP_BY_CODE[choice(part, options)].bit
    return mask


def boolean(text: str) -> bool:
    key = compact(text).lower()
    if key in ("y", "yes", "예", "1", "true", "유지", "o"):
        return True
    if key in ("n", "no", "아니오", "아니요", "0", "false", "이탈", "x"):
        return False
    raise Bad("bad_boolean", value=str(text).strip())
