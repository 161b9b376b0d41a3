"""데이터 관리: templates to download, upload → check → preview → import, the import log
and each source's freshness. Thin: the work is in data_access.ingest and
app_pages.data_admin_parts."""

from __future__ import annotations

import streamlit as st

from app_pages import data_admin_parts as parts
from ui import state
from ui.filters import tr
from ui.session import current_scope

scope = current_scope()
st.title(tr("page.data_admin"))
st.caption(tr("ingest.intro"))
state.show_flash("data")
result = parts.upload(scope)
if result is not None:
    parts.show_result(result, scope)
st.divider()
parts.template_downloads()
st.divider()
parts.log_table(scope)
