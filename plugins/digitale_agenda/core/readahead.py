"""Reading agenda folders ahead of the loaders, so that a cold disk is read many files at a time.

Where the operating system has not cached the agendas (a server's first build after a restart, a
runner whose checkout is old, a machine that reclaims idle page cache), each loading process waits
for one file after the other. At N = 11,000 a check then took 32–37 s instead of 17–22 s with
every file cached, although the disk reads many requests at once about as fast as one.

``reading_ahead`` asks the kernel to read the folders' files in the background
(``posix_fadvise(WILLNEED)`` returns at once), in the order the loaders take the folders. Listing a
folder and opening its files still wait for the disk, so a few threads do that side by side. Where
every file is cached already, this costs about 1 s of CPU time at N = 11,000 (a listing and an
open file per file, in threads beside the loading processes). Asking first whether a folder is
cached (a read with ``RWF_NOWAIT``) cost less, but that read starts reading the file itself, and a
fast disk then answers the question wrongly.

Only regular files are opened, never through a link: the folders come from pull requests.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .files import DATA_SUFFIXES

THREADS = 8
_DATA_SUFFIXES = tuple(DATA_SUFFIXES)
SUPPORTED = hasattr(os, "posix_fadvise")
# a regular file, opened for reading without following a link and without blocking on anything
# that is not a file (a FIFO, say, though it was listed as a file a moment before)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@contextlib.contextmanager
def reading_ahead(folders: Iterable[Path]) -> Iterator[None]:
    """Read ``folders`` into the page cache in the background while the block runs; stop when it ends
    (a thread finishes the folder it is at)."""
    if not SUPPORTED:
        yield
        return
    pending = iter(folders)
    lock = threading.Lock()
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            with lock:
                folder = next(pending, None)
            if folder is None:
                return
            advise(folder)

    threads = [threading.Thread(target=work, name="agenda-readahead", daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def advise(folder: str | Path) -> int:
    """Ask for the folder's data files to be read into the page cache; how many it asked for. A
    folder that cannot be listed is left to the loader."""
    try:
        with os.scandir(folder) as entries:
            files = [entry.path for entry in entries if entry.is_file(follow_symlinks=False)
                     and entry.name.lower().endswith(_DATA_SUFFIXES)]
    except OSError:
        return 0
    return sum(map(_advise_file, files))


def _advise_file(path: str) -> bool:
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return False
    try:  # a FIFO put in the file's place after the listing was opened without waiting, and is refused here
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        return True
    except OSError:
        return False  # only advice: the loader reads the file anyway and reports what is wrong with it
    finally:
        os.close(descriptor)
