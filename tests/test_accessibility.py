"""Trust in a real browser: accessibility (WCAG 2.1 AA, as BITV 2.0 requires), keyboard use, privacy
and the Content-Security-Policy, over every page type of the example site.

axe-core is the rule engine most accessibility audits automate with; it runs inside Chromium on the
rendered page, so it sees the theme, the palette and the layout at the given width. Findings axe
cannot decide alone ("incomplete", e.g. contrast over an image) are printed for a human to review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, Page, expect

from browsing import serve
from conftest import ROOT
from test_browser import PAGE_TYPES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORT = ROOT / "test-artifacts" / "barrierefreiheit"
SEARCH = "suche/?q=Glasfaser"
ALL_PAGES = {
    **PAGE_TYPES,
    "suche-mit-treffern": SEARCH,
    "impressum": "impressum/",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
    "leichte-sprache": "leichte-sprache/",
    "agenda-format": "format/",
    "404": "404.html",
}


def _open(page: Page, base: str, path: str) -> None:
    page.goto(base + path)
    if path == SEARCH:
        expect(page.locator("#da-suche-status")).to_contain_text("Treffer", timeout=15_000)
    else:
        expect(page.locator("article h1").first).to_be_visible()


def _axe(page: Page) -> dict:
    page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)",
                         {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations", "incomplete"]})


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_wcag_violation(browser: Browser, server: str, scheme: str, width: int,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="de-DE")
    page = context.new_page()
    violations: dict[str, list[str]] = {}
    incomplete: dict[str, list[str]] = {}
    for name, path in ALL_PAGES.items():
        _open(page, server, path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        result = _axe(page)
        for finding in result["violations"]:
            violations.setdefault(name, []).append(
                f"{finding['id']} ({finding['impact']}): {[node['target'] for node in finding['nodes']][:5]}")
        for finding in result["incomplete"]:
            incomplete.setdefault(finding["id"], []).append(
                f"{name}: {[node['target'] for node in finding['nodes']][:3]}")
    context.close()
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / f"axe-{scheme}-{width}.json").write_text(
        json.dumps({"pages": len(ALL_PAGES), "violations": violations, "incomplete": incomplete}, indent=1,
                   ensure_ascii=False), encoding="utf-8")
    to_check = ", ".join(f"{rule} auf {len(pages)} Seiten" for rule, pages in sorted(incomplete.items()))
    with capsys.disabled():
        print(f"\naxe-core {scheme} {width}px: {len(ALL_PAGES)} Seiten, "
              f"{sum(map(len, violations.values()))} Verstöße; zu prüfen (incomplete): {to_check or 'nichts'}")
    assert violations == {}


def _focused(page: Page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent")


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with Tab; last focus: {_focused(page)}")


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _open(page, server, "kommunen/musterdorf/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Zum Inhalt")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#musterdorf"
    page.keyboard.press("Tab")  # the next stop lies in the content, after the heading
    assert page.evaluate("document.querySelector('article').contains(document.activeElement)")
    page.close()


def test_menu_opens_and_closes_with_the_keyboard_on_a_phone(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 700})
    _open(page, server, "")
    _tab_to(page, "label[for=__drawer]")
    menu = page.locator("label.md-header__button[for=__drawer]")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    navigation = page.locator("#da-navigation")
    expect(navigation).to_be_in_viewport()
    assert page.evaluate("document.getElementById('da-navigation').contains(document.activeElement)")
    _tab_to(page, "#da-navigation a[href$='laender/']")
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text("Länder")
    # closed again on the new page: its links are out of the focus order until the menu is opened
    _tab_to(page, "label[for=__drawer]")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    assert not page.locator("#da-navigation a").first.is_visible()
    page.close()


def test_search_and_a_measure_are_usable_without_a_mouse(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _open(page, server, "")
    _tab_to(page, "#da-q")
    page.keyboard.type("Glasfaser")
    page.keyboard.press("Enter")
    expect(page.locator("#da-suche-status")).to_contain_text("Treffer", timeout=15_000)
    _tab_to(page, "#da-suche-treffer a")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: target.split("#")[0].strip("./") in url)
    expect(page.locator("article h1")).to_be_visible()
    # a measure's details: from the field page's table of contents to the measure, by keyboard
    _open(page, server, "kommunen/musterdorf/verwaltung/")
    _tab_to(page, "a[href='#buergerservice-online']")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#buergerservice-online"
    expect(page.locator("h3#buergerservice-online")).to_be_in_viewport()
    page.close()


def test_no_request_leaves_the_site_and_no_cookie_is_set(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []

    def guard(route, request) -> None:  # type: ignore[no-untyped-def]
        if request.url.startswith(server) or request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    for path in ALL_PAGES.values():
        _open(page, server, path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.cookie") == ""
    assert foreign == []
    assert context.cookies() == []
    context.close()


def _csp_headers(site: Path) -> dict[str, str]:
    """The headers a host that reads ``_headers`` would send for every page."""
    headers = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            name, _, value = line.strip().partition(":")
            headers[name] = value.strip()
    return headers


def test_shipped_content_security_policy_holds_on_every_page(browser: Browser, example_site: Path) -> None:
    headers = _csp_headers(example_site)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    nginx = (example_site / "_nginx-sicherheit.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{csp}" always;' in nginx
    with serve(example_site, headers) as base:
        context = browser.new_context()
        context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name, path in ALL_PAGES.items():
            response = page.goto(base + path)
            assert response is not None and response.headers.get("content-security-policy") == csp
            if path == SEARCH:  # Pagefind's WebAssembly and index chunks run under the policy
                expect(page.locator("#da-suche-treffer a").first).to_be_visible(timeout=15_000)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__csp") == [], name
        context.close()
    assert errors == []
