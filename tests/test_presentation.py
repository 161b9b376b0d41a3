"""Presentation mode outside the browser: charts at projector size."""

from __future__ import annotations


def test_presentation_mode_draws_charts_at_projector_size(monkeypatch):
    """Pages build every chart through ui.figcache.figure: in presentation mode it asks the
    chart function for its large version (CSS zoom would break plotly's label margins and
    click positions, so the charts themselves grow)."""
    import pandas as pd

    from charts.funnel import stage_funnel
    from charts.kpi import sparkline
    from ui import figcache, presentation

    calls: list[dict] = []
    monkeypatch.setattr(figcache, "_build",
                        lambda path, df, args, kwargs, language: calls.append(kwargs))
    df = pd.DataFrame()
    monkeypatch.setattr(presentation, "is_on", lambda: False)
    figcache.figure(stage_funnel, df, title="t")
    monkeypatch.setattr(presentation, "is_on", lambda: True)
    figcache.figure(stage_funnel, df, title="t")
    figcache.figure(sparkline, df, "week_start", "x")  # has no large version
    assert calls == [{"title": "t"}, {"title": "t", "large": True}, {}]
