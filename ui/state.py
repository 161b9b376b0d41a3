"""Everything one script run hands to the next, or app.py hands to a page, through
``st.session_state``: the keys are named here once, and read and written only through
these functions, so no module guesses another's spelling.

- the selection (filters, period, area) app.py resolved for this run, which pages read;
- the page being shown, for the access log;
- the script's own run time, which the page benchmark reads;
- one-shot messages ("saved", "signed out") that survive the ``st.rerun`` after an action;
- the page and filters a link asked for before sign-in, followed once after it;
- the filter bar's last options, drawn again while the database is unreachable, and the
  retry schedule of that outage.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

SELECTION_KEY = "_selection"
PAGE_KEY = "_page"
RUN_SECONDS_KEY = "_run_seconds"
_FLASH_PREFIX = "_flash_"
DEEP_LINK_KEY = "_deep_link"
FILTER_OPTIONS_KEY = "_filter_options"
OUTAGE_KEY = "_db_outage"


def set_selection(selection: Any) -> None:
    st.session_state[SELECTION_KEY] = selection


def selection() -> Any:
    """The selection app.py resolved for this run (``ui.filters.Selection``)."""
    return st.session_state[SELECTION_KEY]


def selection_or_none() -> Any | None:
    """The selection, or None before app.py has resolved one (a bare page run)."""
    return st.session_state.get(SELECTION_KEY)


def set_page(url_path: str) -> None:
    st.session_state[PAGE_KEY] = url_path


def page() -> str:
    return str(st.session_state.get(PAGE_KEY, ""))


def set_run_seconds(seconds: float) -> None:
    st.session_state[RUN_SECONDS_KEY] = seconds


def run_seconds(session_state: Any) -> float:
    """The last run's script time, from a session state (AppTest's, in the benchmark)."""
    return float(session_state[RUN_SECONDS_KEY])


def flash(where: str, message: str, detail: str | None = None) -> None:
    """Keep ``message`` (and an optional ``detail``) for the next run of page ``where``."""
    st.session_state[_FLASH_PREFIX + where] = (message, detail)


def pop_flash(where: str) -> tuple[str, str | None] | None:
    """The message kept for ``where``, once (it is gone after this call)."""
    kept = st.session_state.pop(_FLASH_PREFIX + where, None)
    return kept if isinstance(kept, tuple) else None


def show_flash(where: str, style: str = "success") -> str | None:
    """Show the message kept for ``where`` (``success`` or ``info``); return its detail."""
    kept = pop_flash(where)
    if kept is None:
        return None
    (st.info if style == "info" else st.success)(kept[0])
    return kept[1]


def keep_deep_link(url_path: str, params: dict[str, str]) -> None:
    """Remember the page and URL parameters a signed-out visitor asked for."""
    st.session_state[DEEP_LINK_KEY] = (url_path, dict(params))


def has_deep_link() -> bool:
    return DEEP_LINK_KEY in st.session_state


def pop_deep_link() -> tuple[str, dict[str, str]] | None:
    """The page and parameters kept by :func:`keep_deep_link`, once."""
    kept = st.session_state.pop(DEEP_LINK_KEY, None)
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], str)
            and isinstance(kept[1], dict)):
        return None
    return kept


def remember_filter_options(options: dict[str, Any]) -> None:
    st.session_state[FILTER_OPTIONS_KEY] = options


def filter_options() -> dict[str, Any] | None:
    """The filter bar's options as last read from the database in this session."""
    kept = st.session_state.get(FILTER_OPTIONS_KEY)
    return kept if isinstance(kept, dict) else None


def set_outage(value: dict[str, Any] | None) -> None:
    if value is None:
        st.session_state.pop(OUTAGE_KEY, None)
    else:
        st.session_state[OUTAGE_KEY] = value


def outage() -> dict[str, Any] | None:
    kept = st.session_state.get(OUTAGE_KEY)
    return kept if isinstance(kept, dict) else None
