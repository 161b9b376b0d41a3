"""프로그램 참여: who takes part in which programme, how far they get, year on year."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.bars import grouped_bar
from charts.funnel import stage_funnel
from charts.trend import line_chart
from data_access.reference import taxonomy as tx
from data_access.reference.weeks import running_month, same_week_last_year, year_to_date
from ui import data
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import current_selection, lang, tr
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
f = sel.filters
st.title(f"{tr('page.programmes')} · {sel.area_label}")

# Twelve whole months before the current one, plus the current month so far.
first = (sel.week.replace(day=1) - dt.timedelta(days=365)).replace(day=1)
year_f = f.with_(week_from=first, week_to=sel.week)
trend = data.participation(scope, year_f, ("programme", "month"))
running = running_month(sel.week)
fig = figure(line_chart, trend, "month", "enrolments", colour_by="programme_name",
             title=f"{tr('prog.trend')} · {sel.area_label} · {first.year}.{first.month:02d}~"
                   + (f" ({tr('prog.month_running')})" if running else ""),
             unit="명", y_title=tr("axis.enrolments"), partial_from=running,
             partial_label=tr("prog.in_progress"))
chart_card(fig, trend, key="prog_trend", metrics=[], facts="enrolment")

by_group = data.programme_summary(scope, f, ("programme", "target_group"))
fig = figure(grouped_bar, by_group, "programme_name", "enrolments", "target_group_name",
             title=f"{tr('prog.by_group')} · {sel.period_label}", unit="명")
chart_card(fig, by_group, key="prog_groups", notes=[tr("prog.group_note")], facts="enrolment",
           metrics=["completion_rate"])

en = lang() == "en"
seeker = {p.code: p.name_en if en else p.name_ko for p in tx.PROGRAMMES if p.side == "seeker"}
chosen = f.programme if f.programme in seeker else None
programme = st.selectbox(tr("prog.pick"), list(seeker), format_func=seeker.get,
                         index=list(seeker).index(chosen or "KUKCHWI"), key="prog_pick")
funnel = data.stage_funnel(scope, f, programme)
if en and not funnel.empty:  # the stages as the catalogue names them in English
    stages = tx.PROGRAMME_BY_CODE[programme].stages_en
    funnel = funnel.assign(stage_name=[stages[int(n) - 1] if 0 < int(n) <= len(stages)
                                       else name for n, name in
                                       zip(funnel["stage_no"], funnel["stage_name"],
                                           strict=True)])
fig = figure(stage_funnel, funnel, title=f"{seeker[programme]} {tr('prog.funnel')} · "
                                 f"{sel.period_label} {tr('prog.starters')}")
chart_card(fig, funnel, key="prog_funnel", metrics=["stage_conversion"], facts="enrolment")

# This ISO year to date against the same ISO weeks of last year (as the brief's 전년 동주).
first, last = year_to_date(sel.week)
this_year = f.with_(week_from=first, week_to=last)
last_year = f.with_(week_from=year_to_date(same_week_last_year(sel.week))[0],
                    week_to=same_week_last_year(sel.week))
iso_year = sel.week.isocalendar()[0]
frames = []
year_word = "" if en else "년"
for label, flt in ((f"{iso_year - 1}{year_word}", last_year),
                   (f"{iso_year}{year_word}", this_year)):
    part = data.participation(scope, flt, ("programme",))
    frames.append(part.assign(period=label))
yoy = pd.concat(frames, ignore_index=True)
fig = figure(grouped_bar, yoy, "programme_name", "enrolments", "period",
             title=f"{tr('prog.yoy')} · {sel.area_label} · "
                   + (f"Jan–W{sel.week.isocalendar()[1]:02d}" if en
                      else f"1월~{sel.week.isocalendar()[1]}주"),
             unit="명")
chart_card(fig, yoy, key="prog_yoy", metrics=[], facts="enrolment")

services = data.employer_services(scope, f, ("programme",))
stages = {(p.code, i + 1): s for p in tx.PROGRAMMES
          for i, s in enumerate(p.stages_en if en else p.stages_ko)}
services["stage_name"] = [stages.get((p, s), str(s)) for p, s in
                          zip(services["programme"], services["stage_no"], strict=True)]
fig = figure(grouped_bar, services, "programme_name", "firms", "stage_name",
             title=f"{tr('prog.employer')} · {sel.period_label}", unit="개")
chart_card(fig, services, key="prog_employer", metrics=[], facts="employer_service")
