"""Download buttons' file makers: fetching the file first writes an access-log entry (who,
where, page, filters, file, and for participant-level tables the stated purpose), and no
entry means no file. The files themselves come from :mod:`publish.exports`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd

from data_access.auth import access_log
from publish.exports import to_csv_bytes, to_excel_bytes
from ui import session, state
from ui.access import client


def download_logger(maker: Callable[[], bytes], *, name: str, purpose: str = ""
                    ) -> Callable[[], bytes]:
    """``maker`` wrapped so that fetching the file writes a ``download`` entry first.

    Streamlit runs a deferred download's callable outside the script run, so who, where,
    which page and which filters are captured now, at render time.
    """
    identity = session.current_identity()
    who = client()
    page = state.page()
    filters = getattr(state.selection_or_none(), "filters", None)

    def make() -> bytes:
        access_log.record("download", account=identity.account if identity else "(none)",
                          role=identity.role if identity else "", client=who, page=page,
                          filters=filters, detail=name, purpose=purpose)
        return maker()

    return make


def logged_csv(df: pd.DataFrame, labels: dict[str, str] | None = None, *, name: str,
               purpose: str = "") -> Callable[[], bytes]:
    """The CSV maker for a download button, logging the download when it runs."""
    return download_logger(partial(to_csv_bytes, df, labels), name=name, purpose=purpose)


def logged_excel(df: pd.DataFrame, labels: dict[str, str] | None = None, *, name: str,
                 purpose: str = "") -> Callable[[], bytes]:
    """The Excel maker for a download button, logging the download when it runs."""
    return download_logger(partial(to_excel_bytes, df, labels), name=name, purpose=purpose)
