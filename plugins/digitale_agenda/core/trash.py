"""Deleting large folders without making the build wait for it.

At the scale of all municipalities a site is some 110,000 files (2.7 GB), and deleting the
previous one after the new one is published took a minute; deleting the copies Pagefind read
(``core.searchtext``), when they are on disk, took 11 s. A build therefore only renames such a
folder aside, which is instant, and leaves the deleting to a process of its own that outlives it.
What a killed deleter leaves behind is deleted with the next folder thrown away beside it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
from pathlib import Path

TRASH_PREFIX = ".agenda-geloescht-"
_DELETE = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, ignore_errors=True)"
_numbers = itertools.count()
_deleters: list[subprocess.Popen[bytes]] = []  # kept, so that Python does not warn that they still run
_handed_over: set[str] = set()  # folders a deleter of this process is deleting


def discard_later(folder: Path) -> None:
    """Move ``folder`` aside at once and delete it, with earlier leftovers beside it, in the background.

    Leftovers that a deleter of this build is still deleting are left to it: a build throws away
    the copies for Pagefind and then the previous site beside them, and two deleters on one folder
    only get in each other's way."""
    with contextlib.suppress(FileNotFoundError):
        folder.rename(folder.with_name(f"{TRASH_PREFIX}{folder.name.lstrip('.')}-{os.getpid()}-{next(_numbers)}"))
    leftovers = sorted(str(path) for path in folder.parent.glob(f"{TRASH_PREFIX}*") if str(path) not in _handed_over)
    if leftovers:
        _handed_over.update(leftovers)
        _deleters.append(subprocess.Popen([sys.executable, "-c", _DELETE, *leftovers], start_new_session=True,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
