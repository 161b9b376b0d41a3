"""The lint the README promises (``make lint``) is part of the suite, so CI refuses code
that ruff refuses: style, imports, bugbear, and complexity above 15 (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from data_access.config import REPO_ROOT


def test_ruff_is_clean():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
