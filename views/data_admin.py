"""데이터 관리: templates to download, upload → check → preview → import, the import log
and each source's freshness. Thin: the work is in data_access.ingest and ui.ingest_page."""

from __future__ import annotations

import streamlit as st

from ui import ingest_page
from ui.filters import tr
from ui.session import current_scope

scope = current_scope()
st.title(tr("page.data_admin"))
st.caption(tr("ingest.intro"))
ingest_page.flash()
result = ingest_page.upload(scope)
if result is not None:
    ingest_page.show_result(result, scope)
st.divider()
ingest_page.template_downloads()
st.divider()
ingest_page.log_table()
