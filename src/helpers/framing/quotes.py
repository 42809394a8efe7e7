"""Quotes and speakers: who is quoted, with which verb, saying what.

Rules in the spirit of the Gender Gap Tracker (``docs/methods.md``), on spaCy's parse, with its
conventions for what a quote's span is:

* **Direct quotes** are spans between quotation marks as written in ``articles.text``: curly “ ”,
  straight " (paired inside a paragraph) and « ». A mark left open runs to the end of its paragraph and,
  when the next paragraph opens a quote again, on into it (one quote over several paragraphs); an odd
  number of marks never fails. A split quote, “A,” she told reporters, “B.”, is **one** quote from A to
  B, the interruption included. Titles of works and programmes ("Meet the Press", “Fox & Friends”) and
  other capitalised names in quotation marks are not quotes. Embedded tweets (a paragraph signed
  "— Name (@handle) date", or followed by a paragraph that is only that signature) are direct quotes
  of the name. A straight opening mark may be closed by a curly one ("…,” Mr. Abe said).
* **Reported speech** (:mod:`helpers.framing.speech`): a reporting cue and what it reports. When the
  reported clause is all quoted, it is a direct quote of its cue; when it holds some quoted words it is
  **mixed**, one quote of the whole clause with the quotation marks inside ("Flynn said Trump was
  “absolutely right” …"); otherwise **indirect**.
* A direct quote's cue is the one whose clause it is, else the nearest cue outside any quote in the
  sentences it touches; failing that, the subject of a clause that introduces it with a colon ('Biden was
  quick to retort: "…"'), the previous sentence's quote that goes on, or a cue in the previous sentence
  ('He said: '). A quote of fewer than ``MIN_QUOTE_WORDS`` words counts only inside a cue's
  clause or within ``CUE_WINDOW_TOKENS`` tokens after it; otherwise it is a scare quote. Longer quotes
  without a cue are kept, unattributed.
* **Speakers** are resolved by :mod:`helpers.framing.attribution`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from helpers.config import CUE_WINDOW_TOKENS, MIN_QUOTE_WORDS, QUOTED_CLAUSE_SHARE, SPLIT_QUOTE_GAP_WORDS
from helpers.framing.attribution import MentionIndex, SpeakerResolver
from helpers.framing.sources import load_source_types, speaker_types
from helpers.framing.speech import SUBJECTS, cue_name, find_cues, is_cue, subject_of
from helpers.lexicons import load_reporting_verbs
from helpers.text import words

QUOTE_COLUMNS = ["article_id", "sentence_id", "kind", "quote", "speaker", "speaker_text", "speaker_type", "verb",
                 "verb_class", "start_char", "end_char", "type_evidence", "speaker_gender", "gender_evidence"]
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "&", "in", "on", "at", "for", "to", "with", "from", "by", "vs",
                "vs.", "de", "la", "le", "du"}
_JOINER = re.compile(r"[\s’'\"“”«»]*(?:(?:and|or|a|an|the)[\s\"“«]+)*[\s\"“«]*")
TWEET = re.compile(r"^(?P<text>.+?)\s*(?:pic\.twitter\.com/\S+\s*)?[—–-]{1,2}\s*(?P<name>[^()\n—]{2,80}?)\s*"
                   r"\(@\w{1,30}\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$")
SIGNATURE = re.compile(r"^[—–-]{0,2}\s*(?P<name>[^()\n—]{2,80}?)\s*\(@\w{1,30}\)\s*"
                       r"(?:on )?[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")  # bare: the post is the paragraph before


# --- quotation marks ---------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, paragraph by paragraph.

    Curly and angle quotes pair opening with closing marks; straight quotes pair
    in order of appearance. A mark left open runs to the end of its paragraph;
    a closing mark without an opening one is ignored.
    """
    return [(start, end) for start, end, _ in marked_spans(text)]


def marked_spans(text: str) -> list[tuple[int, int, bool]]:
    """Like :func:`quote_spans`, with whether each span's quotation mark was closed."""
    spans = []
    position = 0
    for paragraph in text.split("\n"):
        spans += [(position + s, position + e, closed) for s, e, closed in _paragraph_spans(paragraph)]
        position += len(paragraph) + 1
    return sorted(spans)


