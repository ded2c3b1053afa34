"""The MkDocs plugin validates once per build with the CLI's rules: real builds of a fixture site."""

from __future__ import annotations

from pathlib import Path

from conftest import Catalogue, build_site


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
