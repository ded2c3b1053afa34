"""The Redaktionshandbuch on the site: every rule the validator knows has its page, from the registry."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from conftest import run_cli


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_the_handbook_lists_every_rule_code_with_example_and_fix(example_site: Path) -> None:
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert len(listed) >= 45
    index = (example_site / "handbuch" / "meldungen" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(da\d{3})/"', index))
    assert linked == {rule["code"].lower() for rule in listed}
    for rule in listed:
        page = _text(example_site / "handbuch" / "meldungen" / rule["code"].lower() / "index.html")
        assert f'{rule["code"]} {rule["title"]}' in page
        assert rule["explanation"] in page and rule["fix"] in page
        assert rule["example"].splitlines()[0] in page


def test_the_handbook_is_in_the_navigation_and_links_its_parts(example_site: Path) -> None:
    start = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="handbuch/"' in start
    guide = (example_site / "handbuch" / "index.html").read_text(encoding="utf-8")
    assert 'href="meldungen/"' in guide and 'href="../format/"' in guide
    assert "Pull Request" in _text(example_site / "handbuch" / "index.html")
