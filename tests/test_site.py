"""The generated reader's site: a real build of the fixture catalogue, asserted on the parsed HTML
of every page type, plus a link check over the built example site."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, write_catalogue
from digitale_agenda.core.site import Pager, paged_uri, spread


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixture-site")
    result = build_site(write_catalogue(root), root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def links(soup: BeautifulSoup) -> dict[str, str]:
    """Link text -> href within the article."""
    return {" ".join(a.get_text(" ").split()): a["href"] for a in soup.select("article a[href]:not(.headerlink)")}


def test_home_has_key_figures_status_chart_coverage_and_entry_points(site: Path) -> None:
    soup = page(site, "")
    body = text(soup)
    assert "3 Agenden" in body and "24 Maßnahmen" in body and "1 gemeinsame Initiativen" in body
    chart = soup.select_one(".da-chart svg[role=img]")
    assert chart["aria-label"] == "Stand aller Maßnahmen: 21 In Umsetzung, 3 Abgeschlossen"
    assert "In Umsetzung: 21" in body
    rows = soup.select("#da-abdeckung ~ table tbody tr, table tbody tr")
    assert any("Digitale Verwaltung" in r.get_text() and "3 von 3" in r.get_text() for r in rows)
    entry = links(soup)
    assert entry["Bayern"] == "laender/bayern/" and entry["Landkreis (1)"] == "kommunen/art/landkreis/"
    assert entry["von A bis Z"] == "kommunen/"
    # the navigation holds the top-level sections only, never the municipalities
    nav = " ".join(a.get_text(" ").strip() for a in soup.select("nav.md-nav--primary a"))
    assert "Kommunen" in nav and "Landkreis Alpha" not in nav


def test_a_to_z_index_links_letters_and_kinds_to_paged_lists(site: Path) -> None:
    soup = page(site, "kommunen")
    target = links(soup)
    assert target["G"] == "a-z/g/" and target["L"] == "a-z/l/" and target["S"] == "a-z/s/"
    assert target["Gemeinde"] == "art/gemeinde/"
    letter = page(site, "kommunen/a-z/l")
    assert links(letter)["Landkreis Alpha"] == "../../alpha/"
    assert "Kommunen: L" in text(letter) and "Seite 1 von" not in text(letter)


def test_municipality_overview(site: Path) -> None:
    soup = page(site, "kommunen/beta")
    facts = {dt.get_text(): dd.get_text(" ").strip() for dt, dd in zip(soup.select("dt"), soup.select("dd"),
                                                                        strict=True)}
    assert facts["Art"] == "Gemeinde" and facts["Amtlicher Schlüssel"] == "091975501001 (ARS)"
    assert facts["Kreis"] == "Landkreis Alpha" and facts["Einwohnerinnen und Einwohner"] == "3.000"
    assert facts["Stand der Agenda"] == "In Umsetzung (Beschluss vom 10.05.2024, GR 2024/12)"
    assert facts["Letzte Überprüfung"] == "01.03.2026"
    assert soup.select_one("dd progress.da-progress") is not None
    rows = {r.select("td")[0].get_text(): r for r in soup.select("#da-handlungsfelder ~ table tbody tr")}
    assert len(rows) == 8
    assert "In Umsetzung" in rows["Digitale Verwaltung"].get_text()
    target = links(soup)
    assert target["Landkreis Alpha"] == "../alpha/"
    assert target["Gemeinsam digital"] == "../../initiativen/gemeinsam-digital/"
    assert target["Digitale Verwaltung"] == "verwaltung/"


def test_municipality_field_page_has_sections_and_anchored_measures(site: Path) -> None:
    soup = page(site, "kommunen/beta/verwaltung")
    headings = [h.get_text().strip("¶ ") for h in soup.select("article h2")]
    assert headings == ["Ausgangslage", "Ziele", "Maßnahmen"]
    measure = soup.select_one("h3#beta-verwaltung")
    assert measure.get_text().strip("¶ ") == "Maßnahme verwaltung in beta"
    block = text(soup)
    assert "In Umsetzung" in block and "40 %" in block and "Federführung Hauptamt" in block
    assert "Zeitraum 2025-01 bis 2027-12" in block
    target = links(soup)
    # the explicit reference, and "Wer macht das auch?" with it
    assert target["Maßnahme verwaltung in alpha"] == "../../alpha/verwaltung/#alpha-verwaltung"
    assert "Wer macht das auch?" in block


def test_search_leaves_out_the_links_to_other_measures(site: Path) -> None:
    """"Wer macht das auch?" lists other agendas' measures: a search for their words must not
    find this page, so Pagefind's record of the page (its fragment) holds the page's own text only."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[len(b"pagefind_dcd"):])
        fragments[record["url"]] = record["content"]
    content = fragments["/kommunen/beta/verwaltung/"]
    assert "Maßnahme verwaltung in beta" in content and "Federführung" in content
    assert "Wer macht das auch" not in content
    assert "Wer macht das auch?" in text(page(site, "kommunen/beta/verwaltung"))


