"""Quotes and speakers: who is quoted, with which verb, saying what.

Rules in the spirit of the Gender Gap Tracker (methods.md), on spaCy's parse:

* **Direct quotes** are spans between quotation marks as written in
  ``articles.text``: curly “ ”, straight " (paired inside a paragraph) and
  « ». A mark left open runs to the end of its paragraph (the convention for
  quotes that go on in the next paragraph); an odd number of marks never fails.
  The cue is the nearest reporting verb outside any quote in the sentences
  the quote touches; failing that, a reporting verb in the previous sentence
  ('He said: ' or 'Lavrov spoke to reporters.'), or the previous sentence's
  attributed quote (a quote that goes on). A quote of fewer than
  ``MIN_QUOTE_WORDS`` words counts only inside a reporting verb's clause
  ("slammed the coalition as 'illegitimate'") or within 8 tokens after the verb
  ("said … it had no 'releasable information'"): otherwise it is a scare quote.
  Longer quotes without a cue are kept, unattributed.
* **Indirect quotes**: a reporting verb (``data/lexicons/reporting_verbs.csv``)
  with a clausal complement ("X said (that) …", "…, said X"), an object
  clause ("reported 26 civilians killed"), and "according to X". Negated
  verbs ("did not say") and passive ones ("was reported to") are not
  attributions; an indirect quote that contains a direct
  quote is left to it (the direct quote stands for the attribution).
* **Speakers**: the verb's subject (or, for "saying"/"adding", the subject of
  the verb it depends on), resolved to a canonical entity with the
  ``mentions`` table: the mention at the subject's head, else a person, else
  an organisation, else the first one named in the subject phrase. A pronoun
  goes to the nearest compatible full mention: the latest speaker of a
  compatible type within two sentences, else the nearest earlier mention of a
  compatible type (people for he/she; organisations and groups for it/they),
  possessives last. A common noun ("the monitor") goes to the nearest earlier
  entity whose name contains it or whose source type its keyword names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Token

from helpers import framing
from helpers.paths import repo_root

MIN_QUOTE_WORDS = 4
GOLD = repo_root() / "tests" / "gold" / "quotes.csv"
# Gender Gap Tracker (methods.md): quotes at 0.3 span overlap, and speakers, on 98 hand-annotated articles.
GGT_FIGURES = {"precision": 0.846, "recall": 0.827, "f1": 0.837, "speaker_accuracy": (0.865, 0.874)}
PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("organisation", "group"),
            "they": ("organisation", "group", "person"), "we": ("organisation", "group"), "i": ("person",)}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
QUOTE_COLUMNS = ["article_id", "sentence_id", "kind", "quote", "speaker", "speaker_text", "speaker_type", "verb",
                 "verb_class", "start_char", "end_char"]
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")


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


@dataclass
class _Mentions:
    """An article's mentions as arrays, for lookups by character offset."""

    starts: np.ndarray
    ends: np.ndarray
    entities: np.ndarray
    types: np.ndarray
    possessive: np.ndarray

    @classmethod
    def of(cls, mentions: pd.DataFrame | None) -> _Mentions:
        if mentions is None or mentions.empty:
            empty = np.array([], dtype=object)
            return cls(np.array([], dtype=int), np.array([], dtype=int), empty, empty, np.array([], dtype=bool))
        m = mentions.sort_values("start_char")
        return cls(m["start_char"].to_numpy(), m["end_char"].to_numpy(), m["entity"].to_numpy(dtype=object),
                   m["entity_type"].to_numpy(dtype=object), m["text"].str.contains(r"[’']s?$", regex=True).to_numpy())

    def inside(self, start: int, end: int) -> list[int]:
        return [i for i in range(len(self.starts)) if self.starts[i] < end and self.ends[i] > start]


