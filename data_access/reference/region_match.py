"""Matching region and district identifiers, in whatever form sources use, to codes.

Source data arrives with region and district identifiers in several incompatible forms:
current 행정표준코드 (``"51"``), pre-2023 codes (``"42"``), KOSTAT/SGIS census codes
(``"32"``), short or full Korean names, English names, and numbers mangled by
spreadsheets (``11.0``). :func:`match_region` and :func:`match_sigungu` fold all of these
into the current 행정표준코드 so that every join in the dashboard uses one key. The names
and codes they know come from the reference CSVs (:mod:`data_access.reference.region_tables`).
"""

from __future__ import annotations

import functools
import math
import re

import pandas as pd

from data_access.reference.region_tables import shared_regions, shared_sigungu, split_cell

SCHEMES: tuple[str, ...] = ("admin", "census")
"""Numbering schemes understood by :func:`match_region`.

``admin`` is the 행정표준코드 (including codes retired in 2023/2024); ``census`` is the
KOSTAT/SGIS 통계용 code. They must be kept apart because the same digits mean different
regions: ``26`` is 부산 in admin but 울산 in census, ``31`` is 울산 vs 경기, ``29`` is 광주
vs 세종 and ``36`` is 세종 vs 전남.
"""

# Long official forms whose short name is not just a suffix-stripped version.
_LONG_TO_SHORT: dict[str, str] = {
    "충청북도": "충북",
    "충청남도": "충남",
    "전라북도": "전북",
    "전라남도": "전남",
    "경상북도": "경북",
    "경상남도": "경남",
}

# Region-level suffixes, longest first so "특별자치도" wins over "도".
_REGION_SUFFIXES: tuple[str, ...] = (
    "특별자치도",
    "특별자치시",
    "광역시",
    "특별시",
    "도",
    "시",
)

# English forms beyond the canonical ``name_en`` column, keyed after _english_key().
_EN_ALIASES: dict[str, str] = {
    "chungcheongbuk": "chungbuk",
    "northchungcheong": "chungbuk",
    "chungcheongnam": "chungnam",
    "southchungcheong": "chungnam",
    "jeollabuk": "jeonbuk",
    "northjeolla": "jeonbuk",
    "jeollanam": "jeonnam",
    "southjeolla": "jeonnam",
    "gyeongsangbuk": "gyeongbuk",
    "northgyeongsang": "gyeongbuk",
    "gyeongsangnam": "gyeongnam",
    "southgyeongsang": "gyeongnam",
    # McCune-Reischauer spellings still found in older English-language datasets.
    "pusan": "busan",
    "taegu": "daegu",
    "inchon": "incheon",
    "kwangju": "gwangju",
    "taejon": "daejeon",
    "kyonggi": "gyeonggi",
    "kangwon": "gangwon",
    "cheju": "jeju",
}

_EN_SUFFIXES: tuple[str, ...] = (
    "specialselfgoverningprovince",
    "specialselfgoverningcity",
    "metropolitancity",
    "specialcity",
    "province",
    "state",
    "city",
    "do",
    "si",
)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value))  # pd.NA, NaT, numpy NaN
    except (TypeError, ValueError):
        return False


