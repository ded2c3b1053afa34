"""Shared fixtures: a small, fully valid catalogue that tests copy and break one piece at a time."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.legal import LEGAL_FILE
from digitale_agenda.core.trash import TRASH_PREFIX
from digitale_agenda.core.validate import Result, check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from browsing import chromium, serve  # noqa: E402
from sitetools import site_config  # noqa: E402  (scripts/ is not a package)

TODAY = dt.date(2026, 11, 24)
FIELDS = ("infrastruktur", "arbeiten", "wirtschaft", "verwaltung", "lebenswelten", "bildung",
          "open-government", "sicherheit")

AGENDAS = {
    "alpha": """\
name: Landkreis Alpha
art: landkreis
schluessel: "091970000000"
land: Bayern
einwohner: 90000
verantwortung:
  rolle: Landrätin
  name: Anna Beispiel
kontakt:
  email: digitales@alpha.example
  stelle: Stabsstelle Digitalisierung
website: https://www.alpha.example
beschluss:
  datum: 2024-02-01
  drucksache: "KT 2024/01"
status: beschlossen
letzte_pruefung: 2026-06-01
partner: [beta]
lizenz: CC-BY-4.0
zusammenfassung: Die Agenda des Landkreises Alpha.
""",
    "beta": """\
name: Gemeinde Beta
art: gemeinde
schluessel: "091975501001"
land: Bayern
kreis: alpha
einwohner: 3000
verantwortung:
  rolle: Erster Bürgermeister
kontakt:
  email: rathaus@beta.example
status: in-umsetzung
beschluss:
  datum: 2024-05-10
  drucksache: "GR 2024/12"
letzte_pruefung: 2026-03-01
partner: [alpha]
lizenz: DL-DE-BY-2.0
""",
    "gamma": """\
name: Stadt Gamma
art: stadt
schluessel: "05399001"
land: Nordrhein-Westfalen
verantwortung:
  rolle: Bürgermeisterin
kontakt:
  email: digital@gamma.example
status: entwurf
letzte_pruefung: 2026-09-01
lizenz: CC0-1.0
""",
}

FIELD_TEMPLATE = """\
---
massnahmen:
  - id: {slug}-{field}
    titel: Maßnahme {field} in {slug}
    status: {status}
    federfuehrung: Hauptamt
    beginn: 2025-01
    ende: 2027-12
    fortschritt: {progress}{extra}
    beschreibung: >-
      Eine kurze Beschreibung.
---
# Feld {field}

## Ausgangslage

Die Lage heute.

## Ziele

Die Ziele bis 2028.

## Maßnahmen

Die Maßnahmen im Überblick.
"""

INITIATIVE = """\
---
titel: Gemeinsam digital
mitglieder: [alpha, beta, gamma]
federfuehrung: alpha
handlungsfelder: [infrastruktur, verwaltung]
status: in-umsetzung
beginn: 2025-01
massnahmen: ["alpha#alpha-infrastruktur", "beta#beta-verwaltung"]
---
Drei Kommunen arbeiten zusammen.
"""


def copy_legal_file(agendas: Path) -> None:
    """Give a fixture catalogue the example site's legal texts, which every site needs (DA601)."""
    agendas.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "agendas" / LEGAL_FILE, agendas / LEGAL_FILE)


def write_catalogue(root: Path) -> Path:
    """Write the valid fixture catalogue under ``root`` and return the agendas directory."""
    agendas = root / "agendas"
    for slug, meta in AGENDAS.items():
        folder = agendas / slug
        folder.mkdir(parents=True)
        (folder / "agenda.yml").write_text(meta, encoding="utf-8")
        for field in FIELDS:
            extra = ""
            if slug == "beta" and field == "verwaltung":
                extra = '\n    bezuege: ["alpha#alpha-verwaltung"]\n    partner_kommunen: [alpha]'
            status, progress = ("abgeschlossen", 100) if field == "bildung" else ("in-umsetzung", 40)
            (folder / f"{field}.md").write_text(
                FIELD_TEMPLATE.format(slug=slug, field=field, status=status, progress=progress, extra=extra),
                encoding="utf-8")
    (agendas / "_initiativen").mkdir()
    (agendas / "_initiativen" / "gemeinsam-digital.md").write_text(INITIATIVE, encoding="utf-8")
    copy_legal_file(agendas)
    return agendas


@dataclass
class Catalogue:
    """A writable copy of the fixture with helpers to break it and check it."""

    agendas: Path

    def path(self, relative: str) -> Path:
        return self.agendas / relative

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.path(relative)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, relative: str, content: str | bytes) -> None:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def check(self, framework_path: Path | None = None) -> Result:
        return check(self.agendas, load_framework(framework_path), TODAY)

    def codes(self) -> list[str]:
        return [d.code for d in self.check().diagnostics]


@pytest.fixture(scope="session", autouse=True)
def agenda_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the test run (CLI and builds inherit the variable), never the user's own."""
    folder = tmp_path_factory.mktemp("agenda-cache")
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = previous


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    return Catalogue(write_catalogue(tmp_path))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `agenda` command as a subprocess."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("AGENDA_DEBUG", None)
    script = Path(sys.executable).parent / "agenda"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "digitale_agenda.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=300)


def build_site(agendas: Path, out: Path, strict: bool = True, env: dict[str, str] | None = None,
               **plugin_options: object) -> subprocess.CompletedProcess[str]:
    """Build a site from ``agendas`` with the project's own configuration."""
    config_file = site_config(agendas, out, **plugin_options)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "-f", str(config_file), *(["--strict"] if strict else [])],
                          cwd=out, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def left_behind(folder: Path, pattern: str = ".*", seconds: float = 60) -> set[str]:
    """What matches ``pattern`` in ``folder`` once the build's background deletions (core.trash) are done."""
    deadline = time.monotonic() + seconds
    while any(folder.glob(f"{TRASH_PREFIX}*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {path.name for path in folder.glob(pattern)}


def search_bundles(site: Path) -> dict[str, dict[str, bytes]]:
    """Each Pagefind bundle of a site (``pagefind``, ``pagefind/teil-2``, …): its files by path."""
    found = {}
    for entry in [site / "pagefind", *sorted((site / "pagefind").glob("teil-*"))]:
        found[entry.name] = {str(path.relative_to(entry)): path.read_bytes() for path in entry.rglob("*")
                             if path.is_file() and "teil-" not in str(path.relative_to(entry))}
    return found


_PAGEFIND_SIGNATURE = b"pagefind_dcd"  # before the JSON of each page in a fragment


def fragments_with(bundle: dict[str, bytes], word: str) -> list[str]:
    """The addresses of a bundle's pages whose text holds ``word``."""
    urls = []
    for path, data in bundle.items():
        if path.startswith("fragment/"):
            page = json.loads(gzip.decompress(data)[len(_PAGEFIND_SIGNATURE):])
            if word in page["content"]:
                urls.append(page["url"])
    return urls


def run_json(*args: str, cwd: Path | None = None) -> tuple[int, dict, str]:
    result = run_cli("validate", "--format", "json", "--today", TODAY.isoformat(), *args, cwd=cwd)
    return result.returncode, json.loads(result.stdout), result.stderr


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example agendas, built once per test run with the production configuration."""
    root = tmp_path_factory.mktemp("example-site")
    result = build_site(ROOT / "agendas", root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run (Debian's, see tests/browsing.py)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def server(example_site: Path) -> Iterator[str]:
    """The example site on a local web server, as a reader's browser would load it."""
    with serve(example_site) as base:
        yield base
