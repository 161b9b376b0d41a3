"""Entry point: page config, who is looking, the shared filter bar, navigation.

Run with ``make run`` (builds the embedded demo database first if it is empty). The
order matters: presentation mode's CSS first (so the sidebar never flashes on a
projector), then the sign-in gate (nothing below it runs for nobody), then the filter
bar every page reads, then the page itself, logged before it is shown. A database that
cannot be reached anywhere in that run shows one banner and retries (ui/outage.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import streamlit as st

from ui import outage, presentation, state
from ui.access import page_view
from ui.data import refresh_data_version
from ui.filters import filter_bar, keep_lang, lang, set_lang, tr
from ui.footer import freshness_footer
from ui.registry import navigation
from ui.session import current_identity, current_scope, gate, open_deep_link, restore_deep_link

log = logging.getLogger("dashboard")
_started = time.perf_counter()
SLOW_RUN_SECONDS = 2.0

# A local favicon: otherwise the page's Material icon becomes the favicon, which the
# browser fetches from a font CDN (the intranet has no internet; the browser test checks).
FAVICON = Path(__file__).parent / "data" / "static" / "favicon.png"
keep_lang()
st.set_page_config(page_title=tr("app.title"), page_icon=str(FAVICON), layout="wide")
presentation.page_style()

# The top of the page, kept for the banner when the database cannot be reached.
banner = st.empty()
drawn: set[str] = set()


def _sidebar_header() -> None:
    with st.sidebar:
        st.markdown(f"### {tr('app.title')}")
        other = "en" if lang() == "ko" else "ko"
        if st.button(tr("lang.toggle"), key="lang_toggle"):
            set_lang(other)
            st.rerun()
        presentation.sidebar_toggle()
        st.markdown(f"**{tr('filter.title')}**")
    drawn.add("sidebar")


page = None
try:
    identity = gate()  # stops the run with the sign-in screen when nobody is signed in
    # Once per run: every cached query of this run is keyed by it, so an import made
    # through another server process is seen by the next run here.
    refresh_data_version()
    scope = current_scope()
    link = restore_deep_link()  # a link opened before sign-in: its filters, then its page
    _sidebar_header()
    state.set_selection(filter_bar(scope))
    drawn.add("filters")

    pages = navigation(identity)
    page = st.navigation(pages)
    drawn.add("nav")
    open_deep_link(link, identity, pages, page)
    state.set_page(page.url_path or "brief")
    # Fail closed: a page view that cannot be written to the access log is not shown.
    page_view(identity, state.page(), state.selection().filters)
    presentation.hook(page.url_path)
    try:
        page.run()
        freshness_footer()
    except Exception as exc:  # a friendly message; the traceback goes to the server log
        if outage.is_unreachable(exc):
            raise
        log.exception("page %s failed", page.title)
        st.error(tr("error.friendly"))
    outage.recovered()
except Exception as exc:
    # The database is gone (sign-in gate, filter options, access log or the page's
    # queries): say so at the top, keep the sidebar and the filters as they were, and
    # retry until it answers. Anything else is a bug and goes to Streamlit as before.
    if not outage.is_unreachable(exc):
        raise
    outage.show(banner, exc)
    known = current_identity()  # from the session alone: the database is not asked
    if known is not None:
        if "sidebar" not in drawn:
            _sidebar_header()
        if "filters" not in drawn:
            filter_bar(None)
        if "nav" not in drawn:
            st.navigation(navigation(known))  # the page list stays; no page runs
finally:
    # The script's own run time: what the benchmark reports, and slow runs are logged.
    elapsed = time.perf_counter() - _started
    state.set_run_seconds(elapsed)
    if elapsed > SLOW_RUN_SECONDS:
        log.warning("slow page %s: %.2f s", page.title if page else "-", elapsed)
