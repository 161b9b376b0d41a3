"""Streamlit pieces of the 데이터 관리 page.

The page flow is upload → check and preview (nothing written) → confirm → one
transaction. A prepared preview is kept in session state keyed by the file's checksum
and the chosen kind, so reruns (every widget click) do not parse the file again. After a
commit every cached query and figure is cleared, so the dashboard pages show the new
numbers on their next run instead of after the cache TTL.
"""

from __future__ import annotations

import logging
from functools import partial

import pandas as pd
import streamlit as st

from data_access import ingest
from data_access.db.engine import get_engine
from data_access.ingest import safety
from data_access.ingest.store import import_log
from data_access.ingest.templates import TEMPLATES, template_bytes
from data_access.privacy.scope import Scope
from publish.exports import XLSX_MIME
from ui import state
from ui.downloads import download_logger, logged_csv
from ui.filters import lang, tr

log = logging.getLogger("dashboard")
PROBLEMS_SHOWN = 100
SENTENCES_SHOWN = 10  # whole sentences above the table; the rest in the table and CSV
OFFICIAL_FIELDS = ("region_code", "industry_code", "period", "item", "item_label", "unit",
                   "period_end", "value", "origin")
LOG_FIELDS = ("imported_at", "imported_by", "file_name", "kind", "source", "rows_added",
              "rows_updated", "rows_unchanged", "sha256")
_STATE = "_ingest_prepared"
_ROUND = "_ingest_round"


def template_downloads() -> None:
    st.subheader(tr("ingest.templates"))
    st.caption(tr("ingest.templates_help"))
    for kind in TEMPLATES:
        name, csv_col, xlsx_col = st.columns([3, 1, 1], vertical_alignment="center")
        name.markdown(f"**{tr('kind.' + kind)}**")
        # Built when clicked and logged like every download (ui.access), not on every rerun.
        csv_col.download_button("CSV", download_logger(partial(template_bytes, kind, "csv"),
                                                       name=f"{kind}.csv"),
                                file_name=f"{kind}.csv",
                                mime="text/csv", key=f"tpl_{kind}_csv", width="stretch",
                                icon=":material/download:", on_click="ignore")
        xlsx_col.download_button("Excel",
                                 download_logger(partial(template_bytes, kind, "xlsx"),
                                                 name=f"{kind}.xlsx"),
                                 file_name=f"{kind}.xlsx", mime=XLSX_MIME,
                                 key=f"tpl_{kind}_xlsx", width="stretch",
                                 icon=":material/download:", on_click="ignore")


def upload(scope: Scope) -> ingest.Result | None:
    """The uploader and kind picker; returns the prepared (validated, diffed) result."""
    if scope.is_empty:
        st.warning(tr("ingest.not_allowed"))
        return None
    kinds = [None, *ingest.KINDS]
    # Labels bound now, in this run's language (a format function may run after it).
    names = {k: tr("ingest.kind_auto") if k is None else tr(f"kind.{k}") for k in kinds}
    kind = st.selectbox(tr("ingest.kind"), kinds, key="ingest_kind", format_func=names.get)
    # A new key after each import empties the uploader (its files cannot be cleared).
    strict = st.checkbox(tr("ingest.strict"), key="ingest_strict", help=tr("ingest.strict_help"))
    limit_mb = max(1, safety.max_bytes() // 2**20)
    if lang() != "en":
        _korean_uploader_text(limit_mb)
    uploaded = st.file_uploader(tr("ingest.upload"), type=["csv", "xlsx", "txt"],
                                key=f"ingest_file_{st.session_state.get(_ROUND, 0)}",
                                max_upload_size=limit_mb)
    if uploaded is None:
        st.session_state.pop(_STATE, None)
        return None
    data_bytes = uploaded.getvalue()
    key = (uploaded.name, len(data_bytes), hash(data_bytes), kind, scope, strict)
    cached = st.session_state.get(_STATE)
    if cached is None or cached[0] != key:
        result = ingest.prepare(uploaded.name, data_bytes, scope=scope, kind=kind,
                                strict=strict)
        st.session_state[_STATE] = (key, result)
    return st.session_state[_STATE][1]


def _korean_uploader_text(limit_mb: int) -> None:
    """Streamlit writes its uploader's button and limits in English ("Upload", "20MB per
    file"); in Korean mode CSS puts Korean in their place. Fixed text and a number only:
    nothing from a user or a file goes into the style."""
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{
  font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{tr('ingest.pick_file')}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "{tr('ingest.limits').format(mb=int(limit_mb))}"; font-size: 0.875rem; }}
