"""Streamlit pieces of the meeting page: the items table, add/edit forms, pack buttons.

User text (notes, actions, owners) is only ever shown through ``st.dataframe`` cells and
widget values, i.e. as text; no user text is passed to markdown or HTML.

Edits use the version the user started from, kept in session state when the edit form
first shows an item. The save says "I edited version n"; if someone saved in between,
:class:`data_access.meetings.ConflictError` is shown instead of overwriting their work.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st

from data_access.privacy.scope import Scope
from data_access.stores import meetings
from publish.localise import code_names
from reports import onepage
from reports.pack import build_pack
from reports.weekly import MEDIA_TYPES, pack_file_name, render
from ui import data, state
from ui.downloads import download_logger
from ui.filters import Selection, lang, tr, week_text

log = logging.getLogger("dashboard.meeting")
PAGES = ("", "brief", "shortage", "programmes", "outcomes")
BASE = "meeting_base_versions"
CONFLICT = "meeting_conflict"
CARRIED_BG = "background-color: #FFF6D5"
OVERDUE_BG = "background-color: #FADBD8"


def meeting_centre(scope: Scope, sel: Selection) -> tuple[str, str] | None:
    """The centre whose meeting this is: the sidebar's centre, or one picked here."""
    centres = data.visible_centres(scope)
    if sel.filters.region:
        centres = centres[centres["region_code"] == sel.filters.region]
    names = dict(zip(centres["centre_id"], centres["name_ko"], strict=True))
    english = code_names("en") if lang() == "en" else None
    if english:
        names = {c: f"{english['centre'].get(c, n)} centre" for c, n in names.items()}
    if len(sel.filters.centres) == 1 and sel.filters.centres[0] in names:
        cid = sel.filters.centres[0]
        return cid, names[cid]
    if not names:
        return None
    if english:
        labels = {c: f"{english['centre'].get(c, c)} ({english['region'].get(r, r)})"
                  for c, r in centres[["centre_id", "region_code"]].itertuples(index=False)}
    else:
        labels = {c: centre_choice_label(n, r) for c, n, r in
                  centres[["centre_id", "name_ko", "region_name"]].itertuples(index=False)}
    st.caption(tr("meeting.pick_centre"))
    cid = st.selectbox(tr("meeting.centre"), list(labels), format_func=labels.get,
                       key="meeting_centre")
    return cid, names[cid]


def centre_choice_label(name: str, region: str) -> str:
    """``거제고용센터 (경남)``: the full name, with its 시도 only where the name does not
    already say it (``서울 · 서울`` told nobody anything)."""
    return name if name.startswith(region) else f"{name} ({region})"


def due_text(due: object) -> str:
    """``2026.12.11``, or empty for an action without a due date."""
    if due is None or (isinstance(due, float) and pd.isna(due)) or due is pd.NaT:
        return ""
    return pd.Timestamp(due).strftime("%Y.%m.%d")


def _rerun_with(message: str) -> None:
    state.flash("meeting", message)
    st.rerun()


def display_frame(items: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: Korean headers, status words, carried/overdue marks."""
    return pd.DataFrame({
        tr("meeting.no"): items["note_id"],
        tr("meeting.status"): [tr(f"status.{s}") for s in items["status"]],
        tr("meeting.action"): items["action"],
        tr("meeting.note"): items["note"],
        tr("meeting.owner"): items["owner"],
        tr("meeting.due"): [due_text(d) for d in items["due"]],
        tr("meeting.raised"): [week_text(w) for w in items["week_start"]],
        tr("meeting.carried"): items["carried_over"].astype(bool),
        tr("meeting.overdue"): items["overdue"].astype(bool),
        tr("meeting.updated_by"): items["updated_by"],
    })


def show_items(items: pd.DataFrame, open_only: bool = False) -> None:
    """The week's items (``open_only``: the open actions, as presentation mode shows
    them); carried-over rows tinted yellow, overdue rows red."""
    st.subheader(tr("meeting.items_open" if open_only else "meeting.items"))
    if items.empty:
        st.info(tr("meeting.none_open" if open_only else "meeting.none"))
        return
    acts = items[(items["action"] != "") & (items["status"] != "done")]
    st.caption(tr("meeting.counts").format(open=len(acts),
                                           carried=int(acts["carried_over"].sum()),
                                           overdue=int(acts["overdue"].sum())))
    shown = display_frame(items)
    carried, overdue = items["carried_over"].to_numpy(), items["overdue"].to_numpy()

    def tint(row: pd.Series) -> list[str]:
        i = row.name
        colour = OVERDUE_BG if overdue[i] else CARRIED_BG if carried[i] else ""
        return [colour] * len(row)

    st.dataframe(shown.style.apply(tint, axis=1), hide_index=True, width="stretch",
                 key="meeting_table")
    st.caption(tr("meeting.legend"))


def _filter_state() -> dict[str, str]:
    """The current selection's URL parameters, so an item remembers what was on screen."""
    return {k: v for k, v in st.query_params.to_dict().items() if k not in ("lang", "present")}


