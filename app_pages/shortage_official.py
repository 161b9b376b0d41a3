"""The 인력난 page's card of imported official unfilled rates by 시도 (KOSIS and
고용행정통계 downloads), shown only when some were imported."""

from __future__ import annotations

from charts.bars import ranked_bar
from data_access.privacy.scope import Filters, Scope
from publish.format import period_label
from ui import data, figcache
from ui.blocks import chart_card
from ui.filters import lang, tr


def official_card(scope: Scope, filters: Filters) -> None:
    """Imported official unfilled rates by 시도, when any were imported."""
    df = data.official_unfilled(scope, filters)
    if df.empty:
        return
    period = period_label(df["period"].iloc[0], lang())
    fig = figcache.figure(ranked_bar, df, "region_name", "unfilled_rate",
                          title=f"{tr('ingest.official_title')} · {period}", unit="%")
    chart_card(fig, df, key="official_unfilled", metrics=["unfilled_rate"],
               notes=[tr("ingest.official_note")], source=tr("ingest.official_source"))
