"""A director's first week, walked in a real browser: every page a role can open, in
Korean and in English, read as a person reads it (the page's visible text and the words
drawn inside its charts). It fails on what a director must never see: a traceback, raw
values (``None``, ``nan``, ``True``), internal codes (``geoje``, ``SHIP``,
``hiring_fair``), ISO-week strings (``2026-W46``), and Korean in English mode outside
the few words that stay Korean on purpose and the 시군구 names, which the reference data
has only in Korean."""

from __future__ import annotations

import re

import pytest

from data_access.reference import taxonomy
from data_access.reference.region_tables import centres
from tests.browser_support import SCREENSHOTS, offline_page
from tests.test_lang import proper_names
from ui.registry import PAGES

pytestmark = pytest.mark.browser

# Korean that stays in English mode on purpose: the switch back to Korean, the demo
# banner (it says "demo" in both languages), the import template's literal example mark.
ALLOWED_KOREAN = ("한국어", "데모 / demo", "'예시)'", "예시)")
RAW_VALUE = re.compile(r"(?<![\w.])(None|nan|NaN|NaT|True|False|null|undefined)(?![\w.])")
ISO_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")
HANGUL = re.compile(r"[가-힣]+")
PROPER_NAMES = proper_names()


def _codes() -> re.Pattern:
    """Codes a person should never read: centre ids (lower case), industry, programme,
    target-group and event-kind codes as stored."""
    centre_ids = [c for c in centres()["centre_id"] if len(c) > 3]
    upper = [c for c in (*taxonomy.INDUSTRY_CODES, *(p.code for p in taxonomy.PROGRAMMES),
                         *(g.code for g in taxonomy.TARGET_GROUPS)) if len(c) >= 4]
    # event kinds as stored (``hiring_fair``); "training" or "mentoring" alone are English
    kinds = [k for k in taxonomy.EVENT_KINDS if "_" in k]
    words = sorted({*centre_ids, *upper, *kinds}, key=len, reverse=True)
    return re.compile(r"(?<![\w/.:=-])(" + "|".join(map(re.escape, words)) + r")(?![\w/.-])")


CODES = _codes()
# (demo account, language): the roles a director meets in the first week.
WALKS = [("hq", "ko"), ("centre:gwangju", "ko"), ("admin", "ko"),
         ("hq", "en"), ("office:busan", "en"), ("centre:gwangju", "en")]
ROLE_OF = {"hq": "hq", "admin": "admin"}

