"""Entry point: page config and navigation. Pages live in ``pages/``.

Run with ``make run`` (builds the embedded demo database first if it is empty).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")

pages = {
    "현황": [st.Page("pages/home.py", title=t("home.title"), icon="🏠", default=True)],
}
st.navigation(pages).run()
