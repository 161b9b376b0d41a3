"""The evaluation page's parts: tables in the page's language, one event's evidence, the
method's record on generated worlds, and the prediction log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import evaluation_data as data
from charts.evaluation import fit_chart, prediction_chart
from data_access.privacy.scope import Filters, Scope
from data_access.reference import taxonomy as tx
from data_access.stores import scenarios
from publish.localise import code_names, localised
from simulation.evaluate.backtest import load_shipped
from simulation.evaluate.predlog import compare, targeted_segments
from simulation.evaluate.synthetic import POOR_FIT
from ui.blocks import chart_card
from ui.figcache import FIGURE_TTL_SECONDS, figure, frame_digest
from ui.filters import lang, tr

DASH = "–"


def kind_name(kind: str) -> str:
    """An event kind in the page's language (the simulator's catalogue names)."""
    label = tr(f"sim.kind.{kind}")
    return label if label != f"sim.kind.{kind}" else tx.EVENT_KINDS.get(kind, kind)


def num(v: object, digits: int = 1) -> str:
    return DASH if v is None or pd.isna(v) else f"{float(v):,.{digits}f}"


def _count(row: pd.Series, col: str, hidden: str) -> str:
    """A count as printed; ``hidden`` (the page's word for 비공개) when suppressed."""
    if bool(row.get(f"{col}__hidden", False)):
        return hidden
    v = row.get(col)
    return DASH if v is None or pd.isna(v) else f"{int(v):,}"


def _verdict_words() -> dict[str, str]:
    """The verdict words in the page's language, looked up once (a year of events at
    headquarters is 1,600 rows: a lookup per cell was most of a warm page run)."""
    return {k: tr(f"ev.{k}") for k in ("not_evaluated", "too_small", "verdict.clear",
                                       "verdict.negative", "open_window")}


def verdict(row: pd.Series, words: dict[str, str] | None = None) -> str:
    """What the interval says, in words; an event whose 52 weeks have not all passed says
    so (its estimate covers the weeks so far)."""
    w = words or _verdict_words()
    if not row.get("evaluated", False):
        return w["not_evaluated"]
    word = (w["too_small"] if row["too_small"] else
            w["verdict.clear"] if row["lo"] > 0 else w["verdict.negative"])
    return word if row.get("window_closed", True) else f"{word} ({w['open_window']})"


def kind_table(kinds: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        tr("ev.col.kind"): kinds["kind_name"],
        tr("ev.col.events"): kinds["events"], tr("ev.col.evaluated"): kinds["evaluated"],
        tr("ev.col.estimate"): [num(v) for v in kinds["estimate"]],
        tr("ev.col.interval"): [DASH if pd.isna(a) else f"{num(a)} ~ {num(b)}" for a, b in
                                zip(kinds["lo"], kinds["hi"], strict=True)],
        tr("ev.col.verdict"): [tr("ev.not_evaluated") if not n else tr("ev.too_small") if t
                               else tr("ev.verdict.clear") if lo > 0
                               else tr("ev.verdict.negative")
                               for n, t, lo in zip(kinds["evaluated"], kinds["too_small"],
                                                   kinds["lo"], strict=True)],
        tr("ev.col.cost"): [num(v, 0) for v in kinds["cost"]],
        tr("ev.col.cost_per_hire"): [num(v, 0) for v in kinds["cost_per_hire"]],
    })


def event_name(row: pd.Series) -> str:
    """An event's name: as recorded in Korean; in English, built from its kind and industry
    codes (the recorded names are Korean text)."""
    if lang() == "en":
        industry = code_names("en")["industry"].get(row["industry_code"], row["industry_code"])
        return f"{kind_name(row['kind'])} ({industry})"
    return str(row["name"])


def event_label(row: pd.Series) -> str:
    """An event as a picker option: its week, name and centre."""
    return (f"{pd.Timestamp(row['week_start']):%Y-%m-%d} · {event_name(row)} · "
            f"{row['centre_name']}")


