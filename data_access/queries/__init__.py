"""The read API the pages, reports and CLIs call, one module per page family.

Each function takes a :class:`~data_access.privacy.scope.Scope` (what the user may see) and a
:class:`~data_access.privacy.scope.Filters` (what they chose), aggregates in the database with
SQLAlchemy Core and bound parameters, and returns a tidy DataFrame whose metrics were
computed by the database (definitions in :mod:`data_access.reference.metrics`) and whose small cells
were suppressed (:mod:`data_access.privacy.suppression`). Nothing here loads raw rows into pandas.

Scope is applied here and only here: an empty scope yields empty frames with the right
columns, and filters can only narrow what the scope allows.

Modules: :mod:`.common` (conditions, grouping, reading), :mod:`.labour` (labour market,
shortage, KPIs), :mod:`.programmes`, :mod:`.outcomes`, :mod:`.events`, :mod:`.catalogue`
(centres, weeks, freshness), :mod:`.official` (imported official tables), :mod:`.simdata`
(the simulator's panel), :mod:`.pipeline` (an industry's
supply pipeline) and :mod:`.facts` (the calibration check). Callers use the names
re-exported here: ``from data_access import queries; queries.shortage(scope, filters)``.
"""

from data_access.queries.catalogue import (
    available_weeks,
    data_freshness,
    latest_week,
    visible_centres,
)
from data_access.queries.centre_types import centre_types, own_type
from data_access.queries.common import (
    LM,
    LM_COUNTS,
    LM_DERIVED,
    centre_condition,
    read_frame,
    read_plain_frame,
)
from data_access.queries.events import (
    event_summary,
    events,
    targets,
)
from data_access.queries.forecasts import FORECAST_KPIS, forecasts
from data_access.queries.labour import (
    ANOMALY_KPIS,
    ANOMALY_PEOPLE,
    ANOMALY_Z,
    KPI_ORDER,
    SHORTAGE_INDEX_DOC,
    kpi_anomalies,
    labour_market,
    shortage,
    shortage_movers,
    weekly_kpis,
)
from data_access.queries.outcomes import (
    OUTCOME_COUNTS,
    PEER_ADJUSTMENT_DOC,
    outcomes,
    peer_benchmark,
    wage_distribution,
)
from data_access.queries.peer_reference import national_placement_rate
from data_access.queries.pipeline import (
    PIPELINE_PROGRAMMES,
    industry_pipeline,
)
from data_access.queries.programmes import (
    ENROLMENT_COUNTS,
    employer_services,
    participation,
    programme_summary,
    stage_funnel,
)
from data_access.queries.shortage_class import (
    SHORTAGE_CLASS_DOC,
    shortage_classes,
)
from data_access.queries.shortage_local import (
    PEER_LABEL,
    industry_quarters,
    neighbour_rates,
)
from data_access.queries.shortage_rank import (
    MIN_BASE,
    RANK_RULE_DOC,
    rank_by_shrunk,
    with_base,
)
from data_access.queries.shortage_views import shortage_views

__all__ = [
    "ANOMALY_KPIS",
    "ANOMALY_PEOPLE",
    "ANOMALY_Z",
    "ENROLMENT_COUNTS",
    "FORECAST_KPIS",
    "KPI_ORDER",
    "LM",
    "LM_COUNTS",
    "LM_DERIVED",
    "MIN_BASE",
    "OUTCOME_COUNTS",
    "PEER_ADJUSTMENT_DOC",
    "PEER_LABEL",
    "PIPELINE_PROGRAMMES",
    "RANK_RULE_DOC",
    "SHORTAGE_CLASS_DOC",
    "SHORTAGE_INDEX_DOC",
    "available_weeks",
    "centre_condition",
    "centre_types",
    "data_freshness",
    "employer_services",
    "event_summary",
    "events",
    "forecasts",
    "industry_pipeline",
    "industry_quarters",
    "kpi_anomalies",
    "labour_market",
    "latest_week",
    "national_placement_rate",
    "neighbour_rates",
    "outcomes",
    "own_type",
    "participation",
    "peer_benchmark",
    "programme_summary",
    "rank_by_shrunk",
    "read_frame",
    "read_plain_frame",
    "shortage",
    "shortage_classes",
    "shortage_movers",
    "shortage_views",
    "stage_funnel",
    "targets",
    "visible_centres",
    "wage_distribution",
    "weekly_kpis",
    "with_base",
]
