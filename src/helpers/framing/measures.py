"""Framing: sources, reporting verbs, certainty about the key claim, generic frames, tone, headlines.

Plain functions over the processed tables (``quotes``, ``tokens``,
``sentences``, ``mentions``) and the editable lexicons in ``data/lexicons/``
(``reporting_verbs.csv``, ``source_types.csv``, ``certainty.csv``,
``frames.csv``). Every count comes with the sentences behind it.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import numpy as np
import pandas as pd

from helpers.config import HEADLINE_MIN_SIMILARITY, HEADLINE_TOP_SENTENCES, TONE_NEUTRAL_BAND
from helpers.grouping import GROUP, with_group
from helpers.lexicons import load_lexicon, load_reporting_verbs, match_terms, with_sentences

CLAIM_REFERENCES = ("claim", "report", "information", "confirmation")  # nouns that point back at a claim
CERTAINTY_CLASSES = ("hedge", "verification", "booster")
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


# --- lexicons ----------------------------------------------------------------------------------
















# --- who gets a voice, and with which verb -----------------------------------------------------


def quotes_in_context(quotes: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The quotes with their article's group and the sentence they start in (``sentence``)."""
    data = with_group(quotes, articles)
    data = with_sentences(data, sentences)
    data["speaker_shown"] = data["speaker"].where(data["speaker"] != "", data["speaker_text"]).replace(
        "", "(unattributed)")
    return data


def counts_by(quotes: pd.DataFrame, column: str) -> pd.DataFrame:
    """Quotes per group and ``column`` (e.g. speaker_type, verb_class), with each group's share."""
    counts = quotes.assign(**{column: quotes[column].replace("", "(none)")}).groupby(
        [GROUP, column]).size().reset_index(name="n")
    counts["share"] = counts["n"] / counts.groupby(GROUP)["n"].transform("sum")
    return counts.sort_values([GROUP, "n", column], ascending=[True, False, True], ignore_index=True)


# --- certainty about the key claim -------------------------------------------------------------


def claim_entity(mentions: pd.DataFrame, *, types: tuple[str, ...] = ("person",)) -> str:
    """The most-mentioned entity of the given types across the corpus (ties: the most articles, then name)."""
    data = mentions[mentions["entity_type"].isin(types)]
    if data.empty:
        return ""
    ranked = data.groupby("entity").agg(n=("article_id", "size"), articles=("article_id", "nunique")).reset_index()
    ranked = ranked.sort_values(["n", "articles", "entity"], ascending=[False, False, True])
    return str(ranked["entity"].iloc[0])


def claim_sentences(sentences: pd.DataFrame, mentions: pd.DataFrame, tokens: pd.DataFrame, entity: str, *,
                    window: int = 1, references: tuple[str, ...] = CLAIM_REFERENCES) -> pd.DataFrame:
    """The sentences about the claim: in every article that names ``entity``, the sentences that name it,
    the ``window`` sentences either side, and sentences whose nouns point back at a claim ("that claim",
    "the information")."""
    named = mentions.loc[mentions["entity"] == entity, ["article_id", "sentence_id"]].drop_duplicates()
    keys = set()
    for article_id, sentence_id in named.itertuples(index=False):
        keys |= {(article_id, sentence_id + k) for k in range(-window, window + 1)}
    articles = set(named["article_id"])
    pointers = tokens[tokens["article_id"].isin(articles) & tokens["lemma"].isin(references)
                      & (tokens["pos"] == "NOUN")]
    keys |= set(zip(pointers["article_id"], pointers["sentence_id"], strict=True))
    index = pd.MultiIndex.from_frame(sentences[["article_id", "sentence_id"]])
    chosen = sentences[index.isin(list(keys))].copy()
    chosen["names_entity"] = pd.MultiIndex.from_frame(chosen[["article_id", "sentence_id"]]).isin(
        list(named.itertuples(index=False, name=None)))
    return chosen[["article_id", "sentence_id", "text", "names_entity"]].reset_index(drop=True)