def events_table(ev: pd.DataFrame) -> pd.DataFrame:
    """One row per event, in the page's language (built once per table and language:
    :func:`_events_table`)."""
    return _events_table(ev, lang())


def event_labels(done: pd.DataFrame) -> dict[int, str]:
    """The event picker's option labels by event id, in the page's language."""
    return _event_labels(done, lang())


# A year at headquarters is 1,600 events, and formatting them row by row was most of a
# warm run of the page (0.4 of 0.8 s profiled); the result depends only on the events'
# content and the language, both in the key (rows by their content digest).
_by_content = st.cache_data(ttl=FIGURE_TTL_SECONDS, max_entries=64, show_spinner=False,
                            hash_funcs={pd.DataFrame: frame_digest})


@_by_content
def _event_labels(done: pd.DataFrame, language: str) -> dict[int, str]:
    return {int(r.event_id): event_label(r) for _, r in done.iterrows()}


@_by_content
def _events_table(ev: pd.DataFrame, language: str) -> pd.DataFrame:
    """Words are looked up once per table, not per cell; ``language`` is the page's (it
    keys the cache: the words inside are read from the session)."""
    ev = localised(ev, language)  # centre names in the page's language
    col = {k: tr(f"ev.col.{k}") for k in (
        "week", "kind", "event", "centre", "participants", "hires", "estimate", "interval",
        "verdict", "synth", "per_person", "cost_per_hire", "units")}
    kinds = {k: kind_name(k) for k in ev["kind"].unique()}
    names = {}  # an event's name depends only on its kind, industry and recorded name
    checks: dict[str, str] = {}  # synthetic-control verdict → its word
    words, hidden = _verdict_words(), tr("ev.suppressed")
    rows = []
    for _, r in ev.sort_values("week_start", ascending=False).iterrows():
        key = (r["kind"], r["industry_code"], r["name"])
        if key not in names:
            names[key] = event_name(r)
        check = str(r.get("synth_check", "none"))
        if check not in checks:
            checks[check] = tr(f"ev.check.{check}")
        per = (hidden if bool(r.get("per_participant__hidden", False))
               else num(r.get("per_participant"), 2))
        rows.append({
            col["week"]: f"{pd.Timestamp(r['week_start']):%Y-%m-%d}",
            col["kind"]: kinds[r["kind"]], col["event"]: names[key],
            col["centre"]: r["centre_name"],
            col["participants"]: _count(r, "participants", hidden),
            col["hires"]: _count(r, "hires", hidden),
            col["estimate"]: num(r["estimate"]),
            col["interval"]: (DASH if pd.isna(r["lo"])
                              else f"{num(r['lo'])} ~ {num(r['hi'])}"),
            col["verdict"]: verdict(r, words),
            col["synth"]: checks[check],
            col["per_person"]: per,
            col["cost_per_hire"]: num(r["cost_per_hire"], 0),
            col["units"]: int(r["units"]) if pd.notna(r["units"]) else 0,
        })
    return pd.DataFrame(rows)


def _placebo_line(placebo: tuple[float, float, float] | None) -> str:
    if placebo is None:
        return tr("ev.placebo_none")
    est, lo, hi = placebo
    ok = lo <= 0 <= hi
    return tr("ev.placebo").format(est=num(est), lo=num(lo), hi=num(hi),
                                   verdict=tr("ev.placebo_ok" if ok else "ev.placebo_bad"))


def synth_sentence(row: pd.Series) -> str:
    """The synthetic-control check in one plain sentence: its estimate and whether it
    agrees with the main interval, or why it cannot be made (the verdict itself is
    :func:`simulation.evaluate.synthetic.agreement`'s, computed with the evaluation)."""
    check = row.get("synth_check", "none")
    if check in ("none", "too_few") or pd.isna(row.get("synth")):
        return tr("ev.synth.too_few")
    line = tr("ev.synth_line").format(est=num(row["synth"]), donors=int(row["synth_donors"]),
                                      fit=_pct(row["synth_fit"]))
    tail = (tr("ev.synth.poor_fit").format(limit=_pct(POOR_FIT)) if check == "poor_fit"
            else tr(f"ev.synth.{check}"))
    return f"{line} {tail}"


