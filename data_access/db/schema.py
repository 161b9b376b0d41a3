"""The database schema, in SQLAlchemy Core, created from code on DuckDB and PostgreSQL alike.

Design notes (why it looks like this):
- Codes are natural keys: 행정표준코드 for 시도/시군구, KSIC-based leaf codes for industries,
  programme codes from :mod:`data_access.reference.taxonomy`. Imports upsert on them.
- Person-level facts (enrolment, placement) carry ``centre_id`` and ``target_groups``
  copied from the job seeker at the time of the event. It is a star-schema snapshot: scope
  and target-group filters then never need a join with the (largest) jobseeker table,
  which keeps every page query inside its time budget at national scale.
- ``target_groups`` is a bitmask (see ``target_group.bit``) because one person can belong
  to several groups.
- Surrogate ids use explicit Sequences: duckdb-engine cannot autoincrement plain Integer keys.
- No declared foreign keys: DuckDB checks them eagerly inside a transaction, so replacing a
  dimension and its facts in one transaction (what every import does) would fail.
  :func:`integrity_problems` checks the same references, and imports validate them.
- Secondary indexes are created on PostgreSQL only; DuckDB scans columns and its ART
  indexes would only slow the bulk loads.
- No table ever stores names, resident numbers or contact data: ids are pseudonymous.
- Only product data is declared here and in :mod:`data_access.db.app_tables` (the
  dashboard's own state: scenarios, meeting notes, accounts, access and import logs,
  declared on the same ``MetaData`` and re-exported here). The generated world's known
  truth (α, segment efficiencies, true event effects) is the test of the simulator, not
  product data, so a real install must not carry empty tables for it: it is declared
  in :mod:`synthetic.truth` and created only by the generator.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

from data_access.db.app_tables import access_log as access_log
from data_access.db.app_tables import app_user as app_user
from data_access.db.app_tables import import_log as import_log
from data_access.db.app_tables import meeting_note as meeting_note
from data_access.db.app_tables import scenario as scenario
from data_access.db.app_tables import scenario_prediction as scenario_prediction
from data_access.db.registry import metadata, pg_index

# --- dimensions -------------------------------------------------------------------------

region = sa.Table(
    "region", metadata,
    sa.Column("code", sa.String(2), primary_key=True),
    sa.Column("name_ko", sa.String(20), nullable=False),
    sa.Column("full_name_ko", sa.String(40), nullable=False),
    sa.Column("name_en", sa.String(40), nullable=False),
    sa.Column("census_code", sa.String(2), nullable=False),
    sa.Column("former_codes", sa.String(40), nullable=False, server_default=""),
    sa.Column("former_names", sa.String(80), nullable=False, server_default=""),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
)

sigungu = sa.Table(
    "sigungu", metadata,
    sa.Column("code", sa.String(5), primary_key=True),
    sa.Column("name_ko", sa.String(40), nullable=False),
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("parent_code", sa.String(5)),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("former_codes", sa.String(40), nullable=False, server_default=""),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
)

centre = sa.Table(
    "centre", metadata,
    sa.Column("centre_id", sa.String(40), primary_key=True),
    sa.Column("name_ko", sa.String(60), nullable=False),
    sa.Column("short_name_ko", sa.String(30), nullable=False),
    sa.Column("name_en", sa.String(60), nullable=False),
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    sa.Column("pilot_employer", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("pilot_seeker", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("pilot_start", sa.Date),
    sa.Column("focus_sectors", sa.String(80), nullable=False, server_default=""),
)

centre_sigungu = sa.Table(
    "centre_sigungu", metadata,
    sa.Column("centre_id", sa.String(40), primary_key=True),
    sa.Column("sigungu_code", sa.String(5), primary_key=True),
)

ksic_section = sa.Table(
    "ksic_section", metadata,
    sa.Column("code", sa.String(1), primary_key=True),
    sa.Column("name_ko", sa.String(60), nullable=False),
    sa.Column("name_en", sa.String(80), nullable=False),
    sa.Column("ksic_range", sa.String(20), nullable=False),
)

industry = sa.Table(
    "industry", metadata,
    sa.Column("code", sa.String(10), primary_key=True),
    sa.Column("section", sa.String(1), nullable=False),
    sa.Column("name_ko", sa.String(40), nullable=False),
    sa.Column("name_en", sa.String(80), nullable=False),
    sa.Column("ksic_codes", sa.String(40), nullable=False),
    sa.Column("is_focus", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("sort_order", sa.Integer, nullable=False),
)

programme = sa.Table(
    "programme", metadata,
    sa.Column("code", sa.String(20), primary_key=True),
    sa.Column("name_ko", sa.String(60), nullable=False),
    sa.Column("name_en", sa.String(80), nullable=False),
    sa.Column("side", sa.String(10), nullable=False),
    sa.Column("sort_order", sa.Integer, nullable=False),
)

programme_stage = sa.Table(
    "programme_stage", metadata,
    sa.Column("programme_code", sa.String(20),
              primary_key=True),
    sa.Column("stage_no", sa.Integer, primary_key=True),
    sa.Column("name_ko", sa.String(40), nullable=False),
    sa.Column("name_en", sa.String(60), nullable=False),
)

target_group = sa.Table(
    "target_group", metadata,
    sa.Column("code", sa.String(10), primary_key=True),
    sa.Column("bit", sa.Integer, nullable=False, unique=True),
    sa.Column("name_ko", sa.String(30), nullable=False),
    sa.Column("name_en", sa.String(60), nullable=False),
)

# --- facts ------------------------------------------------------------------------------

labour_market_week = sa.Table(
    "labour_market_week", metadata,
    sa.Column("centre_id", sa.String(40), primary_key=True),
    sa.Column("industry_code", sa.String(10),
              primary_key=True),
    sa.Column("week_start", sa.Date, primary_key=True),  # Monday of the ISO week (KST)
    sa.Column("iso_year", sa.Integer, nullable=False),
    sa.Column("iso_week", sa.Integer, nullable=False),
    sa.Column("new_vacancies", sa.Integer, nullable=False),  # 신규구인인원
    sa.Column("new_seekers", sa.Integer, nullable=False),  # 신규구직건수
    sa.Column("placements", sa.Integer, nullable=False),  # 취업건수
    sa.Column("open_vacancies", sa.Integer, nullable=False),  # 주말 미결 구인 (V)
    sa.Column("active_seekers", sa.Integer, nullable=False),  # 주말 유효 구직자 (U)
    sa.Column("unfilled", sa.Integer, nullable=False),  # 미충원인원
    sa.Column("workforce", sa.Integer, nullable=False),  # 현원 (피보험자)
    sa.Column("shortage_workers", sa.Integer, nullable=False),  # 부족인원
    sa.Column("mean_days_to_fill", sa.Double),  # weight: placements
    sa.Column("mean_offered_wage", sa.Double),  # 만원/월, weight: new_vacancies
)
pg_index("ix_lmw_week", "week_start", "centre_id", table=labour_market_week)

jobseeker = sa.Table(
    "jobseeker", metadata,
    sa.Column("jobseeker_id", sa.BigInteger, primary_key=True, autoincrement=False),  # pseudonymous
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("registered_on", sa.Date, nullable=False),
    sa.Column("age_band", sa.String(8), nullable=False),
    sa.Column("sex", sa.String(1), nullable=False),
    sa.Column("target_groups", sa.Integer, nullable=False, server_default="0"),
    sa.Column("education", sa.String(12), nullable=False),
    sa.Column("desired_industry", sa.String(10), nullable=False),
)
pg_index("ix_js_centre_reg", "centre_id", "registered_on", table=jobseeker)

enrolment = sa.Table(
    "enrolment", metadata,
    sa.Column("enrolment_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("jobseeker_id", sa.BigInteger, nullable=False),
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("programme_code", sa.String(20),
              nullable=False),
    sa.Column("target_groups", sa.Integer, nullable=False, server_default="0"),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("stage_reached", sa.Integer, nullable=False),
    sa.Column("end_date", sa.Date),
    sa.Column("status", sa.String(10), nullable=False),  # active|employed|ended|dropped
)
pg_index("ix_enr_centre_start", "centre_id", "start_date", table=enrolment)

employer = sa.Table(
    "employer", metadata,
    sa.Column("employer_id", sa.BigInteger, primary_key=True, autoincrement=False),  # pseudonymous
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("industry_code", sa.String(10), nullable=False),
    sa.Column("size_band", sa.String(8), nullable=False),
    sa.Column("difficulty_type", sa.String(12), nullable=False),
)

employer_service = sa.Table(
    "employer_service", metadata,
    sa.Column("service_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("employer_id", sa.BigInteger, nullable=False),
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("industry_code", sa.String(10), nullable=False),
    sa.Column("programme_code", sa.String(20), nullable=False),
    sa.Column("stage_no", sa.Integer, nullable=False),
    sa.Column("service_date", sa.Date, nullable=False),
)
pg_index("ix_es_centre_date", "centre_id", "service_date", table=employer_service)

placement = sa.Table(
    "placement", metadata,
    sa.Column("placement_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("jobseeker_id", sa.BigInteger, nullable=False),
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("placed_on", sa.Date, nullable=False),
    sa.Column("industry_code", sa.String(10), nullable=False),
    sa.Column("programme_code", sa.String(20)),  # programme the seeker was enrolled in
    sa.Column("target_groups", sa.Integer, nullable=False, server_default="0"),
    sa.Column("days_to_placement", sa.Integer, nullable=False),
    sa.Column("monthly_wage", sa.Double, nullable=False),  # 만원
    sa.Column("employed_6m", sa.Boolean),  # NULL: not yet six months old
    sa.Column("employed_12m", sa.Boolean),
)
pg_index("ix_pl_centre_date", "centre_id", "placed_on", table=placement)

intervention_event = sa.Table(
    "intervention_event", metadata,
    sa.Column("event_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("industry_code", sa.String(10)),
    sa.Column("target_group", sa.String(10)),
    sa.Column("week_start", sa.Date, nullable=False),
    sa.Column("iso_year", sa.Integer, nullable=False),
    sa.Column("iso_week", sa.Integer, nullable=False),
    sa.Column("participants", sa.Integer, nullable=False),
    sa.Column("firms", sa.Integer, nullable=False, server_default="0"),
    sa.Column("interviews", sa.Integer, nullable=False, server_default="0"),
    sa.Column("hires", sa.Integer, nullable=False, server_default="0"),
    sa.Column("cost", sa.Double, nullable=False, server_default="0"),  # 만원
)
pg_index("ix_ev_centre_week", "centre_id", "week_start", table=intervention_event)

target = sa.Table(
    "target", metadata,
    sa.Column("centre_id", sa.String(40), primary_key=True),
    sa.Column("kpi", sa.String(20), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("quarter", sa.Integer, primary_key=True),  # 1-4
    sa.Column("value", sa.Double, nullable=False),
)

data_source = sa.Table(
    "data_source", metadata,
    sa.Column("source", sa.String(40), primary_key=True),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),  # the date the data describes up to
    sa.Column("loaded_at", sa.DateTime, nullable=False),
)

# Region × industry × period statistics from official downloads (KOSIS, 고용행정통계 Excel
# exports). Long form: one value per item, so any table of items imports without a schema
# change. region_code "00" is 전국; industry_code "ALL" is 전체 산업 (else a KSIC section
# letter or a leaf code from taxonomy). period: "2024", "2024-H1", "2024-Q3", "2024-10".
official_stat = sa.Table(
    "official_stat", metadata,
    sa.Column("region_code", sa.String(2), primary_key=True),
    sa.Column("industry_code", sa.String(10), primary_key=True),
    sa.Column("period", sa.String(10), primary_key=True),
    sa.Column("item", sa.String(40), primary_key=True),
    sa.Column("item_label", sa.String(80), nullable=False),
    sa.Column("unit", sa.String(20), nullable=False, server_default=""),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("value", sa.Double),  # NULL: '-' (no value) in the source
    sa.Column("origin", sa.String(20), nullable=False),  # kosis | export
)


FACT_TABLES: tuple[sa.Table, ...] = (
    labour_market_week, jobseeker, enrolment, employer, employer_service, placement,
    intervention_event, target,
)


# (child table, column, parent table, parent column): the references the schema relies on.
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("sigungu", "region_code", "region", "code"),
    ("centre", "region_code", "region", "code"),
    ("centre_sigungu", "centre_id", "centre", "centre_id"),
    ("centre_sigungu", "sigungu_code", "sigungu", "code"),
    ("industry", "section", "ksic_section", "code"),
    ("programme_stage", "programme_code", "programme", "code"),
    ("labour_market_week", "centre_id", "centre", "centre_id"),
    ("labour_market_week", "industry_code", "industry", "code"),
    ("jobseeker", "centre_id", "centre", "centre_id"),
    ("enrolment", "jobseeker_id", "jobseeker", "jobseeker_id"),
    ("enrolment", "programme_code", "programme", "code"),
    ("enrolment", "centre_id", "centre", "centre_id"),
    ("placement", "jobseeker_id", "jobseeker", "jobseeker_id"),
    ("placement", "centre_id", "centre", "centre_id"),
    ("placement", "industry_code", "industry", "code"),
    ("placement", "programme_code", "programme", "code"),
    ("employer", "centre_id", "centre", "centre_id"),
    ("employer_service", "employer_id", "employer", "employer_id"),
    ("employer_service", "programme_code", "programme", "code"),
    ("intervention_event", "centre_id", "centre", "centre_id"),
    ("intervention_event", "industry_code", "industry", "code"),
    ("target", "centre_id", "centre", "centre_id"),
)


def integrity_problems(conn: sa.Connection) -> dict[str, int]:
    """Count rows whose reference finds no parent, per ``child.column`` (empty: all good)."""
    problems: dict[str, int] = {}
    for child, col, parent, pcol in REFERENCES:
        c, p = metadata.tables[child], metadata.tables[parent]
        orphan = sa.select(sa.func.count()).select_from(c).where(
            c.c[col].is_not(None),
            ~sa.exists().where(p.c[pcol] == c.c[col]))
        n = conn.execute(orphan).scalar_one()
        if n:
            problems[f"{child}.{col}"] = int(n)
    return problems


def create_all(engine: sa.Engine) -> None:
    """Create every table (and sequence) that does not exist yet."""
    metadata.create_all(engine)


_ensured: set[str] = set()
_ensure_lock = threading.Lock()


def ensure_tables(engine: sa.Engine) -> None:
    """:func:`create_all`, once per database and process.

    For code paths that run on every page view or import (access log, accounts, import
    log) against a database an earlier version made: the existence check costs a catalogue
    query per table, too much to repeat on every call.
    """
    key = str(engine.url)
    with _ensure_lock:
        if key not in _ensured:
            create_all(engine)
            _ensured.add(key)


def drop_all(engine: sa.Engine) -> None:
    """Drop every product table (the generated world's truth: :func:`synthetic.truth.drop_all`)."""
    metadata.drop_all(engine)
