"""The MkDocs plugin validates once per build with the CLI's rules: real builds of a fixture site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import Catalogue

MKDOCS_YML = """\
site_name: Testseite
theme:
  name: material
  language: de
  font: false
plugins:
  - digital-agenda:
      agendas_dir: agendas
"""


def _build(site_root: Path) -> subprocess.CompletedProcess[str]:
    (site_root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (site_root / "docs").mkdir(exist_ok=True)
    (site_root / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "--strict"], cwd=site_root, capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(mkdocs.parent)}, timeout=300)


def test_valid_agendas_build(catalogue: Catalogue) -> None:
    result = _build(catalogue.agendas.parent)
    assert result.returncode == 0, result.stderr
    assert (catalogue.agendas.parent / "site" / "index.html").is_file()


def test_missing_required_section_stops_the_build_with_code_and_position(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/verwaltung.md", "## Ziele\n", "## Zeile\n")
    result = _build(catalogue.agendas.parent)
    assert result.returncode == 1
    assert "agendas/alpha/verwaltung.md:19:1: DA203 Fehler: Pflichtabschnitt „Ziele“ fehlt" in result.stderr
    assert "meinten Sie „Ziele“?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (catalogue.agendas.parent / "site" / "index.html").exists()


def test_warnings_fail_a_strict_build(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/agenda.yml", "letzte_pruefung: 2026-06-01", "letzte_pruefung: 2019-06-01")
    result = _build(catalogue.agendas.parent)
    assert result.returncode == 1
    assert "DA108 Warnung" in result.stderr
