"""The check that no page loads anything from another server by itself (core.privacy)."""

from __future__ import annotations

import pytest

from digitale_agenda.core.privacy import external_assets


@pytest.mark.parametrize("html, found", [
    ('<script src="https://cdn.example/a.js"></script>', ["https://cdn.example/a.js"]),
    ('<IMG alt="" SRC=//bilder.example/b.png>', ["//bilder.example/b.png"]),
    ('<link rel="stylesheet" href="https://fonts.example/css">', ["https://fonts.example/css"]),
    ('<div style="background: URL( \'https://x.example/c.png\' )"></div>', ["https://x.example/c.png"]),
    ('<style>@IMPORT "//y.example/d.css";</style>', ["//y.example/d.css"]),
    ('<style>p { background: url(/eigene/e.png) }</style>', []),
    ('<a href="https://www.example/">Link, dem man folgt</a>', []),
    ('<link rel="canonical" href="https://musterstadt.example/">', []),
])
def test_assets_from_other_servers_are_found_and_links_are_not(html: str, found: list[str]) -> None:
    assert external_assets(html) == found
