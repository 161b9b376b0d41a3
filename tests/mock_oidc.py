"""A tiny OpenID Connect identity provider for the browser suite, on 127.0.0.1 only.

Discovery document, an authorize endpoint that signs in whoever ``MockIdP.claims`` names
(no login form) and redirects back with a code, a token endpoint that returns an RS256
``id_token`` signed with a key generated for this run, and the JWKS. Enough for
Streamlit's ``st.login`` (Authlib) to do the real authorisation-code flow with nonce and
signature checks; nothing here is meant for real use.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "dashboard-test"
CLIENT_SECRET = "test-client-secret"  # a throwaway test value


class MockIdP:
    """State shared by the handler: the signing key, issued codes, who signs in next."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self.codes: dict[str, dict[str, Any]] = {}
        self.claims: dict[str, Any] = {}
        self.issuer = ""
        self.token_requests = 0

    def id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 600,
                  "sub": "user-1", **self.claims}
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)


def _handler(idp: MockIdP) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:  # keep pytest output quiet
            pass

        def _json(self, body: dict, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # the name http.server calls
            url = urlparse(self.path)
            if url.path == "/.well-known/openid-configuration":
                base = idp.issuer
                self._json({"issuer": base, "authorization_endpoint": f"{base}/authorize",
                            "token_endpoint": f"{base}/token", "jwks_uri": f"{base}/jwks",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "code_challenge_methods_supported": ["S256"],
                            "scopes_supported": ["openid", "email", "profile"]})
            elif url.path == "/jwks":
                self._json({"keys": [idp.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
                    self._json({"error": "invalid_request"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                idp.codes[code] = {"nonce": q.get("nonce"), "redirect_uri": q["redirect_uri"]}
                target = q["redirect_uri"] + "?" + urlencode({"code": code,
                                                               "state": q.get("state", "")})
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            grant = idp.codes.pop(form.get("code", ""), None)  # a code works once
            if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                self._json({"error": "invalid_grant"}, 400)
                return
            idp.token_requests += 1
            self._json({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                        "expires_in": 600, "id_token": idp.id_token(grant["nonce"])})

    return Handler


@contextmanager
def mock_idp() -> Iterator[MockIdP]:
    """Serve a :class:`MockIdP` on a free 127.0.0.1 port until the block ends."""
    idp = MockIdP()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(idp))
    idp.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield idp
    finally:
        server.shutdown()
        server.server_close()
