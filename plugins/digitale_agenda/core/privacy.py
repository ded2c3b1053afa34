"""No reader's address goes to a third party: find assets a page would load from another origin.

A public-sector site must not make its readers' browsers contact other servers (Google Fonts is
the classic case: plain mkdocs-material loads them by default). Links that a reader chooses to
follow are fine; what a browser fetches by itself while showing the page is not.
"""

from __future__ import annotations

import re

# Elements whose address the browser loads on its own, and the attribute that holds it.
_LOADED = re.compile(
    r"<(?P<tag>script|img|iframe|frame|source|video|audio|embed|object|track|input)\b[^>]*?"
    r"\s(?:src|data|poster|srcset)\s*=\s*[\"']?(?P<url>(?:https?:)?//[^\s\"'>]+)",
    re.IGNORECASE)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_LINK_REL = re.compile(r"\srel\s*=\s*[\"']?([^\"'>]+)", re.IGNORECASE)
_LINK_HREF = re.compile(r"\shref\s*=\s*[\"']?((?:https?:)?//[^\s\"'>]+)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\s\"')]+)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s+[\"']((?:https?:)?//[^\"']+)", re.IGNORECASE)
# rel values of <link> that make the browser fetch or connect by itself
_FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                  "manifest", "apple-touch-icon", "mask-icon", "prerender"}


def external_assets(html: str) -> list[str]:
    """Addresses on other origins that the page would load without a click, in order of appearance."""
    found = [match.group("url") for match in _LOADED.finditer(html)]
    for tag in _LINK.findall(html):
        rel = _LINK_REL.search(tag)
        href = _LINK_HREF.search(tag)
        if rel and href and _FETCHING_RELS & set(rel.group(1).lower().split()):
            found.append(href.group(1))
    lowered = html.lower()  # case-insensitive patterns are slow to scan for: look for their words first
    if "url(" in lowered:
        found += _CSS_URL.findall(html)
    if "@import" in lowered:
        found += _CSS_IMPORT.findall(html)
    return found