def _page_label(p: str) -> str:
    return tr(f"page.{p}") if p else tr("meeting.no_page")


ADD_KEYS = ("m_add_note", "m_add_action", "m_add_owner", "m_add_due", "m_add_page")


def add_form(scope: Scope, centre_id: str, week: dt.date) -> None:
    """A new note or action. The form is emptied only once the item is stored: if saving
    fails (a refused value, a database error) everything typed is still there."""
    with st.expander(tr("meeting.add"), expanded=False), st.form("meeting_add",
                                                                 clear_on_submit=False):
        note = st.text_area(tr("meeting.note"), max_chars=meetings.MAX_TEXT, key="m_add_note")
        action = st.text_area(tr("meeting.action"), max_chars=meetings.MAX_TEXT,
                              key="m_add_action")
        c1, c2, c3 = st.columns(3)
        owner = c1.text_input(tr("meeting.owner"), max_chars=meetings.MAX_OWNER,
                              key="m_add_owner")
        due = c2.date_input(tr("meeting.due"), value=None, key="m_add_due",
                            format="YYYY.MM.DD")
        page_names = {p: _page_label(p) for p in PAGES}
        page = c3.selectbox(tr("meeting.page"), PAGES, format_func=page_names.get,
                            key="m_add_page")
        if st.form_submit_button(tr("meeting.save"), type="primary"):
            try:
                meetings.create_item(scope, centre_id, week, note=note, action=action,
                                     owner=owner, due=due, page=page,
                                     filter_state=_filter_state())
            except (ValueError, meetings.ScopeError) as exc:
                st.error(str(exc))
                return
            for key in ADD_KEYS:  # stored: the next run starts from an empty form
                st.session_state.pop(key, None)
            _rerun_with(tr("meeting.saved"))


def edit_form(scope: Scope, items: pd.DataFrame, folded: bool = False) -> None:
    """Edit or close one item, from the version the user first saw (``folded``: inside a
    closed expander, as on the projector)."""
    if items.empty:
        return
    if folded:
        with st.expander(tr("meeting.edit"), expanded=False):
            _edit_form(scope, items)
    else:
        st.subheader(tr("meeting.edit"))
        _edit_form(scope, items)


