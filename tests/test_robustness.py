"""Property-based: whatever bytes an editor commits, the loader and validator give diagnostics,
never an exception. (A longer run: scripts/fuzz.py.)"""

from __future__ import annotations

import os
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, write_catalogue
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.legal import LEGAL_FILE
from digitale_agenda.core.validate import check

FRAMEWORK = load_framework()
EXAMPLES = int(os.environ.get("AGENDA_FUZZ_EXAMPLES", "150"))
YAMLISH = st.text(alphabet=string.printable + "äöüß„“…&*!<>|{}[]-:#\t", max_size=400)


def _check_with(tmp: Path, relative: str, content: bytes) -> None:
    agendas = tmp / "agendas"
    if not agendas.exists():
        write_catalogue(tmp)
    (agendas / relative).write_bytes(content)
    result = check(agendas, FRAMEWORK, TODAY)
    assert all(d.mark.line >= 1 and d.mark.col >= 1 for d in result.diagnostics)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_any_agenda_yml_gives_diagnostics_not_exceptions(tmp_path: Path, text: str) -> None:
    _check_with(tmp_path, "alpha/agenda.yml", text.encode("utf-8"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=YAMLISH, body=st.text(max_size=300), raw=st.binary(max_size=64))
def test_any_field_file_gives_diagnostics_not_exceptions(tmp_path: Path, front: str, body: str, raw: bytes) -> None:
    _check_with(tmp_path, "beta/verwaltung.md", f"---\n{front}\n---\n{body}".encode())
    _check_with(tmp_path, "beta/bildung.md", raw)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_any_legal_file_gives_diagnostics_not_exceptions(tmp_path: Path, text: str) -> None:
    _check_with(tmp_path, LEGAL_FILE, text.encode("utf-8"))
