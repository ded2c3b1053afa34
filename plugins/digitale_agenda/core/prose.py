"""Editors' Markdown (section texts, measure descriptions, initiative texts) as HTML.

The generated pages are HTML templates; only the prose inside them is Markdown, converted with
markdown-it-py: CommonMark, so the site shows what the repository's preview shows, and four times
faster than Python-Markdown on this prose, which matters at 100,000 pages.

Relative links in prose are written as an editor sees the files in the repository
(``bildung.md``, ``../musterdorf/verwaltung.md#glasfaser``) and are rewritten to the pages
generated from those files. A link that leads to no page is kept and reported.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .load import INITIATIVES_DIR


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


SAFE_SCHEMES = ("http", "https", "mailto")
# A line of plain prose: it starts with a letter, ends with no space, and holds no character that
# Markdown could read as markup here (emphasis, code, links, images, autolinks, HTML, entities,
# strikethrough, tables, escapes) nor a control character. Block markup (lists, headings, quotes,
# code blocks, rules) needs something other than a letter at the start of a line.
_PLAIN_LINE = re.compile(r"[^\W\d_][^\\`*_\[\]<>&~|\x00-\x1f\x7f]*(?<=\S)")


def _is_safe_link(url: str) -> bool:
    """Links to web pages, mail addresses and the site itself; no javascript:, data:, file: or
    the like, which markdown-it would otherwise keep for images. An unsafe link stays as text."""
    scheme = urlsplit(url.strip()).scheme.lower()
    return not scheme or scheme in SAFE_SCHEMES


class ProseRenderer:
    """Converts prose to HTML with CommonMark and GitHub's tables, the Markdown that editors see in
    their repository's preview. Raw HTML is shown as text, not passed through."""

    def __init__(self) -> None:
        self._md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
        self._md.validateLink = _is_safe_link
        self._broken: list[str] = []

    def render(self, text: str, folder: str, resolve: Callable[[str], str | None]) -> str:
        """``folder``: the agenda folder (or INITIATIVES_DIR) the text comes from; ``resolve`` maps
        a generated page's URI to a link from the page being rendered, or None if there is none."""
        plain = plain_html(text)
        if plain is not None:
            return plain
        tokens = self._md.parse(text)
        for token in tokens:
            for child in token.children or ():
                if child.type in ("link_open", "image"):
                    self._rewrite(child, "href" if child.type == "link_open" else "src", folder, resolve)
        return self._md.renderer.render(tokens, self._md.options, {})

    def _rewrite(self, token: Token, attribute: str, folder: str, resolve: Callable[[str], str | None]) -> None:
        value = str(token.attrGet(attribute) or "")
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            return  # external, mail or an anchor on the same page
        page = source_to_page(posixpath.normpath(posixpath.join(folder, parts.path)))
        url = resolve(page) if page else None
        if url is None:
            self._broken.append(value)
            return
        token.attrSet(attribute, url + (f"#{parts.fragment}" if parts.fragment else ""))

    def take_broken(self) -> list[str]:
        """Link targets that led to no page since the last call."""
        broken, self._broken = self._broken, []
        return broken


def plain_html(text: str) -> str | None:
    """The HTML of prose that is nothing but paragraphs of plain lines, as markdown-it writes it;
    None for any other prose, which markdown-it converts.

    Most section texts and measure descriptions are such paragraphs, and markdown-it took a fifth
    of the time of writing an agenda's page for them. Blank lines (spaces only) separate the
    paragraphs; the lines of a paragraph stay lines, and only ``"`` needs escaping, since the
    other characters that HTML escapes are not plain.
    """
    paragraphs: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if not line.strip(" "):
            current = None
        elif not _PLAIN_LINE.fullmatch(line):
            return None
        elif current is None:
            current = [line]
            paragraphs.append(current)
        else:
            current.append(line)
    return "".join("<p>" + "\n".join(lines).replace('"', "&quot;") + "</p>\n" for lines in paragraphs)
