"""회의·조치: the week's notes and actions for one centre, carried-over and overdue actions
highlighted, add/edit/close with conflict detection, and the weekly pack downloads."""

from __future__ import annotations

import streamlit as st

from app_pages import meeting_parts as ui_meeting
from data_access.stores import meetings
from ui import state
from ui.filters import current_selection, tr, week_text
from ui.presentation import is_on as presenting
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
# The title comes first and names the centre once it is known; the picker (shown only
# when the sidebar has not already chosen one centre) sits under it.
title = st.empty()
picked = ui_meeting.meeting_centre(scope, sel)
if picked is None:
    title.title(tr("page.meeting"))
    st.warning(tr("filter.no_scope"))
    st.stop()
centre_id, centre_name = picked
title.title(f"{tr('page.meeting')} · {centre_name}")
st.caption(week_text(sel.week))
state.show_flash("meeting")

# On the projector: only what is still open. Recording and closing actions stays
# possible (folded away) so the meeting never has to leave presentation mode.
load = meetings.open_actions if presenting() else meetings.items_for_week
items = load(scope, centre_id, sel.week)
ui_meeting.show_items(items, open_only=presenting())
ui_meeting.add_form(scope, centre_id, sel.week)
ui_meeting.edit_form(scope, items, folded=presenting())
ui_meeting.pack_buttons(scope, centre_id, centre_name, sel.week)
