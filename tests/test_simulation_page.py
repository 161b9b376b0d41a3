"""AppTest: the 시뮬레이션 page runs a scenario, shows intervals and labelled priors,
saves it, reopens it from the URL (scope-checked) and compares scenarios."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope
from data_access.stores import scenarios
from publish.i18n import t

BUSAN = {"area": "c:busan"}
PAGE = "app_pages/simulator.py"


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.label == t(key))


def _texts(at: AppTest) -> list[str]:
    return [x.value for x in at.text]


def test_run_save_reopen_and_compare(app, db_url):
    at = app("centre:busan", BUSAN).run()
    at.switch_page(PAGE).run()
    _clean(at)
    assert at.title[0].value == t("page.simulator")
    at.text_input(key="sim_name_in").input("<script>alert(1)</script> 조선 박람회")
    _button(at, "sim.run").click().run()
    _clean(at)
    # intervals, never a lone number: the headline tiles read "a ~ b"
    headline = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert any("~" in h and "명" in h for h in headline), headline
    assert "<script>alert(1)</script> 조선 박람회" in _texts(at)  # the name, as text
    assert not any("<script>" in m.value for m in at.markdown)
    # the priors table (the page's last table is now the many-worlds validation)
    priors = next(df.value for df in at.dataframe if t("sim.col.basis") in df.value.columns)
    assert set(priors[t("sim.col.basis")]) <= {t("sim.label.foreign"), t("sim.label.history")}
    _button(at, "sim.save").click().run()
    _clean(at)
    sid = at.query_params["scenario"][0] if isinstance(at.query_params["scenario"], list) \
        else at.query_params["scenario"]
    assert any(t("sim.saved") in s.value for s in at.success)
    row = scenarios.load(Scope.for_centres({"busan"}), int(sid), get_engine(db_url))
    assert row["owner"] == "demo-busan" and row["centre_id"] == "busan"
    assert row["result"]["extra_hires"]["q10"] <= row["result"]["extra_hires"]["q90"]

    # the URL reopens it in a new session, with its result
    again = app("centre:busan", BUSAN | {"scenario": sid}).run()
    again.switch_page(PAGE).run()
    _clean(again)
    assert again.text_input(key="sim_name_in").value == "<script>alert(1)</script> 조선 박람회"
    assert "<script>alert(1)</script> 조선 박람회" in _texts(again)

    # compare it with a second saved scenario, side by side
    again.text_input(key="sim_name_in").input("13주 안")
    again.radio(key="sim_horizon_in").set_value(13)
    _button(again, "sim.run").click().run()
    _button(again, "sim.save").click().run()
    _clean(again)
    again.multiselect(key="sim_compare").set_value([sid]).run()
    _clean(again)
    shown = _texts(again)
    assert f"{t('sim.compare_current')}: 13주 안" in shown
    assert f"#{sid} <script>alert(1)</script> 조선 박람회" in shown


def test_someone_elses_scenario_does_not_open(app, db_url):
    sc_json = ('{"draws": 1000, "horizon": 26, "interventions": [{"centre_id": "busan", '
               '"industry_code": "SHIP", "kind": "hiring_fair", "size": 100, '
               '"target_group": null, "unit_cost": 4.0, "week": 1}], "name": "부산 안", '
               '"seed": 1}')
    sid = scenarios.save(Scope.for_centres({"busan"}, user="kim"), "부산 안", sc_json,
                         ["busan"], engine=get_engine(db_url))
    at = app("centre:gwangju", {"area": "c:gwangju", "scenario": str(sid)}).run()
    at.switch_page(PAGE).run()
    _clean(at)
    assert any(t("sim.not_found") in w.value for w in at.warning)
    assert "부산 안" not in _texts(at)


def test_validation_figures_come_from_the_cli_and_the_page_never_runs_it(app, monkeypatch,
                                                                         tmp_path):
    from simulation import backtest
    monkeypatch.setattr(backtest, "DATA_DIR", tmp_path)  # keep the repo's data/ clean
    at = app("hq").run()
    at.switch_page(PAGE).run()
    _clean(at)
    # no figures yet: the page names the command; there is no button that runs minutes
    assert any("python -m simulation.backtest --save" in i.value for i in at.info)
    assert not [b for b in at.button if "검증" in b.label or "alidation" in b.label]
    # what `python -m simulation.backtest --save` leaves is shown as it was saved
    backtest.save({"event_coverage_80": 0.8123, "placebo_zero_share": 0.95,
                   "wape_improvement": 0.31, "events_predicted": 120, "placebos": 40,
                   "wape_improvement_by_horizon": {"4": 0.3, "13": 0.31}},
                  backtest.saved_path())
    at = app("hq").run()
    at.switch_page(PAGE).run()
    _clean(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("sim.coverage")] == "81.2%" and shown[t("sim.placebo")] == "95.0%"
    # a centre user sees the saved figures too
    centre = app("centre:busan", BUSAN).run()
    centre.switch_page(PAGE).run()
    assert t("sim.coverage") in [m.label for m in centre.metric]


def test_english_toggle_covers_the_result_tables(app):
    at = app("centre:busan", {**BUSAN, "lang": "en"}).run()
    at.switch_page(PAGE).run()
    _clean(at)
    next(b for b in at.button if b.label == t("sim.run", "en")).click().run()
    _clean(at)
    headers = [c for df in at.dataframe for c in df.value.columns]
    assert "Basis" in headers and "Net effect (mean ± sd)" in headers
    assert "Baseline hires" in headers
    hangul = [c for c in headers if any("가" <= ch <= "힣" for ch in str(c))]
    assert not hangul, hangul
    priors = next(df.value for df in at.dataframe if "Unit" in df.value.columns)
    assert all(u.startswith("net per") for u in priors["Unit"])


def test_the_first_row_follows_the_sidebar_and_the_centres_history(app, db_url):
    """거제 with ★조선 in the sidebar: the first row is a 조선 fair no bigger than the
    centre's own past fairs allow without a warning, starting in a named week."""
    at = app("hq", {"area": "c:geoje", "industry": "SHIP"}).run()
    at.switch_page(PAGE).run()
    _clean(at)
    (row,) = at.session_state["sim_rows"]
    assert row["industry_code"] == "SHIP" and row["centre_id"] == "geoje"
    assert 0 < row["size"] <= 300
    _button(at, "sim.run").click().run()
    _clean(at)
    assert not [w for w in at.warning if "1.5" in w.value]


