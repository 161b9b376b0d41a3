"""The access log as an auditor reads it: role, event and page names instead of codes,
the filters a person had set as a sentence instead of JSON, times marked as KST.

The log table keeps the codes (they are stable, the CLI and tests rely on them); only what
is shown and downloaded from 접속기록 is translated, here, with no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import pandas as pd

from data_access.reference.region_tables import office_of, offices
from data_access.reference.weeks import monday
from publish.i18n import t
from publish.localise import code_names

EVENT_KEYS = ("view", "download", "sign_in", "sign_in_failed", "sign_out", "timeout",
              "user_change")
ROLE_KEYS = ("centre", "region", "hq", "admin")
# Columns in the order an auditor reads them: who, when, what, where from.
SHOWN = ("logged_at", "account", "role", "event", "page", "filters", "detail", "purpose",
         "client_address", "forwarded_for")
COLUMN_KEYS = {"logged_at": "logv.time", "account": "logv.account", "role": "logv.role",
               "event": "logv.event", "page": "logv.page", "filters": "logv.filters",
               "detail": "logv.file", "purpose": "logv.purpose",
               "client_address": "logv.address", "forwarded_for": "logv.forwarded"}


def _week_text(value: str, lang: str) -> str:
    """``2026년 37주`` for the ISO date a filter stored (its week's Monday)."""
    try:
        year, week, _ = monday(dt.date.fromisoformat(value)).isocalendar()
    except ValueError:
        return value
    return f"{year}-W{week:02d}" if lang == "en" else f"{year}년 {week}주"


# Filter field (as a log row stores it) → the code table that names its values.
_FILTER_TABLES = {"region": "region", "centres": "centre", "industry": "industry",
                  "programme": "programme", "target_group": "target_group"}


def filters_text(raw: str, lang: str = "ko",
                 names: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """``기간 2026년 37주 ~ 2026년 48주 · 센터 거제고용센터 · 업종 조선``: a log row's
    filters as a person would say them. Unknown keys keep their raw value, so nothing a
    row recorded is hidden from the auditor."""
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return str(raw)
    if not isinstance(data, dict) or not data:
        return ""
    names = names if names is not None else code_names(lang)
    parts: list[str] = []
    start, end = data.pop("week_from", None), data.pop("week_to", None)
    if start or end:
        span = " ~ ".join(_week_text(str(v), lang) for v in (start, end) if v)
        parts.append(f"{t('logv.period', lang)} {span}")
    for key in ("region", "centres", "industry", "programme", "target_group"):
        if key not in data:
            continue
        values = data.pop(key)
        values = values if isinstance(values, list) else [values]
        table = names.get(_FILTER_TABLES[key], {})
        parts.append(f"{t('logv.f.' + key, lang)} "
                     + ", ".join(table.get(str(v), str(v)) for v in values))
    parts.extend(f"{k} {v}" for k, v in sorted(data.items()))
    return " · ".join(parts)


def readable_log(rows: pd.DataFrame, page_titles: Mapping[str, str],
                 lang: str = "ko") -> pd.DataFrame:
    """``rows`` from :func:`data_access.auth.access_log.read_log` with names for codes
    and headers in ``lang``; ``page_titles`` maps a page's URL path to its title (the UI
    owns the page list)."""
    names = code_names(lang)
    out = pd.DataFrame({c: rows[c] for c in SHOWN if c in rows.columns})
    if "logged_at" in out:
        out["logged_at"] = pd.to_datetime(out["logged_at"]).dt.strftime("%Y.%m.%d %H:%M:%S")
    if "role" in out:
        out["role"] = [t(f"role.{r}", lang) if r in ROLE_KEYS else (r or "")
                       for r in out["role"]]
    if "event" in out:
        out["event"] = [t(f"event.{e}", lang) if e in EVENT_KEYS else e for e in out["event"]]
    if "page" in out:
        out["page"] = [page_titles.get(p, p or "") for p in out["page"]]
    if "filters" in out:
        out["filters"] = [filters_text(f, lang, names) for f in out["filters"]]
    return out.fillna("").rename(columns={c: t(k, lang) for c, k in COLUMN_KEYS.items()})


USER_SHOWN = {"account": "users.c.account", "display_name": "users.name",
              "role": "users.role", "centre_id": "users.c.centre",
              "region_codes": "users.c.regions", "enabled": "users.c.enabled",
              "locked": "users.c.locked", "has_password": "users.c.password",
              "last_login_at": "users.c.last_login", "created_at": "users.c.created"}


def _time_text(value: object) -> str:
    if value is None or value == "" or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%Y.%m.%d %H:%M")


def readable_users(table: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """The accounts table with role, centre and 시도 names, 예/아니오 for flags and KST
    times: an administrator checks people, not codes."""
    names = code_names(lang)
    yes, no = t("users.yes", lang), t("users.no", lang)

    def regions_text(codes: object) -> str:
        parts = [c.strip() for c in str(codes or "").split(",") if c.strip()]
        listed = ", ".join(names["region"].get(c, c) for c in parts)
        office = office_of(parts) if parts else None
        if office is None:
            return listed
        return f"{office['name_en' if lang == 'en' else 'short_name_ko']} ({listed})"

    out = pd.DataFrame({
        "account": table["account"],
        "display_name": table["display_name"].fillna(""),
        "role": [t(f"role.{r}", lang) if r in ROLE_KEYS else r for r in table["role"]],
        "centre_id": [names["centre"].get(c, c or "") for c in table["centre_id"]],
        "region_codes": [regions_text(c) for c in table["region_codes"]],
        "enabled": [yes if v else no for v in table["enabled"]],
        "locked": [yes if v else no for v in table["locked"]],
        "has_password": [yes if v else no for v in table["has_password"]],
        "last_login_at": [_time_text(v) for v in table["last_login_at"]],
        "created_at": [_time_text(v) for v in table["created_at"]],
    })
    return out.rename(columns={c: t(k, lang) for c, k in USER_SHOWN.items()})


def region_choices(lang: str = "ko") -> dict[str, str]:
    """``{시도 code: name}`` in geographic (code-table) order, for picking a regional
    office's 시도 from a list instead of typing codes."""
    return dict(code_names(lang)["region"])


def office_choices(lang: str = "ko") -> dict[str, str]:
    """``{office id: "부산지방고용노동청 (부산·울산·경남)"}``: a regional office account is
    given its whole jurisdiction in one pick."""
    names = code_names(lang)["region"]
    sep = ", " if lang == "en" else "·"
    return {o: f"{n} ({sep.join(names.get(c, c) for c in codes)})" for o, n, codes in
            offices()[["office_id", "name_en" if lang == "en" else "name_ko",
                       "region_codes"]].itertuples(index=False)}
