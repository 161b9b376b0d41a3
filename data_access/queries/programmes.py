"""Programme queries: who enrolled (by start or by end), how far they got (the stage
funnel) and the employer-side package services."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.linked import Relation, joint_suppress
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec
from data_access.queries.common import (
    Dims,
    centre_condition,
    date_condition,
    dim_keys,
    finish,
    group_condition,
    industry_condition,
    programme_condition,
    read_frame,
)
from data_access.queries.sources import Source, enrolment_count, enrolment_source
from data_access.reference.metrics import ratio

ENROLMENT_COUNTS = ("enrolments", "active", "employed", "ended")


def participation(scope: Scope, filters: Filters,
                  by: Sequence[str] = ("programme", "target_group", "month"),
                  date_basis: str = "start", engine: sa.Engine | None = None) -> pd.DataFrame:
    """Enrolments by programme / target group / period of their start (``date_basis=
    "start"``) or of their end (``"end"``, for completion rates of those who finished).

    A person in several target groups counts once in each group's row. On the start basis
    there is no ``completion_rate``: among people who started in a recent window the only
    ones already gone are the quick placements, so the rate would read near 100 % (use
    :func:`programme_summary` for starters beside the rate of leavers).
    """
    e = s.enrolment
    if date_basis == "start":
        src = enrolment_source(scope, filters, by, engine)
    else:
        src = Source(e, sa.and_(centre_condition(e.c.centre_id, scope, filters),
                                group_condition(e.c.target_groups, filters),
                                programme_condition(e.c.programme_code, filters),
                                date_condition(e.c.end_date, filters)), False)
    t = src.table
    date_col = "month_start" if src.rollup else f"{date_basis}_date"
    dims = Dims(t, industry_col=None, date_col=date_col, groups_col="target_groups",
                programme_col="programme_code")
    parts = [enrolment_count(src).label("enrolments"),
             enrolment_count(src, t.c.status == "active").label("active"),
             enrolment_count(src, t.c.status == "employed").label("employed"),
             enrolment_count(src, t.c.status != "active").label("ended")]
    stmt = Dims.named(dims.additive(by, parts, _completion, src.where).subquery("g"), by)
    df = read_frame(engine, stmt)
    spec = Spec(ENROLMENT_COUNTS, {"completion_rate": ("employed", "ended")}, dim_keys(by))
    out = finish(df, spec)
    if date_basis == "start":
        out = out.drop(columns=["completion_rate", "completion_rate__hidden"])
    return out


def programme_summary(scope: Scope, filters: Filters, by: Sequence[str] = ("programme",),
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per ``by`` group: enrolments that *started* in the window and are still active,
    beside those who *ended* in it, how many of them left for a job and that rate
    (프로그램 취업률) — each count on the date that defines it, so a 13-week window shows
    the programme's real rate rather than its quickest leavers'."""
    keys = list(dim_keys(by))
    started = participation(scope, filters, by, "start", engine)
    ended = participation(scope, filters, by, "end", engine)
    start_cols = [c for c in started.columns
                  if c.split("__")[0] in ("enrolments", "active") or c in keys
                  or c.endswith("_name")]
    end_cols = [c for c in ended.columns
                if c.split("__")[0] in ("employed", "ended", "completion_rate") or c in keys]
    out = started[start_cols].merge(ended[end_cols], on=keys, how="outer")
    # A group on one side only has none on the other: 0, not unknown.
    for c in ("enrolments", "active", "employed", "ended"):
        out[c] = out[c].astype("Int64").where(out[f"{c}__hidden"].fillna(False).astype(bool),
                                              out[c].astype("Int64").fillna(0))
        out[f"{c}__hidden"] = out[f"{c}__hidden"].fillna(False).astype(bool)
    out["completion_rate__hidden"] = out["completion_rate__hidden"].fillna(False).astype(bool)
    names = [c for c in out.columns if c.endswith("_name")]
    if names:
        fill = ended.set_index(keys)[names] if set(names) <= set(ended.columns) else None
        if fill is not None:
            out = out.set_index(keys)
            out[names] = out[names].fillna(fill)
            out = out.reset_index()
    return out.sort_values(keys, ignore_index=True)


def _completion(c) -> list[sa.Label]:
    return [ratio(c["employed"], c["ended"], 100).label("completion_rate")]


