"""Plotly chart builders for the dashboard: DataFrame (+ options) -> ``go.Figure``.

Pure functions with no Streamlit, SQL, file or network access, so they can be unit-tested
and render on the offline intranet. Pages import the submodules (``charts.bars``,
``charts.trend``, ...) directly; nothing is re-exported here.
"""
