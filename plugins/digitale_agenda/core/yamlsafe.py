"""Strict, position-keeping reading of untrusted text and YAML.

Files come from pull requests, so nothing in them may run code, blow up memory or be silently
misread. We therefore only *compose* YAML into nodes (which keep line and column) with the C
parser, and never let PyYAML construct objects: aliases are detected as shared nodes before any
expansion, tags outside plain data are rejected, duplicate keys are reported.
"""

from __future__ import annotations

import operator
import re
from itertools import chain
from pathlib import Path
from typing import ClassVar, Protocol

import yaml

from .diagnostics import Mark
from .files import FileRead, read_text
from .sink import Sink

MAX_DEPTH = 40

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TAG_PREFIX = "tag:yaml.org,2002:"
ALLOWED_TAGS = {TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_SCALAR_TAGS: dict[str, str] = {}
_REMEMBERED_LENGTH = 40  # longer scalars are prose, which hardly recurs
_REMEMBERED_SCALARS = 50_000
# Our own copy of the safe loader's implicit types, taken at import: PyYAML's tables are shared
# by the whole process, and whatever else runs in it (MkDocs, its plugins) must not change how
# untrusted files are read. PyYAML looks a type up by the first character ("" for the empty
# scalar); a plain scalar starting with any other character is a string, as long as there are no
# wildcard (None) types, which the safe loader does not have.
_IMPLICIT_TYPES = {first: list(types) for first, types in _BaseLoader.yaml_implicit_resolvers.items()}
assert None not in _IMPLICIT_TYPES, "a wildcard implicit type would make plain_tag wrong"
_STR = _BaseLoader.DEFAULT_SCALAR_TAG
# The tag of every node composed by ``_Loader``: resolved only where it is read (``scalar_tag``).
UNRESOLVED = "tag:digitale-agenda,2026:unresolved"


def plain_tag(value: str) -> str:
    """The tag an untagged plain scalar resolves to, as the safe loader resolves it.

    Tried as PyYAML does (the types registered for the first character, in order), and remembered:
    most scalars are keys and values that recur in every file ("id", "geplant", "2026-03"). An
    untagged scalar's tag depends on its text alone, as long as there are no path resolvers (our
    loaders have none).
    """
    tag = _SCALAR_TAGS.get(value)
    if tag is None:
        tag = next((tag for tag, pattern in _IMPLICIT_TYPES.get(value[:1], ()) if pattern.match(value)), _STR)
        if len(value) <= _REMEMBERED_LENGTH and len(_SCALAR_TAGS) < _REMEMBERED_SCALARS:
            _SCALAR_TAGS[value] = tag
    return tag


class _TaggingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C loader, resolving tags with ``plain_tag`` and tracking no paths: for texts that may
    hold tags we refuse (``_only_plain_data``), so each node's tag must be known.

    Without path resolvers, the composer's calls to track the path to each node (two per node) do
    nothing useful; they go to C built-ins that accept the same arguments and are the cheapest
    calls Python has.
    """

    yaml_implicit_resolvers = _IMPLICIT_TYPES
    yaml_path_resolvers: ClassVar[dict[object, object]] = {}  # none, whatever the base class is given
    descend_resolver = staticmethod(operator.is_)  # called as (parent, index)
    ascend_resolver = staticmethod(tuple)  # called without arguments
    if _BaseLoader is not yaml.SafeLoader:
        # Only composing: the C parser needs nothing of what the constructor and the resolver set
        # up for it (CSafeLoader.__init__), which was a hundredth of loading an agenda.
        __init__ = yaml.cyaml.CParser.__init__

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool] | bool) -> str:
        if kind is yaml.ScalarNode and implicit[0]:  # type: ignore[index]  # a tuple for scalars
            return plain_tag(value)
        return _BaseLoader.resolve(self, kind, value, implicit)


class _Loader(_TaggingLoader):
    """The loader for texts of plain data (``_only_plain_data``, almost all): every node's tag is
    left ``UNRESOLVED``.

    The composer asks for the tag of every node, but only a few values' tags are ever read (is it
    a number), never a key's; in plain data every tag is one we allow, and the only null is an
    empty scalar (``is_null``). ``resolve`` is a C built-in that returns ``UNRESOLVED`` whatever it
    is given: composing an agenda's files took 1.80 instead of 2.03 s (500 agendas of the
    benchmark, with the checks of the tree). ``scalar_tag`` resolves a scalar's tag where needed.
    """

    resolve = staticmethod(UNRESOLVED.format)  # a text without braces formats to itself


NULL = TAG_PREFIX + "null"


def is_null(node: yaml.ScalarNode) -> bool:
    """Whether a scalar is null: plain, and tagged null, or unresolved and empty (``_Loader``)."""
    if node.style:
        return False
    tag = node.tag
    return tag == NULL or (tag == UNRESOLVED and not node.value)


def scalar_tag(node: yaml.ScalarNode) -> str:
    """A scalar's tag, resolved here if it was left unresolved: a plain scalar's from its text,
    a quoted or block scalar's is "str" (such texts have no explicit tags)."""
    tag = node.tag
    if tag != UNRESOLVED:
        return tag
    return _STR if node.style else plain_tag(node.value)