def test_field_across_municipalities_grouped_by_land(site: Path) -> None:
    soup = page(site, "handlungsfelder/verwaltung")
    rows = {r.select("td")[0].get_text(): r for r in soup.select("article table tbody tr")}
    assert list(rows) == ["Bayern", "Nordrhein-Westfalen"]
    assert rows["Bayern"].select("td")[1].get_text() == "2"
    assert links(soup)["Bayern"] == "bayern/"
    land = page(site, "handlungsfelder/verwaltung/nordrhein-westfalen")
    assert len(land.select("article table tbody tr")) == 1
    assert links(land)["Maßnahme verwaltung in gamma"] == "../../../kommunen/gamma/verwaltung/#gamma-verwaltung"


def test_page_addresses_and_page_navigation() -> None:
    """Paged lists continue at base/seite-N/ and link a constant number of pages (built: test_scale.py)."""
    assert paged_uri("laender/bayern.md", 2) == "laender/bayern/seite-2.md"
    assert paged_uri("kommunen/index.md", 3) == "kommunen/seite-3.md"
    assert Pager(7, tuple(f"p{n}" for n in range(1, 21))).window() == [1, 5, 6, 7, 8, 9, 20]
    assert Pager(1, ("p1",)).window() == [1]


def test_pages_across_agendas_are_spread_among_the_agendas_own() -> None:
    """The render order (core.prefetch) mixes the slow list pages evenly into the fast agenda pages."""
    heavy, light = [f"h{n}" for n in range(6)], [f"l{n}" for n in range(100)]
    order = spread(heavy, light)
    assert sorted(order) == sorted(heavy + light)
    assert [p for p in order if p in heavy] == heavy and [p for p in order if p in light] == light
    positions = [order.index(p) for p in heavy]
    gaps = [b - a for a, b in zip([-1, *positions], [*positions, len(order)], strict=True)]
    assert max(gaps) - min(gaps) <= 2, gaps  # evenly: no run of light pages much longer than another
    assert spread([], light) == light and spread(heavy, []) == heavy


def test_land_and_kreis_pages_aggregate(site: Path) -> None:
    land = page(site, "laender/bayern")
    body = text(land)
    assert "2 Kommunen" in body and "Landkreis Alpha" in body and "Gemeinde Beta" in body
    assert "Stadt Gamma" not in body
    assert links(land)["Landkreis Alpha"] in ("../../kommunen/alpha/", "../../kreise/alpha/")
    kreis = page(site, "kreise/alpha")
    assert "Gemeinde Beta" in text(kreis) and "Landkreis Alpha" in text(kreis)
    assert kreis.select_one(".da-chart svg")["aria-label"].startswith("Stand der Maßnahmen in Landkreis Alpha")


def test_comparison_matrix_paged_by_land(site: Path) -> None:
    index = page(site, "vergleich")
    assert set(links(index)) == {"Bayern", "Nordrhein-Westfalen"}
    matrix = page(site, "vergleich/nordrhein-westfalen")
    header = [th.get_text() for th in matrix.select("table thead th")]
    assert header[0] == "Kommune" and len(header) == 9
    (row,) = matrix.select("table tbody tr")
    assert row.select("td")[0].get_text() == "Stadt Gamma"
    assert row.select("td")[4].select_one("a")["href"] == "../../kommunen/gamma/verwaltung/"


def test_initiative_linked_both_ways(site: Path) -> None:
    index = page(site, "initiativen")
    assert links(index)["Gemeinsam digital"] == "gemeinsam-digital/"
    soup = page(site, "initiativen/gemeinsam-digital")
    target = links(soup)
    for name, slug in (("Landkreis Alpha", "alpha"), ("Gemeinde Beta", "beta"), ("Stadt Gamma", "gamma")):
        assert target[name] == f"../../kommunen/{slug}/"
        member = page(site, f"kommunen/{slug}")
        assert links(member)["Gemeinsam digital"] == "../../initiativen/gemeinsam-digital/"
    assert target["Maßnahme infrastruktur in alpha"] == "../../kommunen/alpha/infrastruktur/#alpha-infrastruktur"
    assert "Drei Kommunen arbeiten zusammen." in text(soup)


def test_no_request_leaves_the_origin(site: Path) -> None:
    """No external script, style, font or image in any page; links to other sites are fine."""
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                               ("source", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                assert not re.match(r"^(https?:)?//", value), (html, tag, value)
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")


def test_example_site_has_no_broken_internal_link_or_anchor(example_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    pages = list(example_site.rglob("*.html"))

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {e["id"] for e in soup.find_all(id=True)}
        return ids[path]

    checked = 0
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        base = "http://site/" + html.relative_to(example_site).as_posix()
        for a in soup.find_all("a", href=True):
            url = urlparse(urljoin(base, a["href"]))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            target = example_site / unquote(url.path).lstrip("/")
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{html}: {a['href']}"
            if url.fragment:
                assert unquote(url.fragment) in anchors(target), f"{html}: {a['href']}"
            checked += 1
    assert len(pages) > 60 and checked > 1000
