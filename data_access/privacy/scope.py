"""Who may see what (``Scope``) and what they chose to look at (``Filters``).

Every query takes both. ``Scope`` is built from the signed-in identity only (never from
the URL or a widget, which a user can edit): it denies by default — an empty scope sees
nothing — and is enforced inside data_access, so a page cannot forget it. ``Filters``
narrow within the scope and can never widen it. Both are frozen and hashable, so they
key the UI cache and one user's cached rows can never be served to another scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from data_access.reference import taxonomy as tx


@dataclass(frozen=True)
class Scope:
    """Centres the user may see in detail. ``all_centres`` is for headquarters only."""

    centres: frozenset[str] = frozenset()
    all_centres: bool = False
    user: str = ""
    role: str = ""

    @classmethod
    def national(cls, user: str = "system", role: str = "hq") -> Scope:
        return cls(all_centres=True, user=user, role=role)

    @classmethod
    def for_centres(cls, centres: set[str] | frozenset[str] | list[str], user: str = "",
                    role: str = "centre") -> Scope:
        return cls(centres=frozenset(centres), user=user, role=role)

    @property
    def is_empty(self) -> bool:
        return not self.all_centres and not self.centres

    def allows(self, centre_id: str) -> bool:
        return self.all_centres or centre_id in self.centres


@dataclass(frozen=True)
class Filters:
    """What the user chose. Empty values mean "everything the scope allows".

    ``week_from``/``week_to`` are Mondays of ISO weeks (inclusive); person-level facts are
    filtered on their event date from ``week_from`` to the Sunday after ``week_to``.
    """

    centres: tuple[str, ...] = ()
    region: str | None = None
    industry: str | None = None  # KSIC section letter or leaf code
    week_from: dt.date | None = None
    week_to: dt.date | None = None
    target_group: str | None = None
    programme: str | None = None

    def __post_init__(self) -> None:
        tx.industry_leaves(self.industry)  # raises on an unknown code
        if self.target_group and self.target_group not in tx.TARGET_GROUP_BY_CODE:
            raise ValueError(f"알 수 없는 대상 집단 / unknown target group: {self.target_group}")
        if self.programme and self.programme not in tx.PROGRAMME_BY_CODE:
            raise ValueError(f"알 수 없는 프로그램 / unknown programme: {self.programme}")
        if self.week_from and self.week_to and self.week_from > self.week_to:
            raise ValueError("시작 주가 끝 주보다 늦습니다 / week_from is after week_to")

    def with_(self, **changes: object) -> Filters:
        return replace(self, **changes)

    @classmethod
    def for_area(cls, area: str | None) -> Filters:
        """The area token of URLs and CLIs: ``c:<centre_id>``, ``r:<region code>``, or
        ``all``/absent for everything the scope allows. One reading, so a link and a
        scripted ranking mean the same place."""
        if not area or area == "all":
            return cls()
        if area.startswith("c:") and len(area) > 2:
            return cls(centres=(area[2:],))
        if area.startswith("r:") and len(area) > 2:
            return cls(region=area[2:])
        raise ValueError(f"지역 형식이 올바르지 않습니다: {area!r} (예: c:gwangju, r:29, all) / "
                         f"invalid area {area!r} (expected c:<centre>, r:<region> or all)")

    @property
    def date_to(self) -> dt.date | None:
        """Last day (Sunday) covered by ``week_to``."""
        return self.week_to + dt.timedelta(days=6) if self.week_to else None
