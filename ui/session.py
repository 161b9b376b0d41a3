"""Who is looking: the Scope for the current session.

Until sign-in lands (issue 8) the app runs as the embedded demo. The demo identity comes
from server configuration only (``[auth] demo_user`` in ``.streamlit/secrets.toml`` —
``"hq"`` by default, or ``"centre:<centre_id>"``), never from the URL, a widget or
session state a user can set. This is the one place that decides it: sign-in will
replace this function and nothing else; pages never build a Scope themselves.
"""

from __future__ import annotations

import streamlit as st

from data_access.scope import Scope


def _demo_user() -> str:
    try:
        return str(st.secrets.get("auth", {}).get("demo_user", "hq"))
    except (FileNotFoundError, KeyError, AttributeError):
        return "hq"


def current_scope() -> Scope:
    user = _demo_user()
    if user == "hq":
        return Scope.national(user="demo-hq", role="hq")
    if user.startswith("centre:") and len(user) > len("centre:"):
        centre = user.split(":", 1)[1]
        return Scope.for_centres({centre}, user=f"demo-{centre}", role="centre")
    return Scope()  # unknown identity: deny by default
