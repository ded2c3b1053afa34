"""The MkDocs plugin validates once per build with the CLI's rules: real builds of a fixture site."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Catalogue, build_site, fragments_with, left_behind, search_bundles, site_config
from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.framework import default_framework_path
from digitale_agenda.mkdocs_plugin import PAGES_SHOWN_FROM, config_chain, page_progress


def test_valid_agendas_build(catalogue: Catalogue, tmp_path: Path) -> None:
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "WARNING" not in result.stderr


def test_a_build_reports_its_phases(catalogue: Catalogue, tmp_path: Path) -> None:
    result = build_site(catalogue.agendas, tmp_path, env={CACHE_ENV: str(tmp_path / "cache")})  # Pagefind runs
    assert result.returncode == 0, result.stderr
    assert re.search(r"Agenden gelesen und geprüft in \d+(,\d)? s", result.stderr), result.stderr
    assert "Suchindex wird geschrieben (Pagefind)" in result.stderr


def test_a_large_build_reports_every_tenth_of_the_pages(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.digital_agenda")
    for total in (PAGES_SHOWN_FROM - 1, 20_000):
        progress = page_progress(total)
        for _ in range(total):
            progress.advance()
    reports = [record.getMessage() for record in caplog.records]
    assert len(reports) == 10
    assert reports[0].startswith("Seiten geschrieben: 2.000 von 20.000 (nach ")
    assert re.fullmatch(r"Seiten geschrieben: 20\.000 von 20\.000 \(in \d+ s\)", reports[-1]), reports[-1]


def test_missing_required_section_stops_the_build_with_code_and_position(catalogue: Catalogue,
                                                                          tmp_path: Path) -> None:
    catalogue.edit("alpha/verwaltung.md", "## Ziele\n", "## Zeile\n")
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 1
    assert "alpha/verwaltung.md:19:1: DA203 Fehler: Pflichtabschnitt „Ziele“ fehlt" in result.stderr
    assert "meinten Sie „Ziele“?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_warnings_fail_a_strict_build(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.edit("alpha/agenda.yml", "letzte_pruefung: 2026-06-01", "letzte_pruefung: 2019-06-01")
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 1
    assert "DA108 Warnung" in result.stderr


def test_prose_links_lead_to_the_pages_of_the_linked_files(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.edit("alpha/verwaltung.md", "Die Lage heute.",
                   "Siehe [Bildung](bildung.md), [Beta](../beta/verwaltung.md#beta-verwaltung), "
                   "[extern](https://example.org/) und [oben](#da-ziele).")
    catalogue.edit("_initiativen/gemeinsam-digital.md", "Drei Kommunen arbeiten zusammen.",
                   "Drei Kommunen, [Alpha vorneweg](../alpha/infrastruktur.md).")
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "site/kommunen/alpha/verwaltung/index.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("article p a")}
    assert links["Bildung"] == "../bildung/"
    assert links["Beta"] == "../../beta/verwaltung/#beta-verwaltung"
    assert links["extern"] == "https://example.org/"
    assert links["oben"] == "#da-ziele"
    assert page.find(id="da-ziele") is not None
    initiative = BeautifulSoup((tmp_path / "site/initiativen/gemeinsam-digital/index.html").read_text(), "html.parser")
    assert initiative.find("a", string="Alpha vorneweg")["href"] == "../../kommunen/alpha/infrastruktur/"


def test_a_prose_link_to_no_page_fails_a_strict_build(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.edit("alpha/verwaltung.md", "Die Lage heute.", "Siehe [Plan](../../geheim/plan.md).")
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 1
    assert "Link „../../geheim/plan.md“ im Text führt zu keiner Seite" in result.stderr
    assert "Traceback" not in result.stderr


def test_raw_html_in_prose_is_shown_as_text(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.edit("alpha/verwaltung.md", "Die Lage heute.",
                   'Die Lage <script>alert(1)</script> <b onclick="x()">heute</b>.')
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 0, result.stderr
    article = BeautifulSoup((tmp_path / "site/kommunen/alpha/verwaltung/index.html").read_text(),
                            "html.parser").select_one("article")
    assert article.find("script") is None and article.find("b") is None
    assert "<script>alert(1)</script>" in article.get_text()


def test_preview_builds_only_the_named_agenda_and_what_it_names(catalogue: Catalogue, tmp_path: Path) -> None:
    catalogue.edit("alpha/verwaltung.md", "## Ziele\n", "## Zeile\n")  # an error elsewhere does not matter
    result = build_site(catalogue.agendas, tmp_path, vorschau=["beta"])
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "kommunen/beta/verwaltung/index.html").is_file()
    assert (site / "kommunen/alpha/index.html").is_file()  # beta's county and partner
    assert not (site / "kommunen/gamma").exists()
    assert "Vorschau: nur beta" in result.stderr
    catalogue.edit("beta/verwaltung.md", "## Ziele\n", "## Zeile\n")
    (tmp_path / "again").mkdir()
    result = build_site(catalogue.agendas, tmp_path / "again", vorschau=["beta"])
    assert result.returncode == 1 and "beta/verwaltung.md:21:1: DA203" in result.stderr


def test_preview_of_an_unknown_agenda_names_it(catalogue: Catalogue, tmp_path: Path) -> None:
    result = build_site(catalogue.agendas, tmp_path, vorschau=["betta"])
    assert result.returncode == 1
    assert "Vorschau: keine Agenda „betta“" in result.stderr and "Traceback" not in result.stderr


def test_pages_rendered_in_a_second_process_are_the_same(catalogue: Catalogue, tmp_path: Path) -> None:
    sites = {}
    for parallel in (True, False):
        out = tmp_path / str(parallel)
        out.mkdir()
        result = build_site(catalogue.agendas, out, parallel=parallel, search=False)
        assert result.returncode == 0, result.stderr
        sites[parallel] = {p.relative_to(out / "site"): p.read_bytes() for p in (out / "site").rglob("*.html")}
    assert len(sites[True]) > 20
    assert sites[True] == sites[False]


def test_a_template_error_stops_the_build_with_its_message(catalogue: Catalogue, tmp_path: Path) -> None:
    templates = tmp_path / "vorlagen"
    shutil.copytree(ROOT / "overrides" / "agenda", templates)
    measure = templates / "measure.html.j2"
    measure.write_text(measure.read_text(encoding="utf-8").replace("measure.title", "measure.titel", 1),
                       encoding="utf-8")
    for parallel in (True, False):
        result = build_site(catalogue.agendas, tmp_path, parallel=parallel, templates_dir=str(templates))
        assert result.returncode == 1
        assert "Vorlage für die Agenda-Seiten fehlerhaft" in result.stderr and "titel" in result.stderr
        assert "Traceback" not in result.stderr


def _snapshot(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_untouched(catalogue: Catalogue, tmp_path: Path) -> None:
    assert build_site(catalogue.agendas, tmp_path).returncode == 0
    before = _snapshot(tmp_path / "site")
    catalogue.edit("alpha/verwaltung.md", "titel: Maßnahme verwaltung in alpha", "titel: Neuer Titel")
    catalogue.edit("alpha/agenda.yml", "letzte_pruefung: 2026-06-01", "letzte_pruefung: 2019-06-01")  # warning
    failed = build_site(catalogue.agendas, tmp_path)
    assert failed.returncode == 1 and "DA108" in failed.stderr
    templates = tmp_path / "vorlagen"
    shutil.copytree(ROOT / "overrides" / "agenda", templates)
    (templates / "measure.html.j2").write_text("{{ measure.gibt_es_nicht }}", encoding="utf-8")
    failed = build_site(catalogue.agendas, tmp_path, strict=False, templates_dir=str(templates))
    assert failed.returncode == 1 and "Vorlage" in failed.stderr
    assert _snapshot(tmp_path / "site") == before
    assert left_behind(tmp_path) == set()  # no staging folder left
    assert build_site(catalogue.agendas, tmp_path, strict=False).returncode == 0
    assert "Neuer Titel" in (tmp_path / "site/kommunen/alpha/verwaltung/index.html").read_text()


def test_two_builds_of_the_same_input_are_byte_identical(catalogue: Catalogue, tmp_path: Path) -> None:
    sites = []
    for name in ("eins", "zwei"):
        out = tmp_path / name
        out.mkdir()
        result = build_site(catalogue.agendas, out, env={"SOURCE_DATE_EPOCH": "1767225600"})
        assert result.returncode == 0, result.stderr
        sites.append(_snapshot(out / "site"))
    # Pagefind writes its filter and metadata chunks in an arbitrary order, under names that hash
    # their content (github.com/Pagefind/pagefind/issues/638); everything else must be identical.
    unstable = ("pagefind/filter/", "pagefind/pagefind.de_", "pagefind/pagefind-entry.json")
    stable = [{path: data for path, data in site.items() if not str(path).startswith(unstable)} for site in sites]
    assert len(stable[0]) > 100
    assert stable[0] == stable[1]


def test_a_page_that_would_load_from_another_server_stops_the_build(catalogue: Catalogue, tmp_path: Path) -> None:
    config = site_config(catalogue.agendas, tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["font"] = {"text": "Roboto"}  # mkdocs-material would load it from Google
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-f", str(config)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "fonts.googleapis.com" in result.stderr and "fremden Server" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("parallel", [True, False])
def test_an_image_from_another_server_in_prose_stops_the_build(catalogue: Catalogue, tmp_path: Path,
                                                               parallel: bool) -> None:
    """An editor's image from another server is found in the generated page's content, whether
    that is rendered in a second process or in MkDocs' own."""
    catalogue.edit("alpha/verwaltung.md", "Die Lage heute.", "Die Lage heute. ![Karte](https://karten.example/a.png)")
    result = build_site(catalogue.agendas, tmp_path, parallel=parallel)
    assert result.returncode == 1
    assert "kommunen/alpha/verwaltung.md" in result.stderr and "https://karten.example/a.png" in result.stderr
    assert "fremden Server" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_stylesheet_that_would_load_from_another_server_stops_the_build(catalogue: Catalogue,
                                                                          tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "extern.css").write_text('@import url("https://fonts.example.org/schrift.css");', encoding="utf-8")
    config = site_config(catalogue.agendas, tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data.update(docs_dir=str(docs), extra_css=["extern.css"])
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-f", str(config)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "Stylesheet „extern.css“ lädt https://fonts.example.org/schrift.css" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_serve_rebuilds_when_an_agenda_file_changes(catalogue: Catalogue, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = site_config(catalogue.agendas, tmp_path)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/kommunen/alpha/verwaltung/"
    try:
        assert _wait_for(url, "Maßnahme verwaltung in alpha"), "the site was not served"
        catalogue.edit("alpha/verwaltung.md", "titel: Maßnahme verwaltung in alpha", "titel: Digitales Landratsamt")
        assert _wait_for(url, "Digitales Landratsamt"), "the change did not reach the served page"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_config_chain_follows_inherit_as_mkdocs_does(tmp_path: Path) -> None:
    """The files a configuration inherits from, each relative to the one naming it, MkDocs' own tags
    left alone; a loop or a missing file ends the chain instead of hanging or failing."""
    (tmp_path / "land").mkdir()
    child, parent, grandparent = tmp_path / "mkdocs.yml", tmp_path / "land/basis.yml", tmp_path / "gemeinsam.yml"
    child.write_text("INHERIT: land/basis.yml\nsite_url: !ENV [SITE_URL, 'https://example.org/']\n", encoding="utf-8")
    parent.write_text("INHERIT: ../gemeinsam.yml\nsite_name: Land\n", encoding="utf-8")
    grandparent.write_text("site_name: Alle\n", encoding="utf-8")
    assert config_chain(child) == [child, parent, grandparent]
    grandparent.write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    assert config_chain(child) == [child, parent, grandparent]
    grandparent.write_text("INHERIT: fehlt.yml\n", encoding="utf-8")
    assert config_chain(child) == [child, parent, grandparent]
    assert config_chain(None) == []


def test_serve_dirty_writes_only_the_pages_that_changed(catalogue: Catalogue, tmp_path: Path) -> None:
    """Under ``mkdocs serve --dirty`` (``scripts/site serve``) a changed footer, which every page
    shows, rewrites all pages, and so does a site name changed in the configuration file that
    mkdocs.yml inherits from; a status title changed in the site's framework file shows; a saved
    agenda file rewrites just the pages whose content changed, here also another agenda's page that
    refers to it, and the search index follows in the background; so does an edited page template;
    after a failed build every page is written again; the pages of a removed agenda and a deleted
    hand-written page leave the site and the index. In the end the site is, file for file, what a
    full build writes."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    temp = tmp_path / "tmp"  # where mkdocs serve puts its site
    temp.mkdir()
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "zusatz.md").write_text("# Zusatzseite\n\nNur kurz da: Wolkenkuckucksheim.\n", encoding="utf-8")
    (tmp_path / "serve").mkdir()
    rahmen = tmp_path / "rahmen.yml"  # a site's own framework, outside the agendas
    shutil.copy(default_framework_path(), rahmen)
    theme = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", theme)
    basis = _with_docs(site_config(catalogue.agendas, tmp_path / "serve", framework=str(rahmen)), docs, theme).rename(
        tmp_path / "serve/basis.yml")
    config = tmp_path / "serve/mkdocs.yml"
    config.write_text("INHERIT: basis.yml\n", encoding="utf-8")
    site_name, renamed = yaml.safe_load(basis.read_text("utf-8"))["site_name"], "Digitale Agenden im Probelauf"
    log = tmp_path / "serve.log"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([str(mkdocs), "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)})
    try:
        assert _wait_for(f"{base}kommunen/alpha/verwaltung/", "Maßnahme verwaltung in alpha"), "not served"
        [site] = temp.glob("mkdocs_*")
        elsewhere, legal = site / "kommunen/gamma/bildung/index.html", site / "impressum/index.html"
        catalogue.edit("_rechtliches.yml", "  email: digitales@beispielland.example\n\nleichte_sprache",
                       "  email: rueckmeldung@beispielland.example\n\nleichte_sprache")
        assert _wait_for(f"{base}kommunen/gamma/bildung/", "rueckmeldung@beispielland.example")
        assert "rueckmeldung@beispielland.example" in legal.read_text("utf-8")
        assert "Die ganze Website wird neu geschrieben" in log.read_text("utf-8")
        named = basis.read_text("utf-8").replace(f"site_name: {site_name}", f"site_name: {renamed}")
        assert named != basis.read_text("utf-8")
        basis.write_text(named, encoding="utf-8")  # inherited, so MkDocs alone would not even watch it
        assert _wait_for(f"{base}kommunen/gamma/bildung/", renamed)
        assert renamed in legal.read_text("utf-8")
        status_titled = rahmen.read_text("utf-8").replace("titel: In Umsetzung", "titel: In Arbeit")
        rahmen.write_text(status_titled, encoding="utf-8")
        assert _wait_for(f"{base}kommunen/gamma/arbeiten/", "In Arbeit")
        written = elsewhere.stat().st_mtime_ns, legal.stat().st_mtime_ns

        catalogue.edit("alpha/verwaltung.md", "titel: Maßnahme verwaltung in alpha", "titel: Digitales Landratsamt")
        assert _wait_for(f"{base}kommunen/alpha/verwaltung/", "Digitales Landratsamt")
        assert _wait_for(f"{base}kommunen/beta/verwaltung/", "Digitales Landratsamt")  # beta refers to it
        assert (elsewhere.stat().st_mtime_ns, legal.stat().st_mtime_ns) == written
        # the second incremental rebuild; the first followed the framework
        [_, (changed, total)] = re.findall(r"(\d+) erzeugten? Seiten? von (\d+) geändert", log.read_text("utf-8"))
        assert 1 <= int(changed) < int(total) / 4
        assert _wait_until_idle(log)
        [bundle] = search_bundles(site).values()
        assert sorted(fragments_with(bundle, "Landratsamt")) == ["/kommunen/alpha/verwaltung/",
                                                                 "/kommunen/beta/verwaltung/"]
        template = theme / "agenda/initiative.html.j2"  # a page template: only the pages it renders change
        template.write_text(template.read_text("utf-8").replace("Maßnahmen der Mitglieder", "Was die Mitglieder tun"),
                            encoding="utf-8")
        assert _wait_for(f"{base}initiativen/gemeinsam-digital/", "Was die Mitglieder tun")
        assert (elsewhere.stat().st_mtime_ns, legal.stat().st_mtime_ns) == written
        [*_, (changed, total)] = re.findall(r"(\d+) erzeugten? Seiten? von (\d+) geändert", log.read_text("utf-8"))
        assert changed == "1"

        catalogue.edit("gamma/arbeiten.md", "status: in-umsetzung", "status: irgendwie")
        assert _wait_for_log(log, "Fehler in den Agenden")  # a failed build: the next one writes every page
        reloads = log.read_text("utf-8").count("Reloading browsers")
        catalogue.edit("gamma/arbeiten.md", "status: irgendwie", "status: in-umsetzung")
        assert _wait_for_log(log, "Reloading browsers", count=reloads + 1)
        assert legal.stat().st_mtime_ns > written[1]

        delta = tmp_path / "delta"  # a new agenda, moved in whole: the watcher sees no half-written folder
        shutil.copytree(catalogue.path("gamma"), delta)
        (delta / "agenda.yml").write_text((delta / "agenda.yml").read_text("utf-8").replace(
            "Stadt Gamma", "Stadt Delta").replace("05399001", "05399002"), encoding="utf-8")
        delta.rename(catalogue.path("delta"))
        assert _wait_for(f"{base}kommunen/delta/", "Stadt Delta")
        assert _wait_until_idle(log)
        assert fragments_with(next(iter(search_bundles(site).values())), "Stadt Delta")
        catalogue.path("delta").rename(delta)
        (docs / "zusatz.md").unlink()
        assert _wait_for_missing(f"{base}kommunen/delta/") and _wait_for_missing(f"{base}zusatz/")
        assert _wait_until_idle(log)
        [bundle] = search_bundles(site).values()
        assert not fragments_with(bundle, "Stadt Delta") and not fragments_with(bundle, "Wolkenkuckucksheim")
        served = _files(site)
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert "Traceback" not in log.read_text("utf-8")
    assert "dirty' build" not in log.read_text("utf-8")  # the plugin keeps navigation and links right

    full = _with_docs(site_config(catalogue.agendas, tmp_path, framework=str(rahmen)), docs, theme)
    full.write_text(full.read_text("utf-8").replace(f"site_name: {site_name}", f"site_name: {renamed}")
                    + f"site_url: {base}\n", encoding="utf-8")  # as served
    mkdocs_build = subprocess.run([str(mkdocs), "build", "-f", str(full)], cwd=tmp_path, capture_output=True,
                                  text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert mkdocs_build.returncode == 0, mkdocs_build.stderr
    built = _files(tmp_path / "site")
    assert len(built) > 100 and sorted(served) == sorted(built)
    assert [path for path in built if served[path] != built[path]] == []


def _with_docs(config: Path, docs: Path, theme: Path) -> Path:
    """The configuration with its own pages, and its own theme overrides with their page templates."""
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["docs_dir"] = str(docs)
    settings["theme"]["custom_dir"] = str(theme)
    [options] = [plugin["digital-agenda"] for plugin in settings["plugins"]
                 if isinstance(plugin, dict) and "digital-agenda" in plugin]
    options["templates_dir"] = str(theme / "agenda")
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def _wait_until_idle(log: Path) -> bool:
    """Whether every build begun has ended (the first one, then each with a reload or an error) and
    every search index begun in the background has been written (or has failed), by the log."""
    def idle() -> bool:
        text = log.read_text("utf-8")
        ended = 1 + text.count("Reloading browsers") + text.count("An error happened during the rebuild")
        indexed = text.count("Suchindex aktualisiert") + text.count("Suchindex nicht aktualisiert")
        return text.count("Building documentation") == ended and indexed == text.count("im Hintergrund aktualisiert")
    return _until(idle)


def _wait_for_log(log: Path, text: str, count: int = 1) -> bool:
    return _until(lambda: log.read_text("utf-8").count(text) >= count)


def _wait_for_missing(url: str) -> bool:
    return _until(lambda: _fetch(url) == 404)


def _wait_for(url: str, text: str) -> bool:
    return _until(lambda: text in str(_fetch(url)))


def _fetch(url: str) -> str | int | None:
    """The page's text, or the HTTP error's status, or None if the server did not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def _until(condition: Callable[[], bool], seconds: float = 90) -> bool:
    """Whether ``condition`` came true within ``seconds``, asked every fifth of a second."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_theme_parts_rendered_once_per_place_equal_those_rendered_per_page(catalogue: Catalogue,
                                                                          tmp_path: Path) -> None:
    """The navigation, configuration script, styles, header and footer reused across pages, the
    interface texts looked up once (plugin module thememo) and the generated pages filled into
    shells (plugin module pageshell) come out byte for byte as Material renders them for each page:
    same links, same active entries, each page's own title, content and table of contents."""
    plain = tmp_path / "ohne-memo"
    shutil.copytree(ROOT / "overrides", plain)
    (plain / "partials" / "nav.html").unlink()
    (plain / "partials" / "language.html").unlink()
    (plain / "agenda-seite.html").write_text('{% include "main.html" %}', encoding="utf-8")
    main = (plain / "main.html").read_text(encoding="utf-8")
    kept_parts = [(f"{{% block {block} %}}", "{% endblock %}") for block in ("config", "header", "footer")]
    for start_tag, end_tag in [("{%- macro da_kept", "{%- endmacro -%}"), *kept_parts]:
        start = main.index(start_tag)
        main = main[:start] + main[main.index(end_tag, start) + len(end_tag):]
    start = main.index("{% block styles %}")  # our own block, rendered each time (same whitespace control)
    end = main.index("{% endblock %}", start)
    styles = main[start:end].replace('{%- call da_kept("styles") -%}', "{%- if true -%}")
    main = main[:start] + styles.replace("{%- endcall -%}", "{%- endif -%}") + main[end:]
    assert "da_memo" not in main
    (plain / "main.html").write_text(main, encoding="utf-8")
    sites = []
    for name, overrides in (("mit", ROOT / "overrides"), ("ohne", plain)):
        out = tmp_path / name
        out.mkdir()
        config = site_config(catalogue.agendas, out, search=False)
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["theme"]["custom_dir"] = str(overrides)
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-v", "-f", str(config)],
                                cwd=out, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"})
        assert result.returncode == 0, result.stderr
        shells = re.search(r"Seitengerüste: (\d+) Arten von Seiten gefüllt", result.stderr)
        assert shells and (int(shells.group(1)) >= 2 if name == "mit" else shells.group(1) == "0")
        sites.append({path: data for path, data in _snapshot(out / "site").items() if path.suffix == ".html"})
    assert len(sites[0]) > 50 and sites[0].keys() == sites[1].keys()
    differing = [path for path in sites[0] if sites[0][path] != sites[1][path]]
    assert not differing, differing[:5]
    # both kinds of page are there: one in the navigation (its entry active), one outside it at depth 3
    active = BeautifulSoup(sites[0][Path("kommunen/index.html")], "html.parser")
    assert active.select_one("nav.md-nav--primary .md-nav__link--active")
    assert Path("kommunen/alpha/verwaltung/index.html") in sites[0]