def detail_section(scope: Scope, f: Filters, ev: pd.DataFrame) -> None:
    """One event: result, cost per caused hire, comparison units, fit chart, placebo."""
    st.subheader(tr("ev.detail_title"))
    done = localised(ev[ev["evaluated"]], lang())
    if done.empty:
        st.info(tr("ev.none_evaluated"))
        return
    # Largest events first: the ones a director reports on.
    done = done.sort_values(["cost", "week_start"], ascending=[False, False])
    labels = event_labels(done)
    pick = st.selectbox(tr("ev.pick"), list(labels), format_func=labels.get, key="ev_pick")
    row = done[done["event_id"] == pick].iloc[0]
    result = tr("ev.result").format(est=num(row["estimate"]), lo=num(row["lo"]),
                                    hi=num(row["hi"]))
    st.markdown(f"**{result}** · {verdict(row)}")
    # The second method beside the first: where they agree the estimate does not hinge on
    # how the comparison units are weighted.
    st.markdown(synth_sentence(row))
    if pd.notna(row["cost_per_hire"]):
        st.text(tr("ev.cost_line").format(cost=num(row["cost"], 0),
                                          cph=num(row["cost_per_hire"], 0),
                                          lo=num(row["cost_per_hire_lo"], 0),
                                          hi=num(row["cost_per_hire_hi"], 0)))
    else:
        st.text(tr("ev.cost_unknown"))
    det = data.detail(scope, f, int(pick))
    if det is None:
        return
    fig = figure(fit_chart, det.series, title=tr("ev.fit_title"), subtitle=labels[pick],
                 treated_label=tr("ev.treated"), cf_label=tr("ev.counterfactual"),
                 event_label=tr("ev.event_mark"), hidden_label=tr("ev.hidden"),
                 y_title=tr("ev.axis_hires"))
    units = localised(det.units, lang())
    notes = [tr("ev.units").format(n=len(units),
                                   names=", ".join(units["centre_name"].astype(str))),
             _placebo_line(det.placebo)
             + ("" if det.placebo is None or bool(row["placebo_clean"])
                else f" {tr('ev.placebo_busy')}")]
    if det.widened:
        notes.append(tr("ev.widened"))
    if int(row["overlap"]) > 0:
        notes.append(tr("ev.overlap").format(n=int(row["overlap"])))
    chart_card(fig, det.series, key="ev_fit", facts="labour_market_week")
    # The evidence a director is asked about, under the chart rather than folded away.
    for note in notes:
        st.caption(note)


def _pct(v: float | None) -> str:
    return DASH if v is None or pd.isna(v) else f"{v * 100:.0f}%"


