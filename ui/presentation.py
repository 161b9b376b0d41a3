"""Presentation mode (발표 모드): the weekly meeting on a projector.

On when the URL has ``present=1`` (so a projector bookmark opens in it) or the sidebar
toggle is switched on. It hides the sidebar, header and filters with CSS (the filter bar
still runs, so the selection is the one chosen before), enlarges text and charts, and adds a
bar to step through the meeting in order: brief → shortages → programmes → outcomes →
open actions. Stepping uses ``st.switch_page`` and carries the query parameters along, so
filters and ``present=1`` survive every step.
"""

from __future__ import annotations

import streamlit as st

from ui.filters import tr

PARAM = "present"
# (page file, url_path as st.navigation reports it, label key)
STEPS: tuple[tuple[str, str, str], ...] = (
    ("app_pages/brief.py", "", "present.brief"),
    ("app_pages/shortage.py", "shortage", "present.shortage"),
    ("app_pages/programmes.py", "programmes", "present.programmes"),
    ("app_pages/outcomes.py", "outcomes", "present.outcomes"),
    ("app_pages/meeting.py", "meeting", "present.meeting"),
)

# Only fixed CSS is written as HTML here; nothing from users or data goes into it.
# Always on: Korean wraps between words (eojeol), never mid-word ("컴/퓨터"); a word longer
# than its box may still break rather than overflow. Streamlit sets ``break-word`` on
# each paragraph itself, so inheriting from a container is not enough.
BASE_CSS = """
<style>
[data-testid="stAppViewContainer"] * {
  word-break: keep-all !important; overflow-wrap: break-word !important; }
[data-testid="stSidebar"] [data-testid="stElementContainer"]:has(.page-style) {
  display: none; }
</style>
"""
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
html { font-size: 20px !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 1rem 2.5rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.35rem !important; line-height: 1.5; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 2.6rem !important; line-height: 1.2; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
h1 { font-size: 2.6rem !important; }
</style>
"""


def is_on() -> bool:
    return st.query_params.get(PARAM) == "1"


def _toggled() -> None:
    _set(bool(st.session_state.get("present_toggle")))


def sidebar_toggle() -> None:
    """The switch in the sidebar. The URL is the truth (``present=1``): the switch shows
    it, and flipping the switch rewrites it before the rerun."""
    st.session_state["present_toggle"] = is_on()
    st.sidebar.toggle(tr("present.toggle"), key="present_toggle", on_change=_toggled)


def _set(on: bool) -> None:
    if on:
        st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def step_index(url_path: str) -> int | None:
    """Where the page at ``url_path`` is in the meeting order (None: not a meeting step)."""
    for i, (_file, path, _label) in enumerate(STEPS):
        if path == url_path or (i == 0 and url_path == "brief"):
            return i
    return None


def neighbours(index: int) -> tuple[str | None, str | None]:
    """The previous and next step's page files (None at either end)."""
    prev = STEPS[index - 1][0] if index > 0 else None
    nxt = STEPS[index + 1][0] if index + 1 < len(STEPS) else None
    return prev, nxt


def _go(page_file: str) -> None:
    st.switch_page(page_file, query_params=dict(st.query_params.to_dict()))


def page_style() -> None:
    """Called by app.py first thing in every run: the always-on text rules, and in
    presentation mode the CSS that hides the sidebar and header and enlarges the page.

    It is written into the sidebar, not as a style-only ``st.html`` (Streamlit sends those
    to its event container, which a reconnect or rerun can empty while the rest of the page
    still shows): a sidebar element stays in place until the next run replaces it, and the
    hidden sidebar gives it no visible space. Written first, so even a fresh page shows the
    sidebar for no longer than one message.
    """
    if is_on():
        st.sidebar.html(BASE_CSS + CSS + '<span class="present-mode"></span>')
    else:
        st.sidebar.html(BASE_CSS + '<span class="page-style"></span>')


def hook(current_url_path: str) -> None:
    """Called by app.py before the page runs: in presentation mode, draw the step bar
    (previous · step n/5 · next · exit)."""
    if not is_on():
        return
    index = step_index(current_url_path)
    cols = st.columns([1, 4, 1, 1])
    if index is None:
        with cols[1]:
            st.caption(tr("present.toggle"))
    else:
        prev, nxt = neighbours(index)
        names = " → ".join(
            (f"**{tr(label)}**" if i == index else tr(label))
            for i, (_f, _p, label) in enumerate(STEPS))
        with cols[0]:
            if st.button(tr("present.prev"), key="present_prev", disabled=prev is None,
                         width="stretch") and prev:
                _go(prev)
        with cols[1]:
            st.markdown(f"{tr('present.step')} {index + 1}/{len(STEPS)} · {names}")
        with cols[2]:
            if st.button(tr("present.next"), key="present_next", disabled=nxt is None,
                         type="primary", width="stretch") and nxt:
                _go(nxt)
    with cols[3]:
        if st.button(tr("present.exit"), key="present_exit", width="stretch"):
            _set(False)
            st.rerun()
