"""The test suite cleans up after itself on PostgreSQL: the databases made through
``tests.conftest.fresh_database`` are in the same list the session's clean-up reads,
however conftest was imported."""

from __future__ import annotations

import sys

import tests.conftest


def test_one_list_of_created_databases_whichever_way_conftest_is_imported():
    loaded = sys.modules.get("conftest")  # pytest's own import of the file
    assert loaded is not None and loaded is not tests.conftest  # the two imports exist…
    assert loaded.CREATED_PG is tests.conftest.CREATED_PG  # …and share the one list
