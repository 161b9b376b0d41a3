"""Which filters a fact table can honour comes from its columns."""

from __future__ import annotations

from data_access.privacy.scope import Filters
from data_access.queries.applicability import kpi_facts, unapplied_filters

ALL_SET = Filters(industry="SEMI", target_group="YOUTH", programme="KUKCHWI")


def test_each_fact_table_names_what_it_cannot_narrow():
    assert unapplied_filters("labour_market_week", ALL_SET) == ("target_group", "programme")
    assert unapplied_filters("enrolment", ALL_SET) == ("industry",)
    assert unapplied_filters("placement", ALL_SET) == ()
    assert unapplied_filters("employer_service", ALL_SET) == ("target_group",)
    assert unapplied_filters("labour_market_week", Filters(industry="SEMI")) == ()


def test_kpis_map_to_the_table_they_are_counted_from():
    assert kpi_facts("enrolments") == "enrolment"
    assert kpi_facts("placement_rate") == "labour_market_week"
