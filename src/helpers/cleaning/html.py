"""HTML: the main text of a saved page, as blocks, and every other piece of the page with the reason it went.

The main text comes from trafilatura in its precision mode (on news pages it keeps the story and drops more
furniture than its default; see ``benchmarks/bench_cleaning.py``). When it keeps fewer than
``HTML_MIN_BODY_WORDS`` words, trafilatura's recall mode and then jusText (the extractor trafilatura itself
falls back on) are tried (see :func:`extract_html` for which one wins). Whatever the extractor, every
piece of page text that is not in the kept text is listed as removed, with its rule.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import justext
import lxml.etree
import lxml.html
import trafilatura

from helpers.cleaning.ingest import IngestError
from helpers.cleaning.rules import block_rule
from helpers.config import HTML_MIN_BODY_WORDS
from helpers.text import collapse_whitespace, count_words, normalize_text

_AD_MARKERS = re.compile(
    r"(^|[\s_-])(wpcnt|wpa|wordads|amp-ad|ads?|advert\w*|sponsor\w*|adsbygoogle|dfp|gpt)($|[\s_-])", re.IGNORECASE
)
_CODE_TAGS = {"script", "style", "noscript", "template"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ul", "ol", "table",
    "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "body", "html",
    "form", "pre", "dd", "dt", "dl",
}
EXTRACTORS = ("trafilatura_precision", "trafilatura_recall", "justext")


@dataclass(frozen=True)
class Block:
    """One block of extracted text; ``heading`` when the page marks it as a heading."""

    text: str
    heading: bool = False


def extract_html(html_text: str) -> tuple[list[Block], str]:
    """The main text of a page as blocks, and the name of the extractor that found it (see :data:`EXTRACTORS`).

    A later extractor is used only when it keeps at least ``HTML_MIN_BODY_WORDS`` words and at least twice as many
    as each earlier one, so that a short story is not traded for a longer text with the page's furniture in it.

    Raises :class:`IngestError` when no extractor finds any text.
    """
    tried: list[tuple[int, list[Block], str]] = []
    for name in EXTRACTORS:
        blocks = _justext_blocks(html_text) if name == "justext" else _trafilatura_blocks(
            html_text, precision=name == "trafilatura_precision")
        n_words = sum(count_words(b.text) for b in blocks)
        if n_words >= HTML_MIN_BODY_WORDS and all(n_words >= 2 * earlier for earlier, _, _ in tried):
            return blocks, name
        tried.append((n_words, blocks, name))
    most = max(n for n, _, _ in tried)
    if not most:
        raise IngestError("HTML with no article text (neither trafilatura nor jusText found main content)")
    # A short page: the earliest extractor in the order above, unless a later one keeps more than twice as much.
    _, blocks, name = next(t for t in tried if 2 * t[0] >= most)
    return blocks, name


def _trafilatura_blocks(html_text: str, *, precision: bool) -> list[Block]:
    xml = trafilatura.extract(
        html_text, output_format="xml", include_comments=False, include_tables=True, include_images=False,
        include_links=False, deduplicate=False, favor_precision=precision, favor_recall=not precision,
    )
    if not xml:
        return []
    main = lxml.etree.fromstring(xml.encode("utf-8")).find("main")
    blocks = []
    for element in main if main is not None else []:
        parts = element.findall("item") if element.tag == "list" else [element]
        for part in parts:
            for line in part.iter("lb"):
                line.tail = " " + (line.tail or "")
            text = collapse_whitespace(normalize_text("".join(part.itertext()), unescape=False))
            if text:
                blocks.append(Block(text, heading=element.tag == "head"))
    return blocks


@functools.cache
def _all_stopwords() -> frozenset[str]:
    """The stop words of every language jusText knows, as trafilatura uses them: no language to guess."""
    return frozenset().union(*(justext.get_stoplist(language) for language in justext.get_stoplists()))


def _justext_blocks(html_text: str) -> list[Block]:
    try:
        paragraphs = justext.justext(html_text.encode("utf-8"), _all_stopwords())
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks = []
    for paragraph in paragraphs:
        text = collapse_whitespace(normalize_text(paragraph.text, unescape=False))
        if text and not paragraph.is_boilerplate:
            blocks.append(Block(text, heading=paragraph.is_heading))
    return blocks


def html_metadata(html_text: str) -> dict[str, str]:
    """Headline, outlet, published date and URL as the page's own metadata gives them."""
    found = trafilatura.extract_metadata(html_text, extensive=False)
    if found is None:
        return {}
    pairs = {"headline": found.title, "outlet": found.sitename, "published": found.date, "url": found.url}
    # A date read off the page text (not its metadata) is a guess, so only structured tags count.
    if "<meta" not in html_text.lower() and "<time" not in html_text.lower():
        pairs.pop("published")
    return {key: normalize_text(value, unescape=False) for key, value in pairs.items() if value}


def removed_from_page(html_text: str, kept_text: str, removed_block) -> list:
    """Blocks of the raw page that are not in ``kept_text``, each as ``removed_block(text, rule)``."""
    try:
        root = lxml.html.document_fromstring(html_text)
    except (lxml.etree.ParserError, ValueError):
        return []
    kept = collapse_whitespace(kept_text)
    pieces: list[tuple[object, str, str]] = []  # (block element, rule, text)
    _walk(root, root, None, pieces)

    removed: list = []
    last_key = None
    for block, rule, raw in pieces:
        text = normalize_text(raw, unescape=False)
        if not text or collapse_whitespace(text) in kept:
            last_key = None
            continue
        rule = rule or block_rule(collapse_whitespace(text)) or "page_boilerplate"
        if last_key == (block, rule):
            removed[-1] = removed_block(f"{removed[-1].text}\n{text}", rule)
        else:
            removed.append(removed_block(text, rule))
        last_key = (block, rule)
    return removed


def _walk(element, block, rule: str | None, pieces: list) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag:  # comments and processing instructions are never shown
        return
    if tag in _CODE_TAGS:
        rule = "script"
    elif rule is None and (tag.startswith("amp-ad") or _AD_MARKERS.search(
            f"{element.get('class', '')} {element.get('id', '')}")):
        rule = "advertisement"
    if tag in _BLOCK_TAGS or tag in _CODE_TAGS:
        block = element
    if element.text:
        pieces.append((block, rule, element.text))
    for child in element:
        _walk(child, block, rule, pieces)
        if child.tail:
            pieces.append((block, rule, child.tail))