def validation_section() -> None:
    """The shipped backtest figures per kind, with the plain caution."""
    st.subheader(tr("ev.validation_title"))
    figs = load_shipped()
    if not figs:
        st.caption(tr("ev.validation_missing"))
        return
    st.markdown(tr("ev.validation_text").format(
        worlds=figs.get("worlds", DASH), events=num(figs.get("events_evaluated_per_world"), 0),
        cov=_pct(figs.get("eval_coverage_80")), plac=_pct(figs.get("eval_placebo_zero_share"))))
    rows = [{tr("ev.col.kind"): kind_name(k),
             tr("ev.col.events"): num(v["events_per_world"], 0),
             tr("ev.col.coverage"): f"{_pct(v['coverage']['mean'])} "
                                    f"({_pct(v['coverage']['p05'])}–{_pct(v['coverage']['p95'])})",
             tr("ev.col.bias"): num(v["bias_mean"], 2),
             tr("ev.col.width"): num(v["width_mean"], 1),
             tr("ev.col.truth"): num(v["truth_abs_mean"], 2)}
            for k, v in figs.get("by_kind", {}).items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    demo = figs.get("demo_check")
    if demo:
        kinds = ", ".join(f"{kind_name(k)} {_pct(v['coverage'])}"
                          for k, v in demo.get("by_kind", {}).items())
        st.markdown(tr("ev.validation_demo").format(
            cov=_pct(demo.get("eval_coverage_80")),
            plac=_pct(demo.get("eval_placebo_zero_share")), kinds=kinds))
        synth = demo.get("synth_check")
        if synth and synth.get("made_share") is not None:
            st.markdown(tr("ev.validation_synth").format(
                made=_pct(synth["made_share"]), agree=_pct(synth.get("agree_share")),
                synth_err=num(synth.get("synth_abs_error")),
                eval_err=num(synth.get("eval_abs_error")),
                cov_differ=_pct(synth.get("coverage_when_differ")),
                cov_agree=_pct(synth.get("coverage_when_agree"))))
    st.warning(tr("ev.validation_caution"))


def prediction_section(scope: Scope) -> None:
    """Saved scenarios' predictions against what happened, once their weeks passed."""
    st.subheader(tr("ev.pred_title"))
    st.caption(tr("ev.pred_intro"))
    logged = data.logged(scope)
    if logged.empty:
        st.info(tr("ev.pred_none"))
        return
    names = {int(r.scenario_id): f"{r.name} · {pd.Timestamp(r.created_at):%Y-%m-%d}"
             for r in logged.itertuples(index=False)}
    sid = st.selectbox(tr("ev.pred_pick"), list(names), format_func=names.get, key="ev_pred")
    pred = data.prediction(scope, sid)
    saved = scenarios.load(scope, sid)
    if saved is None or pred.empty:
        st.info(tr("ev.pred_none"))
        return
    segs = targeted_segments(saved["inputs_json"])
    first, last = pred["week_start"].min(), pred["week_start"].max()
    actual = data.segment_hires(scope, tuple(segs), first.date(), last.date())
    inp, res = data.evaluation(scope, Filters(week_from=first.date(), week_to=last.date()))
    last_data = pd.Timestamp(inp.last_week) if inp.last_week else None
    total = (data.segment_total(scope, tuple(segs), first.date(),
                                min(last, last_data).date())
             if last_data is not None and last_data >= first else None)
    cmp_ = compare(pred, actual, res.events, segs, last_data, total)
    if cmp_.weeks_passed == 0:
        st.info(tr("ev.pred_waiting").format(first=f"{first:%Y-%m-%d}"))
        return
    st.markdown(tr("ev.pred_summary").format(
        weeks=cmp_.weeks_passed, pred=num(cmp_.predicted), lo=num(cmp_.predicted_lo),
        hi=num(cmp_.predicted_hi),
        actual=(tr("ev.suppressed") if cmp_.actual is None
                else f"{num(cmp_.actual, 0)}{tr('ev.people')}")))
    if cmp_.events_estimate is None:
        st.text(tr("ev.pred_no_events"))
    else:
        e, lo, hi = cmp_.events_estimate
        st.text(tr("ev.pred_events").format(est=num(e), lo=num(lo), hi=num(hi),
                                            n=len(cmp_.events)))
    _prediction_chart(cmp_.weekly)


def _prediction_chart(weekly: pd.DataFrame) -> None:
    fig = figure(prediction_chart, weekly, title=tr("ev.pred_chart"),
                 band_label=tr("ev.pred_band"), median_label=tr("ev.pred_median"),
                 actual_label=tr("ev.pred_actual"), hidden_label=tr("ev.hidden"),
                 y_title=tr("ev.axis_hires"))
    chart_card(fig, weekly, key="ev_pred_chart", facts="labour_market_week")

