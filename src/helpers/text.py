"""Small text utilities shared by the pipeline: normalisation and word counts."""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that are invisible in print but break matching and counting.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")
# Words as spaCy's English tokenizer splits a short phrase: n't, ’s and hyphens are tokens of their own.
TERM_TOKEN = re.compile(r"\w+?(?=n[’']t\b)|n[’']t\b|[’']s\b|\w+|[^\w\s]")
# Generic tails that do not change which actor or place a name means ("Raqqa province", "IS group").
GENERIC_TAILS = re.compile(r"\s+(group|forces|province|city|governorate|region|town|village|militants|fighters)$",
                           re.IGNORECASE)


def normalize_text(text: str, *, unescape: bool = True) -> str:
    """Decode HTML entities (with ``unescape``), apply Unicode NFC and fold whitespace.

    Text extracted from HTML by a parser has its entities decoded already: decoding them again would
    turn a visible ``&lt;script&gt;`` into ``<script>``, so it is normalised with ``unescape=False``.

    Line breaks survive (one per line, blank lines kept as paragraph
    separators); runs of spaces, tabs and no-break spaces become one space.
    Quotation marks are left exactly as written.
    """
    text = html.unescape(text) if unescape else text
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def collapse_whitespace(text: str) -> str:
    """Fold every run of whitespace, line breaks included, into one space."""
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Word tokens as counted everywhere in the suite.

    A word is a run of letters or digits, kept together across inner
    apostrophes, hyphens and dots: ``don't``, ``al-Baghdadi``, ``U.S``.
    """
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """Number of :func:`words` in ``text``."""
    return len(words(text))


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (closing quotes allowed), in Latin, CJK, Arabic or
    Devanagari script."""
    stripped = text.rstrip().rstrip("\"'”’»)]」』）").rstrip()
    return stripped.endswith((".", "!", "?", "…", ":", ";", "。", "！", "？", "；", "：", "؟", "۔", "।"))


def normalize_name(text: str) -> str:
    """A name as it should be counted: no leading "the", no possessive, no stray quotes, one space."""
    name = " ".join(text.split())
    name = re.sub(r"[’']s?$", "", name)
    name = re.sub(r"^(the|The)\s+", "", name)
    return name.strip(" \"“”‘’'‚,;:()[]")


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(name: str) -> str:
    """``name`` with control characters (line breaks, tabs, escapes) written as ``\\n``-style escapes.

    File names are untrusted: one with a line break could otherwise forge a line of the build's output.
    """
    return _CONTROL_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(name))
