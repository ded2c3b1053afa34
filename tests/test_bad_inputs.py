"""The bad-input corpus (tests/bad_inputs/cases.yml): each case yields its code at its line, through
the core and through the real `agenda` command (exit 1, no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import Catalogue, run_cli, run_json

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))


def _apply(catalogue: Catalogue, case: dict) -> None:
    if case.get("generate") == "removed":
        catalogue.path(case["target"]).unlink()
        return
    if case.get("generate") == "oversized":
        content: bytes = b"x" * 1_100_000
    else:
        content = (CORPUS / case["input"]).read_bytes()
    catalogue.write(case["target"], content)


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 30
    assert len({case["code"] for case in CASES}) >= 20
    assert all((CORPUS / case["input"]).is_file() for case in CASES if "input" in case)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_core_reports_code_at_line(catalogue: Catalogue, case: dict) -> None:
    _apply(catalogue, case)
    found = [(Path(d.path).name, d.mark.line) for d in catalogue.check().diagnostics if d.code == case["code"]]
    assert (Path(case["target"]).name, case["line"]) in found, found


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_cli_reports_code_at_line(catalogue: Catalogue, case: dict) -> None:
    _apply(catalogue, case)
    code, report, stderr = run_json(str(catalogue.agendas))
    assert code == 1, stderr
    assert "Traceback" not in stderr
    target = catalogue.path(case["target"]).resolve()
    hits = [d for d in report["diagnostics"] if d["code"] == case["code"] and Path(d["path"]).resolve() == target]
    assert case["line"] in [d["line"] for d in hits], report["diagnostics"]
    assert all(d["message"] and d["help"] for d in report["diagnostics"])


def test_text_output_has_no_traceback_for_any_case(catalogue: Catalogue, tmp_path: Path) -> None:
    """All cases of agenda files at once in one tree: the text format still reports every one of them.

    The cases of the site's one legal file cannot share a tree; they are covered above.
    """
    agenda_cases = [case for case in CASES if case["target"].startswith("alpha/")]
    for index, case in enumerate(agenda_cases):
        folder = f"fall-{index:02d}"
        catalogue.write(f"{folder}/agenda.yml", catalogue.path("gamma/agenda.yml").read_bytes())
        target = case["target"].replace("alpha/", f"{folder}/")
        content = b"x" * 1_100_000 if case.get("generate") else (CORPUS / case["input"]).read_bytes()
        catalogue.write(target, content)
    result = run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Agenden geprüft" in result.stdout.splitlines()[-1]
    # DA404 needs the measure's own agenda slug, which differs in the copies
    for code in {case["code"] for case in agenda_cases} - {"DA404"}:
        assert f": {code} " in result.stdout, code