def _paragraph_spans(paragraph: str) -> list[tuple[int, int, bool]]:
    spans, opened, closer = [], None, ""
    for i, char in enumerate(paragraph):
        if opened is None:
            if char in _OPEN_CLOSE or char == '"':
                opened, closer = i, _OPEN_CLOSE.get(char, '"')
        elif (char == closer or (char == '"' and closer != '"' and closer not in paragraph[i:])  # “…" mixed marks
              or (char == "”" and closer == '"' and '"' not in paragraph[i:])):  # "…” mixed marks
            spans.append((opened + 1, i, True))
            opened = None
        elif char in _OPEN_CLOSE and closer != '"':  # a new opening mark: the previous quote was never closed
            spans.append((opened + 1, i, False))
            opened, closer = i, _OPEN_CLOSE[char]
    if opened is not None and len(paragraph) - opened > 1:
        spans.append((opened + 1, len(paragraph), False))
    stripped = []
    for start, end, closed in spans:
        inner = paragraph[start:end]
        left = len(inner) - len(inner.lstrip(" ,.;:"))
        right = len(inner.rstrip(" ,;:"))
        if right > left:
            stripped.append((start + left, start + right, closed))
    return stripped


def is_title(quoted: str) -> bool:
    """Capitalised words in quotation marks: a title or name ("Meet the Press", “Fox & Friends.”), not speech."""
    tokens = quoted.strip().rstrip(".").split()
    if not 2 <= len(tokens) <= 8 or quoted.strip()[-1:] in "?!,":
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in _SMALL_WORDS for t in tokens if t[0].isalnum())


def tweets(text: str) -> list[tuple[int, int, int, int]]:
    """Embedded tweets: (text start, text end, signature start, signature end) of each signed paragraph, or
    of a paragraph followed by a bare signature ("Liz Cheney (@Liz_Cheney) July 29, 2012")."""
    found, position, previous = [], 0, None
    for paragraph in text.split("\n"):
        match = TWEET.match(paragraph)
        bare = SIGNATURE.match(paragraph)
        if match and len(words(match["text"])) >= 3:
            name_end = paragraph.index(")", match.end("name")) + 1
            found.append((position + match.start("text"), position + match.end("text"),
                          position + match.start("name"), position + name_end))
        elif bare and previous is not None and len(words(text[previous[0]:previous[1]])) >= 3 \
                and not (found and found[-1][1] >= previous[1]):
            name_end = paragraph.index(")", bare.end("name")) + 1
            found.append((*previous, position + bare.start("name"), position + name_end))
        if paragraph.strip():
            previous = (position + len(paragraph) - len(paragraph.lstrip()), position + len(paragraph.rstrip()))
        position += len(paragraph) + 1
    return found


# --- extraction --------------------------------------------------------------------------------


