"""Editors' Markdown (section texts, measure descriptions, initiative texts) as HTML.

The generated pages are HTML templates; only the prose inside them is Markdown. One converter
is reused for all of it, with a small set of extensions: converting whole pages through MkDocs'
Markdown cost more than half of a large build, nearly all of it on markup the templates produce.

Relative links in prose are written as an editor sees the files in the repository
(``bildung.md``, ``../musterdorf/verwaltung.md#glasfaser``) and are rewritten to the pages
generated from those files. A link that leads to no page is kept and reported.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["tables", "def_list"]
INITIATIVES_DIR = "_initiativen"  # initiatives live in agendas/_initiativen/, not in an agenda


def source_to_page(path: str) -> str | None:
    """Where the page generated from an agenda file is: 'musterstadt/bildung.md' -> 'kommunen/…'.

    ``path`` is relative to the agendas folder and normalised; None if no page comes from it.
    """
    parts = path.split("/")
    if len(parts) != 2 or not parts[1].endswith(".md"):
        return None
    folder, name = parts
    if folder == INITIATIVES_DIR:
        return f"initiativen/{name}"
    return f"kommunen/{folder}/{name}"


class _Links(Treeprocessor):
    """Rewrites relative links of one conversion; set ``folder`` and ``resolve`` before each."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.folder = ""
        self.resolve: Callable[[str], str | None] = lambda target: None
        self.broken: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if not value:
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, mail or an anchor on the same page
            source = posixpath.normpath(posixpath.join(self.folder, parts.path))
            page = source_to_page(source)
            url = self.resolve(page) if page else None
            if url is None:
                self.broken.append(value)
                continue
            element.set(attribute, url + (f"#{parts.fragment}" if parts.fragment else ""))


class ProseRenderer:
    """Converts prose to HTML; ``resolve`` maps a generated page's source URI to a link from the
    page being rendered, or None if there is no such page."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "da_links", 0)

    def render(self, text: str, folder: str, resolve: Callable[[str], str | None]) -> str:
        """``folder``: the agenda folder (or INITIATIVES_DIR) the text comes from."""
        self._links.folder, self._links.resolve = folder, resolve
        return self._md.reset().convert(text)

    def take_broken(self) -> list[str]:
        """Link targets that led to no page since the last call."""
        broken, self._links.broken = self._links.broken, []
        return broken