def stage_funnel(scope: Scope, filters: Filters, programme: str | None = None,
                 engine: sa.Engine | None = None) -> pd.DataFrame:
    """How many enrolments reached each stage, conversion from the previous stage and the
    drop-off there.

    Suppression: the people who stopped at each stage are the additive cells (a 1-D table
    whose total is the enrolment count) and are suppressed like any table; every reached
    count is people too (the first is the enrolment total) and is hidden when 1..k-1. The
    cumulative relations (reached = stopped here + reached next) are audited with the
    linked-table rule (:mod:`data_access.privacy.linked`) so no hidden count can be solved
    from the visible ones; a first stage that the participation table by programme hides
    is hidden here too. Conversion is withheld where either count it divides is hidden.
    """
    programme = programme or filters.programme or "KUKCHWI"
    df = _reached_per_stage(scope, filters, programme, engine)
    if df.empty:
        return df
    reached = df["reached"].astype(int).tolist()
    stopped = [r - (reached[i + 1] if i + 1 < len(reached) else 0)
               for i, r in enumerate(reached)]
    # Enrolments of this programme as the participation table by programme shows them: a
    # first stage that table hides must be hidden here too (it is the same count).
    listed = participation(scope, filters.with_(programme=None), ("programme",),
                           engine=engine).set_index("programme")
    forced = bool(listed["enrolments__hidden"].get(programme, False))
    stop_hidden, reached_hidden = _funnel_masks(stopped, reached, forced)
    df["stopped"] = pd.array(stopped, dtype="Int64").copy()
    df.loc[stop_hidden, "stopped"] = pd.NA
    df["stopped__hidden"] = stop_hidden
    df["reached"] = pd.array(reached, dtype="Int64")
    df["reached__hidden"] = reached_hidden
    df.loc[df["reached__hidden"], "reached"] = pd.NA
    prev = [None, *reached[:-1]]
    conv = [None if p in (None, 0) else 100.0 * r / p for r, p in zip(reached, prev,
                                                                         strict=True)]
    conv_hidden = [bool(i > 0 and (reached_hidden[i] or reached_hidden[i - 1]))
                   for i in range(len(df))]
    df["conversion"] = pd.array(conv, dtype="Float64")
    df.loc[conv_hidden, "conversion"] = pd.NA
    df["conversion__hidden"] = conv_hidden
    df.insert(0, "programme", programme)
    return df


def _reached_per_stage(scope: Scope, filters: Filters, programme: str,
                       engine: sa.Engine | None) -> pd.DataFrame:
    """``stage_no, stage_name, reached``: enrolments that got at least as far as each stage
    of ``programme``.

    Counted once per furthest stage, then summed from the last stage back: joining each
    enrolment to every stage up to its furthest would emit a row per stage passed.
    """
    ps = s.programme_stage
    src = enrolment_source(scope, filters.with_(programme=programme), (), engine)
    t = src.table
    furthest = (sa.select(t.c.stage_reached, enrolment_count(src).label("n"))
                .where(src.where).group_by(t.c.stage_reached).subquery("f"))
    # A handful of stages × a handful of furthest-stage counts: this join is tiny.
    stmt = (sa.select(ps.c.stage_no, ps.c.name_ko.label("stage_name"),
                      sa.func.coalesce(sa.func.sum(furthest.c.n), 0).label("reached"))
            .select_from(ps.outerjoin(furthest, furthest.c.stage_reached >= ps.c.stage_no))
            .where(ps.c.programme_code == programme)
            .group_by(ps.c.stage_no, ps.c.name_ko).order_by(ps.c.stage_no))
    return read_frame(engine, stmt)


def _funnel_masks(stopped: list[int], reached: list[int],
                  first_hidden: bool) -> tuple[list[bool], list[bool]]:
    """Hidden stop and reached counts: stops are a table whose total is the first reached
    count; every reached count is the sum of the stops from its stage on (audited too)."""
    n = len(stopped)  # cells: stopped 0..n-1, then reached n..2n-1
    margin = [Relation(n, tuple(range(n)))]
    cumulative = [Relation(n + i, (i, n + i + 1) if i + 1 < n else (i,)) for i in range(n)]
    forced = np.zeros(2 * n, dtype=bool)
    forced[n] = first_hidden
    hidden = joint_suppress([*stopped, *reached], margin, suppression_k(),
                            also=cumulative, hidden=forced)
    return hidden[:n].tolist(), hidden[n:].tolist()


def employer_services(scope: Scope, filters: Filters,
                      by: Sequence[str] = ("programme", "month"),
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """Employer-side package services: firms served per programme stage and period."""
    es = s.employer_service
    stmt = Dims(es, date_col="service_date", programme_col="programme_code").select(
        (*by, "stage"), [sa.func.count(sa.distinct(es.c.employer_id)).label("firms")],
        sa.and_(centre_condition(es.c.centre_id, scope, filters),
                industry_condition(es.c.industry_code, filters),
                programme_condition(es.c.programme_code, filters),
                date_condition(es.c.service_date, filters)))
    df = read_frame(engine, stmt)
    return finish(df, Spec(("firms",), dims=dim_keys((*by, "stage"))))
