"""Entry point: page config, who is looking, the shared filter bar, navigation.

Run with ``make run`` (builds the embedded demo database first if it is empty).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import streamlit as st

from ui import presentation
from ui.access import view as log_view  # issue 8: access log
from ui.filters import filter_bar, lang, tr
from ui.ingest_page import freshness_footer
from ui.session import admin_pages, current_scope, gate  # issue 8: sign-in

log = logging.getLogger("dashboard")
_started = time.perf_counter()
SLOW_RUN_SECONDS = 2.0

# A local favicon: otherwise the page's Material icon becomes the favicon, which the
# browser fetches from a font CDN (the intranet has no internet; the browser test checks).
FAVICON = Path(__file__).parent / "data" / "static" / "favicon.png"
st.set_page_config(page_title=tr("app.title"), page_icon=str(FAVICON), layout="wide")
presentation.hide_chrome()  # issue 7: before anything else draws, so nothing flashes

identity = gate()  # issue 8: sign-in screen, idle timeout, sign-out (stops if nobody)
scope = current_scope()
with st.sidebar:
    st.markdown(f"### {tr('app.title')}")
    other = "en" if lang() == "ko" else "ko"
    if st.button(tr("lang.toggle"), key="lang_toggle"):
        st.query_params["lang"] = other
        st.rerun()
    presentation.sidebar_toggle()
    st.markdown(f"**{tr('filter.title')}**")
st.session_state["_view"] = filter_bar(scope)

pages = {
    tr("nav.status"): [st.Page("views/brief.py", title=tr("page.brief"),
                               icon=":material/summarize:", default=True),
                       st.Page("views/meeting.py", title=tr("page.meeting"),
                               icon=":material/event_note:", url_path="meeting")],
    tr("nav.analysis"): [
        st.Page("views/shortage.py", title=tr("page.shortage"), icon=":material/factory:",
                url_path="shortage"),
        st.Page("views/programmes.py", title=tr("page.programmes"), icon=":material/groups:",
                url_path="programmes"),
        st.Page("views/outcomes.py", title=tr("page.outcomes"), icon=":material/work:",
                url_path="outcomes"),
    ],
    # issue 5: the intervention simulator
    tr("nav.simulation"): [st.Page("views/simulator.py", title=tr("page.simulator"),
                                   icon=":material/science:", url_path="simulator")],
    tr("nav.data"): [st.Page("views/definitions.py", title=tr("page.definitions"),
                             icon=":material/menu_book:", url_path="definitions"),
                     st.Page("views/data_admin.py", title=tr("page.data_admin"),  # issue 6
                             icon=":material/upload_file:", url_path="data")],
}
pages[tr("nav.data")] += admin_pages()  # issue 8: the access log, admins only
page = st.navigation(pages)
st.session_state["_page"] = page.url_path or "brief"  # issue 8
log_view(identity, st.session_state["_page"], st.session_state["_view"].filters)  # issue 8
presentation.hook(page.url_path)
try:
    page.run()
    freshness_footer()  # issue 6: every page's per-source as-of dates
except Exception:  # a friendly message for the user; the traceback goes to the server log
    log.exception("page %s failed", page.title)
    st.error(tr("error.friendly"))
finally:
    # The script's own run time: what the benchmark reports, and slow runs are logged.
    elapsed = time.perf_counter() - _started
    st.session_state["_run_seconds"] = elapsed
    if elapsed > SLOW_RUN_SECONDS:
        log.warning("slow page %s: %.2f s", page.title, elapsed)