</style>""")


def _sentences(found: list) -> None:
    """The first problems as whole sentences, Korean then English, each naming its row and
    column: a table cell would cut the sentence before the list of valid values. Plain
    text (``st.text``), so nothing from the file is read as Markdown."""
    with st.container(border=True):
        for p in found[:SENTENCES_SHOWN]:
            st.text(p.text)


def _listing(found: list) -> pd.DataFrame:
    """The first problems as sentences and, when there are more, all of them (up to the
    page's limit) as a table under an expander; returns that table for the download."""
    _sentences(found)
    table = _problem_table(found)
    if len(found) > SENTENCES_SHOWN:
        with st.expander(tr("ingest.problems_all").format(
                shown=min(len(found), PROBLEMS_SHOWN), n=len(found))):
            st.dataframe(table.head(PROBLEMS_SHOWN), hide_index=True, width="stretch")
    return table


def problems(result: ingest.Result) -> None:
    st.error(tr("ingest.problems").format(n=len(result.problems)))
    table = _listing(result.problems)
    st.download_button(tr("ingest.problems_csv"),
                       logged_csv(table, name=f"{result.file}.problems.csv"),
                       file_name=f"{result.file}.problems.csv",
                       mime="text/csv", key="ingest_problems_csv", on_click="ignore",
                       icon=":material/download:")


def warnings(result: ingest.Result) -> None:
    """Warnings under the preview: they do not block the import."""
    st.warning(tr("ingest.warnings").format(n=len(result.warnings)))
    _listing(result.warnings)


def _problem_table(found: list) -> pd.DataFrame:
    """Every problem (the download has all of them; the page shows the first 100)."""
    return pd.DataFrame([{tr("ingest.col_row"): p.row, tr("ingest.col_column"): p.column,
                          tr("ingest.col_message"): p.message_ko,
                          tr("ingest.col_english"): p.message_en} for p in found])


def preview(result: ingest.Result, scope: Scope) -> None:
    """Counts of new/updated/unchanged rows per table, the changed rows, the confirm
    button."""
    st.subheader(tr("ingest.preview"))
    change = result.change
    for name, tc in change.tables.items():
        st.markdown(f"**{tr('table.' + name)}**")
        a, u, same = st.columns(3)
        a.metric(tr("ingest.added"), f"{tc.added:,}")
        u.metric(tr("ingest.updated"), f"{tc.updated:,}")
        same.metric(tr("ingest.unchanged"), f"{tc.unchanged:,}")
        if not tc.sample.empty:
            with st.expander(tr("ingest.sample")):
                st.dataframe(_readable(tc.sample), hide_index=True, width="stretch")
    if result.warnings:
        warnings(result)
    if change.added + change.updated == 0:
        st.info(tr("ingest.nothing"))
        return
    if st.button(tr("ingest.confirm"), type="primary", key="ingest_confirm"):
        try:
            ingest.commit(result, user=scope.user or scope.role or "unknown")
        except Exception:  # the transaction rolled back; the details go to the server log
            log.exception("import of %s failed", result.file)
            st.error(tr("ingest.failed"))
            return
        if not result.committed:  # the database refused a value: rolled back, explained
            problems(result)
            return
        clear_caches()
        state.flash("data", tr("ingest.done").format(added=result.change.added,
                                                     updated=result.change.updated))
        st.session_state.pop(_STATE, None)
        st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1
        st.rerun()


def _readable(sample: pd.DataFrame) -> pd.DataFrame:
    """Changed rows with the template's own headers and the change in words."""
    headers = {c.field: c.header for t in TEMPLATES.values() for c in t.columns}
    headers.update({k: tr(f"ingest.field.{k}") for k in OFFICIAL_FIELDS})
    out = sample.copy()
    out["change"] = out["change"].map({"added": tr("ingest.added"),
                                       "updated": tr("ingest.updated")})
    return out.rename(columns={"change": tr("ingest.change"), **headers})


def clear_caches() -> None:
    """Forget every cached query, figure and simulator calibration so every page (the
    simulator included) reads the new rows."""
    st.cache_data.clear()
    st.cache_resource.clear()


def show_result(result: ingest.Result, scope: Scope) -> None:
    if result.kind:
        st.markdown(f"**{tr('ingest.detected')}:** {tr('kind.' + result.kind)}")
    if not result.ok:
        problems(result)
    elif result.change is not None:
        preview(result, scope)


def log_table(scope: Scope) -> None:
    st.subheader(tr("ingest.log"))
    imports = import_log(get_engine(), scope, limit=50)
    if imports.empty:
        st.caption(tr("ingest.log_empty"))
        return
    imports = imports[list(LOG_FIELDS)].copy()
    imports["kind"] = imports["kind"].map(lambda k: tr(f"kind.{k}"))
    imports["source"] = imports["source"].map(lambda k: tr(f"source.{k}"))
    imports["sha256"] = imports["sha256"].str[:12]
    st.dataframe(imports.rename(columns={f: tr(f"ingest.log.{f}") for f in LOG_FIELDS}),
                 hide_index=True, width="stretch")