PLOT_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const out = [];
    const walk = (v) => {
        if (typeof v === 'string') { out.push(v); return; }
        if (Array.isArray(v) || ArrayBuffer.isView(v)) {
            for (const x of Array.from(v).slice(0, 400)) walk(x); return; }
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
            if (['customdata', 'geojson', 'ids', 'meta', 'uid', 'legendgroup', 'type',
                 'mode', 'hoverinfo', 'colorscale', 'fill', 'xaxis', 'yaxis', 'name',
                 'font', 'family', 'shape', 'line', 'marker', 'template'].includes(k)) continue;
            walk(x);
        }
    };
    for (const t of gd.data || []) walk(t);
    walk(gd.layout || {});
    return out.join('\\n');
}).join('\\n')"""


def _pages_for(account: str) -> list[str]:
    role = ROLE_OF.get(account, account.split(":")[0])
    return [p.url_path for p in PAGES if p.roles is None or role in p.roles]


def _open(page, base: str, path: str, account: str, lang: str) -> None:
    page.goto(f"{base}/{'' if path == 'brief' else path}?as={account}&lang={lang}",
              wait_until="domcontentloaded")
    _settled(page)


BUSY = ("[data-testid='stApp'][data-test-script-state='running'], "
        "[data-testid='stApp'][data-test-script-state='rerunRequested'], "
        "[data-testid='stApp'][data-test-script-state='initial'], "
        "[data-testid='stSpinner'], [data-testid='stStatusWidget']")


def _settled(page, quiet_ms: int = 2000, limit_ms: int = 150_000) -> None:
    """Wait until the page is drawn: a title, the script not running (the app root's
    script state; no spinner), and the main text and the number of charts unchanged for
    ``quiet_ms``. The running badge alone is not enough: it shows only after a delay, and
    a page that computes for seconds under a spinner keeps its text still meanwhile."""
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=limit_ms)
    last, stable, waited = None, 0, 0
    while stable < quiet_ms and waited < limit_ms:
        page.wait_for_timeout(250)
        waited += 250
        running = page.locator(BUSY).count() > 0
        now = (page.locator("[data-testid='stMain']").inner_text(),
               page.locator(".js-plotly-plot").count())
        stable = stable + 250 if now == last and not running else 0
        last = now


def _problems(text: str, lang: str) -> list[str]:
    found = [f"raw value {m!r}" for m in RAW_VALUE.findall(text)]
    found += [f"code {m!r}" for m in CODES.findall(text)]
    found += [f"ISO week {m!r}" for m in ISO_WEEK.findall(text)]
    if lang == "en":
        for line in text.splitlines():
            if any(a in line for a in ALLOWED_KOREAN):
                continue
            if any(w not in PROPER_NAMES for w in HANGUL.findall(line)):
                found.append(f"Korean {line.strip()[:80]!r}")
    return found


@pytest.mark.parametrize(("account", "lang"), WALKS, ids=[f"{a}-{lang}" for a, lang in WALKS])
def test_every_page_reads_clean_for_each_role_and_language(server, account, lang):
    base, chromium, _log = server
    problems: dict[str, list[str]] = {}
    with offline_page(chromium) as (page, blocked):
        for path in _pages_for(account):
            _open(page, base, path, account, lang)
            assert page.locator("[data-testid='stException']").count() == 0, (account, path)
            body = page.locator("[data-testid='stMain']").inner_text()
            side = page.locator("[data-testid='stSidebar']").inner_text()
            assert "Traceback" not in body, (account, path, body[:400])
            plots = page.evaluate(PLOT_TEXT_JS)
            found = _problems("\n".join((body, side, plots)), lang)
            if found:
                problems[path] = sorted(set(found))[:8]
            if lang == "en" or account != "hq":
                continue
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"walk_{account}_{path}.png"))
    assert blocked == []
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_walk_catches_what_it_looks_for():
    """The checks themselves: each kind of defect is found, clean text passes."""
    assert _problems("취업률 42.1 % · 2026년 46주 (11.9.–11.15.)", "ko") == []
    assert _problems("Placements 1,204 · Gwangju centre · week 46 of 2026", "en") == []
    assert _problems("기한 None", "ko") == ["raw value 'None'"]
    assert _problems("rate nan %", "ko") == ["raw value 'nan'"]
    assert _problems("small_base True", "ko") == ["raw value 'True'"]
    assert _problems("센터 geoje 조선", "ko") == ["code 'geoje'"]
    assert _problems("업종 SHIP", "ko") == ["code 'SHIP'"]
    assert _problems("hiring_fair 300명", "ko") == ["code 'hiring_fair'"]
    assert _problems("제기 주 2026-W49", "ko") == ["ISO week '2026-W49'"]
    assert _problems("This week 신규구인 up", "en") == ["Korean 'This week 신규구인 up'"]
    assert _problems("한국어", "en") == []
    assert _problems("<b>Gwangju · 광산구</b><br>9.4%", "en") == []
    assert _problems("<b>Gwangju · 광산구</b><br>순위 1/5", "en") != []


NOTE = {"ko": "필터는", "en": "filter does not apply"}


@pytest.mark.parametrize(("account", "lang"), [("hq", "ko"), ("centre:gwangju", "en")])
def test_a_filter_a_page_cannot_apply_is_said_on_the_page(server, account, lang):
    """A target group chosen in the filter bar cannot reach vacancies (they carry no
    target group): the brief's and the 인력난 page's vacancy figures say so beside them
    rather than showing the unfiltered numbers as if filtered."""
    base, chromium, _log = server
    with offline_page(chromium) as (page, blocked):
        for path in ("brief", "shortage"):
            page.goto(f"{base}/{'' if path == 'brief' else path}?as={account}&lang={lang}"
                      "&group=YOUTH", wait_until="domcontentloaded")
            _settled(page)
            body = page.locator("[data-testid='stMain']").inner_text()
            assert NOTE[lang] in body, (account, path, body[:300])
    assert blocked == []
