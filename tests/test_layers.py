"""The layout's rules, read from the real import graph (every ``import`` in every module,
inside functions too), so a shortcut that breaks them fails here rather than in review:

- only the UI (``app.py``, ``app_pages/``, ``ui/``) imports Streamlit (and the page
  benchmark, which drives the app with Streamlit's AppTest as the tests do);
- the layers below the UI never import it back (``ui`` or ``app_pages``);
- no two modules import each other, directly or round a longer loop;
- the simulator (``simulation``) and the generated world it is tested on (``synthetic``)
  share no code: the model may not read the world's parameters, shapes or constants, and
  the world may not read the model's, or the test of the model would be rigged. The one
  door is the backtest reading the truth the generator *stored* (``synthetic.truth``).

The checker is tested on a small fake tree first, so these tests can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from data_access.config import REPO_ROOT

UI_PACKAGES = ("app", "app_pages", "ui")
HARNESSES = ("bench",)  # drive the app from outside, like the tests
BELOW_UI = ("data_access", "synthetic", "simulation", "charts", "reports", "publish")
SKIP_DIRS = {".venv", ".git", "tests", "data", "__pycache__"}


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every project module under ``root``."""
    found = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if SKIP_DIRS & set(rel.parts):
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` is or lies in (``a.b.func`` → ``a.b``)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        candidate = ".".join(parts[:i])
        if candidate in known:
            return candidate
    return None


def imports_of(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every name ``module`` imports (project modules resolved, others as written)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import sub" imports the submodule when there is one.
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                     for a in node.names]
        else:
            continue
        for name in names:
            out.add(_resolve(name, known) or name)
    out.discard(module)
    return out


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {m: imports_of(m, p, known) for m, p in known.items()}


def _top(module: str) -> str:
    return module.split(".")[0]


def streamlit_outside_ui(g: dict[str, set[str]]) -> list[str]:
    return sorted(m for m, deps in g.items() if _top(m) not in UI_PACKAGES + HARNESSES
                  and any(_top(d) == "streamlit" for d in deps))


def upward_imports(g: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((m, d) for m, deps in g.items() if _top(m) in BELOW_UI
                  for d in deps if _top(d) in ("ui", "app_pages", "app"))


# The one allowed link between the model and the world: the backtest scores the model
# against the truth the generator stored in the database (read by synthetic.truth).
MODEL, WORLD = "simulation", "synthetic"
TRUTH_READERS = {("simulation.backtest", "synthetic.truth"),
                 ("simulation.evaluate.backtest", "synthetic.truth")}


def world_model_ties(g: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports between the simulator and the generated world (either way), other than the
    backtest reading the stored truth."""
    return sorted((m, d) for m, deps in g.items() for d in deps
                  if {_top(m), _top(d)} == {MODEL, WORLD} and (m, d) not in TRUTH_READERS)


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g.get(v, ()):
            if w not in g:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


# --- the checker itself, on a fake tree ---------------------------------------------------

def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_checker_finds_each_kind_of_break(tmp_path):
    _write(tmp_path, {
        "ui/__init__.py": "", "ui/widgets.py": "import streamlit as st\n",
        "charts/__init__.py": "", "charts/bars.py": "def f():\n    import streamlit\n",
        "reports/__init__.py": "", "reports/pack.py": "from ui.widgets import x\n",
        "data_access/__init__.py": "",
        "data_access/a.py": "from data_access import b\n",
        "data_access/b.py": "def g():\n    from data_access.a import thing\n",
        "data_access/c.py": "from . import b\n",
        "synthetic/__init__.py": "", "synthetic/world.py": "ALPHA = 0.3\n",
        "synthetic/truth.py": "", "synthetic/events.py": "from simulation.priors import P\n",
        "simulation/__init__.py": "", "simulation/priors.py": "P = 1\n",
        "simulation/model.py": "def f():\n    from synthetic.world import ALPHA\n",
        "simulation/backtest.py": "from synthetic import truth\n",
    })
    g = graph(tmp_path)
    assert world_model_ties(g) == [("simulation.model", "synthetic.world"),
                                   ("synthetic.events", "simulation.priors")]
    assert streamlit_outside_ui(g) == ["charts.bars"]
    assert upward_imports(g) == [("reports.pack", "ui.widgets")]
    assert cycles(g) == [["data_access.a", "data_access.b"]]
    assert "data_access.b" in g["data_access.c"]  # relative imports resolve


# --- the real tree ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> dict[str, set[str]]:
    return graph(REPO_ROOT)


def test_the_real_tree_is_read(real):
    # A checker that reads nothing passes everything: make sure it saw the layers.
    for module in ("app", "app_pages.brief", "ui.filters", "data_access.queries.labour",
                   "synthetic.generate", "publish.i18n", "reports.pack"):
        assert module in real
    assert "streamlit" in real["ui.filters"]


def test_only_the_ui_imports_streamlit(real):
    assert streamlit_outside_ui(real) == []


def test_lower_layers_never_import_the_ui(real):
    assert upward_imports(real) == []


def test_the_model_and_the_world_share_no_code(real):
    # A model that imports the world's constants is tested against itself.
    assert any(_top(m) == MODEL for m in real) and any(_top(m) == WORLD for m in real)
    assert world_model_ties(real) == []


def test_no_import_cycles(real):
    assert cycles(real) == []
