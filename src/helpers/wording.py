"""Wording: how each outlet says it.

Functions over the ``tokens``, ``mentions``, ``clauses`` and ``sentences``
tables: the names each outlet uses for the same actor, loaded and
evaluative terms from an editable lexicon, distinctive words (weighted
log-odds with an informative Dirichlet prior, Monroe et al. 2008), voice and
agency, sentence length and lexical density, and inconsistent spellings of
one name inside an article.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.entities import GENERIC_TAILS, normalize_name
from helpers.paths import repo_root
from helpers.text import count_words

LEXICONS = repo_root() / "data" / "lexicons"
LEXICAL_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
DISTINCTIVE_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}


# --- lexicons ----------------------------------------------------------------------------------


def load_lexicon(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/lexicons/<name>.csv`` (all columns as text); raises ValueError without a ``term`` column."""
    path = Path(folder or LEXICONS) / f"{name}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").map(str.strip)
    if "term" not in table.columns:
        raise ValueError(f"{path}: a lexicon needs a 'term' column")
    return table[table["term"] != ""].drop_duplicates("term").reset_index(drop=True)


@functools.cache
def _term_sequences(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A term as a sequence of lemmas and as a sequence of lower-cased words, tokenised like the corpus."""
    from helpers.nlp import load_model

    doc = load_model()(term)
    words = [t for t in doc if not t.is_space]
    return tuple(t.lemma_.lower() for t in words), tuple(t.text.lower() for t in words)


class TokenIndex:
    """Where each lemma, word and entity mention sits in a tokens table, for fast matching and contexts.

    Built once per tokens table (see :func:`token_index`); rows are positions
    in the table, which must be in table order (article, sentence, token).
    """

    def __init__(self, tokens: pd.DataFrame, mentions: pd.DataFrame | None = None):
        self.tokens = tokens
        self.texts = tokens["text"].to_numpy()
        self.offsets = tokens["start_char"].to_numpy()
        self.article_ids = tokens["article_id"].to_numpy()
        articles = pd.factorize(tokens["article_id"])[0].astype(np.int64)
        self.sentence = articles * 1_000_000 + tokens["sentence_id"].to_numpy(dtype=np.int64)
        self._columns = {"lemma": self._positions(tokens["lemma"]),
                         "word": self._positions(tokens["text"].str.lower())}
        self.entity_rows: dict[str, list[tuple[int, int]]] = {}
        if mentions is not None and len(mentions):
            rows = pd.DataFrame({"article_id": tokens["article_id"].to_numpy(), "start_char": self.offsets,
                                 "row": np.arange(len(tokens))})
            located = mentions.merge(rows, on=["article_id", "start_char"]).sort_values("row")
            for entity, part in located.groupby("entity"):
                self.entity_rows[entity] = list(zip(part["row"], part["end_char"] - part["start_char"], strict=True))

    @staticmethod
    def _positions(values: pd.Series) -> tuple[np.ndarray, dict[str, int], np.ndarray, np.ndarray]:
        codes, uniques = pd.factorize(values)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        return codes, {value: i for i, value in enumerate(uniques)}, order, bounds

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


_INDEXES: dict[tuple[int, int], TokenIndex] = {}


def token_index(tokens: pd.DataFrame, mentions: pd.DataFrame | None = None) -> TokenIndex:
    """The :class:`TokenIndex` of ``tokens`` (and ``mentions``), built once and reused."""
    key = (id(tokens), id(mentions))
    found = _INDEXES.get(key)
    if found is None or found.tokens is not tokens:
        if len(_INDEXES) > 4:
            _INDEXES.clear()
        found = _INDEXES[key] = TokenIndex(tokens, mentions)
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
        for sequence, column in zip(_term_sequences(row["term"]), ("lemma", "word"), strict=True):
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


def rates(matches: pd.DataFrame, articles: pd.DataFrame, by: list[str], group_by: str = "outlet") -> pd.DataFrame:
    """Counts of ``matches`` per group and ``by`` columns, per 1,000 words of the group's articles."""
    words = articles.groupby(group_by)["n_words"].sum()
    data = matches if group_by in matches else matches.merge(articles[["article_id", group_by]], on="article_id")
    counts = data.groupby([group_by, *by]).size().reset_index(name="n")
    counts["per_1000_words"] = 1000 * counts["n"].astype(float) / counts[group_by].map(words).astype(float)
    return counts


# --- naming ------------------------------------------------------------------------------------


def entity_names(mentions: pd.DataFrame, articles: pd.DataFrame, group_by: str = "outlet") -> pd.DataFrame:
    """How each group names each entity: one row per (entity, group, name) with its count and share.

    Names are the mentions as written without "the" and possessives; names that
    differ only in capitals are one name, shown in its most common form.
    """
    data = mentions.merge(articles[["article_id", group_by]], on="article_id")
    data["name"] = _normalized(data["text"])
    data["key"] = data["name"].str.casefold()
    counts = data.groupby(["key", "name"]).size().reset_index(name="n")
    shown = counts.sort_values(["key", "n", "name"], ascending=[True, False, True]).drop_duplicates("key")
    data["name"] = data["key"].map(shown.set_index("key")["name"])
    return _shares(data.rename(columns={"entity": "referent"}), group_by)


def descriptive_names(tokens: pd.DataFrame, articles: pd.DataFrame, lexicon: pd.DataFrame,
                      group_by: str = "outlet") -> pd.DataFrame:
    """How each group names the referents of the naming lexicon ("regime forces", "government forces" …)."""
    matches = match_terms(tokens, lexicon)
    data = matches.merge(articles[["article_id", group_by]], on="article_id").rename(columns={"term": "name"})
    return _shares(data, group_by)


def _normalized(texts: pd.Series) -> pd.Series:
    """:func:`normalize_name` of each text, computed once per distinct text."""
    unique = texts.drop_duplicates()
    return texts.map(dict(zip(unique, unique.map(normalize_name), strict=True)))


def _shares(data: pd.DataFrame, group_by: str) -> pd.DataFrame:
    counts = data.groupby(["referent", group_by, "name"]).size().reset_index(name="n")
    counts["share"] = counts["n"] / counts.groupby(["referent", group_by])["n"].transform("sum")
    return counts.sort_values(["referent", group_by, "n", "name"], ascending=[True, True, False, True],
                              ignore_index=True)


def names_with_variety(names: pd.DataFrame, top: int = 8) -> list[str]:
    """Referents named in more than one way across the corpus, the most mentioned first."""
    totals = names.groupby("referent").agg(n=("n", "sum"), names=("name", "nunique"))
    varied = totals[totals["names"] > 1].sort_values(["n"], ascending=False, kind="stable")
    return list(varied.head(top).index)


# --- distinctive words -------------------------------------------------------------------------


def log_odds_dirichlet(counts_i: np.ndarray, counts_j: np.ndarray, prior: np.ndarray) -> pd.DataFrame:
    """Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For word w with counts y_wi, y_wj, totals n_i, n_j and prior α_w (α₀ = Σ α_w):
    δ = ln[(y_wi+α_w)/(n_i+α₀−y_wi−α_w)] − ln[(y_wj+α_w)/(n_j+α₀−y_wj−α_w)],
    σ² ≈ 1/(y_wi+α_w) + 1/(y_wj+α_w), z = δ/σ. Natural logarithms throughout.
    """
    y_i, y_j, alpha = (np.asarray(a, dtype=float) for a in (counts_i, counts_j, prior))
    n_i, n_j, alpha_0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = (np.log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + alpha_0 - y_j - alpha)))
    variance = 1 / (y_i + alpha) + 1 / (y_j + alpha)
    return pd.DataFrame({"delta": delta, "variance": variance, "z": delta / np.sqrt(variance)})


