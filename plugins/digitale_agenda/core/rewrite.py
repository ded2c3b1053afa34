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


def folder_state(folder: Path | None) -> list[tuple[str, int, int]]:
    """Each file below ``folder`` with its modification time and size: whether a theme file changed,
    without reading the files."""
    if folder is None or not folder.is_dir():
        return []
    state = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            info = os.stat(os.path.join(top, name))
            state.append((os.path.relpath(os.path.join(top, name), folder), info.st_mtime_ns, info.st_size))
    return state


@dataclass
class Written:
    """The digests of the site as the last build under ``mkdocs serve --dirty`` wrote it.

    ``pages`` maps a generated page's source path to where it was written and its ``page_digest``.
    An empty ``Written`` (the first build, or after a failed one) has every page written.
    """

    shared: bytes | None = None
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def unchanged(self, info: PageInfo, rendered: Rendered) -> bool:
        written = self.pages.get(info.src_uri)
        return written is not None and written[1] == page_digest(info, rendered)

    def remember(self, info: PageInfo, dest_uri: str, rendered: Rendered) -> None:
        self.pages[info.src_uri] = (dest_uri, page_digest(info, rendered))

    def forget_missing(self, src_uris: Iterable[str]) -> list[str]:
        """Forget the pages not in ``src_uris`` (an agenda removed, a list grown shorter); returns where
        they were written, to be deleted from the site."""
        kept = set(src_uris)
        gone = [uri for uri in self.pages if uri not in kept]
        return [self.pages.pop(uri)[0] for uri in gone]
