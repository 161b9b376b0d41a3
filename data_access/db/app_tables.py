"""Application-state tables: what the dashboard itself writes, as opposed to the data it
shows.

Scenarios and meeting notes are a director's work, accounts and the access log are the
security record, and the import log is the audit trail of real data loads. None of them
is replaced when the data is (re)loaded: :func:`synthetic.generate.write` and the
importers leave these rows alone. They are declared on the same ``MetaData`` as the data
tables, so :func:`data_access.db.schema.create_all` creates them too, and callers reach
them as ``schema.scenario``, ``schema.app_user`` and so on.
"""

from __future__ import annotations

import sqlalchemy as sa

from data_access.db.registry import metadata, pg_index, seq_id

# --- a director's work: saved simulator scenarios and weekly-meeting items -------------

scenario = sa.Table(
    "scenario", metadata,
    seq_id("scenario_id"),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("owner", sa.String(80), nullable=False),
    sa.Column("centre_id", sa.String(40)),
    sa.Column("inputs_json", sa.Text, nullable=False),
    sa.Column("result_json", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# What a saved scenario predicted, week by week, at the moment it was saved (the model
# changes as data arrive; the log keeps the prediction that was actually made). A table
# of its own rather than columns on ``scenario``: create_all adds a missing table to a
# database an earlier version made, which is how this project migrates.
scenario_prediction = sa.Table(
    "scenario_prediction", metadata,
    sa.Column("scenario_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("week_start", sa.Date, primary_key=True),
    sa.Column("extra_q10", sa.Double, nullable=False),  # extra hires, 80 % band
    sa.Column("extra_median", sa.Double, nullable=False),
    sa.Column("extra_q90", sa.Double, nullable=False),
    sa.Column("baseline_median", sa.Double, nullable=False),  # targeted segments, no action
    sa.Column("total_q10", sa.Double, nullable=False),  # targeted segments with the scenario
    sa.Column("total_median", sa.Double, nullable=False),
    sa.Column("total_q90", sa.Double, nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

meeting_note = sa.Table(
    "meeting_note", metadata,
    seq_id("note_id"),
    sa.Column("centre_id", sa.String(40), nullable=False),
    sa.Column("week_start", sa.Date, nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("action", sa.Text, nullable=False, server_default=""),
    sa.Column("owner", sa.String(80), nullable=False, server_default=""),
    sa.Column("due", sa.Date),
    sa.Column("status", sa.String(10), nullable=False, server_default="open"),
    sa.Column("page", sa.String(40), nullable=False, server_default=""),
    sa.Column("filter_state", sa.Text, nullable=False, server_default="{}"),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("updated_by", sa.String(80), nullable=False),
)

# --- sign-in accounts and the access log ---------------------------------------------
# app_user: local accounts (argon2 hashes, never passwords) and, in OIDC mode, optional
# role/centre overrides for accounts the identity provider signs in. access_log: who saw
# what and when (개인정보의 안전성 확보조치 기준 제8조), kept at least two years
# (data_access.auth.access_log.RETENTION_DAYS); rows are only ever appended.

app_user = sa.Table(
    "app_user", metadata,
    sa.Column("account", sa.String(80), primary_key=True),
    sa.Column("display_name", sa.String(80), nullable=False, server_default=""),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("centre_id", sa.String(40)),
    sa.Column("region_codes", sa.String(80), nullable=False, server_default=""),
    sa.Column("password_hash", sa.String(200)),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("password_changed_at", sa.DateTime),
    sa.Column("last_login_at", sa.DateTime),
)

access_log = sa.Table(
    "access_log", metadata,
    seq_id("log_id"),
    sa.Column("logged_at", sa.DateTime, nullable=False),  # KST wall time
    sa.Column("account", sa.String(80), nullable=False),
    sa.Column("role", sa.String(10), nullable=False, server_default=""),
    sa.Column("client_address", sa.String(64), nullable=False, server_default=""),
    sa.Column("forwarded_for", sa.String(200), nullable=False, server_default=""),
    sa.Column("session_id", sa.String(64), nullable=False, server_default=""),
    sa.Column("event", sa.String(20), nullable=False),
    sa.Column("page", sa.String(60), nullable=False, server_default=""),
    sa.Column("filters", sa.Text, nullable=False, server_default="{}"),
    sa.Column("detail", sa.String(200), nullable=False, server_default=""),
    sa.Column("purpose", sa.Text, nullable=False, server_default=""),
)
pg_index("ix_access_log_at", "logged_at", table=access_log)
pg_index("ix_access_log_account", "account", "logged_at", table=access_log)

# --- imports of real data: what was loaded, by whom, from which file -----------------
# The file's hash lets a re-import of the same file be recognised and audited.

import_log = sa.Table(
    "import_log", metadata,
    seq_id("import_id"),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("imported_by", sa.String(80), nullable=False),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("rows_added", sa.Integer, nullable=False),
    sa.Column("rows_updated", sa.Integer, nullable=False),
    sa.Column("rows_unchanged", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
)

# Which centres each import touched, so the import log can be scoped like every other
# read: a centre user sees only imports that touched nothing but their own centres.
# Written in the import's own transaction; an import touching no centre (official
# statistics) has no rows here.
import_centre = sa.Table(
    "import_centre", metadata,
    sa.Column("import_id", sa.BigInteger, primary_key=True),
    sa.Column("centre_id", sa.String(40), primary_key=True),
)
