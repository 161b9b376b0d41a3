"""A value nobody recognises gets the closest known name offered, a wrong kind gets none."""

from __future__ import annotations

import pytest

from data_access.ingest import normalise as nz
from data_access.ingest.problems import Problem

CENTRES = nz.CentreMatcher([("geoje", "거제고용센터", "거제", "Geoje"),
                            ("gwangju", "광주고용센터", "광주", "Gwangju")])


def _bad(call) -> nz.Bad:
    with pytest.raises(nz.Bad) as info:
        call()
    return info.value


def test_a_centre_typo_names_its_fix_in_both_languages():
    bad = _bad(lambda: CENTRES("거재고용센터"))
    p = Problem(bad.code, "f.csv", 3, "센터", bad.params)
    assert p.message_ko.endswith("혹시 '거제고용센터'을(를) 뜻했나요?")
    assert p.message_en.endswith("Did you mean '거제고용센터'?")


def test_nothing_close_means_no_guess():
    bad = _bad(lambda: CENTRES("12345"))
    assert bad.params["suggestion"] == ""
    assert "혹시" not in Problem(bad.code, "f.csv", 3, "센터", bad.params).message_ko


def test_industry_and_region_typos():
    assert _bad(lambda: nz.industry("반도채", leaf=True)).params["suggestion"] == "반도체"
    assert _bad(lambda: nz.region("경상남또")).params["suggestion"] == "경상남도"
