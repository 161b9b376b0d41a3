"""Saved what-if scenarios (시뮬레이션 시나리오) in the existing ``scenario`` table.

- **Scope.** A scenario belongs to the centre its interventions name (``centre_id``; NULL
  when they span several centres, which only headquarters can see or write). Saving one
  that names a centre outside the user's :class:`Scope` raises :class:`ScopeError`;
  reading returns only what the scope allows (deny by default), so a URL holding someone
  else's scenario id opens nothing.
- **One transaction per write.** A failed save or delete leaves the table as it was.
- **Text stays text.** Names are stored as typed (control characters dropped,
  trimmed, length-checked) and the UI only
  ever shows them as text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.db.schema import ensure_tables
from data_access.privacy.scope import Filters, Scope
from data_access.queries import centre_condition, read_frame
from data_access.reference.weeks import kst_wall_time
from data_access.stores import predictions
from data_access.text import clean_text

T = s.scenario
MAX_NAME = 120
MAX_INPUTS = 200_000
LIST_COLUMNS = ["scenario_id", "name", "owner", "centre_id", "created_at"]


class ScopeError(PermissionError):
    """The user may not save or see a scenario for this centre."""


def _engine(engine: sa.Engine | None) -> sa.Engine:
    return engine or get_engine()


def _now() -> dt.datetime:
    return kst_wall_time(whole_seconds=True)


def _visible(scope: Scope) -> sa.ColumnElement:
    """The scope's rows; a scenario naming no centre (NULL) is for national scopes only."""
    return centre_condition(T.c.centre_id, scope, Filters())


def owning_centre(centres: Iterable[str]) -> str | None:
    """The centre a scenario belongs to: the one its interventions name, else NULL."""
    unique = sorted(set(centres))
    return unique[0] if len(unique) == 1 else None


def save(scope: Scope, name: str, inputs_json: str, centres: Iterable[str],
         result: dict | None = None, engine: sa.Engine | None = None,
         prediction: pd.DataFrame | None = None) -> int:
    """Store a scenario owned by the signed-in user; return its id. ``prediction`` (the
    run's weekly prediction, :data:`data_access.stores.predictions.COLUMNS`) goes into the
    prediction log in the same transaction."""
    name = clean_text(name or "").strip()
    if not name:
        raise ValueError("시나리오 이름을 입력하세요 / enter a scenario name")
    if len(name) > MAX_NAME:
        raise ValueError(f"시나리오 이름이 너무 깁니다 ({len(name)}자, 최대 {MAX_NAME}자) / "
                         f"scenario name too long ({len(name)} characters, at most {MAX_NAME})")
    if len(inputs_json) > MAX_INPUTS:
        raise ValueError("시나리오 입력이 너무 큽니다 / scenario inputs too large")
    json.loads(inputs_json)  # must be valid JSON
    centre_list = sorted(set(centres))
    denied = [c for c in centre_list if not scope.allows(c)]
    if scope.is_empty or denied or (not centre_list and not scope.all_centres):
        who = ", ".join(denied) or "-"
        raise ScopeError(f"이 센터의 시나리오를 저장할 권한이 없습니다: {who} / "
                         f"not allowed to save scenarios for {', '.join(denied) or 'no centre'}")
    centre = owning_centre(centre_list)
    if centre is None and not scope.all_centres:
        raise ScopeError("여러 센터에 걸친 시나리오는 본부만 저장할 수 있습니다 / only "
                         "headquarters can save scenarios spanning several centres")
    row = dict(name=name, owner=scope.user or "-", centre_id=centre, inputs_json=inputs_json,
               result_json=json.dumps(result, ensure_ascii=False, default=str)
               if result is not None else None, created_at=_now())
    eng = _engine(engine)
    if prediction is not None:
        ensure_tables(eng)  # a database made before the prediction log gets its table
    with eng.begin() as conn:
        new_id = conn.execute(T.insert().values(**row).returning(T.c.scenario_id)
                              ).scalar_one()
        if prediction is not None:
            predictions.write(conn, int(new_id), prediction, row["created_at"])
    return int(new_id)


def list_saved(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """Scenarios the scope may see, newest first."""
    stmt = (sa.select(*(T.c[c] for c in LIST_COLUMNS)).where(_visible(scope))
            .order_by(T.c.created_at.desc(), T.c.scenario_id.desc()))
    return read_frame(engine, stmt)


def load(scope: Scope, scenario_id: int, engine: sa.Engine | None = None) -> dict | None:
    """One scenario (inputs and stored result) if the scope may see it, else None."""
    stmt = sa.select(T).where(T.c.scenario_id == int(scenario_id), _visible(scope))
    with _engine(engine).connect() as conn:
        row = conn.execute(stmt).mappings().first()
    if row is None:
        return None
    out = dict(row)
    out["result"] = json.loads(out["result_json"]) if out.get("result_json") else None
    return out


def delete(scope: Scope, scenario_id: int, engine: sa.Engine | None = None) -> bool:
    """Delete a scenario the user owns and may see; True if a row went."""
    stmt = T.delete().where(T.c.scenario_id == int(scenario_id), _visible(scope),
                            T.c.owner == (scope.user or "-"))
    eng = _engine(engine)
    with eng.begin() as conn:
        gone = conn.execute(stmt).rowcount > 0
        if gone and sa.inspect(conn).has_table(s.scenario_prediction.name):
            conn.execute(s.scenario_prediction.delete().where(
                s.scenario_prediction.c.scenario_id == int(scenario_id)))
        return gone
