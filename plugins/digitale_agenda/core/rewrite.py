"""Which generated pages a rebuild under ``mkdocs serve --dirty`` has to write again.

``mkdocs serve`` builds the whole site again after every saved file: at N = 1,000 agendas about
45 s, most of it MkDocs putting 9,700 pages into the theme and writing them, for an edit that
changes a dozen. With ``--dirty`` MkDocs writes only the pages whose file says it was modified. A
generated page has no file of its own, so the plugin decides for it: every page's content is
rendered again (which costs less than the theme) and compared by digest with what was last
written. Which other pages an edit reaches (lists, comparisons, "Wer macht das auch?" on other
agendas' pages) is therefore never guessed.

A page is more than its content: the theme adds the navigation, the footer and whatever the
configuration and the theme's own files say. These are compared as one digest (``shared_digest``);
where it changed, the whole site is written again, as without ``--dirty``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .site import PageInfo, Rendered


def page_digest(info: PageInfo, rendered: Rendered) -> bytes:
    """What a generated page is written from: its title, its settings for the theme and its content."""
    digest = hashlib.blake2b(repr((info.title, info.meta, rendered.broken_links)).encode("utf-8"), digest_size=16)
    digest.update(rendered.html.encode("utf-8", errors="surrogatepass"))
    return digest.digest()


def shared_digest(parts: Iterable[object]) -> bytes:
    """A digest of what every page shares; ``parts`` must have a stable ``repr`` (text, numbers, tuples, dicts)."""
    return hashlib.blake2b(repr(list(parts)).encode("utf-8", errors="surrogatepass"), digest_size=16).digest()


def folder_state(folder: Path | None, leave_out: Path | None = None) -> list[tuple[str, int, int]]:
    """Each file below ``folder`` with its modification time and size: whether a theme file changed,
    without reading the files. Not those below ``leave_out``: the page templates, whose changes show
    in the content of the pages they render, and so in each page's own digest."""
    if folder is None or not folder.is_dir():
        return []
    skipped = leave_out.resolve() if leave_out is not None else None
    state = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if Path(top, name).resolve() != skipped)
        for name in sorted(names):
            info = os.stat(os.path.join(top, name))
            state.append((os.path.relpath(os.path.join(top, name), folder), info.st_mtime_ns, info.st_size))
    return state


@dataclass
class Written:
    """The site as the last build under ``mkdocs serve --dirty`` wrote it.

    ``pages`` maps where a generated page was written to its ``page_digest``; ``files`` are where
    every file of that build went (pages written or not, assets). An empty ``Written`` (the first
    build, or after a failed one) has every page written.
    """

    shared: bytes | None = None
    pages: dict[str, bytes] = field(default_factory=dict)
    files: frozenset[str] = frozenset()

    def unchanged(self, dest_uri: str, info: PageInfo, rendered: Rendered) -> bool:
        """Whether the page was written from the same title, settings and content."""
        return self.pages.get(dest_uri) == page_digest(info, rendered)

    def remember(self, dest_uri: str, info: PageInfo, rendered: Rendered) -> None:
        """Note the page as written now."""
        self.pages[dest_uri] = page_digest(info, rendered)

    def gone(self, files: Iterable[str]) -> list[str]:
        """The files of the last build that this one does not have (a removed agenda's pages, a list
        grown shorter, a deleted hand-written page or asset), to be deleted from the site; from
        now on the site's files are ``files``."""
        current = frozenset(files)
        missing = sorted(self.files - current)
        for dest_uri in missing:
            self.pages.pop(dest_uri, None)
        self.files = current
        return missing
