"""Property-based: whatever bytes an editor commits, the loader and validator give diagnostics,
never an exception. (A longer run: scripts/fuzz.py.)"""

from __future__ import annotations

import os
import string
from itertools import chain
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, write_catalogue
from digitale_agenda.core import files, markdown_doc, yamlsafe
from digitale_agenda.core.diagnostics import Diagnostic
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.legal import LEGAL_FILE
from digitale_agenda.core.sink import Sink
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


SCALARS = st.one_of(
    st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "", "0x1F", "012", "1_000", "-1.5e3", ".inf", ".NaN",
                     "2026-03-31", "2026-03", "2026-03-31 12:00:00", "true", "geplant", "Breitband"]),
    st.text(alphabet=string.ascii_letters + string.digits + ".-_:+ ~", min_size=1, max_size=20).map(str.strip),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(values=st.lists(SCALARS, min_size=1, max_size=6))
def test_remembered_scalar_tags_are_pyyamls(values: list[str]) -> None:
    """The loader's memo of scalar tags resolves every plain scalar as PyYAML does, also the second time."""
    text = "".join(f"k{index}: {value}\n" for index, value in enumerate(values))
    try:
        expected = [value.tag for _, value in yaml.compose(text, Loader=yaml.SafeLoader).value]
    except yaml.YAMLError:
        return  # not a mapping of plain scalars (e.g. "k: a: b"); nothing to compare
    for _ in range(2):
        assert [value.tag for _, value in yaml.compose(text, Loader=yamlsafe._TaggingLoader).value] == expected
        lazy = yaml.compose(text, Loader=yamlsafe._Loader).value
        assert [yamlsafe.scalar_tag(value) for _, value in lazy] == expected


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(text=st.one_of(SCALARS, st.text(alphabet=string.printable + "äöü~", max_size=12)))
def test_every_null_spelling_is_known(text: str) -> None:
    """A plain scalar resolves to null only if it is empty or holds one of the spellings that
    keep a text from being composed without tags (``_only_plain_data``)."""
    if yamlsafe.plain_tag(text) == yamlsafe.NULL:
        assert text == "" or any(spelling in text for spelling in yamlsafe._NULL_SPELLINGS), text



NESTED = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(SCALARS, inner, max_size=4)), max_leaves=12)


def _tree(text: str, loader: type = yamlsafe._TaggingLoader) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError):
        return None


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=YAMLISH)
def test_quick_tree_pass_never_passes_what_the_walk_reports(text: str) -> None:
    """The quick pass over a composed tree (``_plainly_fine``) lets a tree through only if the
    reporting walk finds nothing in it; where it doubts, the walk decides."""
    node = _tree(text)
    if node is not None and yamlsafe._plainly_fine(node):
        reported: list[Diagnostic] = []
        assert yamlsafe._report_tree(node, Sink("x.yml", reported))
        assert reported == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(value=NESTED)
def test_quick_tree_pass_lets_plain_data_through(value: object) -> None:
    """Nested lists and mappings without aliases or tags pass the quick pass: the walk is the exception."""
    node = _tree(yaml.safe_dump(value, default_flow_style=None))
    assert node is not None and yamlsafe._plainly_fine(node)


def _flow(value: object) -> str:
    return yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()


# plain data as editors write it, also with repeated keys
PLAIN_DATA = st.one_of(
    NESTED.map(lambda value: yaml.safe_dump(value, default_flow_style=None)),
    st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), NESTED), max_size=5).map(
        lambda pairs: "".join(f"{key}: {_flow(value)}\n" for key, value in pairs)),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.one_of(PLAIN_DATA, YAMLISH))
def test_quick_pass_over_plain_data_agrees_with_the_full_one(text: str) -> None:
    """Where the text can hold no alias and no foreign tag, looking at the mappings and lists alone
    (``_collections_fine``) judges every tree as the pass over every node does."""
    node = _tree(text)
    if node is not None and yamlsafe._only_plain_data(text):
        assert yamlsafe._collections_fine(node) == yamlsafe._plainly_fine(node), text


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.one_of(PLAIN_DATA, YAMLISH, st.lists(SCALARS, min_size=1, max_size=6).map(
    lambda values: "".join(f"k{index}: {value}\n" for index, value in enumerate(values)))))
