"""The editable lexicons of ``data/lexicons/`` and how their terms are found in the tokens table.

Each lexicon is a CSV with a ``term`` column and a reason per row. Terms are matched on lemmas or on
exact words inside one sentence (:func:`match_terms`), with a :class:`TokenIndex` built once per tokens
table. Reporting verbs are read here too, for the quotes table at build time and for the framing notebook;
source types are in :mod:`helpers.framing.sources`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.config import LEXICONS_DIR
from helpers.text import TERM_TOKEN


def load_lexicon(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/lexicons/<name>.csv`` (all columns as text); raises ValueError without a ``term`` column."""
    path = Path(folder or LEXICONS_DIR) / f"{name}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").map(str.strip)
    if "term" not in table.columns:
        raise ValueError(f"{path}: a lexicon needs a 'term' column")
    return table[table["term"] != ""].drop_duplicates("term").reset_index(drop=True)


@functools.cache
def term_words(term: str) -> tuple[str, ...]:
    """A lexicon term as lower-cased words, split as spaCy's English tokenizer splits it.

    Hyphens, possessive ’s and n't are tokens of their own ("so-called" → so, -, called;
    "Syria's" → syria, 's); a test checks every shipped lexicon term against the model's tokenizer.
    """
    return tuple(w.lower() for w in TERM_TOKEN.findall(term))


class TokenIndex:
    """Where each lemma, word and entity mention sits in a tokens table, for fast matching and contexts.

    Built once per tokens table (see :func:`token_index`); rows are positions
    in the table, which must be in table order (article, sentence, token).
    """

    def __init__(self, tokens: pd.DataFrame, mentions: pd.DataFrame | None = None):
        self.tokens = tokens
        # each distinct word, article id and lemma is one Python object, shared by its rows (millions of
        # tokens would otherwise each hold their own copies)
        text_codes, uniques = pd.factorize(tokens["text"])
        self.texts = np.asarray(uniques, dtype=object)[text_codes]
        self.offsets = tokens["start_char"].to_numpy()
        article_codes, self._article_names = pd.factorize(tokens["article_id"])
        self._article_codes = article_codes.astype(np.int64)
        self.sentence = self._article_codes * 1_000_000 + tokens["sentence_id"].to_numpy(dtype=np.int64)
        lowered_codes, lowered = pd.factorize(pd.Series(uniques).str.lower())  # lower-case each distinct word once
        lemma_codes, lemmas = pd.factorize(tokens["lemma"])
        self._values = {"lemma": np.asarray(lemmas, dtype=object), "word": np.asarray(lowered, dtype=object)}
        self._columns = {"lemma": self._grouped(lemma_codes, lemmas),
                         "word": self._grouped(lowered_codes[text_codes] if len(uniques) else text_codes, lowered)}
        self._lemmas: dict[str, str] | None = None
        self.entity_rows: dict[str, list[tuple[int, int]]] = {}
        self._mentions_id: int | None = None
        if mentions is not None:
            self.locate(mentions)

    @functools.cached_property
    def article_ids(self) -> np.ndarray:
        """The article id of each row (one shared object per article)."""
        return np.asarray(self._article_names, dtype=object)[self._article_codes]

    def locate(self, mentions: pd.DataFrame) -> None:
        """Set :attr:`entity_rows` (entity → (row, length) of each mention) for ``mentions``."""
        if self._mentions_id == id(mentions):
            return
        self._mentions_id, self.entity_rows = id(mentions), {}
        if not len(mentions):
            return
        rows = pd.DataFrame({"article_id": self.tokens["article_id"], "start_char": self.offsets,
                             "row": np.arange(len(self.offsets))})
        located = mentions.merge(rows, on=["article_id", "start_char"]).sort_values("row")
        for entity, part in located.groupby("entity"):
            self.entity_rows[entity] = list(zip(part["row"], part["end_char"] - part["start_char"], strict=True))

    @staticmethod
    def _grouped(codes: np.ndarray, uniques) -> tuple[np.ndarray, dict[str, int], np.ndarray, np.ndarray]:
        """(codes, value → code, rows ordered by code, where each code's rows start) of factorised values."""
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        return codes, {value: i for i, value in enumerate(uniques)}, order, bounds

    def lemma_of(self, word: str) -> str:
        """The lemma the parser gave this lower-cased word most often in the corpus (the word itself if unseen)."""
        if self._lemmas is None:
            pairs = pd.DataFrame({"word": self._columns["word"][0], "lemma": self._columns["lemma"][0]})
            counts = pairs.value_counts().reset_index(name="n")
            counts = pd.DataFrame({"word": self._values["word"][counts["word"].to_numpy()],
                                   "lemma": self._values["lemma"][counts["lemma"].to_numpy()], "n": counts["n"]})
            counts = counts.sort_values(["word", "n", "lemma"], ascending=[True, False, True])
            self._lemmas = counts.drop_duplicates("word").set_index("word")["lemma"].to_dict()
        return self._lemmas.get(word, word)

    def rows(self, value: str, column: str = "lemma") -> np.ndarray:
        """Rows whose lemma (or lower-cased word) is ``value``, in table order."""
        codes, lookup, order, bounds = self._columns[column]
        code = lookup.get(value)
        return order[bounds[code]:bounds[code + 1]] if code is not None else np.array([], dtype=np.int64)

    def sequence(self, parts: tuple[str, ...], column: str = "lemma") -> np.ndarray:
        """First rows of every run of tokens equal to ``parts`` inside one sentence."""
        codes, lookup, _, _ = self._columns[column]
        wanted = [lookup.get(part) for part in parts]
        if not parts or None in wanted:
            return np.array([], dtype=np.int64)
        rows = self.rows(parts[0], column)
        for offset, code in enumerate(wanted[1:], start=1):
            rows = rows[rows + offset < len(codes)]
            rows = rows[(codes[rows + offset] == code) & (self.sentence[rows + offset] == self.sentence[rows])]
        return rows

    def context(self, row: int, length: int = 0, window: int = 8) -> tuple[str, str, str]:
        """(left, keyword, right) around ``row``; a mention of ``length`` characters spans several tokens."""
        last = row
        while length and last + 1 < len(self.texts) and self.sentence[last + 1] == self.sentence[row] \
                and self.offsets[last + 1] < self.offsets[row] + length:
            last += 1
        left = [i for i in range(max(0, row - window), row) if self.sentence[i] == self.sentence[row]]
        right = [i for i in range(last + 1, min(len(self.texts), last + window + 1))
                 if self.sentence[i] == self.sentence[row]]
        return _join(self.texts[left]), _join(self.texts[row:last + 1]), _join(self.texts[right])


