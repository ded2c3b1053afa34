"""The fast path for plain prose writes exactly what markdown-it writes, and is taken for plain text."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from digitale_agenda.core.prose import ProseRenderer, plain_html

EXAMPLES = int(os.environ.get("AGENDA_FUZZ_EXAMPLES", "150"))
MARKDOWN = ProseRenderer()._md  # the converter the site uses for all other prose

WORDS = st.sampled_from(["Die", "Verwaltung", "führt", "Online-Dienste", "ein", "Straße", "5", "%", "€", "(2026)",
                         "„Rathaus“", "it's", '"Zitat"', "–", ";", ":", "https://example.org", "a_b", "*fett*",
                         "`code`", "[Link](x.md)", "<b>", "&amp;", "~~weg~~", "a|b", "\\", "!", "#", "1.", "-", ">",
                         "=", "\u00a0", "\t"])
LINES = st.lists(WORDS, max_size=8).map(" ".join)
TEXTS = st.one_of(
    st.lists(st.one_of(LINES, st.sampled_from(["", " ", "   ", "  x  ", " a", "===", "---", "- a", "    code"])),
             max_size=6).map("\n".join),
    st.text(max_size=80),
)


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(text=TEXTS)
def test_fast_path_writes_what_markdown_it_writes(text: str) -> None:
    plain = plain_html(text)
    if plain is not None:
        assert plain == MARKDOWN.render(text)


def test_plain_paragraphs_take_the_fast_path() -> None:
    text = ("Die Verwaltung führt bis 2027 Online-Dienste ein; Bürgerinnen und Bürger sparen Wege (und Zeit).\n"
            'Das „digitale Rathaus“ ist ihr Ziel: 24 Dienste, 5 % mehr "Zufriedenheit".\n\n'
            "Förderprogramme von Bund und Land werden genutzt.\n")
    assert plain_html(text) == MARKDOWN.render(text)
    assert plain_html(text) is not None


def test_markup_takes_the_full_path() -> None:
    for text in ("Ein *wichtiger* Satz.", "Siehe [Bildung](bildung.md).", "- Punkt", "Zeile  \nmit Umbruch",
                 "A & B", "Ein <b>Tag</b>", "1. Schritt", " eingerückt", "Ende "):
        assert plain_html(text) is None, text
