"""What a reader sees, in a real headless Chromium (Debian's, driven by Playwright): a walk through
the example site, and a screenshot of every page type under test-artifacts/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browsing import serve
from conftest import ROOT, build_site, write_catalogue

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
PAGE_TYPES = {
    "startseite": "",
    "kommunen-a-z": "kommunen/",
    "kommunen-buchstabe": "kommunen/a-z/m/",
    "kommune": "kommunen/musterdorf/",
    "kommune-handlungsfeld": "kommunen/musterdorf/verwaltung/",
    "handlungsfeld": "handlungsfelder/verwaltung/",
    "handlungsfeld-land": "handlungsfelder/verwaltung/bayern/",
    "land": "laender/bayern/",
    "kreis": "kreise/landkreis-beispielland/",
    "vergleich": "vergleich/bayern/",
    "initiativen": "initiativen/",
    "initiative": "initiativen/gigabitregion-beispielland/",
}


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(server) else foreign.append(request.url))
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert foreign == [], "requests to other origins"
    assert errors == [], "console errors"


def heading(page: Page) -> str:
    return page.locator("article h1").first.inner_text().strip()


def test_reader_walks_from_home_to_field_partner_and_initiative(page: Page, server: str) -> None:
    page.goto(server)
    expect(page.locator("article h1")).to_have_text("Digitale Agenden für Kommunen und Regionen")
    expect(page.locator(".da-figures")).to_contain_text("6 Agenden")
    expect(page.locator(".da-chart svg[role=img]").first).to_be_visible()

    page.get_by_role("link", name="von A bis Z").click()
    expect(page.locator("article h1")).to_have_text("Kommunen von A bis Z")
    page.locator("article").get_by_role("link", name="M", exact=True).click()
    expect(page.locator("article h1")).to_have_text("Kommunen: M")
    page.locator("article").get_by_role("link", name="Musterdorf", exact=True).click()
    assert heading(page) == "Musterdorf"
    expect(page.locator("article dl")).to_contain_text("Landkreis Beispielland")
    expect(page.locator("article dl")).to_contain_text("091985501123 (ARS)")

    page.locator("article table").get_by_role("link", name="Digitale Verwaltung").click()
    assert heading(page) == "Digitale Verwaltung"
    measure = page.locator("h3#buergerservice-online")
    expect(measure).to_be_visible()
    expect(page.locator("article .da-badge").first).to_be_visible()
    expect(page.locator("article")).to_contain_text("Wer macht das auch?")
    page.go_back()
    assert heading(page) == "Musterdorf"

    page.locator("#da-partner ~ ul").first.get_by_role("link", name="Landkreis Beispielland").click()
    assert heading(page) == "Landkreis Beispielland"
    expect(page.locator("article")).to_contain_text("Landrätin")

    page.locator("#da-initiativen ~ ul").first.get_by_role("link", name="Gigabitregion Beispielland").click()
    assert heading(page) == "Gigabitregion Beispielland"
    members = page.locator("article dl dd").first
    expect(members).to_contain_text("Musterdorf")
    expect(members).to_contain_text("Beispielstadt am See")
    members.get_by_role("link", name="Musterdorf").click()
    assert heading(page) == "Musterdorf"
    page.go_back()
    assert heading(page) == "Gigabitregion Beispielland"
    page.go_back()
    assert heading(page) == "Landkreis Beispielland"


def test_measure_anchor_scrolls_into_view(page: Page, server: str) -> None:
    page.goto(server + "kommunen/landkreis-beispielland/verwaltung/#ozg-kreis-portal")
    expect(page.locator("h3#ozg-kreis-portal")).to_be_in_viewport()


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshot_of_every_page_type(page: Page, server: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in PAGE_TYPES.items():
        page.goto(server + path)
        expect(page.locator("article h1")).to_be_visible()
        # nothing wider than the screen but the comparison table, which scrolls inside its box
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, width, overflow)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        assert (ARTIFACTS / f"{name}-{width}.png").stat().st_size > 10_000


def test_a_land_page_searches_in_its_land(page: Page, server: str) -> None:
    page.goto(server + "laender/sachsen-anhalt/")
    page.get_by_label("In Sachsen-Anhalt suchen").fill("Glasfaser")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_label("Land", exact=True)).to_have_value("Sachsen-Anhalt")
    titles = page.locator("#da-suche-treffer > li > h2 a")
    expect(titles.first).to_be_visible(timeout=15_000)
    for title in titles.all_inner_texts():
        assert "Neustadt an der Probe" in title
    assert "Land=Sachsen-Anhalt" in page.url


def test_search_finds_measures_filters_and_leads_to_the_anchor(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_label("Agenden und Maßnahmen durchsuchen").fill("Glasfaser")
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator("article h1")).to_have_text("Suche")
    expect(page.get_by_label("Suchbegriff")).to_have_value("Glasfaser")
    status = page.locator("#da-suche-status")
    expect(status).to_contain_text("Treffer für „Glasfaser“", timeout=15_000)
    titles = page.locator("#da-suche-treffer > li > h2 a")
    expect(titles.first).to_be_visible()
    before = titles.count()
    page.get_by_label("Land", exact=True).select_option("Sachsen-Anhalt")
    expect(titles.first).to_contain_text("Neustadt an der Probe")
    for title in titles.all_inner_texts():
        assert "Neustadt an der Probe" in title
    assert titles.count() < before
    assert "Land=Sachsen-Anhalt" in page.url and "q=Glasfaser" in page.url
    expect(page.locator("#da-suche-treffer mark").first).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "suche-1280.png"), full_page=True)
    # a sub-result leads to the measure's anchor on the municipality's field page
    nested = page.locator("#da-suche-treffer > li > ul a").first
    href = nested.get_attribute("href")
    assert href and "#" in href
    nested.click()
    anchor = href.split("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    assert "/kommunen/neustadt-an-der-probe/" in page.url
    page.go_back()
    expect(page.get_by_label("Land", exact=True)).to_have_value("Sachsen-Anhalt")


def test_search_across_two_sites_of_a_split_portal(browser: Browser, tmp_path: Path) -> None:
    """A portal split into sites per Land: one site's search also queries the other's index."""
    served = tmp_path / "portal"
    for name, keep, merge in (("bayern", {"alpha", "beta"}, [{"bundle": "/nrw/pagefind/", "base": "/nrw/"}]),
                              ("nrw", {"gamma"}, [])):
        agendas = write_catalogue(tmp_path / name)
        for folder in agendas.iterdir():
            if folder.is_dir() and folder.name not in keep:
                shutil.rmtree(folder)
        result = build_site(agendas, tmp_path / name, merge_search=merge)
        assert result.returncode == 0, result.stderr
        shutil.copytree(tmp_path / name / "site", served / name)
    with serve(served) as base:
        page = browser.new_page()
        page.goto(f"{base}bayern/suche/?q=Hauptamt")
        titles = page.locator("#da-suche-treffer > li > h2 a")
        expect(page.locator("#da-suche-status")).to_contain_text("Treffer", timeout=15_000)
        page.wait_for_timeout(300)
        while page.locator("#da-suche-mehr").is_visible():
            page.locator("#da-suche-mehr").click()
            page.wait_for_timeout(200)
        hrefs = [link.get_attribute("href") for link in titles.all()]
        assert any(h.startswith("/bayern/kommunen/alpha/") for h in hrefs), hrefs
        assert any(h.startswith("/nrw/kommunen/gamma/") for h in hrefs), hrefs
        titles.filter(has_text="Stadt Gamma").first.click()
        expect(page.locator("article h1")).to_be_visible()
        assert "/nrw/kommunen/gamma/" in page.url
        page.close()


def test_search_index_in_parts_still_searches_the_whole_site(browser: Browser, tmp_path: Path) -> None:
    """A site above the page limit gets its index in parts of one Land each, one Pagefind run each;
    a reader's search still finds every agenda, the filter still applies, pages outside the agendas
    (initiatives) stay in the main bundle, and a search limited to a Land loads only its parts, not
    even the main bundle."""
    agendas = write_catalogue(tmp_path)
    result = build_site(agendas, tmp_path, search_shard_pages=9)  # each fixture agenda has 9 indexed pages
    assert result.returncode == 0, result.stderr
    bundles = tmp_path / "site" / "pagefind"
    assert sorted(p.name for p in bundles.glob("teil-*")) == ["teil-2", "teil-3", "teil-4"]
    # alpha and beta are in Bayern (teil-2, teil-3), gamma in Nordrhein-Westfalen
    assert "Suchindex Teil 4 von 4 (Nordrhein-Westfalen: 1 Agenden, 9 Seiten)" in result.stderr
    with serve(tmp_path / "site") as base:
        page = browser.new_page()
        loaded_for_land: list[str] = []
        page.on("requestfinished", lambda request: loaded_for_land.append(request.url))
        page.goto(f"{base}suche/?q=Hauptamt&Land=Nordrhein-Westfalen")
        expect(page.locator("#da-suche-treffer > li > h2 a").first).to_be_visible(timeout=15_000)
        in_land = [link.get_attribute("href") or "" for link in page.locator("#da-suche-treffer > li > h2 a").all()]
        assert in_land and all("/kommunen/gamma/" in h for h in in_land), in_land
        assert any("/pagefind/teil-4/" in url for url in loaded_for_land)
        assert not any("/pagefind/teil-2/" in url or "/pagefind/teil-3/" in url for url in loaded_for_land)
        # the main bundle's pages carry no filters: a search in a Land does not load it at all ...
        assert not any("/pagefind/pagefind." in url or "/pagefind/index/" in url for url in loaded_for_land)
        # ... until a search without filters needs it
        page.get_by_label("Land", exact=True).select_option("")
        page.locator("#da-suche-q").fill("zusammen")
        page.locator("#da-suche-q").press("Enter")
        expect(page.locator("#da-suche-treffer a[href*='/initiativen/']").first).to_be_visible(timeout=15_000)
        page.close()
        page = browser.new_page()
        loaded: list[str] = []
        page.on("requestfinished", lambda request: loaded.append(request.url))
        page.goto(f"{base}suche/?q=Hauptamt")
        expect(page.locator("#da-suche-treffer > li > h2 a").first).to_be_visible(timeout=15_000)
        while page.locator("#da-suche-mehr").is_visible():
            page.locator("#da-suche-mehr").click()
            page.wait_for_timeout(200)
        hrefs = [link.get_attribute("href") or "" for link in page.locator("#da-suche-treffer > li > h2 a").all()]
        for slug in ("alpha", "beta", "gamma"):
            assert any(f"/kommunen/{slug}/" in h for h in hrefs), (slug, hrefs)
        assert all(any(f"/pagefind/teil-{n}/" in url for url in loaded) for n in (2, 3, 4))
        page.get_by_label("Land", exact=True).select_option("Bayern")
        page.wait_for_timeout(500)
        expect(page.locator("#da-suche-treffer > li > h2 a").first).to_be_visible(timeout=15_000)
        filtered = [link.get_attribute("href") or "" for link in page.locator("#da-suche-treffer > li > h2 a").all()]
        assert filtered and not any("/kommunen/gamma/" in h for h in filtered), filtered
        page.goto(f"{base}suche/?q=zusammen")
        expect(page.locator("#da-suche-treffer a[href*='/initiativen/']").first).to_be_visible(timeout=15_000)
        page.close()


def test_search_over_all_laender_loads_further_parts_only_when_asked(browser: Browser, tmp_path: Path) -> None:
    """A word on more pages than a page of results shows: the search over all Länder searches the
    main bundle and one part, says where it has looked, and searches the other parts only when the
    reader asks for more results; then it finds the agendas there too, each result once."""
    agendas = write_catalogue(tmp_path)
    assert build_site(agendas, tmp_path, search_shard_pages=9).returncode == 0
    with serve(tmp_path / "site") as base:
        page = browser.new_page()
        loaded: list[str] = []
        page.on("requestfinished", lambda request: loaded.append(request.url))
        page.goto(f"{base}suche/?q=Handlungsfeld")
        results = page.locator("#da-suche-treffer > li > h2 a")
        expect(results).to_have_count(10, timeout=15_000)
        page.wait_for_load_state("networkidle")
        assert [n for n in (2, 3, 4) if any(f"/pagefind/teil-{n}/" in url for url in loaded)] == [2]
        expect(page.locator("article")).to_contain_text("durchsucht die Suche die Länder nach und nach")
        status = page.locator("#da-suche-status")
        expect(status).to_contain_text("bisher durchsucht: ein Teil von Bayern")
        expect(status).to_contain_text("sucht weiter in Bayern und Nordrhein-Westfalen")
        page.locator("#da-suche-mehr").click()
        expect(status).to_contain_text("bisher durchsucht: Bayern.")
        assert not any("/pagefind/teil-4/" in url for url in loaded)
        while page.locator("#da-suche-mehr").is_visible():
            page.locator("#da-suche-mehr").click()
            page.wait_for_timeout(200)
        expect(status).not_to_contain_text("bisher")
        hrefs = [link.get_attribute("href") or "" for link in results.all()]
        assert len(hrefs) == len(set(hrefs)), "a result shown twice"
        assert status.inner_text().startswith(f"{len(hrefs)} Treffer")
        for slug in ("alpha", "beta", "gamma"):
            assert any(f"/kommunen/{slug}/" in h for h in hrefs), (slug, hrefs)
        page.close()


def test_search_over_all_laender_looks_further_while_it_has_only_stand_ins(browser: Browser,
                                                                           tmp_path: Path) -> None:
    """Where a part has no word beginning with the query word, Pagefind matches the longest word the
    query word begins with ("Moor" for "Moortalbrücke"). The search takes such results for no answer
    and searches further parts before it shows any, even with more than a page of them."""
    agendas = write_catalogue(tmp_path)
    for slug in ("alpha", "beta"):  # Bayern, the first two parts: 18 pages that hold "Moor"
        for text in (agendas / slug).glob("*.md"):
            text.write_text(text.read_text(encoding="utf-8") + "\nDas Moor liegt nahe.\n", encoding="utf-8")
    bridge = agendas / "gamma" / "verwaltung.md"
    bridge.write_text(bridge.read_text(encoding="utf-8") + "\nDie Moortalbrücke wird vermessen.\n", encoding="utf-8")
    result = build_site(agendas, tmp_path, search_shard_pages=9)
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as base:
        page = browser.new_page()
        page.goto(f"{base}suche/?q=Moortalbrücke")
        first = page.locator("#da-suche-treffer > li > h2 a").first
        expect(first).to_be_visible(timeout=15_000)
        assert "/kommunen/gamma/verwaltung/" in (first.get_attribute("href") or "")
        expect(page.locator("#da-suche-treffer mark").first).to_contain_text("Moortalbrücke")
        page.close()
