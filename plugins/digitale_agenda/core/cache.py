"""Loaded agendas kept by content hash, so an unchanged agenda is not parsed again.

Parsing YAML front matter is most of the time of a check; in a large repository almost every
agenda is unchanged between two runs (the next pull request, a save in ``mkdocs serve``). The
cache holds, per agenda folder, a digest of everything that goes into loading it (the files'
names and bytes, the framework, the program's own source, how messages show the folder) and the
loaded agenda with its diagnostics. A digest that differs means the agenda is loaded afresh;
there is no expiry to get wrong. One row per folder keeps the file as large as the repository,
not its history.

The cache lives outside the repository (``~/.cache/digitale-agenda`` or ``AGENDA_CACHE``), since
a pull request must not be able to plant entries. Entries are unpickled with an allow-list of
the model's own classes, so even a tampered cache file cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .files import Files, read_folder
from .paths import display

CACHE_ENV = "AGENDA_CACHE"
_OFF = {"0", "aus", "off", "no", "nein", "false"}
_PACKAGE = __name__.rsplit(".", 1)[0]  # "digitale_agenda.core"
# where the classes of a loaded agenda come from; functions are never allowed
_MODEL_MODULES = {f"{_PACKAGE}.{name}" for name in ("model", "diagnostics", "schema", "markdown_doc")} | {"datetime"}


# the tables, each ``folder -> (digest, pickled result)``: loaded agendas with the loader's diagnostics
# (the build, reports), and what a check keeps of an agenda with all it found (``agenda validate``,
# see ``bulkload``); a check can start from a loaded agenda, a build not from a checked one
LOADED = "agenda"
CHECKED = "checked"


class AgendaCache:
    """The tables ``LOADED`` and ``CHECKED`` in one SQLite file."""

    def __init__(self, file: Path) -> None:
        file.parent.mkdir(parents=True, exist_ok=True)
        self.file = file
        self._db = sqlite3.connect(file, timeout=30)
        for table in (LOADED, CHECKED):
            self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (folder TEXT PRIMARY KEY, digest TEXT, result BLOB)")

    @classmethod
    def default(cls) -> AgendaCache | None:
        """The cache named by AGENDA_CACHE (a folder; "0" or "aus" turns it off), else the user's cache
        folder; None if it cannot be opened (a read-only home, say): then everything is loaded afresh."""
        base = cache_folder()
        return None if base is None else cls.at(base / "agenden.sqlite")

    @classmethod
    def at(cls, file: Path) -> AgendaCache | None:
        """The cache in ``file``; None if it cannot be opened: then everything is loaded afresh."""
        try:
            return cls(file)
        except (OSError, sqlite3.Error):
            return None

    def get(self, folder: str, digest: str) -> Any | None:
        """The loaded agenda stored for the folder if it was stored under this digest."""
        pickled = self.get_pickled(folder, digest, LOADED)
        return None if pickled is None else safe_loads(pickled)

    def get_pickled(self, folder: str, digest: str, table: str) -> bytes | None:
        """The stored result as stored, for ``safe_loads`` elsewhere (another process, say)."""
        try:
            row = self._db.execute(f"SELECT digest, result FROM {table} WHERE folder = ?", (folder,)).fetchone()
        except sqlite3.Error:
            return None
        return row[1] if row is not None and row[0] == digest else None

    def holds(self, folder: str, digest: str, table: str) -> bool:
        """Whether a result is stored for the folder under this digest, without reading it."""
        try:
            row = self._db.execute(f"SELECT digest FROM {table} WHERE folder = ?", (folder,)).fetchone()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == digest

    def put_many(self, rows: Iterable[tuple[str, str, bytes]], table: str = LOADED) -> None:
        """Store (folder, digest, pickled result) rows in one transaction; a failure only costs speed."""
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self._db.close()


def cache_folder() -> Path | None:
    """The folder of the build's caches: AGENDA_CACHE, else the user's cache folder; None if the
    variable turns caching off ("0", "aus"). It also holds the search index parts (``core.indexcache``)."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting.lower() in _OFF:
        return None
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(setting) if setting else user_cache / "digitale-agenda"


def folder_digest(folder: Path, context: str, files: Files | None = None) -> str:
    """A digest of everything loading the folder reads (each entry's name, kind and bytes, as
    ``files.read_folder`` reads them; ``files``: read already) and of how its messages show it:
    ``agenda validate .`` in the agenda folder names its files alone, the same check from anywhere
    outside names them with their whole path (``paths.display``)."""
    digest = hashlib.sha256(f"{code_version()}\0{context}\0{display(folder)}\0".encode())
    for name, read in (read_folder(folder) if files is None else files).items():
        digest.update(f"{name}\0{read.mode}\0{read.size}\0{read.error}\0{len(read.data)}\0".encode())
        digest.update(read.data)
    return digest.hexdigest()


@cache
def code_version() -> str:
    """A digest of the package's source: a changed rule or parser must not reuse old results."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def dumps(result: object) -> bytes:
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def safe_loads(pickled: bytes) -> Any | None:
    """What ``dumps`` made of a model object; None for anything else: a damaged or planted entry is
    a miss, never a failed check."""
    try:
        return _SafeUnpickler(io.BytesIO(pickled)).load()
    except Exception:
        return None


class _SafeUnpickler(pickle.Unpickler):
    """Builds only the model's own classes and dates; anything else in a cache file is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _MODEL_MODULES and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:  # defined there, not imported
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")