def test_a_coverage_note_is_said_once_per_row_with_names(app, db_url):
    """Three identical oversized fairs give one note, naming the kind, centre and industry
    in the page's language instead of codes."""
    fair = dict(kind="hiring_fair", centre_id="geoje", industry_code="SHIP", target_group="",
                week=2, size=50_000.0, unit_cost=4.0)
    at = app("hq", {"area": "c:geoje", "industry": "SHIP"})
    at.session_state["sim_rows"] = [fair, dict(fair, week=3), dict(fair, week=2)]
    at.run()
    at.switch_page(PAGE).run()
    _button(at, "sim.run").click().run()
    _clean(at)
    notes = [w.value for w in at.warning if "1.5배" in w.value]
    assert len(notes) == 1, notes
    assert notes[0].startswith(f"{t('sim.kind.hiring_fair')} · 거제 · 조선: 규모 50,000")
    assert "hiring_fair" not in notes[0] and "SHIP" not in notes[0]


def _why(at: AppTest, language: str = "ko") -> tuple[str, pd.DataFrame]:
    intro = t("sim.why.s.intro", language).split("{")[0]
    paragraph = next(m.value for m in at.markdown if m.value.startswith(intro))
    table = next(df.value for df in at.dataframe
                 if t("sim.why.col.basis", language) in df.value.columns)
    return paragraph, table


def test_why_this_number_adds_up_to_the_median_in_the_pages_language(app, db_url):
    """Three 조선 fairs and a mentoring cohort in 거제: the paragraph names the median and
    reconciles it with the assumptions table's product; the steps in the table add up to
    that median (each shown to 0.1); in English not a word of it is Korean."""
    fair = dict(kind="hiring_fair", centre_id="geoje", industry_code="SHIP", target_group="",
                week=2, size=300.0, unit_cost=4.0)
    rows = [fair, dict(fair, week=6), dict(fair, week=10),
            dict(fair, kind="mentoring", size=30.0, unit_cost=30.0)]
    for language in ("ko", "en"):
        params = {"area": "c:geoje", "industry": "SHIP"} | ({"lang": "en"} if language == "en"
                                                            else {})
        at = app("hq", params)
        at.session_state["sim_rows"] = rows
        at.run()
        at.switch_page(PAGE).run()
        next(b for b in at.button if b.label == t("sim.run", language)).click().run()
        _clean(at)
        paragraph, table = _why(at, language)
        values = table[t("sim.why.col.value", language)].map(
            lambda v: float(str(v).replace(",", ""))).to_numpy()
        shown = [s for s in paragraph.replace("명", " ").split() if s[:1].isdigit()]
        median = float(shown[0].rstrip("."))
        assert abs(values.sum() - median) <= 0.05 * len(values) + 0.05, (values, median)
        assert t("sim.why.s.table", language).split("{")[0] in paragraph
        # 300 attendees at a test-scale centre are far more than its open vacancies: the
        # weeks where the cap binds are listed under the table, by row
        capped = [c.value for c in at.caption
                  if c.value.startswith(t("sim.why.cap_title", language))]
        assert capped and "#1 " in capped[0], capped
        assert any(c.startswith(t("sim.why.col.row", language)) for c in table.columns)
        if language == "en":
            text = paragraph + " ".join(table.astype(str).to_numpy().ravel())
            hangul = sorted({w for w in text.split() if any("가" <= ch <= "힣" for ch in w)})
            assert not hangul, hangul
