"""사용자 관리: local accounts and OIDC role rows, for the data administrator only.

The same operations as ``python -m data_access.users``; every change is written to the
access log (``user_change``). Temporary passwords are shown once, as code text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.auth import identity as idn
from data_access.auth import users
from publish.admin_views import office_choices, readable_users, region_choices
from ui import access, data, state
from ui.filters import lang, tr
from ui.session import current_identity, current_scope

actor = current_identity()
st.title(tr("page.admin_users"))
if actor is None or actor.role != "admin":
    st.error(tr("users.denied"))
    st.stop()
st.caption(tr("users.intro"))


def _done(action: str, account: str, temp: str | None = None) -> None:
    """Log the change, then rerun so the table shows it (the message survives the rerun
    in session state, read once)."""
    access.event("user_change", actor, page="users", detail=f"{action} {account}")
    state.flash("users", f"{tr('users.done')}: {action} {account}", temp)
    st.rerun()


temporary_password = state.show_flash("users")
if temporary_password:
    st.write(tr("users.temp"))
    st.code(temporary_password, language=None)


table = pd.DataFrame(users.list_users())
if table.empty:
    st.info(tr("users.empty"))
else:
    query = st.text_input(tr("users.search"), max_chars=80, key="u_search").strip().lower()
    shown = table
    if query:
        hay = table["account"].str.lower() + " " + table["display_name"].fillna("").str.lower()
        shown = table[hay.str.contains(query, regex=False)]
    st.caption(tr("users.count").format(shown=len(shown), total=len(table)))
    st.dataframe(readable_users(shown, lang()), hide_index=True, width="stretch")

with st.form("users_add", clear_on_submit=True):
    st.markdown(f"**{tr('users.add')}**")
    c1, c2, c3 = st.columns(3)
    account = c1.text_input(tr("auth.account"), max_chars=idn.MAX_ACCOUNT, key="u_account")
    name = c2.text_input(tr("users.name"), max_chars=80, key="u_name")
    role = c3.selectbox(tr("users.role"), list(idn.ROLES), key="u_role",
                        format_func={r: tr(f"role.{r}") for r in idn.ROLES}.get)
    centres = data.visible_centres(current_scope())
    labels = {"": "—"} | dict(zip(centres["centre_id"], centres["name_ko"], strict=True))
    c4, c5 = st.columns(2)
    centre = c4.selectbox(tr("users.centre"), list(labels), format_func=labels.get,
                          key="u_centre")
    offices = office_choices(lang())
    office = c5.selectbox(tr("users.office"), ["", *offices], key="u_office",
                          format_func=lambda o: offices.get(o, "—"))
    region_names = region_choices(lang())
    picked_regions = st.multiselect(tr("users.regions"), list(region_names),
                                    format_func=region_names.get, key="u_regions",
                                    placeholder="—")
    oidc_only = st.checkbox(tr("users.oidc_only"), key="u_oidc")
    if st.form_submit_button(tr("users.create"), type="primary"):
        users.require_admin(actor)
        temp = None if oidc_only else users.temporary_password()
        try:
            users.add_user(account.strip(), role, centre=centre or None,
                           regions=",".join(dict.fromkeys(
                               [*idn.office_regions(office), *picked_regions])),
                           name=name.strip(), password=temp)
        except users.UserError as exc:
            st.error(str(exc))
        else:
            _done("add", account.strip(), temp)

if not table.empty:
    pick = st.selectbox(tr("users.pick"), table["account"].tolist(), key="u_pick")
    b1, b2, b3 = st.columns(3)
    if b1.button(tr("users.disable"), key="u_disable", width="stretch"):
        users.require_admin(actor)
        users.disable_user(pick)
        _done("disable", pick)
    if b2.button(tr("users.enable"), key="u_enable", width="stretch"):
        users.require_admin(actor)
        users.enable_user(pick)
        _done("enable", pick)
    if b3.button(tr("users.reset"), key="u_reset", width="stretch"):
        users.require_admin(actor)
        temp = users.temporary_password()
        users.reset_password(pick, temp)
        _done("reset", pick, temp)
