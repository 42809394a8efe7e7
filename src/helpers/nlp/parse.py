"""The parse: every article parsed once by spaCy, cached, and reduced to the features later tables need.

:func:`parse_articles` runs ``nlp.pipe`` (batched, ``n_process`` configurable)
over the texts that have not been parsed before and stores, per text, its Doc
as a spaCy ``DocBin`` and a small JSON of features (sentences, entities,
content lemmas) keyed by the text's SHA-256. Re-running parses nothing; adding
one article parses only that one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from tqdm import tqdm

from helpers.config import PARSE_CHUNK_CHARS
from helpers.nlp.model import load_model, model_meta
from helpers.storage import atomic_path

# Bump when the features written to the cache change shape or meaning.
FEATURES_VERSION = 3
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}












def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256 (first 32 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def doc_features(doc: Doc) -> dict:
    """What later steps need from a parsed Doc, as plain JSON-able data.

    ``sentences``: text and character offsets; ``entities``: every NER span
    with its label, offsets, sentence and the three words before it;
    ``content``: per sentence, the lower-cased lemmas of content words;
    ``tokens``: per sentence, parallel lists of words, lower-cased lemmas,
    coarse POS tags, stop-word flags and character offsets (spaces left out);
    ``clauses``: every verb with a subject, its voice and its arguments
    (see :func:`clauses`).
    """
    sents = [s for s in doc.sents if not s.text.isspace()]
    sentence_of = {}
    for number, sent in enumerate(sents):
        for token in sent:
            sentence_of[token.i] = number
    tokens = []
    for sent in sents:
        words = [t for t in sent if not t.is_space]
        tokens.append({"text": [t.text for t in words], "lemma": [t.lemma_.lower() for t in words],
                       "pos": [t.pos_ for t in words], "stop": [t.is_stop for t in words],
                       "start": [t.idx for t in words]})
    return {
        "sentences": [_sentence(s) for s in sents],
        "entities": [
            {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char,
             "sentence_id": sentence_of.get(e.start, 0),
             "before": " ".join(t.text for t in doc[max(0, e.start - 3):e.start])}
            for e in doc.ents
        ],
        "content": [[t.lemma_.lower() for t in s if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha]
                    for s in sents],
        "tokens": tokens,
        "clauses": [dict(clause, sentence_id=sentence_of.get(clause.pop("_i"), 0)) for clause in clauses(doc)],
        "n_tokens": len(doc),
    }


PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
ACTIVE_SUBJECTS = {"nsubj", "csubj", "expl"}
OBJECTS = {"dobj", "obj", "dative", "attr", "oprd"}


def clauses(doc: Doc) -> list[dict]:
    """Every verb that has a subject, with its voice and who does what to whom.

    Passive when the verb has a passive subject or a passive auxiliary ("was
    killed"), or is a participle with a "by" phrase ("recordings released by
    al-Baghdadi"). The ``agent`` is who acts: the active subject, or the object of
    a passive's "by" phrase (empty in an *agentless* passive); the ``patient``
    is who or what is acted on: the direct object, or the passive subject.
    Arguments are given as text with character offsets.
    """
    found = []
    for verb in doc:
        if verb.pos_ != "VERB":  # copulas and auxiliaries are not actions
            continue
        deps = {child.dep_: child for child in verb.children}
        participle = verb.dep_ == "acl" and verb.tag_ == "VBN" and "agent" in deps  # "recordings released by X"
        passive = bool(PASSIVE_SUBJECTS & deps.keys()) or "auxpass" in deps or participle
        subject = next((deps[d] for d in (*PASSIVE_SUBJECTS, *ACTIVE_SUBJECTS) if d in deps), None)
        if participle:
            subject = verb.head
            found.append({"_i": verb.i, "verb": verb.lemma_.lower(), "verb_text": verb.text, "voice": "passive",
                          "start": verb.idx, "end": verb.idx + len(verb.text),
                          **_argument("agent", next((c for c in deps["agent"].children if c.dep_ == "pobj"), None)),
                          **_argument("patient", subject, head_only=True)})
            continue
        if subject is None and not passive:
            continue
        if passive:
            by_phrase = deps.get("agent")
            agent = next((c for c in by_phrase.children if c.dep_ == "pobj"), None) if by_phrase else None
            patient = subject
        else:
            agent, patient = subject, next((deps[d] for d in OBJECTS if d in deps), None)
        found.append({
            "_i": verb.i, "verb": verb.lemma_.lower(), "verb_text": verb.text, "voice": "passive" if passive else
            "active", "start": verb.idx, "end": verb.idx + len(verb.text), **_argument("agent", agent),
            **_argument("patient", patient),
        })
    return found


def _argument(role: str, head, head_only: bool = False) -> dict:
    """An argument's text (its subtree, or the head's phrase when the subtree is long) and offsets."""
    if head is None:
        return {role: "", f"{role}_start": -1, f"{role}_end": -1}
    left, right = head.left_edge.i, head.right_edge.i
    if head_only or right - left > 8:  # keep the head with its compounds and modifiers
        kept = [t for t in head.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
        left = kept[0].i if kept else head.i
        right = head.i
    span = head.doc[left:right + 1]
    return {role: span.text, f"{role}_start": span.start_char, f"{role}_end": span.end_char}


def _sentence(span: Span) -> dict:
    """A sentence without surrounding whitespace, with offsets such that ``doc.text[start:end] == text``."""
    text = span.text.strip()
    start = span.start_char + len(span.text) - len(span.text.lstrip())
    return {"text": text, "start": start, "end": start + len(text)}


@dataclass
class ParseCache:
    """Parsed texts on disk: ``<key>.spacy`` (a DocBin) and ``<key>.json`` (features)."""

    folder: Path

    @classmethod
    def for_model(cls, processed_dir: Path, nlp: Language | None = None) -> ParseCache:
        """The cache of the model ``nlp`` (default: the one :func:`load_model` loads, read from its meta)."""
        meta = nlp.meta if nlp is not None else model_meta()
        name = f"{meta.get('name', 'model')}-{meta.get('version', '0')}-f{FEATURES_VERSION}"
        return cls(Path(processed_dir) / ".cache" / "nlp" / name)

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}.json").exists() and (self.folder / f"{key}.spacy").exists()

    def store(self, key: str, doc: Doc) -> dict:
        features = doc_features(doc)
        self.write(key, doc_bytes(doc), features)
        return features

    def write(self, key: str, data: bytes, features: dict) -> None:
        """Store a parse given as DocBin bytes and its features (each file written atomically)."""
        with atomic_path(self.folder / f"{key}.spacy") as temp:
            temp.write_bytes(data)
        with atomic_path(self.folder / f"{key}.json") as temp:
            temp.write_text(json.dumps(features, ensure_ascii=False), encoding="utf-8")

    def doc_bytes(self, key: str) -> bytes:
        return (self.folder / f"{key}.spacy").read_bytes()

    def features(self, key: str) -> dict:
        return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))

    def doc(self, key: str, nlp: Language) -> Doc:
        return next(iter(DocBin().from_disk(self.folder / f"{key}.spacy").get_docs(nlp.vocab)))


@dataclass
class ParsedCorpus:
    """Every article's parse, loaded from the cache on demand.

    Features are read from the cache each time they are asked for and not kept (a corpus's features take
    gigabytes as Python objects); ``_features`` holds features given in memory instead (key → features)."""

    keys: dict[str, str]  # article_id -> text key
    cache: ParseCache
    n_parsed: int  # texts parsed by this call (the rest came from the cache)
    _features: dict[str, dict] = field(default_factory=dict, repr=False)

    def features(self, article_id: str) -> dict:
        """The article's parse features."""
        key = self.keys[article_id]
        if key in self._features:
            return self._features[key]
        return self.cache.features(key)

    def feature_map(self, article_ids: Iterable[str]) -> Mapping[str, dict]:
        """article_id → features for ``article_ids``, each read when it is looked up (nothing kept)."""
        return _LazyFeatures(self, list(article_ids))

    def docs(self) -> Iterator[tuple[str, Doc]]:
        """(article_id, Doc) in article order, deserialised one at a time."""
        nlp = load_model()
        for article_id, key in self.keys.items():
            yield article_id, self.cache.doc(key, nlp)


