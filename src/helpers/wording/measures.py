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
import re

import numpy as np
import pandas as pd

from helpers.config import LOG_ODDS_MIN_COUNT, LOG_ODDS_PRIOR_TOTAL, SPELLING_SIMILARITY
from helpers.grouping import GROUP, with_group
from helpers.lexicons import TokenIndex, match_terms, token_index, with_sentences
from helpers.text import GENERIC_TAILS, count_words, normalize_name

LEXICAL_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
DISTINCTIVE_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}


# --- lexicons ----------------------------------------------------------------------------------
















def rates(matches: pd.DataFrame, articles: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts of ``matches`` per group and ``by`` columns, per 1,000 words of the group's articles."""
    words = articles.groupby(GROUP)["n_words"].sum()
    data = with_group(matches, articles)
    counts = data.groupby([GROUP, *by]).size().reset_index(name="n")
    counts["per_1000_words"] = 1000 * counts["n"].astype(float) / counts[GROUP].map(words).astype(float)
    return counts


# --- naming ------------------------------------------------------------------------------------


def entity_names(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How each group names each entity: one row per (entity, group, name) with its count and share.

    Names are the mentions as written without "the" and possessives; names that
    differ only in capitals are one name, shown in its most common form.
    """
    data = with_group(mentions, articles)
    data["name"] = _normalized(data["text"])
    data["key"] = data["name"].str.casefold()
    counts = data.groupby(["key", "name"]).size().reset_index(name="n")
    shown = counts.sort_values(["key", "n", "name"], ascending=[True, False, True]).drop_duplicates("key")
    data["name"] = data["key"].map(shown.set_index("key")["name"])
    return _shares(data.rename(columns={"entity": "referent"}))


def descriptive_names(tokens: pd.DataFrame, articles: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """How each group names the referents of the naming lexicon ("regime forces", "government forces" …)."""
    matches = match_terms(tokens, lexicon)
    data = with_group(matches, articles).rename(columns={"term": "name"})
    return _shares(data)


def _normalized(texts: pd.Series) -> pd.Series:
    """:func:`normalize_name` of each text, computed once per distinct text."""
    unique = texts.drop_duplicates()
    return texts.map(dict(zip(unique, unique.map(normalize_name), strict=True))).astype(object)  # typed if empty


def _shares(data: pd.DataFrame) -> pd.DataFrame:
    counts = data.groupby(["referent", GROUP, "name"]).size().reset_index(name="n")
    counts["share"] = counts["n"] / counts.groupby(["referent", GROUP])["n"].transform("sum")
    return counts.sort_values(["referent", GROUP, "n", "name"], ascending=[True, True, False, True],
                              ignore_index=True)


def names_with_variety(names: pd.DataFrame, *, top: int = 8) -> list[str]:
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


def distinctive_words(tokens: pd.DataFrame, articles: pd.DataFrame, *,
                      prior_total: float = LOG_ODDS_PRIOR_TOTAL, min_count: int = LOG_ODDS_MIN_COUNT,
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
    data = with_group(words, articles)
    table = data.groupby(["lemma", GROUP]).size().unstack(GROUP, fill_value=0)
    table = table[table.sum(axis=1) >= min_count]
    if table.empty or table.shape[1] < 2:
        return pd.DataFrame(columns=[GROUP, "lemma", "count", "count_rest", "per_1000_words", "delta", "z"])
    total = table.sum(axis=1).to_numpy()
    prior = prior_total * total / total.sum()
    group_words = articles.groupby(GROUP)["n_words"].sum()
    frames = []
    for group in table.columns:
        mine = table[group].to_numpy()
        scores = log_odds_dirichlet(mine, total - mine, prior)
        frames.append(pd.DataFrame({GROUP: group, "lemma": table.index, "count": mine, "count_rest": total - mine,
                                    "per_1000_words": 1000 * mine / group_words[group],
                                    "delta": scores["delta"], "z": scores["z"]}))
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values([GROUP, "z", "lemma"], ascending=[True, False, True], ignore_index=True)


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


def kwic(tokens: pd.DataFrame, lemma: str, articles: pd.DataFrame, *,
         window: int = 8, limit: int | None = None, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword in context: occurrences of ``lemma`` with ``window`` words either side (same sentence).

    With ``mentions``, a canonical entity name ("Albu Kamal") finds that
    entity's mentions. ``tokens`` must be in table order (article, sentence,
    token); at most ``limit`` lines, in corpus order.
    """
    index = token_index(tokens, mentions)
    found = hits(index, lemma)
    groups = articles.set_index("article_id")[GROUP]
    rows = []
    for row, length in found[:limit]:
        left, keyword, right = index.context(row, length, window)
        rows.append({GROUP: groups[index.article_ids[row]], "article_id": index.article_ids[row],
                     "left": left, "keyword": keyword, "right": right})
    return pd.DataFrame(rows, columns=[GROUP, "article_id", "left", "keyword", "right"])


def hits(index: TokenIndex, key: str) -> list[tuple[int, int]]:
    """(row, mention length) of an entity's mentions, else (row, 0) of a lemma's tokens."""
    if key in index.entity_rows:
        return index.entity_rows[key]
    return [(int(row), 0) for row in index.rows(key.lower())]






# --- voice and agency --------------------------------------------------------------------------


def voice_by_group(clauses: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per group: clauses, passives, agentless passives and their shares."""
    data = with_group(clauses, articles)
    data["agentless"] = (data["voice"] == "passive") & (data["agent"] == "")
    summary = data.groupby(GROUP).agg(clauses=("voice", "size"),
                                         passives=("voice", lambda v: int((v == "passive").sum())),
                                         agentless_passives=("agentless", "sum"))
    summary["passive_share"] = summary["passives"] / summary["clauses"]
    summary["agentless_share_of_passives"] = (summary["agentless_passives"] / summary["passives"]).fillna(0)
    return summary.reset_index()


def passives(clauses: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every passive clause with its sentence: what was done, to whom, by whom (or by no one named)."""
    data = with_group(clauses[clauses["voice"] == "passive"], articles)
    data = with_sentences(data, sentences)
    data["by_whom"] = data["agent"].replace("", "(not named)")
    columns = [GROUP, "article_id", "patient", "verb_text", "by_whom", "patient_entity", "agent_entity",
               "sentence"]
    return data[columns].sort_values([GROUP, "article_id"], kind="stable", ignore_index=True)


# --- style -------------------------------------------------------------------------------------


def sentence_lengths(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Words in every sentence (counted as everywhere in the suite), with its article's group."""
    lengths = sentences[["article_id", "sentence_id"]].assign(words=sentences["text"].map(count_words))
    return with_group(lengths, articles)


def style_by_article(tokens: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: sentences, mean and median sentence length, and lexical density.

    Lexical density is the share of word tokens that are lexical (nouns,
    proper nouns, verbs, adjectives, adverbs) rather than grammatical
    (articles, pronouns, prepositions, auxiliaries …).
    """
    lengths = sentence_lengths(sentences, articles)
    words = tokens[tokens["text"].str.contains(r"\w", regex=True)]
    density = words.assign(lexical=words["pos"].isin(LEXICAL_POS)).groupby("article_id")["lexical"].mean()
    style = lengths.groupby(["article_id", GROUP])["words"].agg(
        sentences="size", mean_sentence_words="mean", median_sentence_words="median").reset_index()
    style["lexical_density"] = style["article_id"].map(density)
    return style


# --- spelling ----------------------------------------------------------------------------------


def spelling_variants(mentions: pd.DataFrame, *, min_similarity: float = SPELLING_SIMILARITY) -> pd.DataFrame:
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
