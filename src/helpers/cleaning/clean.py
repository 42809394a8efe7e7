"""Clean: turn decoded article text into body paragraphs, and account for the rest.

HTML goes through trafilatura, plain text through the rules in
:mod:`helpers.cleaning.rules`. Either way the result lists every paragraph kept (with
its kind: body, subheading or caption) and every block removed with the rule
that removed it, so that kept + removed accounts for the whole raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura

from helpers.cleaning.ingest import IngestError
from helpers.cleaning.rules import (
    DATELINE_PREFIX,
    OUTLET_IN_FOOTER,
    PHOTO_CREDIT,
    RELATED_LINKS_HEADING,
    SCRAPER_METADATA,
    block_rule,
)
from helpers.config import MAX_CAPTION_WORDS, MAX_HEADLINE_WORDS, MAX_SUBHEADING_WORDS
from helpers.text import collapse_whitespace, count_words, ends_like_sentence, normalize_text

BODY, SUBHEADING, CAPTION = "body", "subheading", "caption"
PARAGRAPH_KINDS = (BODY, SUBHEADING, CAPTION)

_QUOTED_SPEECH = re.compile(r"[\"“][^\"“”]{3,}[\"”],? (?:\w+ ){0,4}(?:said|says|answered|added|told|asked)\b")


@dataclass(frozen=True)
class Paragraph:
    kind: str
    text: str


@dataclass(frozen=True)
class RemovedBlock:
    text: str
    rule: str


@dataclass
class CleanedArticle:
    """The outcome of cleaning one article."""

    paragraphs: list[Paragraph]
    removed: list[RemovedBlock]
    headline: str = ""
    dateline: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # found in the page: outlet, published, url …

    @property
    def body_paragraphs(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kind == BODY]

    @property
    def text(self) -> str:
        """The cleaned body: body paragraphs and subheadings, captions left out."""
        return "\n\n".join(p.text for p in self.paragraphs if p.kind != CAPTION)


def clean_article(text: str, fmt: str, known_headline: str = "") -> CleanedArticle:
    """Clean decoded ``text`` of format ``fmt`` ("html" or "text").

    ``known_headline`` (from a manifest) lets the cleaner recognise the
    headline line even when it ends with punctuation. Raises
    :class:`IngestError` when no article text is left.
    """
    if fmt == "html":
        blocks, removed, metadata = _extract_html(text)
        headline = metadata.pop("headline", "")
    else:
        blocks, removed, metadata = split_blocks(normalize_text(text)), [], {}
        headline = ""
    article = _apply_block_rules(blocks, removed, metadata, headline, known_headline)
    if not article.body_paragraphs:
        raise IngestError("no article text left after cleaning" if fmt == "text" else "HTML with no article text")
    return article


def split_blocks(text: str) -> list[str]:
    """Split normalised text into paragraph-level blocks.

    A blank line always separates blocks. A single line break separates them
    too, unless it is a hard wrap: the line does not end a sentence and the
    next one starts in lower case.
    """
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        current = ""
        for line in chunk.split("\n"):
            line = line.strip()
            if not line:
                continue
            if current and not ends_like_sentence(current) and line[0].islower():
                current = f"{current} {line}"
            else:
                if current:
                    blocks.append(current)
                current = line
        if current:
            blocks.append(current)
    return blocks


def _apply_block_rules(
    blocks: list[str],
    removed: list[RemovedBlock],
    metadata: dict[str, str],
    headline: str,
    known_headline: str,
) -> CleanedArticle:
    dateline = ""
    kept: list[str] = []
    for index, block in enumerate(blocks):
        scraped = SCRAPER_METADATA.match(block) if index < 3 else None
        if scraped:
            removed.append(RemovedBlock(block, "scraper_metadata"))
            metadata.setdefault("published", scraped["published"])
            dateline = dateline or scraped["dateline"].strip()
            continue
        if RELATED_LINKS_HEADING.match(block) and index >= len(blocks) / 2:
            removed.append(RemovedBlock("\n".join(blocks[index:]), "related_links_footer"))
            break
        rule = block_rule(block)
        if rule:
            removed.append(RemovedBlock(block, rule))
            continue
        kept.append(block)

    for block in (r.text for r in removed):
        footer = OUTLET_IN_FOOTER.search(block)
        if footer:
            metadata.setdefault("outlet", footer["outlet"])

    if kept and _is_headline(kept[0], known_headline, len(kept)):
        headline = headline or kept[0]
        removed.append(RemovedBlock(kept.pop(0), "headline"))
    elif kept and headline and _same_text(kept[0], headline):
        removed.append(RemovedBlock(kept.pop(0), "headline"))

    if kept:
        prefix = DATELINE_PREFIX.match(kept[0])
        if prefix and len(kept[0]) > prefix.end():
            dateline = dateline or f"{prefix['agency']}, {prefix['place'].strip()}"
            removed.append(RemovedBlock(prefix.group(0).strip(), "dateline"))
            kept[0] = kept[0][prefix.end():]

    paragraphs = [Paragraph(_kind(block, i, len(kept)), block) for i, block in enumerate(kept)]
    return CleanedArticle(paragraphs, removed, headline=headline, dateline=dateline, metadata=metadata)


def _is_headline(block: str, known_headline: str, n_blocks: int) -> bool:
    if known_headline and _same_text(block, known_headline):
        return True
    return (
        n_blocks > 1
        and not ends_like_sentence(block)
        and count_words(block) <= MAX_HEADLINE_WORDS
        and not block[0].islower()
    )


def _kind(block: str, index: int, n_blocks: int) -> str:
    if PHOTO_CREDIT(block) and count_words(block) <= MAX_CAPTION_WORDS:
        return CAPTION
    if ends_like_sentence(block) or index == n_blocks - 1:
        return BODY
    n_words = count_words(block)
    if n_words <= MAX_SUBHEADING_WORDS:
        return SUBHEADING
    if _QUOTED_SPEECH.search(block):  # a quote that lost its final full stop is still reporting
        return BODY
    return CAPTION if n_words <= MAX_CAPTION_WORDS else BODY


def _same_text(a: str, b: str) -> bool:
    return collapse_whitespace(a).casefold() == collapse_whitespace(b).casefold()


# --- HTML -------------------------------------------------------------------------------------

_AD_MARKERS = re.compile(
    r"(^|[\s_-])(wpcnt|wpa|wordads|amp-ad|ads?|advert\w*|sponsor\w*|adsbygoogle|dfp|gpt)($|[\s_-])", re.IGNORECASE
)
_CODE_TAGS = {"script", "style", "noscript", "template"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ul", "ol", "table",
    "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "body", "html",
    "form", "pre", "dd", "dt", "dl",
}


def _extract_html(html_text: str) -> tuple[list[str], list[RemovedBlock], dict[str, str]]:
    xml = trafilatura.extract(
        html_text, output_format="xml", include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
    )
    if not xml:
        raise IngestError("HTML with no article text (trafilatura found no main content)")
    main = lxml.etree.fromstring(xml.encode("utf-8")).find("main")
    blocks = []
    for element in main if main is not None else []:
        for line in element.iter("lb"):
            line.tail = " " + (line.tail or "")
        text = collapse_whitespace(normalize_text("".join(element.itertext()), unescape=False))
        if text:
            blocks.append(text)
    removed = _html_removed(html_text, " ".join(blocks))
    return blocks, removed, _html_metadata(html_text)


def _html_metadata(html_text: str) -> dict[str, str]:
    found = trafilatura.extract_metadata(html_text, extensive=False)
    if found is None:
        return {}
    pairs = {"headline": found.title, "outlet": found.sitename, "published": found.date, "url": found.url}
    # A date read off the page text (not its metadata) is a guess, so only structured tags count.
    if "<meta" not in html_text.lower() and "<time" not in html_text.lower():
        pairs.pop("published")
    return {key: normalize_text(value, unescape=False) for key, value in pairs.items() if value}


def _html_removed(html_text: str, kept_text: str) -> list[RemovedBlock]:
    """Blocks of the raw page that trafilatura did not keep, each with the rule behind it."""
    try:
        root = lxml.html.document_fromstring(html_text)
    except (lxml.etree.ParserError, ValueError):
        return []
    kept = collapse_whitespace(kept_text)
    pieces: list[tuple[object, str, str]] = []  # (block element, rule, text)
    _walk(root, root, None, pieces)

    removed: list[RemovedBlock] = []
    last_key = None
    for block, rule, raw in pieces:
        text = normalize_text(raw, unescape=False)
        if not text or collapse_whitespace(text) in kept:
            last_key = None
            continue
        rule = rule or block_rule(collapse_whitespace(text)) or "page_boilerplate"
        if last_key == (block, rule):
            removed[-1] = RemovedBlock(f"{removed[-1].text}\n{text}", rule)
        else:
            removed.append(RemovedBlock(text, rule))
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
