"""The PostgreSQL databases this test process created, to drop when it ends.

pytest imports ``conftest.py`` as the module ``conftest`` while test modules import it
again as ``tests.conftest``: two module objects, so a list kept in conftest itself had
two copies and the session's clean-up only saw the fixtures' half — every database made
through ``tests.conftest.fresh_database`` was left behind. This module is only ever
imported as ``tests.created_databases``, so there is one list.
"""

from __future__ import annotations

import sqlalchemy as sa

CREATED: list[tuple[sa.URL, str]] = []
