"""Coverage: who reported what.

From the parse cache and the canonical mentions this module builds the
``sentences``, ``mentions``, ``stories``, ``facts`` and ``places`` tables, and
the summaries the coverage notebook shows: how prominently each outlet
mentions each actor or place, and which facts of a story each outlet kept or
left out.

* **Stories** group articles that report the same event: TF-IDF cosine
  similarity of their content lemmas and canonical entities, for articles
  published within a few days of each other, joined transitively.
* **Facts** align the sentences of a story's articles: two sentences from
  different articles state the same fact when each is the other's most
  similar sentence (content lemmas and entities, TF-IDF cosine) above a
  threshold. A sentence that matches nothing is a fact only its article reports.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers import gazetteer
from helpers.entities import AliasTable, article_mentions
from helpers.nlp import ParsedCorpus, parse_articles

STORY_SIMILARITY = 0.4
STORY_WINDOW_DAYS = 3
FACT_SIMILARITY = 0.3
# How far a date may be off, by its precision: an article dated "2017-06" could be any day of June.
DATE_SLACK_DAYS = {"approximate": 1, "month": 31, "year": 366}


def coverage_tables(
    articles: pd.DataFrame,
    processed_dir,
    aliases: AliasTable,
    n_process: int = 1,
    progress: bool = False,
) -> tuple[dict[str, pd.DataFrame], ParsedCorpus]:
    """Parse the articles (cached) and build the sentences, mentions, stories, facts and places tables."""
    parsed = parse_articles(dict(zip(articles["article_id"], articles["text"], strict=True)), processed_dir,
                            n_process=n_process, progress=progress)
    ids = list(articles["article_id"])
    sentences = sentence_rows(parsed, ids)
    mentions = mention_rows(parsed, ids, aliases)
    stories = find_stories(articles, parsed, mentions)
    tables = {
        "sentences": sentences,
        "mentions": mentions,
        "stories": stories,
        "facts": align_facts(stories, articles, parsed, mentions),
        "places": place_rows(mentions, aliases),
    }
    return tables, parsed


def sentence_rows(parsed: ParsedCorpus, article_ids: Iterable[str]) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every article, from the parser."""
    rows = []
    for article_id in article_ids:
        for number, sentence in enumerate(parsed.features(article_id)["sentences"]):
            rows.append({"article_id": article_id, "sentence_id": number, "text": sentence["text"],
                         "start_char": sentence["start"], "end_char": sentence["end"]})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "start_char", "end_char"])


def mention_rows(parsed: ParsedCorpus, article_ids: Iterable[str], aliases: AliasTable) -> pd.DataFrame:
    """The ``mentions`` table: canonical mentions of actors and places in every article."""
    columns = ["article_id", "sentence_id", "text", "label", "entity", "entity_type", "rule", "start_char",
               "end_char"]
    rows = [{"article_id": article_id, **mention}
            for article_id in article_ids for mention in article_mentions(parsed.features(article_id), aliases)]
    return pd.DataFrame(rows, columns=columns)


class _Groups:
    """Union-find over 0 … n-1: which items have been joined, directly or through others."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(j)] = self.root(i)


def _tfidf(token_lists: list[list[str]]):
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True, norm="l2")
    return vectorizer.fit_transform(token_lists)


def _entity_tokens(mentions: pd.DataFrame) -> dict[tuple[str, int], list[str]]:
    """(article_id, sentence_id) → the sentence's entities as extra tokens for similarity."""
    tokens: dict[tuple[str, int], list[str]] = {}
    for article_id, sentence_id, entity in zip(mentions["article_id"], mentions["sentence_id"], mentions["entity"],
                                               strict=True):
        tokens.setdefault((article_id, sentence_id), []).append(f"entity:{entity}")
    return tokens


def find_stories(
    articles: pd.DataFrame,
    parsed: ParsedCorpus,
    mentions: pd.DataFrame,
    threshold: float = STORY_SIMILARITY,
    window_days: int = STORY_WINDOW_DAYS,
) -> pd.DataFrame:
    """The ``stories`` table: each article's story, numbered from 1 in order of first publication.

    Two articles are linked when their cosine similarity is at least
    ``threshold`` and their dates are at most ``window_days`` apart, plus the
    slack of each date's precision (:data:`DATE_SLACK_DAYS`); undated articles
    are linked on text alone.
    """
    ids = list(articles["article_id"])
    entity_tokens = _entity_tokens(mentions)
    documents = []
    for article_id in ids:
        content = parsed.features(article_id)["content"]
        tokens = [lemma for sentence in content for lemma in sentence]
        tokens += [t for number in range(len(content)) for t in entity_tokens.get((article_id, number), [])]
        documents.append(tokens)
    groups = _Groups(len(ids))
    if len(ids) > 1 and any(documents):
        matrix = _tfidf(documents)
        dates = pd.to_datetime(articles["published"]).to_numpy()
        precision = articles.get("date_precision", pd.Series("", index=articles.index))
        slack = precision.map(DATE_SLACK_DAYS).fillna(0).to_numpy()
        for start in range(0, len(ids), 1000):
            block = (matrix[start:start + 1000] @ matrix.T).toarray()
            for offset, row in enumerate(block):
                i = start + offset
                for j in np.nonzero(row >= threshold)[0]:
                    if j > i and _within_window(dates[i], dates[j], window_days + slack[i] + slack[j]):
                        groups.join(i, j)

    order = articles.assign(_root=[groups.root(i) for i in range(len(ids))],
                            _date=pd.to_datetime(articles["published"]))
    first = order.sort_values(["_date", "article_id"], na_position="last").drop_duplicates("_root")
    numbers = {group: n for n, group in enumerate(first["_root"], start=1)}
    stories = pd.DataFrame({"article_id": ids, "story_id": [numbers[r] for r in order["_root"]]})
    return stories.sort_values(["story_id", "article_id"]).reset_index(drop=True)


