"""No reader's address goes to a third party: find assets a page would load from another origin.

A public-sector site must not make its readers' browsers contact other servers (Google Fonts is
the classic case: plain mkdocs-material loads them by default). Links that a reader chooses to
follow are fine; what a browser fetches by itself while showing the page is not.
"""

from __future__ import annotations

import re

# The patterns run on the page's UTF-8 bytes, lowered ASCII-only (``bytes.lower``): HTML and CSS
# names are ASCII case-insensitive, and a lowered copy of the same length lets a match's span cut the
# address out of the original. Case-insensitive str patterns took most of a page's check.
# Elements whose address the browser loads on its own, and the attribute that holds it.
_LOADED = re.compile(
    rb"<(?P<tag>script|img|iframe|frame|source|video|audio|embed|object|track|input)\b[^>]*?"
    rb"\s(?:src|data|poster|srcset)\s*=\s*[\"']?(?P<url>(?:https?:)?//[^\s\"'>]+)")
_LINK = re.compile(rb"<link\b[^>]*>")
_LINK_REL = re.compile(rb"\srel\s*=\s*[\"']?([^\"'>]+)")
_LINK_HREF = re.compile(rb"\shref\s*=\s*[\"']?((?:https?:)?//[^\s\"'>]+)")
_CSS_URL = re.compile(rb"url\(\s*[\"']?((?:https?:)?//[^\s\"')]+)")
_CSS_IMPORT = re.compile(rb"@import\s+[\"']((?:https?:)?//[^\"']+)")
# rel values of <link> that make the browser fetch or connect by itself
_FETCHING_RELS = {b"stylesheet", b"icon", b"preload", b"prefetch", b"preconnect", b"dns-prefetch", b"modulepreload",
                  b"manifest", b"apple-touch-icon", b"mask-icon", b"prerender"}


def external_assets(html: str) -> list[str]:
    """Addresses on other origins that the page would load without a click, in order of appearance."""
    original = html.encode("utf-8", "surrogatepass")
    lowered = original.lower()

    def cut(match: re.Match[bytes], group: int | str) -> str:
        return original[match.start(group):match.end(group)].decode("utf-8", "surrogatepass")

    found = [cut(match, "url") for match in _LOADED.finditer(lowered)]
    for tag in _LINK.finditer(lowered):
        rel = _LINK_REL.search(lowered, tag.start(), tag.end())
        href = _LINK_HREF.search(lowered, tag.start(), tag.end())
        if rel and href and _FETCHING_RELS & set(rel.group(1).split()):
            found.append(cut(href, 1))
    found += [cut(match, 1) for match in _CSS_URL.finditer(lowered)]
    found += [cut(match, 1) for match in _CSS_IMPORT.finditer(lowered)]
    return found
