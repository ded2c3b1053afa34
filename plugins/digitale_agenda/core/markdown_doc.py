"""Markdown files of an action field: strict front matter and the heading outline.

We only need the outline (headings with their lines) and which sections are empty, so a line
scanner that knows fenced code blocks and HTML comments is enough; rendering is the site's job.
Every scan here is linear in the length of the text: the files are untrusted, and a pattern that
backtracks could stall a build on a crafted line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .diagnostics import Mark
from .sink import Sink
from .suggest import normalise
from .yamlsafe import compose, is_blank_yaml

PLACEHOLDER = "[ERGÄNZEN"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_NO_SPACE = re.compile(r"^ {0,3}(#{1,6})([^#\s].*)$")
# the first characters of a line that can be a fence, a heading (also one lacking its space) or
# the start of a comment; a line starting otherwise is text
_MARKUP_FIRSTS = frozenset(" `~#<")
# the line that closes a front matter: "---" or "...", then at most whitespace (``str.rstrip``'s)
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


def strip_comments(text: str) -> str:
    """Text without HTML comments; an unclosed comment runs to the end (as in a browser)."""
    parts = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        parts.append(text[position:start])
        end = text.find("-->", start + 4)
        if end == -1:
            return "".join(parts)
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


@dataclass
class Heading:
    level: int
    text: str
    line: int  # 1-based line in the file

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclass
class Section:
    heading: Heading
    body: str
    body_line: int  # 1-based line of the first body line
    # Decided once, where the file is read (in the loading workers, and cached with the agenda):
    # the checks and the completeness score ask this of every section of every agenda.
    is_empty: bool = field(init=False)
    has_placeholder: bool = field(init=False)

    def __post_init__(self) -> None:
        visible = strip_comments(self.body)
        self.is_empty = not visible.strip()
        self.has_placeholder = PLACEHOLDER in visible


@dataclass
class MarkdownDoc:
    front_matter: yaml.Node | None  # positions are lines of the whole file
    sections: list[Section] = field(default_factory=list)  # level-2 sections
    placeholders: list[tuple[Mark, str]] = field(default_factory=list)
    bad_headings: list[tuple[Mark, str, str]] = field(default_factory=list)  # mark, text, fixed
    body: str = ""
    body_line: int = 1


def parse(text: str, sink: Sink) -> MarkdownDoc | None:
    """Split front matter from body and outline the body; None if the front matter is broken."""
    front_matter: yaml.Node | None = None
    body_start = 0  # where the body starts in ``text``
    body_line = 1
    first_end = text.find("\n")
    first_line = text[:first_end] if first_end != -1 else text
    if first_line.rstrip() == "---":
        closing = _closing_line(text, first_end) if first_end != -1 else None
        if closing is None:
            sink.emit("DA009", Mark(1, 1), problem="das schließende „---“ fehlt",
                      problem_en="the closing '---' is missing")
            return None
        front_matter_text = text[first_end + 1:max(first_end + 1, closing.start() - 1)]
        # Composing from a blank first line keeps YAML positions equal to file lines.
        front_matter = compose("\n" + front_matter_text + "\n", sink)
        if front_matter is None and not is_blank_yaml(front_matter_text):
            return None  # compose reported why
        if front_matter is not None and not isinstance(front_matter, yaml.MappingNode):
            sink.emit("DA009", Mark(2, 1), problem="er enthält keine „schlüssel: wert“-Paare",
                      problem_en="it holds no 'key: value' pairs")
            return None
        body_line = text.count("\n", 0, closing.start()) + 2
        body_start = closing.end() + 1 if closing.end() < len(text) else len(text) + 1
    elif not first_line.strip():  # a front matter after blank lines?
        lines = text.split("\n", 5)[:5]
        first = next((i for i, line in enumerate(lines) if line.rstrip() == "---"), None)
        if first is not None and all(not line.strip() for line in lines[:first]):
            sink.emit("DA009", Mark(first + 1, 1), problem="er muss in Zeile 1 beginnen",
                      problem_en="it must start in line 1")
            return None
    body = text[body_start:]
    doc = MarkdownDoc(front_matter, body=body, body_line=body_line)
    _outline(doc, body.split("\n"), body_line)
    return doc


def _closing_line(text: str, newline: int) -> re.Match[str] | None:
    """The first line after the newline at ``newline`` that closes a front matter.

    Found by looking for the lines that start like one, and matching only there: searching the
    whole front matter with the pattern (which tries every position) took 25 instead of 3 µs
    per file of the benchmark.
    """
    while True:
        starts = [found for found in (text.find("\n---", newline), text.find("\n...", newline)) if found != -1]
        if not starts:
            return None
        newline = min(starts)
        closing = _FRONT_MATTER_END.match(text, newline + 1)
        if closing is not None:
            return closing
        newline += 1


def _outline(doc: MarkdownDoc, lines: list[str], first_number: int) -> None:
    """Outline the body's ``lines``, the first of which is line ``first_number`` of the file."""
    fence = ""  # the opening fence, e.g. "````", while inside a fenced code block
    in_comment = False
    open_section: tuple[Heading, int] | None = None
    for index, line in enumerate(lines):
        if in_comment:
            in_comment = "-->" not in line
            continue
        if fence:
            if _closes_fence(line, fence):
                fence = ""
            continue
        number = first_number + index
        if line[:1] not in _MARKUP_FIRSTS:  # a line of text or an empty one: most lines
            if PLACEHOLDER in line:
                _inspect_text(doc, line, number)
            continue
        fenced = _FENCE.match(line)
        if fenced:
            fence = fenced.group(1)
            continue
        indented = line.lstrip(" ")
        if indented.startswith("<!--") and len(line) - len(indented) <= 3 and "-->" not in indented[4:]:
            in_comment = True
            continue
        heading = _heading(line, number)
        if heading is None:
            _inspect_text(doc, line, number)
            continue
        if heading.level <= 2:
            if open_section:
                _close(doc, lines, open_section, index, first_number)
            open_section = (heading, index + 1) if heading.level == 2 else None
    if open_section:
        _close(doc, lines, open_section, len(lines), first_number)