def _within_window(a, b, days: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return True
    return abs((pd.Timestamp(a) - pd.Timestamp(b)).days) <= days


def align_facts(
    stories: pd.DataFrame,
    articles: pd.DataFrame,
    parsed: ParsedCorpus,
    mentions: pd.DataFrame,
    threshold: float = FACT_SIMILARITY,
) -> pd.DataFrame:
    """The ``facts`` table: every sentence of every story, grouped into facts.

    Within a story, sentences of two different articles that are each
    other's best match with cosine similarity ≥ ``threshold`` state the same
    fact; facts are numbered from 1 per story in reading order of the
    earliest article.
    """
    entity_tokens = _entity_tokens(mentions)
    dates = dict(zip(articles["article_id"], pd.to_datetime(articles["published"]), strict=True))
    rows = []
    for story_id, members in stories.groupby("story_id", sort=True):
        ordered = sorted(members["article_id"], key=lambda a: (pd.isna(dates[a]), dates[a], a))
        sentences = []  # (article_id, sentence_id, tokens)
        for article_id in ordered:
            for number, lemmas in enumerate(parsed.features(article_id)["content"]):
                sentences.append((article_id, number, lemmas + entity_tokens.get((article_id, number), [])))
        groups = _Groups(len(sentences))
        if len(ordered) > 1 and any(tokens for _, _, tokens in sentences):
            vectors = _tfidf([tokens for _, _, tokens in sentences])
            similarity = (vectors @ vectors.T).toarray()
            positions = {a: [i for i, s in enumerate(sentences) if s[0] == a] for a in ordered}
            for n, first in enumerate(ordered):
                for second in ordered[n + 1:]:
                    rows_a, rows_b = positions[first], positions[second]
                    block = similarity[np.ix_(rows_a, rows_b)]
                    if block.size == 0:
                        continue
                    best_b, best_a = block.argmax(axis=1), block.argmax(axis=0)
                    for i, j in enumerate(best_b):
                        if best_a[j] == i and block[i, j] >= threshold:
                            groups.join(rows_a[i], rows_b[j])
        numbers: dict[int, int] = {}
        for i, (article_id, sentence_id, _) in enumerate(sentences):
            fact = numbers.setdefault(groups.root(i), len(numbers) + 1)
            rows.append({"story_id": story_id, "fact_id": fact, "article_id": article_id, "sentence_id": sentence_id})
    facts = pd.DataFrame(rows, columns=["story_id", "fact_id", "article_id", "sentence_id"])
    return facts.sort_values(["story_id", "fact_id", "article_id", "sentence_id"]).reset_index(drop=True)


def place_rows(mentions: pd.DataFrame, aliases: AliasTable) -> pd.DataFrame:
    """The ``places`` table: every place mentioned, located by the alias table or the gazetteer, or not at all."""
    places = mentions[mentions["entity_type"] == "place"]
    aliases_of = aliases.table.groupby("entity")["alias"].agg(sorted).to_dict()
    rows = []
    for entity, group in places.groupby("entity", sort=True):
        lat = lon = np.nan
        country, located_by = "", ""
        if entity in aliases.coordinates:
            (lat, lon), located_by = aliases.coordinates[entity], "alias table"
        else:
            spellings = [entity, *aliases_of.get(entity, []), *sorted(set(group["text"]))]
            place = next((p for p in map(gazetteer.lookup, spellings) if p is not None), None)
            if place is not None:
                lat, lon, country, located_by = place.lat, place.lon, place.country, f"gazetteer ({place.kind})"
        rows.append({"entity": entity, "n_mentions": len(group), "n_articles": group["article_id"].nunique(),
                     "lat": lat, "lon": lon, "country": country, "located_by": located_by})
    return pd.DataFrame(rows, columns=["entity", "n_mentions", "n_articles", "lat", "lon", "country", "located_by"])


# --- summaries for the notebook ---------------------------------------------------------------


def prominence(articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame,
               group_by: str = "outlet") -> pd.DataFrame:
    """How much and how early each group mentions each entity.

    One row per (group, entity): ``n_mentions``, ``n_articles`` mentioning it,
    ``per_1000_words`` (mentions per 1,000 words of the group's articles),
    ``first_position`` (mean over those articles of where the first mention
    falls: 0 = first sentence, 1 = last) and ``examples`` (up to two sentences).
    """
    words = articles.groupby(group_by)["n_words"].sum()
    n_sentences = sentences.groupby("article_id").size()
    data = mentions.merge(articles[["article_id", group_by]], on="article_id")
    data = data.merge(sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
                      on=["article_id", "sentence_id"])
    first = data.groupby([group_by, "entity", "article_id"])["sentence_id"].min().reset_index()
    first["position"] = first["sentence_id"] / (first["article_id"].map(n_sentences) - 1).clip(lower=1)
    rows = []
    for (group, entity), part in data.groupby([group_by, "entity"], sort=True):
        examples = part.drop_duplicates(["article_id", "sentence_id"]).head(2)
        positions = first[(first[group_by] == group) & (first["entity"] == entity)]["position"]
        rows.append({group_by: group, "entity": entity, "entity_type": part["entity_type"].mode().iloc[0],
                     "n_mentions": len(part), "n_articles": part["article_id"].nunique(),
                     "per_1000_words": 1000 * len(part) / words[group], "first_position": positions.mean(),
                     "examples": list(examples["article_id"] + ": " + examples["sentence"])})
    return pd.DataFrame(rows)


def top_entities(mentions: pd.DataFrame, n: int = 25, types: tuple[str, ...] | None = None) -> list[str]:
    """The ``n`` most mentioned entities (optionally of some types), most mentioned first."""
    data = mentions if types is None else mentions[mentions["entity_type"].isin(types)]
    counts = data.groupby("entity").size().reset_index(name="n")
    return list(counts.sort_values(["n", "entity"], ascending=[False, True]).head(n)["entity"])


def shared_stories(stories: pd.DataFrame) -> list[int]:
    """The stories reported by more than one article, in order."""
    sizes = stories.groupby("story_id").size()
    return [int(story_id) for story_id in sizes[sizes > 1].index]


def fact_table(facts: pd.DataFrame, sentences: pd.DataFrame, story_id: int) -> pd.DataFrame:
    """One row per fact of a story, one column per article: the sentence(s) stating it, or empty."""
    part = facts[facts["story_id"] == story_id].merge(sentences, on=["article_id", "sentence_id"])
    articles = list(dict.fromkeys(part.sort_values(["fact_id", "sentence_id"])["article_id"]))
    table = (part.groupby(["fact_id", "article_id"])["text"].apply(" ".join).unstack("article_id")
             .reindex(columns=sorted(articles)).fillna(""))
    table.insert(0, "reported_by", (table != "").sum(axis=1))
    return table.reset_index()


def fact_details(facts: pd.DataFrame, mentions: pd.DataFrame, story_id: int) -> pd.DataFrame:
    """Entities that only one article's version of a shared fact names (e.g. where a quote was said).

    One row per (fact, article, entity) for facts reported by two or more articles.
    """
    part = facts[facts["story_id"] == story_id]
    named = part.merge(mentions[["article_id", "sentence_id", "entity"]], on=["article_id", "sentence_id"])
    rows = []
    for fact_id, group in named.groupby("fact_id"):
        reporters = part[part["fact_id"] == fact_id]["article_id"].unique()
        if len(reporters) < 2:
            continue
        by_article = {a: set(group[group["article_id"] == a]["entity"]) for a in reporters}
        for article_id, entities in sorted(by_article.items()):
            others = set().union(*(e for a, e in by_article.items() if a != article_id))
            rows += [{"fact_id": fact_id, "article_id": article_id, "entity": entity}
                     for entity in sorted(entities - others)]
    return pd.DataFrame(rows, columns=["fact_id", "article_id", "entity"])


def fact_coverage(facts: pd.DataFrame, story_id: int) -> pd.DataFrame:
    """Per article of a story: facts it reports, facts only it reports, facts others report that it lacks."""
    part = facts[facts["story_id"] == story_id]
    reporters = part.groupby("fact_id")["article_id"].agg(set)
    articles = sorted(part["article_id"].unique())
    rows = []
    for article_id in articles:
        has = reporters.apply(lambda s, a=article_id: a in s)
        alone = reporters.apply(lambda s, a=article_id: s == {a})
        rows.append({"article_id": article_id, "facts_reported": int(has.sum()),
                     "reported_by_all": int(reporters[has].apply(lambda s: len(s) == len(articles)).sum()),
                     "only_this_article": int(alone.sum()), "missing_reported_elsewhere": int((~has).sum())})
    return pd.DataFrame(rows)
