"""Agenda files come from pull requests: script in them must never reach a reader.

Each payload goes into editors' prose (a section text and a measure description) and into plain
YAML values (measure titles and leads). The built pages are parsed for anything executable, and
loaded in headless Chromium, where no payload may open a dialog or log an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browsing import serve
from conftest import Catalogue, build_site, write_catalogue

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<!--><script>alert(1)</script>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "[Klick](javascript:alert(1))",
    "[Klick](JaVaScRiPt:alert(1))",
    "[Klick](&#x6A;avascript:alert(1))",
    "[Klick](vbscript:msgbox(1))",
    "![Bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[Klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[Klick](https://x.example/\"onmouseover=\"alert(1))",
    "Text {: onclick=\"alert(1)\" }",
    "\"><script>alert(1)</script>",
    "{{ config }}{% raw %}",
]

EXECUTABLE_TAGS = ("script", "iframe", "object", "embed", "style", "form", "base", "meta", "svg", "math", "input",
                   "video", "details", "img")


# The agenda's name is also the title of its pages, which the theme writes into <title> and its header.
NAME = "Landkreis Alpha</title><script>alert(1)</script><img src=x onerror=alert(2)>"


def _plant(catalogue: Catalogue) -> None:
    """Every payload in prose and in YAML values of the agenda alpha, and one in its name."""
    catalogue.edit("alpha/agenda.yml", "name: Landkreis Alpha", "name: " + json.dumps(NAME))
    prose = "\n\n".join(PAYLOADS)
    catalogue.edit("alpha/verwaltung.md", "Die Lage heute.", prose)
    catalogue.edit("alpha/verwaltung.md", "      Eine kurze Beschreibung.",
                   "      " + " ".join(p.replace("\n", " ") for p in PAYLOADS))
    catalogue.edit("alpha/bildung.md", "titel: Maßnahme bildung in alpha", "titel: " + json.dumps(PAYLOADS[2]))
    catalogue.edit("alpha/bildung.md", "federfuehrung: Hauptamt", "federfuehrung: " + json.dumps(PAYLOADS[0]))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    catalogue = Catalogue(write_catalogue(root))
    _plant(catalogue)
    result = build_site(catalogue.agendas, root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_there_are_at_least_thirty_payloads() -> None:
    assert len(set(PAYLOADS)) >= 30


def test_no_payload_survives_into_the_built_html(site: Path) -> None:
    pages = [site / "kommunen/alpha/verwaltung/index.html", site / "kommunen/alpha/bildung/index.html"]
    article_text = ""
    for page in pages:
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        article_text += article.get_text()
        for element in article.find_all(True):
            assert element.name not in EXECUTABLE_TAGS or "da-" in " ".join(element.get("class", [])), element
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), element
                text = " ".join(value) if isinstance(value, list) else value
                assert not text.strip().lower().startswith(("javascript:", "vbscript:", "data:")), element
    assert "<script>alert(1)</script>" in article_text  # shown as text, so editors see what they wrote
    assert "{{ config }}" in article_text  # data is never a template


def test_a_name_is_text_in_the_title_and_the_header(site: Path) -> None:
    for page in (site / "kommunen/alpha/index.html", site / "kommunen/alpha/bildung/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert NAME in soup.title.get_text()
        header = soup.select_one("[data-md-component=header-topic]")
        assert NAME in header.get_text() and header.find(["script", "img"]) is None
        feedback = soup.select_one(".da-legal a[href^='mailto:']")["href"]
        assert f"{NAME}“" in unquote(feedback)  # the subject names the page as the reader sees it


def test_chromium_runs_none_of_them(site: Path, browser: Browser) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    with serve(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in ("kommunen/alpha/verwaltung/", "kommunen/alpha/bildung/", "kommunen/alpha/",
                     "handlungsfelder/bildung/bayern/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
        page.close()
    assert dialogs == []
    assert errors == []
