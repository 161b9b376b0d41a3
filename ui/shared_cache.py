"""A query-result cache shared by the server processes of one deployment.

``st.cache_data`` lives in one process. Behind nginx a new browser lands on any of the N
processes, so a centre whose rows one process has just read is read again, cold, by the
next person from that centre who lands on another (the load benchmark's warm round: two
processes slower at p95 than one). This layer sits under ``st.cache_data``: on its miss a
process first looks for the answer another process already stored, and stores what it
computes, in a folder every process of the deployment reads (``shared_cache_dir``; unset,
the layer is off and nothing is written).

Why it stays correct: an entry's name is a digest of the function, the data version and
the arguments written out canonically (dataclasses field by field, sets sorted), so a
Scope only ever finds its own rows and an import (which bumps the data version in its
own transaction) makes every older entry unreachable; those are removed when a process
first writes under a new version. Arguments that cannot be written canonically (a
DataFrame, say) skip the layer rather than risk two calls sharing a name.

A new release must not read the old one's entries under the same data version: entries
sit in a subfolder named by a digest of the application's source files, computed once per
process; a release's subfolder is removed a day after it was last written.

What it stores: the query layer's answers, already suppressed on their way out, pickled.
Pickles run code when read, so the folder must belong to the server's user and be closed
to everyone else (mode 0700); otherwise the layer switches itself off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ENTRIES = 4000  # about 1–3 GB of small frames at most; the oldest go first
SUFFIX = ".pkl"
STALE_RELEASE_SECONDS = 24 * 3600
SOURCE_ROOT = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = ("data_access", "simulation", "publish", "charts", "ui", "reports")


def code_digest(root: Path = SOURCE_ROOT) -> str:
    """Digest of the application's Python sources: entries of another release are never
    read (its queries may answer differently under the same data version)."""
    h = hashlib.sha256()
    for folder in SOURCE_FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class Unshareable(TypeError):
    """An argument with no canonical written form: the call skips the shared layer."""


def canonical(value: Any) -> Any:
    """``value`` as JSON-ready data that is equal for equal values in any process (no
    ``hash()``, whose seed differs per process, and no ``repr`` of containers whose order
    depends on it)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, canonical(value.value)]
    if isinstance(value, (dt.date, dt.datetime)):
        return [type(value).__name__, value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__,
                [[f.name, canonical(getattr(value, f.name))]
                 for f in dataclasses.fields(value)]]
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, [canonical(v) for v in value]]
    if isinstance(value, (set, frozenset)):
        items = [canonical(v) for v in value]
        return ["set", sorted(items, key=lambda v: json.dumps(v, sort_keys=True))]
    if isinstance(value, dict):
        items = [[canonical(k), canonical(v)] for k, v in value.items()]
        return ["dict", sorted(items, key=lambda kv: json.dumps(kv[0], sort_keys=True))]
    raise Unshareable(type(value).__name__)


def call_key(args: tuple, kwargs: dict[str, Any]) -> str:
    """A call's arguments as one canonical JSON string (:class:`Unshareable` when an
    argument has no canonical form)."""
    return json.dumps([canonical(args), canonical(kwargs)], sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def entry_name(fn_name: str, version: int, args: tuple, kwargs: dict[str, Any]) -> str:
    """File name of a call's entry: ``<version>-<digest>.pkl`` (version first, so entries
    of older versions are found by name alone)."""
    text = f"{fn_name}\n{call_key(args, kwargs)}"
    return f"{version}-{hashlib.sha256(text.encode()).hexdigest()}{SUFFIX}"


def _private(path: Path) -> bool:
    """``path`` exists (made if missing), is this user's own and closed to others."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)


def open_cache(folder: str | os.PathLike | None, release: str) -> SharedCache | None:
    """The cache of ``release`` under ``folder``, or None (layer off) when no folder is
    set or the folder is not private to this user."""
    if not folder or not _private(Path(folder)) or not _private(Path(folder) / release):
        return None
    return SharedCache(Path(folder) / release)


class SharedCache:
    """Entries in one folder; every method fails quietly (a cache that cannot read or
    write computes instead: it must never stop a page)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pruned_version: int | None = None

    def get(self, name: str) -> tuple[bool, Any]:
        try:
            with open(self.folder / name, "rb") as fh:
                return True, pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return False, None

    def put(self, name: str, version: int, value: Any) -> None:
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.folder / name)  # readers see the whole entry or none
        except OSError:
            return
        if self._pruned_version != version:
            self._pruned_version = version
            self.prune(version)

    def prune(self, version: int) -> None:
        """Drop entries of other data versions, then the oldest beyond MAX_ENTRIES, and
        other releases' folders not written for a day."""
        now = dt.datetime.now().timestamp()
        for other in self.folder.parent.iterdir():
            try:
                stale = (other.is_dir() and other != self.folder
                         and now - other.stat().st_mtime > STALE_RELEASE_SECONDS)
                if stale:
                    for path in other.iterdir():
                        path.unlink(missing_ok=True)
                    other.rmdir()
            except OSError:
                continue
        keep = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            if not path.name.startswith(f"{version}-"):
                path.unlink(missing_ok=True)
                continue
            try:
                keep.append((path.stat().st_mtime, path))
            except OSError:
                continue
        for _, path in sorted(keep)[:max(0, len(keep) - MAX_ENTRIES)]:
            path.unlink(missing_ok=True)


def through(cache: SharedCache | None, fn: Callable[..., Any], fn_name: str,
            version: int, args: tuple, kwargs: dict[str, Any]) -> Any:
    """``fn(*args, **kwargs)``, read from or written to ``cache`` when there is one and
    the arguments have a canonical form."""
    if cache is None:
        return fn(*args, **kwargs)
    try:
        name = entry_name(fn_name, version, args, kwargs)
    except Unshareable:
        return fn(*args, **kwargs)
    found, value = cache.get(name)
    if found:
        return value
    value = fn(*args, **kwargs)
    cache.put(name, version, value)
    return value