def _closes_fence(line: str, fence: str) -> bool:
    """A closing fence: the same character, at least as long, indented at most three spaces, alone."""
    indented = line.lstrip(" ")
    marker = indented.rstrip()
    return (len(line) - len(indented) <= 3 and len(marker) >= len(fence)
            and marker == fence[0] * len(marker))


def _inspect_text(doc: MarkdownDoc, line: str, number: int) -> None:
    """Note headings that lack their space and placeholders outside comments."""
    no_space = _NO_SPACE.match(line)
    if no_space and not line.lstrip().startswith("#!"):
        doc.bad_headings.append((Mark(number, 1), line.strip(), f"{no_space.group(1)} {no_space.group(2)}"))
    if PLACEHOLDER in line:
        column = _visible_find(line, PLACEHOLDER)
        if column >= 0:
            doc.placeholders.append((Mark(number, column + 1), line[column:].split("<!--")[0].strip()))


def _visible_find(line: str, needle: str) -> int:
    """The first position of ``needle`` in ``line`` outside HTML comments, or -1."""
    position = 0
    while (found := line.find(needle, position)) != -1:
        opened = line.rfind("<!--", 0, found)
        if opened == -1 or line.find("-->", opened, found) != -1:
            return found
        closed = line.find("-->", found)
        if closed == -1:
            return -1
        position = closed + 3
    return -1


def _heading(line: str, number: int) -> Heading | None:
    match = _ATX.match(line)
    if not match:
        return None
    text = line[match.end():].strip()
    closing = text.rstrip("#")  # an optional closing sequence: "## Ziele ##"
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.strip()
    if text.endswith("}") and (brace := text.rfind("{")) != -1:  # an attribute list: "## Ziele {#ziele}"
        text = text[:brace].strip()
    # NFC, so a heading typed with combining umlauts (NFD) equals the framework's section name
    return Heading(len(match.group(1)), unicodedata.normalize("NFC", text), number)


def _close(doc: MarkdownDoc, lines: list[str], opened: tuple[Heading, int], end: int, first_number: int) -> None:
    heading, body_index = opened
    doc.sections.append(Section(heading, "\n".join(lines[body_index:end]), first_number + body_index))
