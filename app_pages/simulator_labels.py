"""Names the simulator's editor and results both show: intervention kinds, centres,
industries, target groups and interval bands, in the page's language.

The editor maps these labels back to codes, so the results must use exactly the same
ones; keeping them in one module is what guarantees that.
"""

from __future__ import annotations

from data_access.privacy.scope import Scope
from data_access.reference import taxonomy as tx
from data_access.reference.regions import centres
from ui import data
from ui.filters import lang, tr


def kind_label(kind: str) -> str:
    return tr(f"sim.kind.{kind}")


def _name_column() -> str:
    """Short Korean names ("거제") or the English ones ("Geoje") by the page's language."""
    return "name_en" if lang() == "en" else "short_name_ko"


def centre_names(scope: Scope) -> dict[str, str]:
    """Centres the editor may offer: only those ``scope`` can see."""
    c = data.visible_centres(scope)
    if _name_column() not in c.columns:  # a query that returns Korean names only
        c = c.merge(centres()[["centre_id", _name_column()]], on="centre_id", how="left",
                    suffixes=("_x", ""))
    return dict(zip(c["centre_id"], c[_name_column()], strict=True))


def all_centre_names() -> dict[str, str]:
    """Every centre's short name (reference data), for labelling result rows."""
    c = centres()
    return dict(zip(c["centre_id"], c[_name_column()], strict=True))


def unit(korean: str) -> str:
    """A unit as the page's language writes it: "명" in Korean, nothing (or words) in
    English, where "12명" would be the only Korean on the line."""
    if lang() != "en":
        return korean
    return {"명": "", "만원": " (10k KRW)", "일": " days", "%p": " pp"}.get(korean, korean)


def industry_names() -> dict[str, str]:
    return {i.code: (i.name_en if lang() == "en" else i.name_ko) for i in tx.INDUSTRIES}


def group_names() -> dict[str, str]:
    return {"": "-"} | {g.code: (g.name_en if lang() == "en" else g.name_ko)
                        for g in tx.TARGET_GROUPS}


def band_labels() -> tuple[str, str, str]:
    return tr("sim.interval95"), tr("sim.interval80"), tr("sim.median")


def note_text(note) -> str:
    """A coverage note (``simulation.model.Note``) as one sentence in the page's language,
    with the kind, centre and industry by name."""
    where = (f"{kind_label(note.kind)} · {all_centre_names().get(note.centre_id, note.centre_id)}"
             f" · {industry_names().get(note.industry_code, note.industry_code)}")
    values = {k: f"{v:,.0f}" for k, v in note.values}
    return f"{where}: {tr(f'sim.note.{note.code}').format(**values)}"
