"""Who is looking: the Scope for the current session.

Until sign-in lands (issue 8) the app runs as the embedded demo: the headquarters view of
generated data, on localhost only. This is the one place that decides it, so sign-in will
replace this function and nothing else; pages never build a Scope themselves.
"""

from __future__ import annotations

from data_access.scope import Scope


def current_scope() -> Scope:
    return Scope.national(user="demo", role="hq")
