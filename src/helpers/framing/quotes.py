"""Quotes and speakers: who is quoted, with which verb, saying what.

Rules in the spirit of the Gender Gap Tracker (``docs/methods.md``), on spaCy's parse:

* **Direct quotes** are spans between quotation marks as written in
  ``articles.text``: curly “ ”, straight " (paired inside a paragraph) and
  « ». A mark left open runs to the end of its paragraph (the convention for
  quotes that go on in the next paragraph); an odd number of marks never fails.
  The cue is the nearest reporting verb outside any quote in the sentences
  the quote touches; failing that, a reporting verb in the previous sentence
  ('He said: ' or 'Lavrov spoke to reporters.'), or the previous sentence's
  attributed quote (a quote that goes on). A quote of fewer than
  ``MIN_QUOTE_WORDS`` words counts only inside a reporting verb's clause
  ("slammed the coalition as 'illegitimate'") or within ``CUE_WINDOW_TOKENS`` tokens after the verb
  ("said … it had no 'releasable information'"): otherwise it is a scare quote.
  Longer quotes without a cue are kept, unattributed.
* **Indirect quotes**: a reporting verb (``data/lexicons/reporting_verbs.csv``)
  with a clausal complement ("X said (that) …", "…, said X"), an object
  clause ("reported 26 civilians killed"), and "according to X". Negated
  verbs ("did not say") and passive ones ("was reported to") are not
  attributions; an indirect quote that contains a direct
  quote is left to it (the direct quote stands for the attribution).
* **Speakers** are resolved by :mod:`helpers.framing.attribution`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Token

from helpers.config import CUE_WINDOW_TOKENS, MIN_QUOTE_WORDS
from helpers.framing.attribution import MentionIndex, SpeakerResolver, is_acronym, subject_of
from helpers.framing.sources import load_source_types, speaker_types
from helpers.lexicons import load_reporting_verbs
from helpers.text import words

QUOTE_COLUMNS = ["article_id", "sentence_id", "kind", "quote", "speaker", "speaker_text", "speaker_type", "verb",
                 "verb_class", "start_char", "end_char", "type_evidence", "speaker_gender", "gender_evidence"]
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}


# --- quotation marks ---------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, paragraph by paragraph.

    Curly and angle quotes pair opening with closing marks; straight quotes pair
    in order of appearance. A mark left open runs to the end of its paragraph;
    a closing mark without an opening one is ignored.
    """
    spans = []
    position = 0
    for paragraph in text.split("\n"):
        spans += [(position + s, position + e) for s, e in _paragraph_spans(paragraph)]
        position += len(paragraph) + 1
    return sorted(spans)


def _paragraph_spans(paragraph: str) -> list[tuple[int, int]]:
    spans, opened, closer = [], None, ""
    for i, char in enumerate(paragraph):
        if opened is None:
            if char in _OPEN_CLOSE or char == '"':
                opened, closer = i, _OPEN_CLOSE.get(char, '"')
        elif char == closer:
            spans.append((opened + 1, i))
            opened = None
        elif char in _OPEN_CLOSE and closer != '"':  # a new opening mark: the previous quote was never closed
            spans.append((opened + 1, i))
            opened, closer = i, _OPEN_CLOSE[char]
    if opened is not None and len(paragraph) - opened > 1:
        spans.append((opened + 1, len(paragraph)))
    stripped = []
    for start, end in spans:
        inner = paragraph[start:end]
        left = len(inner) - len(inner.lstrip(" ,.;:"))
        right = len(inner.rstrip(" ,;:"))
        if right > left:
            stripped.append((start + left, start + right))
    return stripped


# --- speakers ----------------------------------------------------------------------------------










# --- extraction --------------------------------------------------------------------------------


def _cue_name(verb: Token, cues: dict[str, str]) -> str | None:
    """The lexicon term a verb token stands for ("say", "call on", "point out"), or None."""
    lemma = verb.lemma_.lower()
    particles = [c.text.lower() for c in verb.children if c.dep_ in ("prt", "prep")]
    for particle in particles:
        if f"{lemma} {particle}" in cues:
            return f"{lemma} {particle}"
    return lemma if lemma in cues else None


def _is_cue(token: Token, cues: dict[str, str]) -> bool:
    if token.pos_ not in ("VERB", "AUX") or _cue_name(token, cues) is None:
        return False
    if any(c.dep_ == "neg" for c in token.children):
        return False
    return not any(c.dep_ == "auxpass" and not is_acronym(c) for c in token.children)




