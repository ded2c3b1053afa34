"""The MkDocs plugin validates once per build with the CLI's rules: real builds of a fixture site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import Catalogue, build_site, site_config


def test_valid_agendas_build(catalogue: Catalogue, tmp_path: Path) -> None:
    result = build_site(catalogue.agendas, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "WARNING" not in result.stderr


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


def _wait_for(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False
