"""Real browser: OIDC sign-in through ``st.login`` against a mock identity provider the
test starts on 127.0.0.1 (authorisation code, RS256 id_token, JWKS), then sign-out, a
refused identity, and the access-log rows it all left (what AppTest cannot reach: the
real redirect, cookie and token round trip)."""

from __future__ import annotations

import secrets

import pytest
import sqlalchemy as sa

from data_access.auth import access_log
from data_access.auth.identity import Identity
from tests.browser_support import SCREENSHOTS, offline_page, require_chromium, streamlit_server
from tests.mock_oidc import CLIENT_ID, CLIENT_SECRET, mock_idp

pytestmark = pytest.mark.browser


def auth_secrets(issuer: str):
    def text(port: int) -> str:
        return (f'[auth]\nmode = "oidc"\n'
                f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
                f'cookie_secret = "{secrets.token_hex(32)}"\n'
                f'client_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
                f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n')
    return text


def test_oidc_sign_in_and_out_against_mock_idp(tmp_path, app_db_url):
    chromium = require_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "streamlit.log"
    with mock_idp() as idp, streamlit_server(app_db_url, log,
                                             secrets=auth_secrets(idp.issuer)) as base, \
            offline_page(chromium) as (page, blocked):
        idp.claims = {"email": "lee@busan.go.kr", "name": "이부산", "role": "centre",
                      "centre": "busan"}
        page.goto(base, wait_until="domcontentloaded")
        login = page.get_by_role("button", name="기관 계정으로 로그인")
        login.wait_for(timeout=90_000)
        assert page.locator(".js-plotly-plot").count() == 0  # nothing before sign-in
        page.screenshot(path=str(SCREENSHOTS / "oidc-sign-in.png"))
        login.click()
        page.get_by_role("heading", name="주간 브리핑").first.wait_for(timeout=90_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
        assert idp.token_requests == 1  # the code was exchanged by the server
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "이부산" in sidebar.inner_text()
        assert "area=c%3Abusan" in page.url  # the only area this identity may choose
        page.screenshot(path=str(SCREENSHOTS / "oidc-signed-in.png"), full_page=True)
        # Sign out: the cookie goes, the sign-in screen comes back.
        page.get_by_role("button", name="로그아웃").click()
        login.wait_for(timeout=90_000)
        page.reload(wait_until="domcontentloaded")
        login.wait_for(timeout=90_000)
        assert page.locator(".js-plotly-plot").count() == 0
        # An identity the provider vouches for but with no role here sees nothing.
        idp.claims = {"email": "guest@x.go.kr", "name": "손님"}
        login.click()
        page.get_by_text("이 대시보드 권한").first.wait_for(timeout=90_000)
        assert page.locator(".js-plotly-plot").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "oidc-refused.png"))
        body = page.inner_text("body")
        assert "손님" not in body and "Traceback" not in body
    assert blocked == []
    served = next(tmp_path.glob("served-*.duckdb"))
    engine = sa.create_engine(f"duckdb:///{served}")
    rows = access_log.read_log(Identity("t", "admin"), engine=engine)
    engine.dispose()
    lee = rows[rows["account"] == "lee@busan.go.kr"]
    assert {"sign_in", "view", "sign_out"} <= set(lee["event"])
    assert (lee["role"] == "centre").all()
    assert "guest@x.go.kr" not in set(rows["account"])  # refused: never signed in
