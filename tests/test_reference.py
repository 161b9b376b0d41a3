"""Integrity checks for the reference CSVs and the matching helpers in reference.py.

The CSVs are hand-maintained facts; these tests catch the mistakes that are easy to make
when editing them (a district left without a centre, a code typed into the wrong region,
a marker dropped in the sea off the wrong coast) and pin down the code-scheme collisions
that :func:`match_region` exists to handle.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.reference import regions as ref

SECTORS = {"SEMI", "SHIP", "AUTO", "APPL", "ROOT", "IT", "HEALTH", "HOTEL", "LOGI"}
KINDS = {"자치구", "시", "군", "일반구", "행정시", "특별자치시"}


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return ref.regions()


@pytest.fixture(scope="module")
def sigungu() -> pd.DataFrame:
    return ref.sigungu()


@pytest.fixture(scope="module")
def centres() -> pd.DataFrame:
    return ref.centres()


# --- regions -----------------------------------------------------------------------------


def test_reference_dir_exists() -> None:
    assert ref.REFERENCE_DIR.is_dir()
    assert ref.REFERENCE_DIR.parts[-2:] == ("data", "reference")


def test_seventeen_regions_with_unique_codes(regions: pd.DataFrame) -> None:
    assert len(regions) == 17
    for column in ("code", "name_ko", "full_name_ko", "name_en", "census_code"):
        assert regions[column].is_unique, column
    assert regions["code"].str.fullmatch(r"\d{2}").all()
    assert regions["census_code"].str.fullmatch(r"\d{2}").all()


def test_region_codes_are_strings_with_expected_values(regions: pd.DataFrame) -> None:
    by_code = regions.set_index("code")
    assert by_code.loc["51", "full_name_ko"] == "강원특별자치도"
    assert by_code.loc["51", "former_codes"] == "42"
    assert by_code.loc["52", "former_names"] == "전라북도"
    assert by_code.loc["50", "former_names"] == "제주도"
    assert by_code.loc["26", "census_code"] == "21"
    assert by_code.loc["31", "census_code"] == "26"


def test_caches_return_copies() -> None:
    first = ref.regions()
    first.loc[0, "name_ko"] = "changed"
    assert ref.regions().loc[0, "name_ko"] != "changed"
    second = ref.centres()
    second["jurisdiction"] = ""
    assert (ref.centres()["jurisdiction"] != "").all()


# --- sigungu -----------------------------------------------------------------------------


def test_sigungu_codes(sigungu: pd.DataFrame, regions: pd.DataFrame) -> None:
    assert 240 <= len(sigungu) <= 280
    assert sigungu["code"].is_unique
    assert sigungu["code"].str.fullmatch(r"\d{5}").all()
    assert set(sigungu["region_code"]) == set(regions["code"])
    assert (sigungu["code"].str[:2] == sigungu["region_code"]).all()
    assert set(sigungu["kind"]) <= KINDS


def test_parent_codes(sigungu: pd.DataFrame) -> None:
    kinds = sigungu.set_index("code")["kind"]
    gu = sigungu[sigungu["kind"] == "일반구"]
    assert len(gu) > 0
    assert (gu["parent_code"] != "").all()
    for parent in gu["parent_code"]:
        assert kinds.get(parent) == "시", parent
    assert (sigungu.loc[sigungu["kind"] != "일반구", "parent_code"] == "").all()
    # 일반구 are named after their city: "수원시 장안구".
    names = sigungu.set_index("code")["name_ko"]
    for row in gu.itertuples():
        assert row.name_ko.startswith(names[row.parent_code] + " "), row.name_ko


def test_known_sigungu(sigungu: pd.DataFrame) -> None:
    rows = sigungu.set_index("code")
    assert rows.loc["41111", "name_ko"] == "수원시 장안구"
    assert rows.loc["27720", "name_ko"] == "군위군"
    assert rows.loc["27720", "former_codes"] == "47720"
    assert rows.loc["28177", "former_codes"] == "28170"
    assert rows.loc["36110", "kind"] == "특별자치시"
    assert set(rows.loc[["50110", "50130"], "kind"]) == {"행정시"}
    for code in ("41192", "41194", "41196"):
        assert rows.loc[code, "parent_code"] == "41190"
    assert "47720" not in rows.index
    assert not sigungu["code"].str.startswith(("42", "45")).any()


def test_former_codes_are_retired(sigungu: pd.DataFrame) -> None:
    current = set(sigungu["code"])
    former = [c for cell in sigungu["former_codes"] for c in ref.split_cell(cell)]
    assert len(former) == len(set(former))
    assert not current & set(former)
    gangwon = sigungu[sigungu["region_code"] == "51"]
    assert (gangwon["former_codes"] == "42" + gangwon["code"].str[2:]).all()
    jeonbuk = sigungu[sigungu["region_code"] == "52"]
    assert (jeonbuk["former_codes"] == "45" + jeonbuk["code"].str[2:]).all()


def test_coordinates_inside_korea(
    regions: pd.DataFrame, sigungu: pd.DataFrame, centres: pd.DataFrame
) -> None:
    for df in (regions, sigungu, centres):
        assert df["lat"].between(33.0, 38.7).all()
        assert df["lon"].between(124.5, 131.0).all()


def test_sigungu_near_their_region(sigungu: pd.DataFrame, regions: pd.DataFrame) -> None:
    """Each district lies within ~1.6° of its 시도 centroid (울릉 is the far outlier)."""
    centre = regions.set_index("code")[["lat", "lon"]]
    joined = sigungu.merge(
        centre, left_on="region_code", right_index=True, suffixes=("", "_region")
    )
    far = joined[
        ((joined["lat"] - joined["lat_region"]).abs() > 1.6)
        | ((joined["lon"] - joined["lon_region"]).abs() > 2.1)
    ]
    assert far.empty, far[["code", "name_ko"]]


# --- centres -----------------------------------------------------------------------------


def test_centre_ids(centres: pd.DataFrame) -> None:
    assert len(centres) >= 50
    assert centres["centre_id"].is_unique
    assert centres["centre_id"].str.fullmatch(r"[a-z]+(_[a-z]+)*").all()
    assert centres["short_name_ko"].is_unique
    assert centres["name_ko"].is_unique
    for row in centres.itertuples():
        assert row.name_ko.startswith(row.short_name_ko)


def test_required_centres_present(centres: pd.DataFrame) -> None:
    required = [
        "서울",
        "서울강남",
        "서울동부",
        "서울서부",
        "서울남부",
        "서울북부",
        "서울관악",
        "서울강서",
        "부산",
        "부산북부",
        "부산동래",
        "울산",
        "창원",
        "김해",
        "양산",
        "진주",
        "통영",
        "거제",
        "대구",
        "대구서부",
        "포항",
        "구미",
        "경산",
        "안동",
        "인천",
        "인천북부",
        "부천",
        "의정부",
        "고양",
        "수원",
        "성남",
        "안양",
        "안산",
        "평택",
        "용인",
        "화성",
        "광주",
        "목포",
        "여수",
        "순천",
        "전주",
        "익산",
        "군산",
        "제주",
        "대전",
        "천안",
        "청주",
        "충주",
        "보령",
        "서산",
        "세종",
        "춘천",
        "원주",
        "강릉",
    ]
    assert set(required) <= set(centres["short_name_ko"])


def test_every_district_has_exactly_one_centre(
    sigungu: pd.DataFrame, centres: pd.DataFrame
) -> None:
    pairs = ref.centre_jurisdiction()
    assert list(pairs.columns) == ["centre_id", "sigungu_code"]
    counts = pairs["sigungu_code"].value_counts()
    assert (counts == 1).all(), counts[counts > 1]
    served = sigungu[sigungu["kind"] != "일반구"]["code"]
    assert set(pairs["sigungu_code"]) == set(served)
    gu = set(sigungu.loc[sigungu["kind"] == "일반구", "code"])
    assert not gu & set(pairs["sigungu_code"])
    assert set(pairs["centre_id"]) == set(centres["centre_id"])


def test_jurisdiction_inside_centre_region(sigungu: pd.DataFrame, centres: pd.DataFrame) -> None:
    pairs = ref.centre_jurisdiction()
    region_of_district = sigungu.set_index("code")["region_code"]
    region_of_centre = centres.set_index("centre_id")["region_code"]
    assert pairs["sigungu_code"].isin(region_of_district.index).all()
    mismatched = pairs[
        pairs["sigungu_code"].map(region_of_district) != pairs["centre_id"].map(region_of_centre)
    ]
    assert mismatched.empty, mismatched


def test_centre_near_its_jurisdiction(sigungu: pd.DataFrame, centres: pd.DataFrame) -> None:
    """Gross-error check: a centre lies within ~0.6° of its districts' mean centroid.

    The tolerance is 0.75° in latitude because 포항 serves 울릉군, which drags the mean
    of its four districts ~0.7° out to sea.
    """
    pairs = ref.centre_jurisdiction().merge(
        sigungu[["code", "lat", "lon"]], left_on="sigungu_code", right_on="code"
    )
    means = pairs.groupby("centre_id")[["lat", "lon"]].mean()
    joined = centres.set_index("centre_id")[["lat", "lon"]].merge(
        means, left_index=True, right_index=True, suffixes=("", "_mean")
    )
    far = joined[
        ((joined["lat"] - joined["lat_mean"]).abs() > 0.75)
        | ((joined["lon"] - joined["lon_mean"]).abs() > 0.6)
    ]
    assert far.empty, far


def test_pilot_flags(centres: pd.DataFrame) -> None:
    by_name = centres.set_index("short_name_ko")
    assert set(centres["pilot_employer"]) <= {0, 1}
    assert set(centres["pilot_seeker"]) <= {0, 1}
    employer = set(by_name.index[by_name["pilot_employer"] == 1])
    seeker = set(by_name.index[by_name["pilot_seeker"] == 1])
    assert employer == {
        "서울",
        "서울남부",
        "인천",
        "안산",
        "부산",
        "대구",
        "대구서부",
        "전주",
        "천안",
    }
    assert seeker == {"서울", "인천", "부산", "대구", "광주", "대전"}


def test_focus_sectors(centres: pd.DataFrame) -> None:
    sectors = {
        row.short_name_ko: set(ref.split_cell(row.focus_sectors)) for row in centres.itertuples()
    }
    for name, codes in sectors.items():
        assert codes <= SECTORS, (name, codes)
    required = {
        "천안": {"SEMI"},
        "부산": {"SHIP"},
        "울산": {"SHIP", "AUTO"},
        "거제": {"SHIP"},
        "통영": {"SHIP"},
        "서울남부": {"IT", "HEALTH"},
        "안산": {"ROOT"},
        "대구": {"ROOT"},
        "전주": {"ROOT"},
        "광주": {"APPL", "AUTO", "IT"},
        "부산동래": {"HOTEL"},
    }
    for name, codes in required.items():
        assert codes <= sectors[name], name


def test_dtypes(centres: pd.DataFrame, sigungu: pd.DataFrame) -> None:
    assert centres["lat"].dtype == float
    assert pd.api.types.is_integer_dtype(centres["pilot_employer"])
    assert pd.api.types.is_string_dtype(sigungu["code"]) or sigungu["code"].dtype == object
    assert sigungu.loc[sigungu["code"] == "11110", "code"].iloc[0] == "11110"


# --- normalise_region_name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울특별시", "서울"),
        ("서울시", "서울"),
        ("서울", "서울"),
        (" 서울 특별시 ", "서울"),
        ("부산광역시", "부산"),
        ("강원도", "강원"),
        ("강원특별자치도", "강원"),
        ("강원", "강원"),
        ("전라북도", "전북"),
        ("전북특별자치도", "전북"),
        ("전북", "전북"),
        ("전라남도", "전남"),
        ("충청남도", "충남"),
        ("충청북도", "충북"),
        ("경상북도", "경북"),
        ("경상남도", "경남"),
        ("경기도", "경기"),
        ("제주특별자치도", "제주"),
        ("제주도", "제주"),
        ("세종특별자치시", "세종"),
        ("세종시", "세종"),
        ("  없는곳 ", "없는곳"),
    ],
)
def test_normalise_region_name(text: str, expected: str) -> None:
    assert ref.normalise_region_name(text) == expected


# --- match_region ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "scheme", "expected"),
    [
        # current 행정표준코드, in any numeric form
        ("11", "admin", "11"),
        ("51", "admin", "51"),
        ("52", "admin", "52"),
        (11, "admin", "11"),
        (11.0, "admin", "11"),
        ("11.0", "admin", "11"),
        (" 26 ", "admin", "26"),
        # retired codes
        ("42", "admin", "51"),
        ("45", "admin", "52"),
        (42, "admin", "51"),
        # census codes
        ("11", "census", "11"),
        ("21", "census", "26"),
        ("32", "census", "51"),
        ("35", "census", "52"),
        ("39", "census", "50"),
        (21.0, "census", "26"),
        # collisions: same digits, different region per scheme
        ("26", "admin", "26"),
        ("26", "census", "31"),
        ("31", "admin", "31"),
        ("31", "census", "41"),
        ("29", "admin", "29"),
        ("29", "census", "36"),
        ("36", "admin", "36"),
        ("36", "census", "46"),
        # codes that exist only in the other scheme
        ("21", "admin", None),
        ("42", "census", None),
        ("50", "census", None),
        ("99", "admin", None),
        # names match under either scheme
        ("서울", "admin", "11"),
        ("서울특별시", "census", "11"),
        ("강원도", "admin", "51"),
        ("강원특별자치도", "census", "51"),
        ("전라북도", "admin", "52"),
        ("전북특별자치도", "admin", "52"),
        ("제주도", "admin", "50"),
        ("세종특별자치시", "admin", "36"),
        ("경상남도", "admin", "48"),
        ("광주광역시", "admin", "29"),
        ("Seoul", "admin", "11"),
        ("SEOUL", "census", "11"),
        ("gangwon", "admin", "51"),
        ("Gyeonggi-do", "admin", "41"),
        ("Jeollabuk-do", "admin", "52"),
        ("Jeonbuk State", "admin", "52"),
        ("Busan Metropolitan City", "admin", "26"),
        ("Jeju Special Self-Governing Province", "admin", "50"),
        ("North Chungcheong", "admin", "43"),
        # rubbish
        ("", "admin", None),
        (None, "admin", None),
        (float("nan"), "admin", None),
        ("Atlantis", "admin", None),
        ("11110", "admin", None),
        (11.5, "admin", None),
    ],
)
def test_match_region(value: object, scheme: str, expected: str | None) -> None:
    assert ref.match_region(value, scheme=scheme) == expected


def test_match_region_every_row(regions: pd.DataFrame) -> None:
    for row in regions.itertuples():
        assert ref.match_region(row.code) == row.code
        assert ref.match_region(row.census_code, scheme="census") == row.code
        for value in (row.name_ko, row.full_name_ko, row.name_en, row.name_en.lower()):
            assert ref.match_region(value) == row.code, value
        for former in ref.split_cell(row.former_codes):
            assert ref.match_region(former) == row.code
        for former in ref.split_cell(row.former_names):
            assert ref.match_region(former) == row.code


def test_match_region_rejects_unknown_scheme() -> None:
    with pytest.raises(ValueError):
        ref.match_region("11", scheme="kostat")


# --- match_sigungu -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "region", "expected"),
    [
        # codes, current and retired
        ("11110", None, "11110"),
        (11110, None, "11110"),
        ("11110.0", None, "11110"),
        ("1111010100", None, "11110"),
        ("42110", None, "51110"),
        ("45110", None, "52110"),
        ("45111", None, "52111"),
        ("47720", None, "27720"),
        ("28170", None, "28177"),
        ("99999", None, None),
        # 중구 exists in six regions
        ("중구", None, None),
        ("중구", "11", "11140"),
        ("중구", "서울", "11140"),
        ("중구", "26", "26110"),
        ("중구", "인천광역시", "28110"),
        ("서울 중구", None, "11140"),
        ("서울특별시 중구", None, "11140"),
        ("서울 중구", "26", None),
        # 일반구 forms
        ("수원시 장안구", None, "41111"),
        ("수원시장안구", None, "41111"),
        ("장안구", "41", "41111"),
        ("장안구", "경기도", "41111"),
        ("경기도 수원시 장안구", None, "41111"),
        ("남구", "47", "47111"),
        ("남구", "26", "26290"),
        ("남구", None, None),
        ("원미구", "41", "41192"),
        # plain names and region moves
        ("종로구", None, "11110"),
        ("미추홀구", None, "28177"),
        ("군위군", None, "27720"),
        ("군위군", "27", "27720"),
        ("군위군", "47", "27720"),
        ("경상북도 군위군", None, "27720"),
        ("고성군", None, None),
        ("고성군", "강원도", "51820"),
        ("고성군", "42", "51820"),
        ("고성군", "48", "48820"),
        ("춘천시", None, "51110"),
        ("광주시", None, "41610"),
        ("광주", None, None),
        ("수원", None, "41110"),
        ("세종", None, "36110"),
        ("세종특별자치시", None, "36110"),
        ("제주시", None, "50110"),
        ("종로구", "26", None),
        ("없는구", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_match_sigungu(value: object, region: str | None, expected: str | None) -> None:
    assert ref.match_sigungu(value, region_code=region) == expected


def test_match_sigungu_every_row(sigungu: pd.DataFrame) -> None:
    for row in sigungu.itertuples():
        assert ref.match_sigungu(row.code) == row.code
        assert ref.match_sigungu(row.name_ko, region_code=row.region_code) == row.code
        for former in ref.split_cell(row.former_codes):
            assert ref.match_sigungu(former) == row.code