def _phrase(token: Token) -> tuple[int, int, str]:
    """The subject's phrase: its subtree, or its head with modifiers when the subtree is long."""
    left, right = token.left_edge.i, token.right_edge.i
    if right - left > 30:
        kept = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
        left, right = (kept[0].i if kept else token.i), token.i
    span = token.doc[left:right + 1]
    return span.start_char, span.end_char, span.text.strip(" \"“”,;:")


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for "saying"/"adding" and conjuncts, the subject of the verb they depend on."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None and not _acronym(current):
            return subject
        if current.dep_ in ("advcl", "conj", "xcomp", "ccomp") and current.head is not current:
            current = current.head
        else:
            break
    left = [t for t in verb.sent if t.i < verb.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")]
    return left[-1] if left else None


class _Resolver:
    """Speaker resolution inside one article, in reading order (it remembers earlier speakers)."""

    def __init__(self, mentions: _Mentions, sentence_of, types_lexicon: pd.DataFrame):
        self.mentions = mentions
        self.sentence_of = sentence_of
        self.types_lexicon = types_lexicon
        self.history: list[tuple[int, str, str]] = []  # (sentence, entity, entity type)

    def resolve(self, subject: Token | None, at: int) -> tuple[str, str]:
        """(canonical speaker or "", speaker as written) for a subject token at character ``at``."""
        if subject is None:
            return "", ""
        start, end, text = _phrase(subject)
        found = self.mentions.inside(start, end)
        word = subject.text.lower()
        if found:
            head = [i for i in found if self.mentions.starts[i] <= subject.idx < self.mentions.ends[i]]
            people = [i for i in found if self.mentions.types[i] == "person"]
            organisations = [i for i in found if self.mentions.types[i] == "organisation"]
            chosen = (head or people or organisations or found)[0]
            entity = self.mentions.entities[chosen]
            self._remember(at, entity, self.mentions.types[chosen])
            return entity, text
        if subject.pos_ == "PRON" and word in PRONOUNS:
            same = [t for t in subject.sent if t.i < subject.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")]
            if word in ("it", "they") and same:  # "The government has yet to comment …, but it has slammed …"
                return self.resolve(same[-1], at)
            return self._antecedent(PRONOUNS[word], at), text
        entity = self._nominal(subject, start)
        if entity:
            self._remember(at, entity, self._type_of(entity))
        return entity, text

    def _remember(self, at: int, entity: str, kind: str) -> None:
        self.history.append((self.sentence_of(at), entity, kind))

    def _type_of(self, entity: str) -> str:
        hits = [i for i in range(len(self.mentions.entities)) if self.mentions.entities[i] == entity]
        return str(self.mentions.types[hits[0]]) if hits else ""

    def _antecedent(self, types: tuple[str, ...], at: int) -> str:
        sentence = self.sentence_of(at)
        for said_in, entity, kind in reversed(self.history):
            if sentence - said_in <= 2 and kind in types:
                return entity
        earlier = [i for i in range(len(self.mentions.starts))
                   if self.mentions.starts[i] < at and self.mentions.types[i] in types
                   and sentence - self.sentence_of(self.mentions.starts[i]) <= 3]
        ranked = sorted(earlier, key=lambda i: (bool(self.mentions.possessive[i]), -self.mentions.starts[i]))
        return str(self.mentions.entities[ranked[0]]) if ranked else ""

    def _nominal(self, subject: Token, start: int) -> str:
        """A common-noun subject ("the monitor", "the coalition") as the nearest earlier entity it names."""
        noun = subject.lemma_.lower()
        if subject.pos_ != "NOUN":
            return ""
        earlier = [i for i in range(len(self.mentions.starts)) if self.mentions.starts[i] < start][::-1]
        for i in earlier:
            if noun in str(self.mentions.entities[i]).lower().split():
                return str(self.mentions.entities[i])
        wanted = framing.keyword_source_type(subject.text, self.types_lexicon)
        if wanted and wanted != "anonymous":
            for i in earlier:
                if framing.entity_source_type(str(self.mentions.entities[i]), self.types_lexicon) == wanted:
                    return str(self.mentions.entities[i])
        return ""


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
    return not any(c.dep_ == "auxpass" and not _acronym(c) for c in token.children)


def _acronym(token: Token) -> bool:
    """An all-capital word ("IS") that the small model may take for a verb: not to be trusted as one."""
    return len(token.text) > 1 and token.text.isupper() and token.pos_ in ("AUX", "VERB")


def extract_quotes(doc: Doc, mentions: pd.DataFrame | None = None, article_id: str = "",
                   verbs: pd.DataFrame | None = None, source_types: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every direct and indirect quote in one parsed article, with speaker, cue verb and its class.

    ``mentions`` are the article's rows of the ``mentions`` table (offsets in
    ``doc.text``); without them, speakers stay as written and pronouns unresolved.
    """
    verbs = framing.load_reporting_verbs() if verbs is None else verbs
    source_types = framing.load_source_types() if source_types is None else source_types
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
    resolver = _Resolver(_Mentions.of(mentions), sentence_of, source_types)
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
            speaker, written = resolver.resolve(_subject(verb), verb.idx)
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
    table["speaker_type"] = [framing.source_type(s, w, source_types, mentions) for s, w in
                             zip(table["speaker"], table["speaker_text"], strict=True)]
    table.loc[(table["speaker"] == "") & (table["speaker_text"] == ""), "speaker_type"] = "unattributed"
    return table.sort_values(["start_char", "kind"], ignore_index=True)


def _content(verb: Token) -> tuple[int, int] | None:
    """Character span of what a reporting verb reports: its clausal complement or a clause-like object."""
    parts = [c for c in verb.children if c.dep_ == "ccomp" and not (_acronym(c) and c.i > verb.i + 1)]
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
    n_words = len(_WORD.findall(text[start:end]))
    first, last = sentence_of(start), sentence_of(max(start, end - 1))
    region = [t for s in sents[first:last + 1] for t in s if not quoted[t.idx] and _is_cue(t, cues)]
    if region:
        verb = min(region, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        near = verb.idx < start and len([t for t in doc if verb.idx < t.idx < start]) <= 8
        if n_words < MIN_QUOTE_WORDS and not (near or _governs(verb, start, end)):
            return None
        speaker, written = resolver.resolve(_subject(verb), min(verb.idx, start))
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
            speaker, written = resolver.resolve(_subject(verb), verb.idx)
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


def quote_rows(docs, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` table from (article_id, Doc) pairs and the ``mentions`` table."""
    verbs, types = framing.load_reporting_verbs(), framing.load_source_types()
    by_article = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}
    tables = [extract_quotes(doc, by_article.get(article_id), article_id, verbs, types) for article_id, doc in docs]
    tables = [t for t in tables if len(t)]
    if not tables:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return pd.concat(tables, ignore_index=True)[QUOTE_COLUMNS]


def quotes_of_text(text: str, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Parse one text and extract its quotes; mentions come from the suite's entity rules when not given."""
    from helpers.entities import article_mentions, default_aliases
    from helpers.nlp import doc_features, load_model

    doc = load_model()(text)
    if mentions is None:
        mentions = pd.DataFrame(article_mentions(doc_features(doc), default_aliases()))
    return extract_quotes(doc, mentions)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(str(text))]


def overlap(a: str, b: str) -> float:
    """Shared words of two quotes over the longer one's words (0 to 1)."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    common = sum((pd.Series(words_a).value_counts().combine(pd.Series(words_b).value_counts(), min,
                                                             fill_value=0)).clip(lower=0))
    return float(common) / max(len(words_a), len(words_b))


def match_gold(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> pd.DataFrame:
    """One-to-one matches of extracted quotes to gold quotes in the same article, best overlap first.

    Returns one row per gold quote and per unmatched extracted quote: ``gold``,
    ``found``, ``overlap``, ``gold_speaker``, ``found_speaker``, ``speaker_ok``.
    """
    pairs = []
    for article_id, part in gold.groupby("article_id"):
        mine = found[found["article_id"] == article_id]
        for g, gold_row in part.iterrows():
            for f, found_row in mine.iterrows():
                score = overlap(gold_row["quote"], found_row["quote"])
                if score >= threshold:
                    pairs.append((score, g, f))
    used_g, used_f, rows = set(), set(), []
    for score, g, f in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g in used_g or f in used_f:
            continue
        used_g.add(g)
        used_f.add(f)
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": found.at[f, "quote"],
                     "overlap": score, "gold_speaker": gold.at[g, "speaker"], "found_speaker": found.at[f, "speaker"],
                     "speaker_ok": _same(gold.at[g, "speaker"], found.at[f, "speaker"])})
    for g in gold.index.difference(list(used_g)):
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": "", "overlap": 0.0,
                     "gold_speaker": gold.at[g, "speaker"], "found_speaker": "", "speaker_ok": False})
    for f in found.index.difference(list(used_f)):
        if found.at[f, "article_id"] in set(gold["article_id"]):
            rows.append({"article_id": found.at[f, "article_id"], "gold": "", "found": found.at[f, "quote"],
                         "overlap": 0.0, "gold_speaker": "", "found_speaker": found.at[f, "speaker"],
                         "speaker_ok": False})
    return pd.DataFrame(rows, columns=["article_id", "gold", "found", "overlap", "gold_speaker", "found_speaker",
                                       "speaker_ok"])


def _same(a, b) -> bool:
    return str(a or "").strip().casefold() == str(b or "").strip().casefold()


def evaluate(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> dict[str, float]:
    """Precision, recall and F1 of quote spans at ``threshold`` word overlap, and speaker accuracy on matches."""
    matches = match_gold(found, gold, threshold)
    matched = matches[(matches["gold"] != "") & (matches["found"] != "")]
    n_found = int(found["article_id"].isin(set(gold["article_id"])).sum())
    precision = len(matched) / n_found if n_found else 0.0
    recall = len(matched) / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = float(matched["speaker_ok"].mean()) if len(matched) else 0.0
    return {"quotes_gold": len(gold), "quotes_found": n_found, "matched": len(matched), "precision": precision,
            "recall": recall, "f1": f1, "speaker_accuracy": speaker}


def load_gold(path: str | Path = GOLD) -> pd.DataFrame:
    """The hand-annotated gold quotes (article_id, kind, quote, speaker, verb, note)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def compare_with_ggt(scores: dict[str, float]) -> pd.DataFrame:
    """Our scores beside the Gender Gap Tracker's published ones (quotes at 0.3 overlap; speakers)."""
    rows = []
    for measure in ("precision", "recall", "f1", "speaker_accuracy"):
        published = GGT_FIGURES[measure]
        shown = (f"{published[0]:.1%} to {published[1]:.1%}" if isinstance(published, tuple)
                 else f"{published:.1%}")
        rows.append({"measure": measure, "this suite": f"{scores[measure]:.1%}", "Gender Gap Tracker": shown})
    return pd.DataFrame(rows)