def _edit_form(scope: Scope, items: pd.DataFrame) -> None:
    rows = items.set_index("note_id")
    titles = {i: f"#{i} · {(r.action or r.note)[:50]}" for i, r in rows.iterrows()}
    nid = st.selectbox(tr("meeting.pick_item"), list(rows.index), key="m_edit_pick",
                       format_func=titles.get)
    bases: dict[int, int] = st.session_state.setdefault(BASE, {})
    conflict = st.session_state.get(CONFLICT)
    if conflict and conflict[0] == nid:
        st.error(conflict[1])
        mine = conflict[2]  # what this user typed, shown as plain text so it is not lost
        st.text("\n".join(f"{tr('meeting.' + k)}: {v}" for k, v in mine.items()
                           if k in ("note", "action", "owner") and v))
        if st.button(tr("meeting.reload"), key="m_reload"):
            bases.pop(int(nid), None)
            st.session_state.pop(CONFLICT, None)
            st.rerun()
    base = bases.setdefault(int(nid), int(rows.loc[nid, "version"]))
    row = rows.loc[nid]
    with st.form(f"meeting_edit_{nid}_{base}"):
        # The version number stays internal (it detects a colleague's save in between);
        # what a user can check is when, and by whom, the text they edit was saved.
        st.caption(tr("meeting.editing_since").format(
            when=pd.Timestamp(row["updated_at"]).strftime("%Y.%m.%d %H:%M"),
            who=row["updated_by"]))
        k = f"{nid}_{base}"  # a new base version gives fresh widgets with the saved values
        note = st.text_area(tr("meeting.note"), value=row["note"], max_chars=meetings.MAX_TEXT,
                            key=f"m_edit_note_{k}")
        action = st.text_area(tr("meeting.action"), value=row["action"],
                              max_chars=meetings.MAX_TEXT, key=f"m_edit_action_{k}")
        c1, c2, c3 = st.columns(3)
        owner = c1.text_input(tr("meeting.owner"), value=row["owner"],
                              max_chars=meetings.MAX_OWNER, key=f"m_edit_owner_{k}")
        due = c2.date_input(tr("meeting.due"), value=row["due"], key=f"m_edit_due_{k}",
                            format="YYYY.MM.DD")
        status = c3.selectbox(tr("meeting.status"), meetings.STATUSES,
                              index=meetings.STATUSES.index(row["status"]),
                              format_func={s: tr(f"status.{s}") for s in meetings.STATUSES}.get,
                              key=f"m_edit_status_{k}")
        b1, b2 = st.columns(2)
        save = b1.form_submit_button(tr("meeting.save"), type="primary")
        close = b2.form_submit_button(tr("meeting.close"))
    if not (save or close):
        return
    changes = {"status": "done"} if close else {"note": note, "action": action,
                                               "owner": owner, "due": due, "status": status}
    _save(scope, int(nid), base, changes, tr("meeting.closed" if close else "meeting.saved"))


def _save(scope: Scope, nid: int, base: int, changes: dict, message: str) -> None:
    bases: dict[int, int] = st.session_state[BASE]
    try:
        meetings.update_item(scope, nid, base, **changes)
    except meetings.ConflictError as exc:
        # Kept in session state: the message and its reload button must outlive this run.
        st.session_state[CONFLICT] = (nid, str(exc), changes)
        st.rerun()
    except (ValueError, LookupError, meetings.ScopeError) as exc:
        st.error(str(exc))
        return
    bases.pop(nid, None)
    st.session_state.pop(CONFLICT, None)
    _rerun_with(message)


def _pack_maker(scope: Scope, centre_id: str, week: dt.date, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        # Runs on Streamlit's download thread when the button is clicked.
        try:
            return render(build_pack(scope, centre_id, week), fmt)[0]
        except Exception:
            log.exception("weekly pack %s %s %s failed", centre_id, week, fmt)
            raise
    return make


def _onepage_maker(scope: Scope, centre_id: str, week: dt.date) -> Callable[[], bytes]:
    def make() -> bytes:
        try:
            return onepage.render_pdf(onepage.build(scope, centre_id, week))[0]
        except Exception:
            log.exception("one-page report %s %s failed", centre_id, week)
            raise
    return make


def pack_buttons(scope: Scope, centre_id: str, centre_name: str, week: dt.date) -> None:
    """One click per format: the pack is made when the button is pressed. Beside it, the
    week on one A4 page (reports.onepage)."""
    st.markdown(f"**{tr('meeting.pack')}**")
    cols = st.columns(4)
    name = onepage.file_name(centre_name, week)
    cols[3].download_button(tr("meeting.pack_onepage"),
                            data=download_logger(_onepage_maker(scope, centre_id, week),
                                                 name=name),
                            file_name=name, mime="application/pdf", on_click="ignore",
                            key="meeting_onepage", icon=":material/download:", width="stretch")
    for col, fmt in zip(cols, ("pdf", "pptx", "xlsx"), strict=False):
        name = pack_file_name(centre_name, week, fmt)
        maker = download_logger(_pack_maker(scope, centre_id, week, fmt), name=name)
        # A callable, so the pack is built (and its download logged) only when clicked.
        col.download_button(tr(f"meeting.pack_{fmt}"), data=maker,
                            file_name=name, mime=MEDIA_TYPES[fmt], on_click="ignore",
                            key=f"meeting_pack_{fmt}", icon=":material/download:",
                            width="stretch")
    st.caption(tr("meeting.pack_note"))
