"""Everything that touches the database: configuration, schema, queries, generation.

Plain Python (no Streamlit) so the same code serves pages, CLIs, notebooks and the
benchmark. Pages call the functions in :mod:`data_access.queries`.
"""