def certainty_markers(tokens: pd.DataFrame, sentences: pd.DataFrame, *,
                      lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every hedge, booster and verification marker of ``certainty.csv``, with its sentence."""
    lexicon = load_lexicon("certainty") if lexicon is None else lexicon
    found = match_terms(tokens, lexicon).merge(tokens[["article_id", "sentence_id", "token_id", "pos"]],
                                               on=["article_id", "sentence_id", "token_id"], how="left")
    found = found[~((found["n_tokens"] == 1) & (found["pos"] == "PROPN"))]  # "late May" is not a hedge
    return with_sentences(found.drop(columns="pos").reset_index(drop=True), sentences)


def claim_certainty(markers: pd.DataFrame, claims: pd.DataFrame, quotes: pd.DataFrame,
                    articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: its claim sentences, the markers in them by class, and how many are attributed to a source.

    ``attributed`` counts claim sentences holding a quote (someone else says it).
    """
    keys = claims[["article_id", "sentence_id"]]
    inside = markers.merge(keys, on=["article_id", "sentence_id"])
    counts = inside.groupby(["article_id", "class"]).size().unstack("class", fill_value=0)
    counts = counts.reindex(columns=list(CERTAINTY_CLASSES), fill_value=0)
    quoted = quotes.merge(keys, on=["article_id", "sentence_id"]).drop_duplicates(["article_id", "sentence_id"])
    table = articles[["article_id", GROUP]].merge(claims.groupby("article_id").size().rename(
        "claim_sentences").reset_index(), on="article_id")
    table = table.merge(counts.reset_index(), on="article_id", how="left").fillna(0)
    table["attributed"] = table["article_id"].map(quoted.groupby("article_id").size()).fillna(0).astype(int)
    for column in (*CERTAINTY_CLASSES, "claim_sentences"):
        table[column] = table[column].astype(int)
    table["markers_per_sentence"] = (table["hedge"] + table["verification"]) / table["claim_sentences"]
    return table.sort_values("article_id", ignore_index=True)


def claim_evidence(markers: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each claim sentence with the markers found in it (one row per sentence, markers joined)."""
    inside = markers.merge(claims[["article_id", "sentence_id"]], on=["article_id", "sentence_id"])
    labels = inside.assign(label=inside["term"].astype(str) + " (" + inside["class"].astype(str) + ")")
    found = labels.groupby(["article_id", "sentence_id"])["label"].agg("; ".join).rename("markers")
    data = claims.merge(found.reset_index(), on=["article_id", "sentence_id"], how="left").fillna({"markers": ""})
    data = with_group(data, articles)
    return data[[GROUP, "article_id", "sentence_id", "markers", "text"]].rename(columns={"text": "sentence"})


# --- generic frames ----------------------------------------------------------------------------


def frame_matches(tokens: pd.DataFrame, sentences: pd.DataFrame, *,
                  lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every frame-lexicon term found, with its frame, question and sentence."""
    lexicon = load_lexicon("frames") if lexicon is None else lexicon
    return with_sentences(match_terms(tokens, lexicon), sentences)


def frame_profile(matches: pd.DataFrame, articles: pd.DataFrame, *,
                  lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame: the frame's questions answered yes (a question is yes when any of its terms
    occurs), their share, the terms found and the evidence sentences."""
    lexicon = load_lexicon("frames") if lexicon is None else lexicon
    questions = lexicon.groupby("frame")["question"].nunique()
    n = len(articles)
    table = pd.DataFrame({"article_id": np.repeat(articles["article_id"].to_numpy(), len(questions)),
                          GROUP: np.repeat(articles[GROUP].to_numpy(), len(questions)),
                          "frame": np.tile(questions.index.to_numpy(), n)})
    keys = ["article_id", "frame"]
    found = matches.groupby(keys)
    sentences = matches.drop_duplicates([*keys, "sentence_id"]).sort_values([*keys, "sentence_id"])
    per_frame = pd.DataFrame({
        "questions_yes": found["question"].nunique(),
        "terms": found["term"].agg(lambda terms: ", ".join(sorted(set(terms)))),
        "evidence": sentences.groupby(keys)["sentence"].agg(list)}).reset_index()
    table = table.merge(per_frame, on=keys, how="left")
    table["questions_yes"] = table["questions_yes"].fillna(0).astype(int)
    table.insert(4, "questions", np.tile(questions.to_numpy(), n).astype(int))
    table.insert(5, "share", table["questions_yes"] / table["questions"])
    table["terms"] = table["terms"].fillna("")
    table["evidence"] = [e if isinstance(e, list) else [] for e in table["evidence"]]
    return table


def _terms_by(matches: pd.DataFrame, keys: list[str]) -> dict[tuple, list[str]]:
    """The ``term`` column of ``matches`` grouped by ``keys`` (key tuple → terms in row order)."""
    grouped: dict[tuple, list[str]] = defaultdict(list)
    for *key, term in zip(*(matches[k] for k in keys), matches["term"], strict=True):
        grouped[tuple(key)].append(term)
    return grouped


# --- tone --------------------------------------------------------------------------------------


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """VADER's compound score (-1 very negative … +1 very positive) of every sentence, with its group."""
    analyzer = _vader()
    scores = [analyzer.polarity_scores(text)["compound"] for text in sentences["text"]]
    data = sentences[["article_id", "sentence_id", "text"]].assign(compound=scores)
    band = TONE_NEUTRAL_BAND
    data["tone"] = np.select([data["compound"] <= -band, data["compound"] >= band], ["negative", "positive"], "neutral")
    return with_group(data, articles)


def tone_summary(tone: pd.DataFrame) -> pd.DataFrame:
    """Per group: sentences, mean and median compound score, and the shares of negative and positive ones."""
    summary = tone.groupby(GROUP).agg(sentences=("compound", "size"), mean=("compound", "mean"),
                                         median=("compound", "median"),
                                         negative=("tone", lambda t: (t == "negative").mean()),
                                         positive=("tone", lambda t: (t == "positive").mean()))
    return summary.reset_index()


# --- headline against body ---------------------------------------------------------------------


def _content_lemmas(tokens: pd.DataFrame, article_ids: pd.Series | None = None) -> dict[tuple[str, int], set[str]]:
    """(article_id, sentence_id) → the lemmas of the sentence's content words (of ``article_ids`` only, if
    given), in table order."""
    content = tokens["pos"].isin(CONTENT_POS) & ~tokens["is_stop"]
    if article_ids is not None:
        content &= tokens["article_id"].isin(article_ids)
    words = tokens[content]
    words = words[words["text"].str.contains(r"\w")]
    lemmas: dict[tuple[str, int], set[str]] = defaultdict(set)
    for article_id, sentence_id, lemma in zip(words["article_id"], words["sentence_id"], words["lemma"],
                                              strict=True):
        lemmas[(article_id, sentence_id)].add(lemma)
    return dict(lemmas)


def headline_vs_body(articles: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame, quotes: pd.DataFrame,
                     headline_tokens: pd.DataFrame, *,
                     certainty: pd.DataFrame | None = None, verbs: pd.DataFrame | None = None,
                     top: int = HEADLINE_TOP_SENTENCES,
                     min_similarity: float = HEADLINE_MIN_SIMILARITY) -> pd.DataFrame:
    """For each article with a headline: does the headline state as fact what the body hedges?

    The body sentences that say what the headline says are the ``top`` ones
    sharing the most content lemmas with it (Jaccard ≥ ``min_similarity``).
    Each side is *qualified* when it holds a hedge or verification marker, or
    an attribution (a reporting verb in the headline; a quote in the sentence).
    """
    certainty = load_lexicon("certainty") if certainty is None else certainty
    verbs = load_reporting_verbs() if verbs is None else verbs
    qualifiers = certainty[certainty["class"].isin(["hedge", "verification"])]
    with_headline = articles[articles["headline"].fillna("").str.strip() != ""]
    heads = headline_tokens[headline_tokens["article_id"].isin(with_headline["article_id"])].reset_index(drop=True)
    if heads.empty:
        return pd.DataFrame(columns=["article_id", "headline", "headline_markers", "body_sentences", "body_markers",
                                     "verdict"])
    head_markers = match_terms(heads, qualifiers)
    head_verbs = match_terms(heads, verbs).merge(heads[["article_id", "token_id", "pos"]], on=["article_id",
                                                                                                "token_id"])
    head_verbs = head_verbs[(head_verbs["pos"] == "VERB") | (head_verbs["n_tokens"] > 1)]
    pointers = heads[heads["lemma"].isin(CLAIM_REFERENCES) & (heads["pos"] == "NOUN")]
    head_verbs = pd.concat([head_verbs, pointers.assign(term=pointers["text"])], ignore_index=True)
    head_lemmas = _content_lemmas(heads)
    body_lemmas = _content_lemmas(tokens, with_headline["article_id"])
    body_markers = match_terms(tokens, qualifiers)  # the corpus's index, as for the certainty markers
    quoted = set(zip(quotes["article_id"], quotes["sentence_id"], strict=True))
    texts = sentences.set_index(["article_id", "sentence_id"])["text"]
    by_article: dict[str, list[tuple[int, set]]] = defaultdict(list)  # each article's body sentences, in order
    for (article_id, sentence_id), lemmas in body_lemmas.items():
        by_article[article_id].append((sentence_id, lemmas))
    head_terms = _terms_by(head_markers, ["article_id"])
    verb_terms = _terms_by(head_verbs, ["article_id"])
    body_terms = _terms_by(body_markers, ["article_id", "sentence_id"])
    rows = []
    for article in with_headline.itertuples():
        mine = head_lemmas.get((article.article_id, 0), set())
        scored = [(len(mine & lemmas) / len(mine | lemmas), sentence_id)
                  for sentence_id, lemmas in by_article.get(article.article_id, ()) if mine | lemmas]
        best = [sid for score, sid in sorted(scored, key=lambda x: (-x[0], x[1]))[:top] if score >= min_similarity]
        h_terms = sorted(set(head_terms.get((article.article_id,), []))
                         | {f"{t} (attribution)" for t in verb_terms.get((article.article_id,), [])})
        b_terms = []
        for sid in best:
            found = body_terms.get((article.article_id, sid), [])
            b_terms += list(found) + (["(attributed to a source)"] if (article.article_id, sid) in quoted else [])
        head_q, body_q = bool(h_terms), bool(b_terms)
        verdict = ("no matching body sentence" if not best else
                   "headline states as fact what the body qualifies" if body_q and not head_q else
                   "both qualify the claim" if body_q and head_q else
                   "headline qualifies, body does not" if head_q else "neither qualifies the claim")
        rows.append({"article_id": article.article_id, "headline": article.headline,
                     "headline_markers": "; ".join(h_terms), "body_sentences": [texts[(article.article_id, s)]
                                                                                 for s in best],
                     "body_markers": "; ".join(b_terms), "verdict": verdict})
    return pd.DataFrame(rows)




def tone_extremes(tone: pd.DataFrame, *, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences (ties broken by article and sentence)."""
    ordered = tone.sort_values(["compound", "article_id", "sentence_id"])
    picked = pd.concat([ordered.head(n), ordered.tail(n)]).drop_duplicates(["article_id", "sentence_id"])
    return picked[[GROUP, "article_id", "sentence_id", "compound", "text"]].reset_index(drop=True)


# --- who is quoted: gender -----------------------------------------------------------------------

GENDERS = ("female", "male", "unknown")


def gender_shares(people: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """People mentioned and people quoted, by group and gender, as the Gender Gap Tracker counts them.

    ``people`` is the ``people`` table (one row per person named in an article). One row per (group, who:
    "mentioned" or "quoted", gender) with ``n`` (people, counted once per article), ``share`` of the group's
    people of that kind, and ``n_articles``. "unknown" stays a share of its own: it is never guessed.
    """
    data = with_group(people, articles)
    parts = [data.assign(who="mentioned"), data[data["n_quotes"] > 0].assign(who="quoted")]
    data = pd.concat(parts, ignore_index=True)
    counts = data.groupby([GROUP, "who", "gender"]).agg(n=("entity", "size"), n_articles=("article_id", "nunique"))
    index = pd.MultiIndex.from_product([sorted(data[GROUP].unique()), ["mentioned", "quoted"], GENDERS],
                                       names=[GROUP, "who", "gender"])
    counts = counts.reindex(index, fill_value=0).reset_index()
    totals = counts.groupby([GROUP, "who"])["n"].transform("sum")
    counts["share"] = (counts["n"] / totals.where(totals > 0)).fillna(0.0)
    return counts
