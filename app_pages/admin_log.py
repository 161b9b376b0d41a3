"""접속기록: the access log for data administrators and headquarters, filterable.

The navigation only lists this page for those roles, and the page checks again (a URL
typed by hand reaches nothing); ``data_access.access_log.read_log`` checks a third time.
Rows are shown in a table, i.e. as text.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.auth import access_log
from data_access.reference.weeks import now_kst
from publish.admin_views import readable_log
from ui.blocks import log_download_buttons
from ui.filters import lang, tr
from ui.registry import PAGES
from ui.session import current_identity

identity = current_identity()
st.title(tr("page.admin_log"))
if identity is None or not identity.is_admin:
    st.error(tr("log.denied"))
    st.stop()
st.caption(tr("log.intro"))
today = now_kst().date()  # the log is in KST; a UTC server's date would lag a day
c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
account = c1.text_input(tr("log.account"), max_chars=80, key="log_account")
page = c2.text_input(tr("log.page"), max_chars=60, key="log_page")
since = c3.date_input(tr("log.from"), today - dt.timedelta(days=30), key="log_from",
                      format="YYYY.MM.DD")
until = c4.date_input(tr("log.to"), today, key="log_to", format="YYYY.MM.DD")
events = st.multiselect(tr("log.events"), list(access_log.EVENTS), key="log_events",
                        format_func={e: tr(f"event.{e}") for e in access_log.EVENTS}.get,
                        placeholder=tr("log.events_placeholder"))
rows = access_log.read_log(identity, account=account.strip() or None,
                           page=page.strip() or None, since=since, until=until,
                           events=events)
st.caption(f"{len(rows):,} {tr('log.count')}")
shown = readable_log(rows, {p.url_path: tr(p.title_key) for p in PAGES}, lang())
st.dataframe(shown, hide_index=True, width="stretch")
log_download_buttons(shown, key="access_log", scoped=False,
                     title=f"{tr('page.admin_log')} · {since:%Y.%m.%d} ~ {until:%Y.%m.%d}")
