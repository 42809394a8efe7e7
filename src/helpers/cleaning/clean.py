"""Clean: turn decoded article text into body paragraphs, and account for the rest.

HTML goes through :mod:`helpers.cleaning.html` (trafilatura, with jusText as a fallback), plain text through
the rules in :mod:`helpers.cleaning.rules`. Either way the result lists every paragraph kept, with its kind
(body, subheading or caption, decided on evidence by :mod:`helpers.cleaning.kinds`) and the rule behind the
kind, and every block removed with the rule that removed it, so that kept + removed accounts for the whole
raw text. The body text the analyses count is :func:`body_text`: body paragraphs and subheadings, not captions.
Sentences a scraper glued together by dropping a paragraph break ("the polls.The billionaire") get their space
back (:func:`helpers.cleaning.rules.unglue_sentences`), so that sentences and quotes are segmented right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from helpers.cleaning import html
from helpers.cleaning.ingest import IngestError
from helpers.cleaning.kinds import (
    BODY,
    CAPTION,
    PARAGRAPH_KINDS,
    SUBHEADING,
    is_headline,
    paragraph_kind,
    same_text,
)
from helpers.cleaning.rules import (
    DATELINE_PREFIX,
    OUTLET_IN_FOOTER,
    RELATED_LINKS_HEADING,
    SCRAPER_METADATA,
    block_rule,
    unglue_sentences,
)
from helpers.text import ends_like_sentence, normalize_text

__all__ = ["BODY", "CAPTION", "PARAGRAPH_KINDS", "SUBHEADING", "CleanedArticle", "Paragraph", "RemovedBlock",
           "body_text", "clean_article", "split_blocks"]


@dataclass(frozen=True)
class Paragraph:
    kind: str
    text: str
    rule: str = ""  # why it has its kind (see helpers.cleaning.rules.KIND_RULES)


@dataclass(frozen=True)
class RemovedBlock:
    text: str
    rule: str


def body_text(paragraphs: Iterable) -> str:
    """The body text the analyses count: body paragraphs and subheadings, captions left out.

    ``paragraphs`` are :class:`Paragraph` objects or dicts with ``kind`` and ``text``.
    """
    items = [(p["kind"], p["text"]) if isinstance(p, dict) else (p.kind, p.text) for p in paragraphs]
    return "\n\n".join(text for kind, text in items if kind != CAPTION)


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
        """The cleaned body: body paragraphs and subheadings, captions left out (:func:`body_text`)."""
        return body_text(self.paragraphs)


def clean_article(text: str, fmt: str, known_headline: str = "") -> CleanedArticle:
    """Clean decoded ``text`` of format ``fmt`` ("html" or "text").

    ``known_headline`` (from a manifest) lets the cleaner recognise the
    headline line even when it ends with punctuation. Raises
    :class:`IngestError` when no article text is left.
    """
    if fmt == "html":
        blocks, extractor = html.extract_html(text)
        metadata = {**html.html_metadata(text), "extractor": extractor}
        headline = metadata.pop("headline", "")
        removed = html.removed_from_page(text, " ".join(b.text for b in blocks), RemovedBlock)
    else:
        blocks = [html.Block(b) for b in split_blocks(normalize_text(text))]
        removed, metadata, headline = [], {}, ""
    blocks = [html.Block(unglue_sentences(b.text), b.heading) for b in blocks]
    article = _apply_block_rules(blocks, removed, metadata, headline, known_headline, guess_headline=fmt != "html")
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
    blocks: list[html.Block],
    removed: list[RemovedBlock],
    metadata: dict[str, str],
    headline: str,
    known_headline: str,
    *,
    guess_headline: bool,
) -> CleanedArticle:
    dateline = ""
    kept: list[html.Block] = []
    for index, block in enumerate(blocks):
        scraped = SCRAPER_METADATA.match(block.text) if index < 3 else None
        if scraped:
            removed.append(RemovedBlock(block.text, "scraper_metadata"))
            metadata.setdefault("published", scraped["published"])
            dateline = dateline or scraped["dateline"].strip()
            continue
        if RELATED_LINKS_HEADING.match(block.text) and index >= len(blocks) / 2:
            removed.append(RemovedBlock("\n".join(b.text for b in blocks[index:]), "related_links_footer"))
            break
        rule = block_rule(block.text)
        if rule:
            removed.append(RemovedBlock(block.text, rule))
            continue
        kept.append(block)

    for block in (r.text for r in removed):
        footer = OUTLET_IN_FOOTER.search(block)
        if footer:
            metadata.setdefault("outlet", footer["outlet"])

    if kept and is_headline(kept[0].text, known_headline or headline, len(kept), guess=guess_headline):
        headline = headline or kept[0].text
        removed.append(RemovedBlock(kept.pop(0).text, "headline"))
    # The headline again as the first body line is kept (the text says it), marked so it can be left out.
    repeats = int(len(kept) > 1 and any(h and same_text(kept[0].text, h) for h in (headline, known_headline)))

    if len(kept) > repeats:
        prefix = DATELINE_PREFIX.match(kept[repeats].text)
        if prefix and len(kept[repeats].text) > prefix.end():
            dateline = dateline or f"{prefix['agency']}, {prefix['place'].strip()}"
            removed.append(RemovedBlock(prefix.group(0).strip(), "dateline"))
            kept[repeats] = html.Block(kept[repeats].text[prefix.end():], kept[repeats].heading)

    paragraphs = []
    for i, block in enumerate(kept):
        kind, rule = ((SUBHEADING, "repeated_headline") if i < repeats
                      else paragraph_kind(block.text, i, len(kept), heading=block.heading))
        paragraphs.append(Paragraph(kind, block.text, rule))
    return CleanedArticle(paragraphs, removed, headline=headline, dateline=dateline, metadata=metadata)
