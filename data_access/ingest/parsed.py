"""What every parser hands on: the frames a file will write, their natural keys, the
source it refreshes and its as-of date.

Templates and official downloads produce the same shape, so the diff, the preview and the
commit (:mod:`data_access.ingest.store`) do not care which parser read the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Parsed:
    """What a file will write: frames per table, the source it refreshes and its as-of."""

    kind: str
    frames: dict[str, pd.DataFrame]
    keys: dict[str, tuple[str, ...]]
    source: str
    as_of: dt.date | None
    rows: int
    excel_rows: dict[str, list[int]] = field(default_factory=dict)  # per frame row
    key_headers: dict[str, str] = field(default_factory=dict)  # per table: key column header
