"""Reading agenda folders ahead of the loaders, so that a cold disk is read many files at a time.

Where the operating system has not cached the agendas (a server's first build after a restart, a
runner whose checkout is old, a machine that reclaims idle page cache), each loading process waits
for one file after the other. At N = 11,000 a check then took 36–75 s instead of 17–25 s with
every file cached, although the disk reads many requests at once about as fast as one.

``reading_ahead`` asks the kernel to read the folders' files in the background
(``posix_fadvise(WILLNEED)`` returns at once), in the order the loaders take the folders. Listing a
folder and opening its files still wait for the disk, so a few threads do that side by side.

Where the files are cached already (a benchmark right after generating its agendas, a fresh
checkout), that work would only cost: about 1.3 s of CPU time at N = 11,000, and 0.5–1 s of a
check's 19–24 s. So it first asks a few folders spread over the list whether their first file is
cached (a one-byte read with ``RWF_NOWAIT``, which fails instead of waiting for the disk) and reads
ahead only if one is not. Asking each folder instead would be wrong: the question starts reading the
file, and a fast disk answers before the read returns.

Only regular files are opened, never through a link: the folders come from pull requests.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .files import DATA_SUFFIXES, regular_files

THREADS = 8
SAMPLES = 16  # folders asked whether they are cached, spread over the list
_DATA_SUFFIXES = tuple(DATA_SUFFIXES)  # lower case only: a file ending in .MD (an error anyway) is not read ahead
SUPPORTED = hasattr(os, "posix_fadvise")
# a regular file, opened for reading without following a link and without blocking on anything
# that is not a file (a FIFO, say, though it was listed as a file a moment before)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@contextlib.contextmanager
def reading_ahead(folders: Iterable[Path]) -> Iterator[None]:
    """Read ``folders`` into the page cache in the background while the block runs, unless they look
    cached (``SAMPLES``); stop when the block ends (a thread finishes the folder it is at)."""
    listed = list(folders)
    if not SUPPORTED or not listed or all(map(_cached, _samples(listed))):
        yield
        return
    pending = iter(listed)
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
    return sum(map(_advise_file, regular_files(folder, _DATA_SUFFIXES)))


def _samples(folders: list[Path]) -> list[str]:
    """The first data file of up to ``SAMPLES`` folders spread over ``folders``."""
    step = max(1, len(folders) // SAMPLES)
    listed = [regular_files(folder, _DATA_SUFFIXES) for folder in folders[::step][:SAMPLES]]
    return [files[0] for files in listed if files]


def _cached(path: str) -> bool:
    """Whether the file's first byte is in the page cache; where the system cannot tell, it is not
    (reading ahead only costs a little). Asking starts reading a file that is not cached."""
    if not hasattr(os, "RWF_NOWAIT"):
        return False
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return True  # gone since the listing: nothing to read
    try:
        os.preadv(descriptor, [bytearray(1)], 0, os.RWF_NOWAIT)
        return True
    except OSError:  # EAGAIN: on the disk only; any other error: this file system cannot tell
        return False
    finally:
        os.close(descriptor)


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
