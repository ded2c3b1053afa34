"""Search index parts kept from earlier builds, under a digest of what Pagefind read for them.

At the scale of all municipalities Pagefind is a third of a build (about 130 of 400 s at
N = 11,000), and it indexes every part afresh. Yet a build on main usually follows a merge that
changed one or a few agendas, and every other part reads exactly the pages it read before. A
part's bundle depends on nothing but those pages (the copies of their indexed parts,
``core.searchtext``), Pagefind's options and Pagefind's version. So the bundle is kept under a
digest of these (``part_key``), and a later build whose part reads the same copies takes the kept
bundle instead of running Pagefind. A changed agenda changes its own part, and the main bundle
where the change shows in its overviews (a status, a title); the other parts are taken as they are.

The bundles sit beside the agenda cache (``core.cache``: ``~/.cache/digitale-agenda/suchindex``),
which the publishing workflow keeps between runs. A kept bundle is hard-linked into the site, or
copied where the cache is on another file system: a link creates no new file, so it costs neither
disk space nor the kernel's time for a new file. Nothing writes into a site's files after the
build, so the site and the cache can share them. Like the agenda cache, this one lies outside the
repository, so a pull request cannot plant a bundle; the workflow for pull requests only restores
the cache, it never saves it.

After a build the cache keeps the bundles that build used and, of the others, the most recently
used, up to ``KEEP_PER_PART`` bundles per part of the build (at least ``KEEP_AT_LEAST``): the
current parts and about one generation before them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from .cache import cache_folder
from .memfolder import link_or_copy
from .trash import discard_later

FORMAT = "1"  # part of every key: raise it when what a key covers changes
KEEP_PER_PART = 2
KEEP_AT_LEAST = 8
UNFINISHED = ".neu-"  # a bundle being stored; left behind only by a build that was killed
UNFINISHED_AFTER_SECONDS = 3600  # older than any build: thrown away


class IndexCache:
    """Pagefind bundles in a folder, one sub-folder per key; safe for builds running side by side."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()
        self._lock = threading.Lock()  # parts are indexed by several threads (core.indexing)

    @classmethod
    def default(cls) -> IndexCache | None:
        """The cache beside the agenda cache; None where caching is turned off (AGENDA_CACHE=0)."""
        base = cache_folder()
        return None if base is None else cls(base / "suchindex")

    def restore(self, key: str, target: Path) -> bool:
        """Put the bundle kept under ``key`` into ``target``; False if there is none, or it could not
        be read whole (then ``target`` is left absent)."""
        kept = self.folder / key
        if not kept.is_dir():
            return False
        try:
            link_or_copy(kept, target)
            os.utime(kept)  # recently used: kept longest by ``prune``
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            return False
        self._mark(key)
        return True

    def store(self, key: str, bundle: Path) -> bool:
        """Keep the freshly written ``bundle`` under ``key``; False if the cache cannot be written
        (a full disk, a read-only home): that costs only the next build's time."""
        unfinished = self.folder / f"{UNFINISHED}{key}-{os.getpid()}-{threading.get_ident()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            link_or_copy(bundle, unfinished)
            unfinished.rename(self.folder / key)  # whole or not at all; fails if another build stored it first
        except OSError:
            shutil.rmtree(unfinished, ignore_errors=True)
            if not (self.folder / key).is_dir():
                return False
        self._mark(key)
        return True

    def prune(self, parts: int) -> None:
        """Throw away the bundles beyond those to keep (see the module's docstring), oldest use first."""
        try:
            entries = [entry for entry in os.scandir(self.folder) if entry.is_dir(follow_symlinks=False)]
            now = time.time()
            unfinished = [Path(entry.path) for entry in entries if entry.name.startswith(UNFINISHED)
                          and now - entry.stat().st_mtime > UNFINISHED_AFTER_SECONDS]
            others = sorted((entry for entry in entries if not entry.name.startswith(".")
                             and entry.name not in self._used), key=lambda entry: entry.stat().st_mtime, reverse=True)
        except OSError:
            return
        room = max(KEEP_PER_PART * parts, KEEP_AT_LEAST) - len(self._used)
        for folder in unfinished + [Path(entry.path) for entry in others[max(room, 0):]]:
            discard_later(folder)

    def _mark(self, key: str) -> None:
        with self._lock:
            self._used.add(key)


def part_key(version: str, options: Sequence[str], pages: Iterable[tuple[str, bytes]]) -> str:
    """The key of a part: Pagefind's version and options (without the folders, which differ from
    build to build) and each page it reads, as (address in the site, digest of the copy)."""
    digest = hashlib.sha256(f"{FORMAT}\0{version}\0".encode())
    for option in options:
        digest.update(option.encode() + b"\0")
    for uri, page in sorted(pages):
        digest.update(uri.encode() + b"\0" + page)
    return digest.hexdigest()[:40]


@functools.cache
def pagefind_version(program: tuple[str, ...]) -> str | None:
    """What ``program --version`` says ("pagefind 1.5.2"); None if it does not run, and then
    nothing is kept (the run itself will say what is wrong)."""
    try:
        done = subprocess.run([*program, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    said = done.stdout.strip()
    return said if done.returncode == 0 and said else None