def test_plain_data_composed_without_tags_reads_as_with_them(text: str) -> None:
    """Where a text is plain data, the tree composed without resolving tags (``_Loader``) has the
    same shape, and each scalar the same tag where it is resolved (``scalar_tag``) and the same
    nullness (``is_null``), as the tree composed with tags."""
    if not yamlsafe._only_plain_data(text):
        return
    pairs = [(_tree(text, yamlsafe._Loader), _tree(text))]
    while pairs:
        lazy, tagged = pairs.pop()
        assert type(lazy) is type(tagged), text
        if isinstance(tagged, yaml.ScalarNode):
            assert (lazy.value, lazy.style) == (tagged.value, tagged.style)
            assert (yamlsafe.scalar_tag(lazy), yamlsafe.is_null(lazy)) == (tagged.tag, yamlsafe.is_null(tagged)), text
        elif isinstance(tagged, yaml.MappingNode):
            assert len(lazy.value) == len(tagged.value)
            pairs.extend(zip(chain.from_iterable(lazy.value), chain.from_iterable(tagged.value), strict=True))
        elif tagged is not None:
            assert len(lazy.value) == len(tagged.value)
            pairs.extend(zip(lazy.value, tagged.value, strict=True))


def test_quick_pass_over_plain_data_counts_depth_as_the_full_one() -> None:
    """Lists and mappings nested around the limit, ending in nothing, a scalar or an empty collection."""
    for levels in range(yamlsafe.MAX_DEPTH - 1, yamlsafe.MAX_DEPTH + 3):
        for opening, closing in (("[", "]"), ("{a: ", "}")):
            for innermost in ("", "x", "[]", "{}"):
                text = opening * levels + innermost + closing * levels
                node = _tree(text)
                assert node is not None and yamlsafe._only_plain_data(text)
                assert yamlsafe._collections_fine(node) == yamlsafe._plainly_fine(node), text


def test_quick_tree_pass_doubts_every_tree_problem() -> None:
    """Each kind of problem the walk reports makes the quick pass doubt, also an alias bomb (at once,
    without expanding it) and nesting one level deeper than allowed."""
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))
    deep = "[" * (yamlsafe.MAX_DEPTH + 2) + "]" * (yamlsafe.MAX_DEPTH + 2)  # depth 0 to MAX_DEPTH + 1
    allowed = "[" * (yamlsafe.MAX_DEPTH + 1) + "]" * (yamlsafe.MAX_DEPTH + 1)
    for text in (bomb, deep, "a: 1\nb: 2\na: 3\n", "<<: {a: 1}\n", "a: !!python/name:os.system x\n",
                 "a: &x [1]\nb: *x\n"):
        node = _tree(text)
        assert node is not None and not yamlsafe._plainly_fine(node), text
        assert not (yamlsafe._only_plain_data(text) and yamlsafe._collections_fine(node)), text
        assert not yamlsafe._report_tree(node, Sink("x.yml", [])), text
    node = _tree(allowed)
    assert node is not None and yamlsafe._plainly_fine(node) and yamlsafe._collections_fine(node)


def test_reading_takes_a_file_that_grew_since_its_size_was_read(tmp_path: Path) -> None:
    """A file read with an older, smaller size is read whole up to the limit, and no further than
    one byte over it (enough to report it as too large); an empty file gives nothing."""
    path = tmp_path / "wachsend.md"
    for actual, told, expected in ((3000, 10, 3000), (3000, 3000, 3000), (3000, 5000, 3000), (0, 0, 0),
                                   (files.MAX_FILE_BYTES + 5000, 10, files.MAX_FILE_BYTES + 1)):
        content = bytes(index % 251 for index in range(actual))
        path.write_bytes(content)
        descriptor = os.open(path, os.O_RDONLY)
        try:
            assert files._read_up_to_limit(descriptor, told) == content[:expected], (actual, told)
        finally:
            os.close(descriptor)


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(lines=st.lists(st.sampled_from(["---", "...", "--- ", "...\t", " ---", "----", "-- -", "..", ".. .", "a: 1",
                                       "", " ", "---x", "...a", "\r", "---\r", "#"]), max_size=8),
       start=st.integers(min_value=0, max_value=40))
def test_front_matter_end_found_where_the_pattern_finds_it(lines: list[str], start: int) -> None:
    """The quick search for the line that closes a front matter finds what searching with the
    pattern everywhere finds, from any newline on."""
    text = "---\n" + "\n".join(lines)
    newline = text.find("\n", min(start, len(text)))
    if newline == -1:
        return
    quick = markdown_doc._closing_line(text, newline)
    slow = markdown_doc._FRONT_MATTER_END.search(text, newline + 1)
    assert (quick and quick.span()) == (slow and slow.span()), text
