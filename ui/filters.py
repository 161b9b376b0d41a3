"""The shared filter bar (sidebar) and the selection every page reads.

Glossary: a *selection* (:class:`Selection`) is the resolved filter state a page reads via
:func:`current_selection`; a *page view* is one access-log entry
(:func:`ui.access.page_view`, stored with the event name ``view``).

Filters live in ``st.query_params`` so a copied URL reopens the same selection. Values from
the URL are checked against what the signed-in scope may see: an unknown or forbidden
value falls back to the default instead of widening anything (the scope is enforced again
inside data_access regardless).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from data_access.privacy.scope import Filters, Scope
from data_access.reference import taxonomy as tx
from data_access.reference.region_tables import office_of
from data_access.reference.region_tables import regions as region_table
from data_access.reference.weeks import iso_week_label, korean_week_label, parse_iso_week
from publish.i18n import t
from publish.localise import code_names
from ui import data, state

PERIODS = (4, 13, 26, 52)
# The URL parameters the filter bar reads (plus ``lang``, and ``drill``: the 시도 a page
# drilled into, checked against the selection by that page): all a link may carry.
URL_PARAMS = ("area", "industry", "to", "weeks", "group", "programme", "lang", "drill")
DEFAULT_PERIOD = 13


@dataclass(frozen=True)
class Selection:
    """What the pages need: filters for queries plus labels for titles."""

    filters: Filters
    week: dt.date  # the "this week" of the brief = last week of the period
    weeks: int
    area_label: str
    period_label: str
    own_centres: tuple[str, ...]  # centres to highlight in peer charts

    @property
    def title_suffix(self) -> str:
        return f"{self.area_label} · {self.period_label}"


_LANG_KEY = "_lang"  # the session's language; the URL's ``lang`` mirrors it


def lang() -> str:
    """The session's language: the URL's ``lang`` when it has one, else the one chosen
    earlier in this session (a sidebar link drops the URL's parameters)."""
    asked = st.query_params.get("lang")
    if asked in ("en", "ko"):
        return asked
    return "en" if st.session_state.get(_LANG_KEY) == "en" else "ko"


def set_lang(value: str) -> None:
    st.session_state[_LANG_KEY] = value
    st.query_params["lang"] = value


def keep_lang() -> None:
    """Called first in every run: remember the URL's language, or put the remembered one
    back into the URL after a navigation dropped it (so reloads and copied links keep it)."""
    asked = st.query_params.get("lang")
    if asked in ("en", "ko"):
        st.session_state[_LANG_KEY] = asked
    elif st.session_state.get(_LANG_KEY) == "en":
        st.query_params["lang"] = "en"


def tr(key: str) -> str:
    return t(key, lang())


def _param(name: str, allowed: list[str], default: str) -> str:
    value = st.query_params.get(name, default)
    return value if value in allowed else default


def _pick(label: str, options: dict[str, str], param: str, default: str, key: str) -> str:
    """A sidebar selectbox over ``options`` (code → label) that opens on the URL's
    ``param`` when it is one of them, else on ``default``."""
    codes = list(options)
    return st.sidebar.selectbox(label, codes, format_func=options.get,
                                index=codes.index(_param(param, codes, default)), key=key)


def area_options(scope: Scope) -> dict[str, str]:
    """``all`` / ``r:<region>`` / ``c:<centre>`` → label, limited to what scope allows."""
    centres = data.visible_centres(scope)
    options: dict[str, str] = {}
    if scope.all_centres:
        options["all"] = tr("filter.national")
    codes = tuple(centres["region_code"].drop_duplicates())
    if scope.role == "region" and len(codes) > 1:
        # A 지방고용노동청 covers several 시도: its whole jurisdiction comes first.
        office = office_of(codes)
        name = office["name_en" if lang() == "en" else "name_ko"] if office is not None else ""
        options["all"] = (tr("filter.office_all").format(office=name)
                          if office is not None else tr("filter.scope_all"))
    if lang() == "en":  # names from the reference tables, in English
        names = code_names("en")
        centres = centres.assign(
            short_name_ko=centres["centre_id"].map(names["centre"]).fillna(
                centres["short_name_ko"]),
            region_name=centres["region_code"].map(names["region"]).fillna(
                centres["region_name"]))
    if scope.all_centres or scope.role == "region":  # a regional office sees its 시도 whole
        for code, name in centres.drop_duplicates("region_code")[
                ["region_code", "region_name"]].itertuples(index=False):
            options[f"r:{code}"] = f"{name} ({tr('filter.region_suffix')})"
    for cid, name, region in centres[["centre_id", "short_name_ko", "region_name"]].itertuples(
            index=False):
        # "광주 · 광주" says nothing: a centre named like its 시도 reads "광주고용센터".
        options[f"c:{cid}"] = (f"{name}{tr('filter.centre_suffix')}" if name == region
                               else f"{name} · {region}")
    return options


def industry_options() -> dict[str, str]:
    en = lang() == "en"
    options = {"": tr("filter.all_industries")}
    for sec in tx.SECTIONS:
        options[sec.code] = f"{sec.code} {sec.name_en if en else sec.name_ko}"
    for ind in tx.INDUSTRIES:
        if ind.is_focus:
            options[ind.code] = f"★ {ind.name_en if en else ind.name_ko}"
    return options


def _options(scope: Scope | None) -> dict | None:
    """The areas this scope may see, the weeks with data and the scope's own centres,
    read from the database before anything is drawn (so a failure leaves no half-drawn
    bar) and remembered for this session; with ``scope`` None, the remembered ones."""
    if scope is None:
        return state.filter_options()
    options = {"areas": area_options(scope), "weeks": list(data.available_weeks()),
               "own": tuple(sorted(scope.centres))}
    state.remember_filter_options(options)
    return options


def filter_bar(scope: Scope | None) -> Selection | None:
    """Draw the sidebar filters and return the resulting :class:`Selection`.

    ``scope`` None draws them from the options this session last read (while the
    database is unreachable, so the filters and the user's choices stay); None if there
    are none."""
    sb = st.sidebar
    options = _options(scope)
    if options is None:
        return None
    areas, weeks = options["areas"], options["weeks"]
    if not areas:
        st.warning(tr("filter.no_scope"))
        st.stop()
    default_area = next(iter(areas))
    area = _pick(tr("filter.area"), areas, "area", default_area, "f_area")
    industry = _pick(tr("filter.industry"), industry_options(), "industry", "", "f_industry")
    labels = [iso_week_label(w) for w in weeks]
    latest = labels[-1]
    shown = {s: week_text(parse_iso_week(s)) for s in labels}  # bound now, in this language
    to_label = sb.selectbox(tr("filter.week"), labels[::-1], format_func=shown.get,
                            index=labels[::-1].index(_param("to", labels, latest)), key="f_to")
    period_opts = [str(p) for p in PERIODS]
    unit = tr("filter.weeks_unit")  # bound now: format_func may be called after the run
    n_weeks = int(sb.radio(tr("filter.period"), period_opts, horizontal=True,
                           format_func=lambda p: f"{p}{unit}",
                           index=period_opts.index(_param("weeks", period_opts,
                                                          str(DEFAULT_PERIOD))),
                           key="f_weeks"))
    en = lang() == "en"
    groups = {"": tr("filter.all_groups")} | {g.code: g.name_en if en else g.name_ko
                                              for g in tx.TARGET_GROUPS}
    group = _pick(tr("filter.group"), groups, "group", "", "f_group")
    progs = {"": tr("filter.all_programmes")} | {p.code: p.name_en if en else p.name_ko
                                                 for p in tx.PROGRAMMES}
    programme = _pick(tr("filter.programme"), progs, "programme", "", "f_programme")
    _write_params(area=area, industry=industry, to=to_label, weeks=str(n_weeks), group=group,
                  programme=programme)
    week_to = parse_iso_week(to_label)
    week_from = max(week_to - dt.timedelta(weeks=n_weeks - 1), weeks[0])
    filters = Filters.for_area(area).with_(
        industry=industry or None, week_from=week_from, week_to=week_to,
        target_group=group or None, programme=programme or None)
    centres = filters.centres
    period = f"{short_week_label(week_from)} ~ {short_week_label(week_to)}"
    own = centres or options["own"]
    return Selection(filters, week_to, n_weeks, area_title(area, areas), period, own)


def area_title(area: str, options: dict[str, str]) -> str:
    """The selected area as titles and sentences name it — 거제고용센터, 부산광역시,
    전국 or an office's jurisdiction — rather than the dropdown's wording with its
    disambiguating suffixes ("거제 · 경남", "부산 (시도)")."""
    en = lang() == "en"
    kind, _, code = area.partition(":")
    name = code_names(lang())["centre"].get(code) if kind == "c" else None
    if name:
        return f"{name} centre" if en else name
    if kind == "r":
        regions = region_table().set_index("code")
        if code in regions.index:
            return str(regions.loc[code, "name_en" if en else "full_name_ko"])
    return options.get(area, area)


def week_text(week: dt.date) -> str:
    """A week as the reader names it: ``2025년 47주 (11/17–11/23)`` or
    ``2025 W47 (11/17–11/23)``."""
    if lang() != "en":
        return korean_week_label(week)
    year, number, _ = week.isocalendar()
    end = week + dt.timedelta(days=6)
    return f"{year} W{number:02d} ({week.month}/{week.day}–{end.month}/{end.day})"


def short_week_label(week: dt.date) -> str:
    """``2025년 47주`` / ``2025 W47``: the week's name without its dates, where a title
    already has enough words (period labels, chart titles)."""
    return week_text(week).split(" (")[0]


def _write_params(**values: str) -> None:
    """Mirror the chosen values into the URL (dropping empty ones), keeping ``lang``."""
    current = {k: st.query_params.get(k) for k in values}
    wanted = {k: v for k, v in values.items() if v}
    if {k: v for k, v in current.items() if v} != wanted:
        for k in values:
            if k in st.query_params and k not in wanted:
                del st.query_params[k]
        st.query_params.update(wanted)


def current_selection() -> Selection:
    """The selection app.py resolved for this run (pages call this, never build filters)."""
    return state.selection()
