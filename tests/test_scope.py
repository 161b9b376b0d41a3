"""Scope: a centre-limited scope never returns another centre's rows; an empty scope
returns nothing; filters narrow but never widen. On DuckDB and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope

EMPTY = Scope()
SEOUL_NAMBU = Scope.for_centres({"seoul_nambu"}, user="kim")


def _all_outputs(scope: Scope, filters: Filters, engine) -> dict[str, pd.DataFrame]:
    """Every data_access output a page can show, grouped by centre where possible."""
    return {
        "labour_market": q.labour_market(scope, filters, ("centre", "industry"), engine=engine),
        "shortage": q.shortage(scope, filters, ("centre",), engine=engine),
        "participation": q.participation(scope, filters, ("centre", "programme"),
                                         engine=engine),
        "employer_services": q.employer_services(scope, filters, ("centre",), engine=engine),
        "outcomes": q.outcomes(scope, filters, ("centre", "programme"), engine=engine),
        "event_summary": q.event_summary(scope, filters, ("centre",), engine=engine),
        "events": q.events(scope, filters, engine=engine),
        "visible_centres": q.visible_centres(scope, engine=engine),
    }


def test_centre_scope_sees_only_its_centre(world_engine):
    outputs = _all_outputs(SEOUL_NAMBU, Filters(), world_engine)
    for name, df in outputs.items():
        assert not df.empty, name
        assert set(df["centre_id"]) == {"seoul_nambu"}, name


def test_filters_cannot_widen_scope(world_engine):
    other = Filters(centres=("busan", "seoul_nambu"))
    for name, df in _all_outputs(SEOUL_NAMBU, other, world_engine).items():
        assert set(df["centre_id"]) <= {"seoul_nambu"}, name
    only_other = Filters(centres=("busan",))
    for name, df in _all_outputs(SEOUL_NAMBU, only_other, world_engine).items():
        if name != "visible_centres":
            assert df.empty, name


def test_empty_scope_sees_nothing_but_keeps_columns(world_engine):
    for name, df in _all_outputs(EMPTY, Filters(), world_engine).items():
        assert df.empty, name
        assert len(df.columns) > 0, name
    # aggregate-only functions return no numbers either
    funnel = q.stage_funnel(EMPTY, Filters(), "KUKCHWI", engine=world_engine)
    assert (funnel["reached"].fillna(0) == 0).all()
    kpis = q.weekly_kpis(EMPTY, Filters(), engine=world_engine)
    assert (kpis["value"].fillna(0) == 0).all()
    assert kpis["target"].isna().all()
    assert q.targets(EMPTY, Filters(), engine=world_engine).empty


def test_scoped_totals_equal_that_centres_national_row(world_engine):
    national = q.labour_market(Scope.national(), Filters(), ("centre",),
                               engine=world_engine).set_index("centre_id")
    mine = q.labour_market(SEOUL_NAMBU, Filters(), (), engine=world_engine).iloc[0]
    assert mine["new_vacancies"] == national.loc["seoul_nambu", "new_vacancies"]
    assert mine["placements"] == national.loc["seoul_nambu", "placements"]


def test_region_filter_and_scope_intersect(world_engine):
    two = Scope.for_centres({"seoul_nambu", "busan"})
    busan_only = q.labour_market(two, Filters(region="26"), ("centre",), engine=world_engine)
    assert set(busan_only["centre_id"]) == {"busan"}


@pytest.mark.parametrize("bad", [dict(industry="ZZ"), dict(target_group="NOPE"),
                                 dict(programme="X")])
def test_unknown_filter_values_are_refused(bad):
    with pytest.raises(ValueError):
        Filters(**bad)


def test_area_token_means_one_thing_for_urls_and_the_cli():
    from data_access.privacy.scope import Filters

    assert Filters.for_area("c:gwangju") == Filters(centres=("gwangju",))
    assert Filters.for_area("r:29") == Filters(region="29")
    assert Filters.for_area("all") == Filters.for_area(None) == Filters()
    for bad in ("c:", "gwangju", "x:1"):
        with pytest.raises(ValueError, match="invalid area"):
            Filters.for_area(bad)