def _as_code(value: object, width: int) -> str | None:
    """Turn ``11``, ``11.0``, ``"11.0"`` or ``" 011 "`` into a zero-padded code string.

    Spreadsheets and pandas' default parsing turn code columns into floats, so a code
    can arrive as ``11.0``; anything non-integral or non-numeric yields ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        number = int(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d+", text):
            return text.zfill(width)
        if re.fullmatch(r"\d+\.0*", text):
            number = int(text.split(".")[0])
        else:
            return None
    if number < 0:
        return None
    return str(number).zfill(width)


def _compact(text: str) -> str:
    """Remove all whitespace (including full-width and NBSP) from Korean names."""
    return re.sub(r"\s+", "", text.replace("\u3000", " ").replace("\xa0", " "))


@functools.lru_cache(maxsize=1)
def _region_aliases() -> dict[str, str]:
    """Korean region spellings → short name, built from regions.csv."""
    aliases: dict[str, str] = {}
    for row in shared_regions().itertuples(index=False):
        short = row.name_ko
        aliases[short] = short
        aliases[row.full_name_ko] = short
        for former in split_cell(row.former_names):
            aliases[former] = short
        # "서울시", "부산시", "세종시": the informal city form for 특별/광역/특별자치시.
        if row.full_name_ko.endswith("시"):
            aliases[short + "시"] = short
        if row.full_name_ko.endswith("도"):
            aliases[short + "도"] = short
    aliases.update(_LONG_TO_SHORT)
    return aliases


def normalise_region_name(text: str) -> str:
    """Fold the many spellings of a 시도 name into its short form (``서울``, ``강원``…).

    Sources disagree on names (``서울특별시``/``서울시``/``서울``) and some changed
    officially (``강원도`` → ``강원특별자치도``, ``전라북도`` → ``전북특별자치도``,
    ``제주도`` → ``제주특별자치도``), so comparing raw strings would split one region into
    several. Whitespace is removed first (``"서울 특별시"``). Text that is not a
    recognised region name is returned stripped but otherwise unchanged, so callers can
    still display it.
    """
    if _is_missing(text):
        return ""
    raw = str(text).strip()
    compact = _compact(raw)
    aliases = _region_aliases()
    if compact in aliases:
        return aliases[compact]
    for suffix in _REGION_SUFFIXES:
        if compact.endswith(suffix) and len(compact) > len(suffix):
            stem = compact[: -len(suffix)]
            if stem in aliases:
                return aliases[stem]
    return raw


def _english_key(text: str) -> str:
    """Lower-case an English name and drop everything but letters."""
    return re.sub(r"[^a-z]", "", text.casefold())


@functools.lru_cache(maxsize=1)
def _english_lookup() -> dict[str, str]:
    lookup = {
        _english_key(name): code
        for name, code in zip(shared_regions()["name_en"], shared_regions()["code"], strict=True)
    }
    for alias, canonical in _EN_ALIASES.items():
        lookup[alias] = lookup[canonical]
    return lookup


def _match_english(text: str) -> str | None:
    """Match ``Seoul``, ``Gyeonggi-do``, ``Gangwon State``, ``North Jeolla`` … to a code."""
    lookup = _english_lookup()
    key = _english_key(text)
    if not key:
        return None
    if key in lookup:
        return lookup[key]
    for suffix in _EN_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in lookup:
            return lookup[key[: -len(suffix)]]
    return None


@functools.lru_cache(maxsize=1)
def _region_code_maps() -> dict[str, dict[str, str]]:
    """Lookup tables: admin code (current + former) → code, census code → code."""
    admin: dict[str, str] = {}
    census: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for row in shared_regions().itertuples(index=False):
        for former in split_cell(row.former_codes):
            admin[former] = row.code
        census[row.census_code] = row.code
        by_name[row.name_ko] = row.code
    for row in shared_regions().itertuples(index=False):
        admin[row.code] = row.code  # current codes win over any former-code clash
    return {"admin": admin, "census": census, "name": by_name}


def match_region(value: object, scheme: str = "admin") -> str | None:
    """Return the current 2-digit 행정표준코드 for any region identifier, else ``None``.

    Accepts current codes (``"51"``), retired codes (``"42"`` → ``"51"``, ``"45"`` →
    ``"52"``), census codes when ``scheme="census"`` (``"32"`` → ``"51"``), numbers in any
    numeric form (``11``, ``11.0``, ``"11.0"``), Korean names in short, full or former form
    and English names (case-insensitive, with or without ``-do``/``Province``).

    Numeric codes are interpreted in exactly one ``scheme`` because the two numbering
    systems overlap (see :data:`SCHEMES`); guessing would misplace whole regions.
    Names are matched the same way under both schemes.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, got {scheme!r}")
    if _is_missing(value):
        return None
    maps = _region_code_maps()
    code = _as_code(value, 2)
    if code is not None:
        return maps[scheme].get(code)
    text = str(value).strip()
    if not text:
        return None
    short = normalise_region_name(text)
    if short in maps["name"]:
        return maps["name"][short]
    return _match_english(text)


@functools.lru_cache(maxsize=1)
def _sigungu_code_map() -> dict[str, str]:
    """5-digit code (current or former) → current code."""
    mapping: dict[str, str] = {}
    table = shared_sigungu()
    for code, former in zip(table["code"], table["former_codes"], strict=True):
        for old in split_cell(former):
            mapping[old] = code
    for code in table["code"]:
        mapping[code] = code
    return mapping


@functools.lru_cache(maxsize=1)
def _sigungu_name_index() -> tuple[tuple[str, str, str, str, tuple[str, ...]], ...]:
    """(code, compact full name, compact 일반구 part, region, regions incl. former)."""
    index = []
    for row in shared_sigungu().itertuples(index=False):
        full = _compact(row.name_ko)
        gu_part = _compact(row.name_ko.split()[-1]) if row.kind == "일반구" else ""
        regions_ = (row.region_code, *(old[:2] for old in split_cell(row.former_codes)))
        index.append((row.code, full, gu_part, row.region_code, regions_))
    return tuple(index)


