"""Folders in memory (tmpfs) for the many short-lived files of a build.

A build creates and deletes tens of thousands of small files besides the site: the pages' content
handed from the rendering process (``core.prefetch``), the copies Pagefind reads
(``core.searchtext``) and Pagefind's output, which its threads write all at once into one folder
before it is copied into the site. On disk that costs kernel time: Pagefind's threads queue on the
folder's lock, and on ext4 without a journal (as on this project's CI machines) each new file
makes the kernel step past every recently deleted inode, so creating files gets slower the more
were just deleted. At N = 1,000 the Pagefind run alone took 12.3-13.8 s writing to disk and
10.8-11.4 s writing to tmpfs; copying its output into the site then takes about 0.5 s.

Where there is no tmpfs with room to spare (macOS, a container with a 64 MB ``/dev/shm``),
callers use the disk, as before. ``AGENDA_TMPFS`` names another tmpfs folder, or none if empty.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

TMPFS_ENV = "AGENDA_TMPFS"


def memory_folder(prefix: str, need_bytes: int) -> Path | None:
    """A new, empty folder in shared memory if it has ``need_bytes`` free; None otherwise.

    Its name carries the process id: a build that was killed could not remove its folder, which
    would hold memory until the machine restarts, so the next build removes it.
    """
    memory = os.environ.get(TMPFS_ENV, "/dev/shm")
    try:
        if not memory or not os.path.isdir(memory):
            return None
        _remove_orphans(Path(memory), prefix)
        if shutil.disk_usage(memory).free < need_bytes:
            return None
        return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=memory))
    except OSError:
        return None


def _remove_orphans(memory: Path, prefix: str) -> None:
    for folder in memory.glob(f"{prefix}*-*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def link_or_copy(source: Path, target: Path) -> None:
    """Give ``target`` (created as needed) the files below ``source``: hard links where both are on
    one file system (``core.indexcache``), else copies of the contents only. Raises OSError if
    anything below ``source`` cannot be read, so that a partial result is never used.

    Copies are leaner than ``shutil.copytree``'s, which also copy every file's permissions and
    times: for thousands of small files that doubles the time, and a web server needs neither.
    """
    linking = True

    def fail(error: OSError) -> None:
        raise error

    for folder, _, names in os.walk(source, onerror=fail):
        destination = target / os.path.relpath(folder, source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            origin = os.path.join(folder, name)
            if linking:
                try:
                    os.link(origin, destination / name)
                    continue
                except OSError:
                    if not os.path.isfile(origin):
                        raise
                    linking = False  # another file system (tmpfs and disk), or one without links: copy
            shutil.copyfile(origin, destination / name)