class _LazyFeatures(Mapping):
    def __init__(self, parsed: ParsedCorpus, article_ids: list[str]):
        self.parsed, self.ids = parsed, article_ids

    def __getitem__(self, article_id: str) -> dict:
        if article_id not in self.parsed.keys:
            raise KeyError(article_id)
        return self.parsed.features(article_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


PARSE_BATCH = 64  # texts per nlp.pipe batch (a parse can depend on the batch its text shares)


def parse_articles(
    articles: dict[str, str],
    processed_dir: Path,
    n_process: int = 1,
    batch_size: int = PARSE_BATCH,
    progress: bool = False,
) -> ParsedCorpus:
    """Parse ``articles`` (article_id → text) with spaCy, reusing cached parses.

    Only texts whose SHA-256 has no cache entry are parsed, with
    ``nlp.pipe(n_process=..., batch_size=...)``; their DocBin and features are
    written atomically as they come. A text longer than ``PARSE_CHUNK_CHARS`` is
    parsed in chunks of whole paragraphs joined back into one Doc (offsets kept),
    so a long transcript never hits spaCy's length limit.
    """
    nlp = load_model()
    cache = ParseCache.for_model(processed_dir, nlp)
    keys = {article_id: text_key(text) for article_id, text in articles.items()}
    todo = {}
    for article_id, key in keys.items():
        if key not in todo and not cache.has(key):
            todo[key] = articles[article_id]
    with tqdm(total=len(todo), desc="Parsing with spaCy", unit="text", disable=not progress) as bar:
        for key, doc in parse_texts(nlp, todo, n_process=n_process, batch_size=batch_size):
            cache.store(key, doc)
            bar.update()
    return ParsedCorpus(keys=keys, cache=cache, n_parsed=len(todo))


def parse_texts(nlp: Language, texts: dict[str, str], *, n_process: int = 1,
                batch_size: int = PARSE_BATCH) -> Iterator[tuple[str, Doc]]:
    """(key, Doc) for each of ``texts`` (key → text): short texts through ``nlp.pipe`` in batches of
    ``batch_size`` (see :func:`parse_batches`), then each text longer than ``PARSE_CHUNK_CHARS`` parsed in
    paragraph chunks joined back into one Doc."""
    short = {key: text for key, text in texts.items() if len(text) <= PARSE_CHUNK_CHARS}
    yield from zip(short, nlp.pipe(short.values(), n_process=n_process, batch_size=batch_size), strict=True)
    for key in (key for key in texts if key not in short):
        pieces = list(nlp.pipe(text_chunks(texts[key], PARSE_CHUNK_CHARS), batch_size=batch_size))
        yield key, Doc.from_docs(pieces, ensure_whitespace=False)


def parse_batches(texts: dict[str, str], batch_size: int = PARSE_BATCH) -> list[dict[str, str]]:
    """``texts`` cut into the batches :func:`parse_texts` parses together: runs of ``batch_size`` short texts,
    then each long text alone. Parsing each batch apart (on a Dask worker) gives the same Docs as one call,
    as the matrix products of a text's parse depend on the batch it shares."""
    short = [(key, text) for key, text in texts.items() if len(text) <= PARSE_CHUNK_CHARS]
    return ([dict(short[i:i + batch_size]) for i in range(0, len(short), batch_size)]
            + [{key: text} for key, text in texts.items() if len(text) > PARSE_CHUNK_CHARS])


def doc_bytes(doc: Doc) -> bytes:
    """A Doc as the bytes of a one-Doc ``DocBin`` (what the cache's ``.spacy`` files hold)."""
    return DocBin(docs=[doc], store_user_data=False).to_bytes()


def doc_from_bytes(data: bytes, nlp: Language) -> Doc:
    """The Doc of :func:`doc_bytes`' output, on ``nlp``'s vocabulary."""
    return next(iter(DocBin().from_bytes(data).get_docs(nlp.vocab)))


def text_chunks(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters whose concatenation is ``text``.

    Cuts fall after paragraph breaks, else after line breaks, else after a space; only a run of
    ``limit`` characters without any of them is cut mid-word.
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n") + 2, 0)
        if cut <= 2:
            cut = max(window.rfind("\n") + 1, window.rfind(" ") + 1)
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
