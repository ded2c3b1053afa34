"""The editors' JSON Schemas (schemas/): up to date, accept every valid file, reject the structural bad inputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, run_cli, write_catalogue
from digitale_agenda.core.jsonschema import FILES, to_json_schema
from digitale_agenda.core.laender import LAENDER
from digitale_agenda.core.scaffold import AGENDA_MODELINE
from digitale_agenda.core.schema import KINDS, URL, YEARS, Field, Schema

SCHEMAS = ROOT / "schemas"
CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
# Codes about the shape of a file that a JSON Schema can express (DA105: the form of the official key).
STRUCTURAL = {"DA101", "DA102", "DA103", "DA104", "DA105", "DA107", "DA109", "DA112", "DA602"}
SCHEMA_FOR = {"agenda.yml": "agenda.schema.json", "_rechtliches.yml": "rechtliches.schema.json"}


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


class _EditorLoader(yaml.SafeLoader):
    """safe_load, but dates stay text as in a YAML editor (so 2024-02-30 reaches the schema, not a ValueError)."""


_EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _safe_load(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)  # a SafeLoader


def _plain(value: Any) -> Any:
    """YAML dates as ISO text, as a YAML editor sees an unquoted date."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load(path: Path) -> Any:
    return _plain(_safe_load(path.read_text(encoding="utf-8")))


def _front_matter(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return _plain(_safe_load(text[4:text.index("\n---", 3)]))


def _errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


def test_checked_in_schemas_are_current() -> None:
    result = run_cli("schema", "--check")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in SCHEMAS.glob("*.json")) == sorted(FILES)
    for name in FILES:
        _validator(name)  # each is a valid draft 2020-12 schema
        assert (SCHEMAS / name).read_text(encoding="utf-8").endswith("}\n")


def test_stale_schema_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    written = run_cli("schema", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(FILES)
    assert run_cli("schema", "--check", "--out", str(out)).returncode == 0
    stale = out / "agenda.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"Name der Kommune"', '"Name"'), encoding="utf-8")
    result = run_cli("schema", "--check", "--out", str(out))
    assert result.returncode == 1
    assert "agenda.schema.json" in result.stderr and "veraltet" in result.stderr
    stale.unlink()
    assert run_cli("schema", "--check", "--out", str(out)).returncode == 1


def test_every_field_kind_converts() -> None:
    inner = Schema("innen", (Field("a", "str", True),))
    for kind in KINDS:
        spec = Field("x", kind, True, "Beschreibung", item=Field("x", "str"), schema=inner, low=0, high=9)
        document = to_json_schema(Schema("t", (spec,)), "t", "Test")
        Draft202012Validator.check_schema(document)
        assert document["properties"]["x"]["description"] == "Beschreibung"
        assert document["required"] == ["x"] and document["additionalProperties"] is False


def _example_files() -> list[tuple[Path, str]]:
    files = [(path, "agenda.schema.json") for path in sorted((ROOT / "agendas").glob("*/agenda.yml"))]
    return [*files, (ROOT / "agendas" / "_rechtliches.yml", "rechtliches.schema.json")]


@pytest.mark.parametrize(("path", "name"), _example_files(), ids=lambda value: getattr(value, "parent", value).name
                         if isinstance(value, Path) else value)
def test_examples_validate(path: Path, name: str) -> None:
    assert _errors(_validator(name), _load(path)) == []


def test_examples_carry_the_modeline() -> None:
    for path, name in _example_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = "../../schemas/" if path.name == "agenda.yml" else "../schemas/"
        assert first == f"# yaml-language-server: $schema={relative}{name}", path


def test_example_front_matter_validates() -> None:
    measures, initiatives = _validator("massnahmen.schema.json"), _validator("initiative.schema.json")
    fields = sorted((ROOT / "agendas").glob("[!_]*/*.md"))
    assert fields
    for path in fields:
        assert _errors(measures, _front_matter(path)) == [], path
    for path in sorted((ROOT / "agendas" / "_initiativen").glob("*.md")):
        assert _errors(initiatives, _front_matter(path)) == [], path


def test_fixture_catalogue_validates(tmp_path: Path) -> None:
    agendas = write_catalogue(tmp_path)
    for path in sorted(agendas.glob("*/agenda.yml")):
        assert _errors(_validator("agenda.schema.json"), _load(path)) == [], path
    assert _errors(_validator("rechtliches.schema.json"), _load(agendas / "_rechtliches.yml")) == []
    for path in sorted(agendas.glob("[!_]*/*.md")):
        assert _errors(_validator("massnahmen.schema.json"), _front_matter(path)) == [], path
    for path in sorted(agendas.glob("_initiativen/*.md")):
        assert _errors(_validator("initiative.schema.json"), _front_matter(path)) == [], path


def _structural_cases() -> list[tuple[dict, Any]]:
    """Bad inputs of agenda.yml and _rechtliches.yml about structure that plain YAML can read."""
    found = []
    for case in CASES:
        if case["code"] not in STRUCTURAL or Path(case["target"]).name not in SCHEMA_FOR or "input" not in case:
            continue
        try:
            data = _safe_load((CORPUS / case["input"]).read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            found.append((case, _plain(data)))
    return found


def test_structural_bad_inputs_fail_under_the_schema() -> None:
    cases = _structural_cases()
    assert len(cases) >= 14, [case["name"] for case, _ in cases]  # the test must not pass by checking nothing
    assert {case["code"] for case, _ in cases} >= {"DA101", "DA102", "DA103", "DA104", "DA105", "DA107", "DA109",
                                                   "DA602"}
    passed = [case["name"] for case, data in cases
              if not _errors(_validator(SCHEMA_FOR[Path(case["target"]).name]), data)]
    assert passed == []


def test_scaffolded_agenda_starts_with_the_modeline(tmp_path: Path) -> None:
    (tmp_path / "agendas").mkdir()
    result = run_cli("new", "musterhausen", "--name", "Musterhausen", "--kind", "gemeinde", "--land", "Hessen",
                     "--root", str(tmp_path / "agendas"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "agendas" / "musterhausen" / "agenda.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == AGENDA_MODELINE == "# yaml-language-server: $schema=../../schemas/agenda.schema.json"


def test_hand_written_patterns_match_the_validators_rules() -> None:
    """The JSON Schema spells some of the validator's rules as ECMA patterns; a change there must be
    carried over here."""
    assert (YEARS.start, YEARS.stop) == (1900, 2201)  # DATE_PATTERN's years
    assert URL.pattern == r"^https?://[^\s/$.?#][^\s<>\"]*$"  # URL_PATTERN
    assert sorted(LAENDER) == [f"{n:02d}" for n in range(1, 17)]  # KEY_PATTERN's Land codes