def distinctive_words(tokens: pd.DataFrame, articles: pd.DataFrame, group_by: str = "outlet",
                      prior_total: float = 500.0, min_count: int = 2,
                      mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each group's words against all other groups', by z-score of the weighted log-odds.

    Words are lemmas of content words (nouns, proper nouns, verbs, adjectives,
    adverbs) that are alphabetic and not stop words; with ``mentions``, the
    words of each mention count as one word, its canonical entity ("Albu
    Kamal", not "albu" and "kamal"). The prior is the word's share of the whole
    corpus, scaled to ``prior_total`` pseudo-counts. Words seen fewer than
    ``min_count`` times in the corpus are left out, and that is the only
    filter. One row per (group, lemma): counts, rate per 1,000 words, δ and z.
    """
    words = tokens[tokens["pos"].isin(DISTINCTIVE_POS) & ~tokens["is_stop"]
                   & tokens["lemma"].str.fullmatch(r"[a-z][a-z'-]*")]
    if mentions is not None and len(mentions):
        words = pd.concat([words[~_inside_mentions(words, mentions)][["article_id", "lemma"]],
                           mentions[["article_id"]].assign(lemma=mentions["entity"])], ignore_index=True)
    data = words.merge(articles[["article_id", group_by]], on="article_id")
    table = data.groupby(["lemma", group_by]).size().unstack(group_by, fill_value=0)
    table = table[table.sum(axis=1) >= min_count]
    if table.empty or table.shape[1] < 2:
        return pd.DataFrame(columns=[group_by, "lemma", "count", "count_rest", "per_1000_words", "delta", "z"])
    total = table.sum(axis=1).to_numpy()
    prior = prior_total * total / total.sum()
    group_words = articles.groupby(group_by)["n_words"].sum()
    frames = []
    for group in table.columns:
        mine = table[group].to_numpy()
        scores = log_odds_dirichlet(mine, total - mine, prior)
        frames.append(pd.DataFrame({group_by: group, "lemma": table.index, "count": mine, "count_rest": total - mine,
                                    "per_1000_words": 1000 * mine / group_words[group],
                                    "delta": scores["delta"], "z": scores["z"]}))
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values([group_by, "z", "lemma"], ascending=[True, False, True], ignore_index=True)


def _inside_mentions(tokens: pd.DataFrame, mentions: pd.DataFrame) -> np.ndarray:
    """True for each token whose first character lies inside a mention of its article."""
    inside = np.zeros(len(tokens), dtype=bool)
    spans = {a: (part["start_char"].to_numpy(), part["end_char"].to_numpy())
             for a, part in mentions.sort_values("start_char").groupby("article_id")}
    positions = tokens["start_char"].to_numpy()
    for article_id, rows in tokens.groupby("article_id").indices.items():
        if article_id not in spans:
            continue
        starts, ends = spans[article_id]
        at = np.searchsorted(starts, positions[rows], side="right") - 1
        inside[rows] = (at >= 0) & (positions[rows] < ends[np.clip(at, 0, None)])
    return inside


def kwic(tokens: pd.DataFrame, lemma: str, articles: pd.DataFrame, group_by: str = "outlet",
         window: int = 8, limit: int | None = None, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword in context: occurrences of ``lemma`` with ``window`` words either side (same sentence).

    With ``mentions``, a canonical entity name ("Albu Kamal") finds that
    entity's mentions. ``tokens`` must be in table order (article, sentence,
    token); at most ``limit`` lines, in corpus order.
    """
    index = token_index(tokens, mentions)
    hits = _hits(index, lemma)
    groups = articles.set_index("article_id")[group_by]
    rows = []
    for row, length in hits[:limit]:
        left, keyword, right = index.context(row, length, window)
        rows.append({group_by: groups[index.article_ids[row]], "article_id": index.article_ids[row],
                     "left": left, "keyword": keyword, "right": right})
    return pd.DataFrame(rows, columns=[group_by, "article_id", "left", "keyword", "right"])


def _hits(index: TokenIndex, key: str) -> list[tuple[int, int]]:
    """(row, mention length) of an entity's mentions, else (row, 0) of a lemma's tokens."""
    if key in index.entity_rows:
        return index.entity_rows[key]
    return [(int(row), 0) for row in index.rows(key.lower())]


def word_contexts(tokens: pd.DataFrame, words: pd.DataFrame, articles: pd.DataFrame, group_by: str = "outlet",
                  top: int = 40, per_word: int = 2,
                  mentions: pd.DataFrame | None = None) -> dict[tuple[str, str], list[str]]:
    """For each group's ``top`` distinctive words, a few of its lines in context (for hover labels)."""
    from helpers.charts import short_text

    index = token_index(tokens, mentions)
    group_of = articles.set_index("article_id")[group_by]
    row_groups = pd.Series(index.article_ids).map(group_of).to_numpy()
    contexts: dict[tuple[str, str], list[str]] = {}
    chosen = words.sort_values(["z", "lemma"], ascending=[False, True]).groupby(group_by).head(top)
    for group, lemma in zip(chosen[group_by], chosen["lemma"], strict=True):
        mine = [(row, length) for row, length in _hits(index, lemma) if row_groups[row] == group][:per_word]
        contexts[(group, lemma)] = [short_text("…{} [{}] {}…".format(*index.context(row, length, 6)), 110)
                                    for row, length in mine]
    return contexts


def _join(words) -> str:
    text = " ".join(words)
    return re.sub(r" ([,.;:!?%)\]’”'])|([(\[“‘]) ", lambda m: m.group(1) or m.group(2), text)


# --- voice and agency --------------------------------------------------------------------------


def voice_by_group(clauses: pd.DataFrame, articles: pd.DataFrame, group_by: str = "outlet") -> pd.DataFrame:
    """Per group: clauses, passives, agentless passives and their shares."""
    data = clauses.merge(articles[["article_id", group_by]], on="article_id")
    data["agentless"] = (data["voice"] == "passive") & (data["agent"] == "")
    summary = data.groupby(group_by).agg(clauses=("voice", "size"),
                                         passives=("voice", lambda v: int((v == "passive").sum())),
                                         agentless_passives=("agentless", "sum"))
    summary["passive_share"] = summary["passives"] / summary["clauses"]
    summary["agentless_share_of_passives"] = (summary["agentless_passives"] / summary["passives"]).fillna(0)
    return summary.reset_index()


def passives(clauses: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
             group_by: str = "outlet") -> pd.DataFrame:
    """Every passive clause with its sentence: what was done, to whom, by whom (or by no one named)."""
    data = clauses[clauses["voice"] == "passive"].merge(articles[["article_id", group_by]], on="article_id")
    data = with_sentences(data, sentences)
    data["by_whom"] = data["agent"].replace("", "(not named)")
    columns = [group_by, "article_id", "patient", "verb_text", "by_whom", "patient_entity", "agent_entity",
               "sentence"]
    return data[columns].sort_values([group_by, "article_id"], kind="stable", ignore_index=True)


# --- style -------------------------------------------------------------------------------------


def sentence_lengths(sentences: pd.DataFrame, articles: pd.DataFrame, group_by: str = "outlet") -> pd.DataFrame:
    """Words in every sentence (counted as everywhere in the suite), with its article's group."""
    lengths = sentences[["article_id", "sentence_id"]].assign(words=sentences["text"].map(count_words))
    return lengths.merge(articles[["article_id", group_by]], on="article_id")


def style_by_article(tokens: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                     group_by: str = "outlet") -> pd.DataFrame:
    """Per article: sentences, mean and median sentence length, and lexical density.

    Lexical density is the share of word tokens that are lexical (nouns,
    proper nouns, verbs, adjectives, adverbs) rather than grammatical
    (articles, pronouns, prepositions, auxiliaries …).
    """
    lengths = sentence_lengths(sentences, articles, group_by)
    words = tokens[tokens["text"].str.contains(r"\w", regex=True)]
    density = words.assign(lexical=words["pos"].isin(LEXICAL_POS)).groupby("article_id")["lexical"].mean()
    style = lengths.groupby(["article_id", group_by])["words"].agg(
        sentences="size", mean_sentence_words="mean", median_sentence_words="median").reset_index()
    style["lexical_density"] = style["article_id"].map(density)
    return style


# --- spelling ----------------------------------------------------------------------------------


def spelling_variants(mentions: pd.DataFrame, min_similarity: float = 0.7) -> pd.DataFrame:
    """Names spelled in more than one way inside one article ("Deir el-Zour", "Deir Ezzor", "Deir al-Zour").

    Two spellings of one entity are variants when their letters are similar
    (difflib ratio ≥ ``min_similarity``) and neither is just a shorter form of
    the other ("al-Baghdadi" in "Abu Bakr al-Baghdadi"); a generic tail
    ("Raqqa Province", "Raqa city") is ignored. One row per (article,
    entity) with the variants and how often each is used.
    """
    rows = []
    data = mentions.assign(name=_normalized(mentions["text"]).str.replace(GENERIC_TAILS, "", regex=True))
    spellings = data.groupby(["article_id", "entity"])["name"].transform("nunique")
    for (article_id, entity), part in data[spellings > 1].groupby(["article_id", "entity"], sort=True):
        counts = part["name"].value_counts()
        names = sorted(counts.index)
        linked = {a for a in names for b in names if a != b and _spelling_pair(a, b, min_similarity)}
        if len(linked) > 1:
            rows.append({"article_id": article_id, "entity": entity, "n_spellings": len(linked),
                         "spellings": " / ".join(f"{n} ({counts[n]})" for n in sorted(linked))})
    return pd.DataFrame(rows, columns=["article_id", "entity", "n_spellings", "spellings"])


def _spelling_pair(a: str, b: str, min_similarity: float) -> bool:
    letters_a, letters_b = (re.sub(r"[^a-z]", "", s.casefold()) for s in (a, b))
    if not letters_a or not letters_b or letters_a == letters_b:
        return False
    words_a, words_b = set(re.split(r"[\s-]+", a.casefold())), set(re.split(r"[\s-]+", b.casefold()))
    if words_a <= words_b or words_b <= words_a:
        return False
    return difflib.SequenceMatcher(None, letters_a, letters_b).ratio() >= min_similarity