_INDEXES: dict[int, TokenIndex] = {}


def token_index(tokens: pd.DataFrame, mentions: pd.DataFrame | None = None) -> TokenIndex:
    """The :class:`TokenIndex` of ``tokens`` (and ``mentions``), built once and reused."""
    found = _INDEXES.get(id(tokens))
    if found is None or found.tokens is not tokens:
        _INDEXES.clear()  # one index at a time: each holds a few arrays as long as the tokens table
        found = _INDEXES[id(tokens)] = TokenIndex(tokens)
    if mentions is not None:
        found.locate(mentions)
    return found


def match_terms(tokens: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence of the lexicon's terms, matched on lemmas or exact words within a sentence.

    Returns the lexicon's columns plus ``article_id``, ``sentence_id``,
    ``token_id`` (first token) and ``n_tokens``; where matches overlap, the
    longest wins.
    """
    index = token_index(tokens)
    found = []
    for row in lexicon.to_dict("records"):  # not itertuples: it renames columns that are not identifiers
        words = term_words(row["term"])
        for sequence, column in ((tuple(map(index.lemma_of, words)), "lemma"), (words, "word")):
            found += [{**row, "row_": int(start), "n_tokens": len(sequence)}
                      for start in index.sequence(sequence, column)]
    columns = [*lexicon.columns, "article_id", "sentence_id", "token_id", "n_tokens"]
    if not found:
        return pd.DataFrame(columns=columns)
    matches = pd.DataFrame(found).drop_duplicates(["row_", "term"])
    matches = matches.sort_values(["n_tokens", "row_"], ascending=[False, True])
    taken: set[int] = set()
    kept = []
    for match in matches.to_dict("records"):
        covered = set(range(match["row_"], match["row_"] + match["n_tokens"]))
        if not covered & taken:
            taken |= covered
            kept.append(match)
    result = pd.DataFrame(kept)
    located = tokens.iloc[result["row_"]][["article_id", "sentence_id", "token_id"]].reset_index(drop=True)
    result = pd.concat([result.drop(columns="row_").reset_index(drop=True), located], axis=1)[columns]
    return result.sort_values(["article_id", "sentence_id", "token_id"]).reset_index(drop=True)


def with_sentences(matches: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``matches`` with the text of the sentence each one is in (column ``sentence``)."""
    return matches.merge(sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
                         on=["article_id", "sentence_id"], how="left")


def _join(words) -> str:
    text = " ".join(words)
    return re.sub(r" ([,.;:!?%)\]’”'])|([(\[“‘]) ", lambda m: m.group(1) or m.group(2), text)


def load_reporting_verbs(folder: str | Path | None = None) -> pd.DataFrame:
    """``reporting_verbs.csv``: term (a verb lemma, "call on", "according to"), class, reason."""
    return load_lexicon("reporting_verbs", folder)


@functools.cache
def _default(name: str) -> pd.DataFrame:
    return {"verbs": load_reporting_verbs}[name]()


def verb_class(verb: str, verbs: pd.DataFrame | None = None) -> str:
    """The class of a reporting verb's lemma (neutral, distancing, endorsing …); "other" when not listed."""
    verbs = _default("verbs") if verbs is None else verbs
    found = verbs.loc[verbs["term"] == str(verb).lower(), "class"]
    return str(found.iloc[0]) if len(found) else "other"