_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)

# PyYAML's most common problems, said so that an editor understands them.
_PROBLEMS_DE = {
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle (Wert in Anführungszeichen "
                                      "setzen oder Einrückung prüfen)",
    "did not find expected ',' or ']'": "eckige Klammer „]“ nicht geschlossen oder Komma fehlt",
    "did not find expected ',' or '}'": "geschweifte Klammer „}“ nicht geschlossen oder Komma fehlt",
    "did not find expected key": "Einrückung passt nicht zur Ebene darüber",
    "found unknown escape character": "unbekannte Escape-Sequenz mit „\\“ in Anführungszeichen",
    "could not find expected ':'": "erwarteter Doppelpunkt fehlt",
    "found unexpected end of stream": "unerwartetes Dateiende (Anführungszeichen oder Klammer nicht "
                                      "geschlossen?)",
    "expected <block end>, but found '-'": "Listeneintrag „-“ falsch eingerückt",
    "expected <block end>, but found '<block mapping start>'": "Einrückung passt nicht zur Ebene darüber",
    "expected <block end>, but found '<scalar>'": "Einrückung passt nicht zur Ebene darüber",
    "expected ',' or ']', but got '<stream end>'": "eckige Klammer „]“ nicht geschlossen",
    "expected ',' or '}', but got '<stream end>'": "geschweifte Klammer „}“ nicht geschlossen",
    "found character '\\t' that cannot start any token": "Tabulator an unerlaubter Stelle",
    "but found another document": "mehrere YAML-Dokumente („---“) in einer Datei",
}


def compose(text: str, sink: Sink) -> yaml.Node | None:
    """Compose YAML text into a checked node tree; None if it cannot be used.

    Positions in the returned nodes are 0-based (PyYAML's); use ``mark_of`` to report them.
    """
    tab = _LEADING_TAB.search(text) if "\t" in text else None  # the search alone was a fortieth of a load
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        sink.emit("DA008", Mark(line, tab.end() - tab.start()))
        return None
    plain = _only_plain_data(text)
    try:
        node = yaml.compose(text, Loader=_Loader if plain else _TaggingLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = str(error.problem or error.context or "unbekannter Fehler")
        if "alias" in problem or "anchor" in problem:
            sink.emit("DA003", position)
        else:
            sink.emit("DA001", position, problem=_explain(problem), problem_en=problem)
        return None
    except yaml.reader.ReaderError as error:  # a control character the YAML reader refuses
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        sink.emit("DA001", Mark(line, column), problem=f"unerlaubtes Steuerzeichen {error.character!r}",
                  problem_en=f"control character {error.character!r} not allowed")
        return None
    except yaml.YAMLError as error:  # any other error without a position
        sink.emit("DA001", Mark(1, 1), problem=str(error).replace("\n", " "))
        return None
    except RecursionError:  # only the pure-Python parser recurses; the C parser is used where present
        sink.emit("DA001", Mark(1, 1), problem=f"mehr als {MAX_DEPTH} Ebenen verschachtelt",
                  problem_en=f"nested deeper than {MAX_DEPTH} levels")
        return None
    if node is not None and not _check_tree(node, plain, sink):
        return None
    return node


def is_blank_yaml(text: str) -> bool:
    """Whether YAML text holds nothing but blank lines and comments (compose gives None for both)."""
    return not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def read_yaml_file(path: Path, sink: Sink, read: FileRead | None = None) -> yaml.Node | None:
    """A YAML file's checked node tree; None if it cannot be read or is empty (both reported).
    ``read``: the file as ``files.read_folder`` read it already."""
    text = read_text(path, sink, read)
    if text is None:
        return None
    node = compose(text, sink)
    if node is None and is_blank_yaml(text):
        sink.emit("DA010", Mark(1, 1))
    return node


# One Mark per position, shared by every value read there: the model keeps a mark for each value,
# and agenda files are alike, so a few thousand positions recur in hundreds of thousands of values
# (40 of 270 MB of the model at 1,000 agendas were marks). Bounded for unusually long files.
_MARKS: dict[tuple[int, int], Mark] = {}
_MARKS_LIMIT = 200_000


def mark_of(node: yaml.Node) -> Mark:
    return settled(node.start_mark)


class ParserMark(Protocol):
    """Where PyYAML read a node, 0-based (its C and its Python parser have a class each)."""

    line: int
    column: int


def settled(position: Mark | ParserMark) -> Mark:
    """A position as a Mark: ``position`` if it is one already, else made from PyYAML's 0-based mark."""
    if type(position) is Mark:
        return position
    key = (position.line, position.column)
    mark = _MARKS.get(key)
    if mark is None:
        mark = Mark(position.line + 1, position.column + 1)
        if len(_MARKS) < _MARKS_LIMIT:
            _MARKS[key] = mark
    return mark


def _explain(problem: str) -> str:
    for english, german in _PROBLEMS_DE.items():
        if problem.startswith(english) or english in problem:
            return german
    return problem


def _check_tree(root: yaml.Node, plain: bool, sink: Sink) -> bool:
    """Reject aliases (a node reached twice), foreign tags, merge keys, duplicate keys, deep nesting.
    ``plain``: whether the text was plain data (``_only_plain_data``)."""
    fine = _collections_fine(root) if plain else _plainly_fine(root)
    return fine or _report_tree(root, sink)


# The first characters of plain scalars that the safe loader may resolve to a tag we do not allow
# ("<<", a merge key, "=", and the "!", "&" and "*" of PyYAML's "yaml" type).
_FOREIGN_FIRSTS = frozenset(first for first, types in _IMPLICIT_TYPES.items()
                            if any(tag not in ALLOWED_TAGS for tag, _ in types))


# How a plain scalar other than the empty one is null; see ``_only_plain_data``.
_NULL_SPELLINGS = ("~", "null", "Null", "NULL")
assert all(plain_tag(text) == NULL for text in ("", *_NULL_SPELLINGS))
# What a text of plain data lacks: an anchor, a tag, the first character of a refused implicit
# tag, a null spelling. "ull" stands for "null" and "Null" (one search of the text, not two).
_NOT_PLAIN = tuple(sorted({"!", "&", *_FOREIGN_FIRSTS, "~", "ull", "ULL"}))
assert all(any(part in spelling for part in _NOT_PLAIN) for spelling in _NULL_SPELLINGS)


def _only_plain_data(text: str) -> bool:
    """Whether the YAML text can hold neither a node reached twice, nor a tag we do not allow, nor
    a null scalar other than an empty one.

    An alias needs an anchor ("&"), an explicit tag a "!", and the only plain scalars resolved to
    other tags start with one of ``_FOREIGN_FIRSTS``; a null is empty or spelled as in
    ``_NULL_SPELLINGS``. A text without all of these (almost every file) is composed without
    resolving tags (``_Loader``), and needs only its mappings and lists looked at
    (``_collections_fine``).
    """
    return not any(map(text.__contains__, _NOT_PLAIN))  # C calls only: this runs for every file


def _collections_fine(root: yaml.Node) -> bool:
    """``_plainly_fine`` for a tree of plain data (``_only_plain_data``): only the mappings and lists
    need a look, for duplicate keys and for depth: half the cost, as most nodes are scalars. Plain
    loops: list comprehensions for the next level cost a fifth more."""
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    level = [] if type(root) is scalar else [root]
    depth = 0
    while level:
        below: list[yaml.Node] = []
        for node in level:
            children = node.value
            if not children:
                continue
            if depth == MAX_DEPTH:
                return False  # its children would be nested deeper than allowed
            if type(node) is mapping:
                try:  # a key that is a list or a mapping cannot be hashed: unusual, let the walk judge
                    if len({key.value for key, _ in children}) != len(children):
                        return False  # a duplicate key
                except TypeError:
                    return False
                for _, value in children:
                    if type(value) is not scalar:
                        below.append(value)
            else:
                for item in children:
                    if type(item) is not scalar:
                        below.append(item)
        level = below
        depth += 1
    return True


def _plainly_fine(root: yaml.Node) -> bool:
    """Whether the tree has none of the problems ``_report_tree`` reports, in one quick pass.

    Almost every file has none, and this pass costs half of the reporting walk, which was a tenth
    of loading an agenda. It goes level by level (the level is the depth), so a node costs a tag
    lookup and a type test, and a node reached twice (an alias) shows up as fewer distinct ids
    than nodes in a level. Each level is checked for that before it is expanded: expanding an
    alias's node many times over is what an alias bomb wants. At the first doubt it answers False,
    and the reporting walk finds and reports the problem.
    """
    seen = {id(root)}
    reached = 1
    level = [root]
    for _depth in range(MAX_DEPTH + 1):
        below: list[yaml.Node] = []
        for node in level:
            if node.tag not in ALLOWED_TAGS:
                return False
            kind = type(node)
            if kind is yaml.MappingNode:
                pairs = node.value
                if len(pairs) > 1:
                    try:
                        if len({key.value for key, _ in pairs}) != len(pairs):
                            return False  # a duplicate key
                    except TypeError:  # a key that is a list or a mapping: unusual, let the walk judge
                        return False
                below.extend(chain.from_iterable(pairs))
            elif kind is yaml.SequenceNode:
                below.extend(node.value)
        if not below:
            return True
        seen.update(map(id, below))
        reached += len(below)
        if len(seen) != reached:
            return False
        level = below
    return False  # nested deeper than MAX_DEPTH


def _report_tree(root: yaml.Node, sink: Sink) -> bool:
    """Report the problems ``_check_tree`` looks for; False if there was one.

    Iterative, so a deeply nested document cannot exhaust the Python stack.
    """
    seen: set[int] = set()
    ok = True
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            sink.emit("DA003", mark_of(node))
            return False
        seen.add(id(node))
        if depth > MAX_DEPTH:
            sink.emit("DA001", mark_of(node), problem=f"mehr als {MAX_DEPTH} Ebenen verschachtelt",
                      problem_en=f"nested deeper than {MAX_DEPTH} levels")
            return False
        if node.tag == TAG_PREFIX + "merge":
            sink.emit("DA003", mark_of(node))
            return False
        if node.tag not in ALLOWED_TAGS and node.tag != UNRESOLVED:  # unresolved: plain data
            sink.emit("DA004", mark_of(node), tag=node.tag.replace(TAG_PREFIX, "!!"))
            ok = False
            continue
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name in first:
                    sink.emit("DA002", mark_of(key), key=name, first_line=first[name])
                    ok = False
                elif name is not None:
                    first[name] = key.start_mark.line + 1
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return ok