def extract_quotes(doc: Doc, mentions: pd.DataFrame | None = None, article_id: str = "",
                   verbs: pd.DataFrame | None = None, source_types: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every direct and indirect quote in one parsed article, with speaker, cue verb and its class.

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

    spans = quote_spans(text)
    quoted = np.zeros(len(text) + 1, dtype=bool)
    for start, end in spans:
        quoted[max(0, start - 1):end + 1] = True
    resolver = SpeakerResolver(MentionIndex.of(mentions), sentence_of, source_types)
    found: list[dict] = []

    # Candidates in reading order: (position, kind, payload)
    candidates = [(start, "direct", (start, end)) for start, end in spans]
    for token in doc:
        if quoted[token.idx] or not _is_cue(token, cues):
            continue
        content = _content(token)
        if content is not None:
            candidates.append((min(content[0], token.idx), "indirect", (token, content)))
    for token in doc[:-1]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            source = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            if source is not None and not quoted[token.idx]:
                sent = token.sent
                phrase_end = source.right_edge.idx + len(source.right_edge.text)
                content = ((phrase_end, sent.end_char) if token.idx == sent.start_char
                           else (sent.start_char, token.idx))
                candidates.append((token.idx, "according", (token, source, content)))
    candidates.sort(key=lambda c: c[0])
    direct_rows: list[dict] = []
    for _, kind, payload in candidates:
        if kind == "direct":
            row = _direct(doc, payload, sents, sentence_of, quoted, cues, resolver, direct_rows)
            if row:
                direct_rows.append(row)
                found.append(row)
        elif kind == "indirect":
            verb, (start, end) = payload
            speaker, written = resolver.resolve(subject_of(verb), verb.idx)
            name = _cue_name(verb, cues)
            found.append(_row(text, sentence_of(start), "indirect", start, end, speaker, written, name, cues))
        else:
            token, source, (start, end) = payload
            speaker, written = resolver.resolve(source, token.idx)
            found.append(_row(text, sentence_of(start), "indirect", start, end, speaker, written, "according to",
                              cues))
    rows = _drop_covered([r for r in found if r["quote"]], spans)
    table = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "article_id"])
    table.insert(0, "article_id", article_id)
    table = speaker_types(table, doc, mentions, source_types)
    return table.sort_values(["start_char", "kind"], ignore_index=True)


def _content(verb: Token) -> tuple[int, int] | None:
    """Character span of what a reporting verb reports: its clausal complement or a clause-like object."""
    parts = [c for c in verb.children if c.dep_ == "ccomp" and not (is_acronym(c) and c.i > verb.i + 1)]
    if not parts:
        parts = [c for c in verb.children if c.dep_ == "dobj"
                 and any(t.tag_ == "VBN" and t.dep_ == "acl" for t in c.children)]  # "reported 26 civilians killed"
    tokens = sorted({t.i: t for part in parts for t in part.subtree}.values(), key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else None


def _direct(doc, span, sents, sentence_of, quoted, cues, resolver, earlier) -> dict | None:
    start, end = span
    text = doc.text
    n_words = len(words(text[start:end]))
    first, last = sentence_of(start), sentence_of(max(start, end - 1))
    region = [t for s in sents[first:last + 1] for t in s if not quoted[t.idx] and _is_cue(t, cues)]
    if region:
        verb = min(region, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        near = verb.idx < start and len([t for t in doc if verb.idx < t.idx < start]) <= CUE_WINDOW_TOKENS
        if n_words < MIN_QUOTE_WORDS and not (near or _governs(verb, start, end)):
            return None
        speaker, written = resolver.resolve(subject_of(verb), min(verb.idx, start))
        return _row(text, first, "direct", start, end, speaker, written, _cue_name(verb, cues), cues)
    if n_words < MIN_QUOTE_WORDS:
        return None
    if first > 0:
        before = [r for r in earlier if r["end_char"] >= sents[first - 1].start_char and r["speaker_text"]]
        if before:  # the previous sentence's attributed quote goes on
            last_quote = before[-1]
            return _row(text, first, "direct", start, end, last_quote["speaker"], last_quote["speaker_text"],
                        last_quote["verb"], cues)
        previous = [t for t in sents[first - 1] if not quoted[t.idx] and _is_cue(t, cues)]
        if previous:  # 'Lavrov spoke to reporters. "…"'
            verb = previous[-1]
            speaker, written = resolver.resolve(subject_of(verb), verb.idx)
            return _row(text, first, "direct", start, end, speaker, written, _cue_name(verb, cues), cues)
    return _row(text, first, "direct", start, end, "", "", "", cues)


def _governs(verb: Token, start: int, end: int) -> bool:
    """True when the quoted span is part of the verb's clause (its subtree reaches the quote)."""
    return any(start <= t.idx < end for t in verb.subtree)


def _row(text, sentence_id, kind, start, end, speaker, written, verb, cues) -> dict:
    quote = text[start:end].strip()
    return {"sentence_id": sentence_id, "kind": kind, "quote": quote, "speaker": speaker or "",
            "speaker_text": written or "", "speaker_type": "", "verb": verb or "",
            "verb_class": cues.get(verb, "") if verb else "", "start_char": start, "end_char": end}


def _drop_covered(rows: list[dict], spans: list[tuple[int, int]]) -> list[dict]:
    """Indirect quotes mostly made of a direct quote are left to the direct one; duplicates go."""
    kept, seen = [], set()
    for row in rows:
        key = (row["kind"], row["start_char"], row["end_char"])
        if key in seen:
            continue
        seen.add(key)
        if row["kind"] == "indirect" and any(s < row["end_char"] and e > row["start_char"] for s, e in spans):
            continue
        kept.append(row)
    return kept


# --- the table and its evaluation --------------------------------------------------------------




def quotes_of_text(text: str, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Parse one text and extract its quotes; mentions come from the suite's entity rules when not given."""
    from helpers.nlp.entities import article_mentions, default_aliases
    from helpers.nlp.model import load_model
    from helpers.nlp.parse import doc_features

    doc = load_model()(text)
    if mentions is None:
        mentions = pd.DataFrame(article_mentions(doc_features(doc), default_aliases()))
    return extract_quotes(doc, mentions)