def _strip_sigungu_suffix(name: str) -> str:
    return name[:-1] if len(name) > 2 and name[-1] in "시군구" else name


def match_sigungu(value: object, region_code: object | None = None) -> str | None:
    """Return the current 5-digit 시군구 code for a code or name, else ``None``.

    Codes: current or retired 5-digit codes (``"42110"`` → ``"51110"``, ``"47720"`` →
    ``"27720"``), numeric forms such as ``11110.0``, and 10-digit 법정동코드 (the first
    five digits are the 시군구). A code is authoritative, so ``region_code`` is ignored.

    Names: ``"종로구"``, ``"수원시 장안구"``/``"수원시장안구"``, the bare 일반구 part
    (``"장안구"``) and, when unambiguous, the stem (``"수원"``). A leading region word is
    understood (``"서울 중구"``, ``"경상북도 군위군"``). ``region_code`` accepts anything
    :func:`match_region` does and disambiguates names that exist in several regions
    (중구, 남구, 고성군 …); a 시군구 also counts as inside a region it used to belong to,
    so old data saying ``경북 군위군`` still finds 대구 군위군. Ambiguous or unknown
    names return ``None`` rather than a guess, because a wrong district is worse than a
    visible gap.
    """
    if _is_missing(value):
        return None
    code = _as_code(value, 5)
    if code is not None:
        return _sigungu_by_code(code)
    parsed = _split_region(value, region_code)
    if parsed is None:
        return None
    region, tokens = parsed
    name = _compact("".join(tokens))
    index = _sigungu_name_index()
    if region is not None:
        in_region = [entry for entry in index if entry[3] == region]
        pool = in_region + [e for e in index if e[3] != region and region in e[4]]
    else:
        pool = list(index)
    # Whole-region names such as "세종" or "세종특별자치시" for single-district regions.
    if len(tokens) == 1:
        whole = _single_district_region(name, region)
        if whole is not None:
            return whole
    return _match_sigungu_name(name, pool, region)


_SigunguEntry = tuple[str, str, str, str, tuple[str, ...]]


def _sigungu_by_code(code: str) -> str | None:
    """A 5-digit code, or the 시군구 part of a 10-digit 법정동코드, to the current code."""
    if len(code) == 10:
        code = code[:5]
    return _sigungu_code_map().get(code) if len(code) == 5 else None


def _split_region(value: object, region_code: object | None
                  ) -> tuple[str | None, list[str]] | None:
    """(region, remaining name tokens) from ``region_code`` and a leading region word of
    ``value``; None when the region is unknown or the two disagree."""
    region: str | None = None
    if not _is_missing(region_code) and str(region_code).strip():
        region = match_region(region_code)
        if region is None:
            return None
    tokens = str(value).split()
    if not tokens:
        return None
    if len(tokens) >= 2:
        leading = match_region(tokens[0])
        if leading is not None:
            if region is not None and leading != region:
                return None
            region, tokens = leading, tokens[1:]
    return region, tokens


def _single_district_region(name: str, region: str | None) -> str | None:
    """The one 시군구 of a region named as a whole ("세종"), else None."""
    whole = match_region(name)
    if whole is None or (region is not None and region != whole):
        return None
    codes = [entry[0] for entry in _sigungu_name_index() if entry[3] == whole]
    return codes[0] if len(codes) == 1 else None


def _match_sigungu_name(name: str, pool: list[_SigunguEntry], region: str | None
                        ) -> str | None:
    """Full name first, then the bare 일반구 part, then the bare stem."""
    for key in (1, 2):  # full name first, then the bare 일반구 part
        hits = [entry for entry in pool if entry[key] == name]
        if hits:
            return _unique(hits, region)
    # Bare stems ("수원", "김포") only for 시/군/구 and never when the stem is itself a
    # region: "광주" means 광주광역시, not 경기 광주시.
    stem = _strip_sigungu_suffix(name)
    if len(stem) >= 2 and match_region(stem) is None:
        hits = [entry for entry in pool if not entry[2] and _strip_sigungu_suffix(entry[1]) == stem]
        if hits:
            return _unique(hits, region)
    return None


def _unique(
    hits: list[tuple[str, str, str, str, tuple[str, ...]]], region: str | None
) -> str | None:
    """The single hit's code; prefer current-region hits over former-region ones."""
    if region is not None:
        current = [entry for entry in hits if entry[3] == region]
        if current:
            hits = current
    codes = {entry[0] for entry in hits}
    return codes.pop() if len(codes) == 1 else None
