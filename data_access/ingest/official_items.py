"""What the columns of an official table measure: item labels and the keys they are stored
under, and the description of one value column.

Both official layouts (KOSIS and the Excel export) name items the same way
(``미충원인원 (명)``), so detection, the layout readers and the value reader share this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data_access.ingest import normalise as nz

# Item label (spacing removed) → stored key. Longest labels first when matching by
# containment so "신규구인인원" wins over "구인인원".
ITEM_KEYS: dict[str, str] = {
    "신규구인인원": "new_vacancies", "신규구직건수": "new_seekers", "신규구직자수": "new_seekers",
    "취업건수": "placements", "취업자수": "placements", "알선건수": "referrals",
    "미충원인원": "unfilled", "미충원율": "unfilled_rate", "구인인원": "vacancies",
    "채용인원": "hires", "충원인원": "hires", "부족인원": "shortage", "인력부족률": "shortage_rate",
    "현원": "workforce", "구인배수": "offers_per_seeker", "취업률": "placement_rate",
    "채용계획인원": "planned_hires",
}


@dataclass
class ValueCol:
    """One column of values: where it is, its header for messages, its period and item."""

    index: int
    header: str  # as shown in messages
    period: str | None
    period_end: object
    item: str
    item_label: str
    unit: str


def item_of(label: str) -> tuple[str, str, str]:
    """``"미충원인원 (명)"`` → (``unfilled``, ``미충원인원``, ``명``)."""
    text = str(label).strip()
    m = re.match(r"^(.*?)\s*[(\[（]\s*([^)\]）]*)\s*[)\]）]\s*$", text)
    name, unit = (m.group(1), m.group(2)) if m else (text, "")
    key = nz.compact(name)
    if key in ITEM_KEYS:
        return ITEM_KEYS[key], name.strip(), unit
    for label_, code in sorted(ITEM_KEYS.items(), key=lambda kv: -len(kv[0])):
        if label_ in key:
            return code, name.strip(), unit
    return key[:40], name.strip()[:80], unit[:20]
