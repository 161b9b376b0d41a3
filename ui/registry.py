"""Every page of the dashboard, declared once: app.py builds the navigation from this
table, and the tests and the page benchmark walk the same list.

A page's ``roles`` say who sees it in the navigation: ``None`` is everyone signed in;
otherwise the set of roles (the access log for the data administrator and headquarters,
user management for the data administrator only). The URL paths are part of the product
(bookmarks, links in meeting notes): never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from data_access.auth.identity import Identity
from ui.filters import tr


@dataclass(frozen=True)
class PageSpec:
    script: str  # relative to the repository root
    title_key: str  # label catalogue key
    section_key: str
    icon: str
    url_path: str
    default: bool = False
    roles: frozenset[str] | None = None

    def visible_to(self, identity: Identity | None) -> bool:
        if self.roles is None:
            return True
        return identity is not None and identity.role in self.roles


ADMINS = frozenset({"admin", "hq"})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("app_pages/brief.py", "page.brief", "nav.status", ":material/summarize:",
             "brief", default=True),
    PageSpec("app_pages/meeting.py", "page.meeting", "nav.status", ":material/event_note:",
             "meeting"),
    PageSpec("app_pages/shortage.py", "page.shortage", "nav.analysis", ":material/factory:",
             "shortage"),
    PageSpec("app_pages/programmes.py", "page.programmes", "nav.analysis",
             ":material/groups:", "programmes"),
    PageSpec("app_pages/outcomes.py", "page.outcomes", "nav.analysis", ":material/work:",
             "outcomes"),
    PageSpec("app_pages/simulator.py", "page.simulator", "nav.simulation",
             ":material/science:", "simulator"),
    PageSpec("app_pages/evaluation.py", "page.evaluation", "nav.simulation",
             ":material/fact_check:", "evaluation"),
    PageSpec("app_pages/definitions.py", "page.definitions", "nav.data",
             ":material/menu_book:", "definitions"),
    PageSpec("app_pages/data_admin.py", "page.data_admin", "nav.data",
             ":material/upload_file:", "data"),
    PageSpec("app_pages/admin_log.py", "page.admin_log", "nav.data", ":material/policy:",
             "access-log", roles=ADMINS),
    PageSpec("app_pages/admin_users.py", "page.admin_users", "nav.data",
             ":material/manage_accounts:", "users", roles=frozenset({"admin"})),
)
# Pages every signed-in user has (the tests and the benchmark run each of these).
EVERYONE = tuple(p.script for p in PAGES if p.roles is None)
# Read-only analysis pages (no forms), run for every user and filter in the page tests.
READ_ONLY = ("app_pages/brief.py", "app_pages/shortage.py", "app_pages/programmes.py",
             "app_pages/outcomes.py", "app_pages/definitions.py")


def navigation(identity: Identity | None) -> dict[str, list]:
    """``{section title: [st.Page, …]}`` for ``st.navigation``, for this user."""
    sections: dict[str, list] = {}
    for spec in PAGES:
        if not spec.visible_to(identity):
            continue
        # The default page keeps Streamlit's own root URL ("/"), as it always had.
        extra = {"default": True} if spec.default else {"url_path": spec.url_path}
        page = st.Page(spec.script, title=tr(spec.title_key), icon=spec.icon, **extra)
        sections.setdefault(tr(spec.section_key), []).append(page)
    return sections