def extract_quotes(doc: Doc, mentions: pd.DataFrame | None = None, article_id: str = "",
                   verbs: pd.DataFrame | None = None, source_types: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every direct, mixed and indirect quote in one parsed article, with speaker, cue verb and its class.

    ``mentions`` are the article's rows of the ``mentions`` table (offsets in
    ``doc.text``); without them, speakers stay as written and pronouns unresolved.
    """
    verbs = load_reporting_verbs() if verbs is None else verbs
    source_types = load_source_types() if source_types is None else source_types
    cues = dict(zip(verbs["term"], verbs["class"], strict=True))
    text = doc.text
    sents = [s for s in doc.sents if not s.text.isspace()]
    sent_starts = np.array([s.start_char for s in sents])

    def sentence_of(char: int) -> int:
        return max(0, int(np.searchsorted(sent_starts, char, side="right")) - 1)

    signed = tweets(text)
    spans = [(s, e, c) for s, e, c in _joined(marked_spans(text), text)
             if not is_title(text[s:e]) and not any(a <= s and e <= b for a, b, _, _ in signed)]
    quoted = np.zeros(len(text) + 1, dtype=bool)
    for start, end, _ in spans:
        quoted[max(0, start - 1):end + 1] = True
    for start, end, _, _ in signed:
        quoted[start:end] = True
    pending: list[dict] = []  # rows before speakers: kind, start, end, source token (or a carried speaker), term
    claimed: dict[tuple[int, int], object] = {}
    consumed: set[tuple[int, int]] = set()
    for cue in find_cues(doc, cues, quoted):
        inside = _adjacent([(s, e) for s, e, _ in spans if s < cue.end and e > cue.start], spans, cue.end, text)
        if not inside:
            if cue.how != "object":
                pending.append(_pending("indirect", cue.start, cue.end, cue.source, cue.token, cue.term))
            continue
        if _quoted_share(text, cue.start, cue.end, inside) >= QUOTED_CLAUSE_SHARE:
            for span in inside:
                claimed.setdefault(span, cue)
            continue
        start, end = min([cue.start] + [s for s, _ in inside]), max([cue.end] + [e for _, e in inside])
        pending.append(_pending("mixed", start, end, cue.source, cue.token, cue.term))
        consumed.update(inside)
    for start, end, _ in spans:
        if (start, end) not in consumed:
            row = _direct(doc, (start, end), sents, sentence_of, quoted, cues, claimed.get((start, end)))
            if row is not None:
                pending.append(row)
    for start, end, name_start, name_end in signed:
        span = doc.char_span(name_start, name_end, alignment_mode="expand")
        source = span.root if span is not None else None
        pending.append(_pending("direct", start, end, source, None, "", signature=text[name_start:name_end]))
    resolver = SpeakerResolver(MentionIndex.of(mentions), sentence_of, source_types, doc, quoted)
    rows = _speakers(_merged(_unique(pending), text), resolver, text, sentence_of, cues)
    table = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "article_id"])
    table.insert(0, "article_id", article_id)
    table = speaker_types(table, doc, mentions, source_types)
    return table.sort_values(["start_char", "kind"], ignore_index=True)


def _pending(kind, start, end, source, cue, term, carried: bool = False, signature: str = "") -> dict:
    return {"kind": kind, "start": start, "end": end, "source": source, "cue": cue, "term": term,
            "carried": carried, "signature": signature}


def _joined(spans: list[tuple[int, int, bool]], text: str) -> list[tuple[int, int, bool]]:
    """A quote left open at a paragraph's end goes on into the next paragraph when that one opens a quote."""
    joined: list[tuple[int, int, bool]] = []
    for start, end, closed in spans:
        if joined and not joined[-1][2]:
            gap = text[joined[-1][1]:start]
            if "\n" in gap and gap.strip() in ("“", '"', "«", "„"):
                joined[-1] = (joined[-1][0], end, closed)
                continue
        joined.append((start, end, closed))
    return joined


def _adjacent(inside: list[tuple[int, int]], spans, end: int, text: str) -> list[tuple[int, int]]:
    """The quotes in a reported clause, and those that carry it on: “…” and a “…”; the United States’ “…”."""
    end = max([end] + [e for _, e in inside])
    for start, stop, _ in spans:
        if (start >= end and "\n" not in text[end:start] and _JOINER.fullmatch(text[end:start])
                and text[:end].rstrip(" ”\"»’")[-1:] not in ".?!"):
            inside, end = inside + [(start, stop)], stop
        elif start >= end:
            break
    return inside


def _quoted_share(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> float:
    """Share of the letters and digits of text[start:end] that are inside the quoted spans."""
    mask = np.zeros(end - start, dtype=bool)
    for s, e in inside:
        mask[max(0, s - start):max(0, min(end, e) - start)] = True
    letters = np.array([c.isalnum() for c in text[start:end]], dtype=bool)
    return float((mask & letters).sum() / letters.sum()) if letters.any() else 1.0


def _direct(doc, span, sents, sentence_of, quoted, cues, claimed) -> dict | None:
    start, end = span
    text = doc.text
    n_words = len(words(text[start:end]))
    first, last = sentence_of(start), sentence_of(max(start, end - 1))
    if claimed is not None:
        return _pending("direct", start, end, claimed.source, claimed.token, claimed.term)
    region = [t for s in sents[first:last + 1] for t in s if not quoted[t.idx] and is_cue(t, cues)]
    if region:
        verb = min(region, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        near = (verb.idx < start and len([t for t in doc if verb.idx < t.idx < start]) <= CUE_WINDOW_TOKENS) or (
            verb.idx >= end and len([t for t in doc if end <= t.idx < verb.idx]) <= 3)  # '"A statement?" I said
        governs = any(start <= t.idx < end for t in verb.subtree)
        if n_words < MIN_QUOTE_WORDS and not (near or governs):
            return None
        return _pending("direct", start, end, subject_of(verb), verb, "")
    if n_words < MIN_QUOTE_WORDS:
        return None
    introducer = colon_subject(doc, start, quoted)
    if introducer is not None:  # 'Biden was quick to retort: "…"' (a cue the parse took for a noun)
        return _pending("direct", start, end, introducer, None, "")
    if first > 0:
        previous = [t for t in sents[first - 1] if not quoted[t.idx] and is_cue(t, cues)]
        row = _pending("direct", start, end, None, None, "", carried=True)
        row["fallback"] = previous[-1] if previous else None  # 'Lavrov spoke to reporters. "…"'
        row["previous_sentence"] = sents[first - 1].start_char
        return row
    return _pending("direct", start, end, None, None, "")


def colon_subject(doc: Doc, start: int, quoted) -> object:
    """The subject of the clause that introduces a quote with a colon, in the same paragraph
    ('The letter reads: “…”', 'Biden was quick to retort: "…"'), or None."""
    before = doc.text[:max(0, start - 1)].rstrip(" “\"«")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or "\n" in doc.text[colon.start_char:start]:
        return None
    clause = [t for t in doc[colon.sent.start:colon.start] if t.dep_ in SUBJECTS and not quoted[t.idx]
              and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return clause[-1] if clause else None


def _unique(pending: list[dict]) -> list[dict]:
    """One row per span and kind; an indirect quote inside a direct one is left to it."""
    seen, kept = set(), []
    direct = [(r["start"], r["end"]) for r in pending if r["kind"] == "direct"]
    for row in sorted(pending, key=lambda r: (r["start"], r["end"], r["kind"])):
        key = (row["start"], row["end"])
        if key in seen:
            continue
        if row["kind"] == "indirect" and any(s <= row["start"] and row["end"] <= e for s, e in direct):
            continue
        seen.add(key)
        kept.append(row)
    return kept


def _merged(pending: list[dict], text: str) -> list[dict]:
    """A split quote, “A,” she said, “B.”, as one: same paragraph, same cue, only the attribution between."""
    merged: list[dict] = []
    for row in pending:
        previous = merged[-1] if merged else None
        if (previous is not None and row["kind"] == previous["kind"] == "direct" and previous["cue"] is not None
                and "\n" not in text[previous["end"]:row["start"]] and previous["end"] <= row["start"]
                and (row["cue"] is previous["cue"] or (row["carried"] and row["source"] is None))
                and previous["end"] <= previous["cue"].idx < row["start"]
                and len(words(text[previous["end"]:row["start"]])) <= SPLIT_QUOTE_GAP_WORDS):
            previous["end"] = row["end"]
            continue
        merged.append(row)
    return merged


def _speakers(pending, resolver, text, sentence_of, cues) -> list[dict]:
    """The rows in reading order, each speaker resolved (a quote that goes on keeps the previous speaker)."""
    rows: list[dict] = []
    for row in sorted(pending, key=lambda r: (r["start"], r["end"])):
        cue, term = row["cue"], row["term"]
        if row["carried"]:
            before = [r for r in rows if r["end_char"] >= row["previous_sentence"] and r["speaker_text"]
                      and r["kind"] != "indirect"]
            if before:
                last = before[-1]
                rows.append(_row(text, sentence_of(row["start"]), row, last["speaker"], last["speaker_text"],
                                 last["verb"], cues))
                continue
            cue = row.get("fallback")
            row["source"] = subject_of(cue) if cue is not None else None
        speaker, written = resolver.resolve(row["source"], min(row["start"], cue.idx if cue is not None else
                                                               row["start"]))
        written = row["signature"] or written  # a tweet: its signature, "Senator Rand Paul (@RandPaul)"
        name = term or (cue_name(cue, cues) if cue is not None else "")
        rows.append(_row(text, sentence_of(row["start"]), row, speaker, written, name, cues))
    return rows


def _row(text, sentence_id, row, speaker, written, verb, cues) -> dict:
    start, end = row["start"], row["end"]
    quote = text[start:end]
    lead = len(quote) - len(quote.lstrip())
    quote = quote.strip()
    return {"sentence_id": sentence_id, "kind": row["kind"], "quote": quote, "speaker": speaker or "",
            "speaker_text": written or "", "speaker_type": "", "verb": verb or "",
            "verb_class": cues.get(verb, "") if verb else "", "start_char": start + lead,
            "end_char": start + lead + len(quote)}


def quotes_of_text(text: str, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Parse one text and extract its quotes; mentions come from the suite's entity rules when not given."""
    from helpers.nlp.entities import article_mentions, default_aliases
    from helpers.nlp.model import load_model
    from helpers.nlp.parse import doc_features

    doc = load_model()(text)
    if mentions is None:
        mentions = pd.DataFrame(article_mentions(doc_features(doc), default_aliases()))
    return extract_quotes(doc, mentions)
