"""Coverage measures for the notebook: how prominently each group mentions each actor or place, and
which facts of a story each article kept or left out. Functions over the processed tables; no parsing here.
"""

from __future__ import annotations

import pandas as pd

from helpers.grouping import GROUP, with_group


def prominence(articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """How much and how early each group mentions each entity.

    One row per (group, entity): ``n_mentions``, ``n_articles`` mentioning it,
    ``per_1000_words`` (mentions per 1,000 words of the group's articles),
    ``first_position`` (mean over those articles of where the first mention
    falls: 0 = first sentence, 1 = last) and ``examples`` (up to two sentences).
    """
    words = articles.groupby(GROUP)["n_words"].sum()
    n_sentences = sentences.groupby("article_id").size()
    data = with_group(mentions, articles)
    data = data.merge(sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
                      on=["article_id", "sentence_id"])
    columns = [GROUP, "entity", "entity_type", "n_mentions", "n_articles", "per_1000_words", "first_position",
               "examples"]
    if data.empty:  # a corpus without entities: the same columns, numeric where they are numbers
        return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in zip(
            columns, ["str", "str", "str", "int64", "int64", "float64", "float64", "object"], strict=True)})
    first = data.groupby([GROUP, "entity", "article_id"])["sentence_id"].min().reset_index()
    first["position"] = first["sentence_id"] / (first["article_id"].map(n_sentences) - 1).clip(lower=1)
    keys = [GROUP, "entity"]
    table = data.groupby(keys, sort=True).agg(n_mentions=("article_id", "size"),
                                              n_articles=("article_id", "nunique")).reset_index()
    types = data.groupby([*keys, "entity_type"]).size().reset_index(name="n")  # the most frequent type (mode)
    types = types.sort_values([*keys, "n", "entity_type"], ascending=[True, True, False, True]).drop_duplicates(keys)
    examples = data.drop_duplicates([*keys, "article_id", "sentence_id"]).groupby(keys, sort=False).head(2)
    examples = (examples["article_id"] + ": " + examples["sentence"]).groupby(
        [examples[GROUP], examples["entity"]]).agg(list).rename("examples").reset_index()
    table = (table.merge(types[[*keys, "entity_type"]], on=keys, how="left")
             .merge(first.groupby(keys)["position"].mean().rename("first_position").reset_index(), on=keys,
                    how="left")
             .merge(examples, on=keys, how="left"))
    table["per_1000_words"] = 1000 * table["n_mentions"] / table[GROUP].map(words)
    return table[columns]


def top_entities(mentions: pd.DataFrame, *, n: int = 25, types: tuple[str, ...] | None = None) -> list[str]:
    """The ``n`` most mentioned entities (optionally of some types), most mentioned first."""
    data = mentions if types is None else mentions[mentions["entity_type"].isin(types)]
    counts = data.groupby("entity").size().reset_index(name="n")
    return list(counts.sort_values(["n", "entity"], ascending=[False, True]).head(n)["entity"])


def shared_stories(stories: pd.DataFrame, *, limit: int | None = None) -> list[int]:
    """The stories reported by more than one article, in order; with ``limit``, only the ``limit`` largest
    (most articles, then lowest id), still in order."""
    sizes = stories.groupby("story_id").size()
    shared = sizes[sizes > 1]
    if limit is not None:
        shared = shared.reset_index(name="n").sort_values(["n", "story_id"], ascending=[False, True]).head(limit)
        shared = shared.set_index("story_id")["n"].sort_index()
    return [int(story_id) for story_id in shared.index]


def story_sizes(stories: pd.DataFrame) -> pd.DataFrame:
    """How many stories have 1, 2, 3 … articles: ``articles_in_story``, ``stories``, ``articles``."""
    sizes = stories.groupby("story_id").size()
    table = sizes.value_counts().sort_index().rename_axis("articles_in_story").reset_index(name="stories")
    return table.assign(articles=table["articles_in_story"] * table["stories"])


def worked_pair(story_links: pd.DataFrame) -> pd.Series | None:
    """The linked pair with the highest score (ties: article ids): one row of ``story_links``, or None."""
    linked = story_links[story_links["rule"].str.startswith("linked")]
    if linked.empty:
        return None
    return linked.sort_values(["score", "article_a", "article_b"], ascending=[False, True, True]).iloc[0]


def shared_entities(mentions: pd.DataFrame, article_a: str, article_b: str, *, n: int = 8) -> pd.DataFrame:
    """The entities two articles both mention, most mentioned first: ``entity``, mentions in each."""
    counts = (mentions[mentions["article_id"].isin([article_a, article_b])]
              .groupby(["entity", "article_id"]).size().unstack("article_id", fill_value=0)
              .reindex(columns=[article_a, article_b], fill_value=0))
    both = counts[(counts > 0).all(axis=1)]
    order = both.assign(_total=both.sum(axis=1)).reset_index().sort_values(["_total", "entity"],
                                                                           ascending=[False, True])
    return order.drop(columns="_total").head(n).reset_index(drop=True).rename_axis(columns=None)


def blindspots(stories: pd.DataFrame, articles: pd.DataFrame, *, min_articles: int = 1) -> pd.DataFrame:
    """Stories that only one group covered ("blindspots" of the other groups, as Ground News calls them).

    One row per such story with at least ``min_articles`` articles: the group that covered it, ``story_id``,
    ``n_articles``, the first ``published`` date and ``headline``, and the groups that did not cover it
    (``missed_by``). Empty when the corpus has a single group.
    """
    columns = [GROUP, "story_id", "n_articles", "published", "headline", "missed_by"]
    data = with_group(stories, articles).merge(articles[["article_id", "published", "headline"]], on="article_id")
    groups = sorted(data[GROUP].unique())
    if len(groups) < 2:
        return pd.DataFrame(columns=columns)
    rows = []
    for story_id, part in data.groupby("story_id", sort=True):
        covered = sorted(part[GROUP].unique())
        if len(covered) == 1 and len(part) >= min_articles:
            first = part.sort_values(["published", "article_id"], na_position="last").iloc[0]
            rows.append({GROUP: covered[0], "story_id": int(story_id), "n_articles": len(part),
                         "published": first["published"], "headline": first["headline"],
                         "missed_by": ", ".join(g for g in groups if g not in covered)})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values([GROUP, "n_articles", "story_id"], ascending=[True, False, True]).reset_index(drop=True)


def single_reporter_first(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`fact_table` with the facts only one article reports first (by that article's column), then
    the shared facts from the most widely reported down; ties in fact order."""
    ids = [c for c in table.columns if c not in ("fact_id", "reported_by")]
    alone = table["reported_by"] == 1
    reporter = (table[ids] != "").to_numpy().argmax(axis=1) if ids else 0
    order = table.assign(_shared=~alone, _column=pd.Series(reporter, index=table.index).where(alone, 0),
                         _reach=-table["reported_by"])
    order = order.sort_values(["_shared", "_column", "_reach", "fact_id"], kind="stable")
    return order.drop(columns=["_shared", "_column", "_reach"]).reset_index(drop=True)


def fact_table(facts: pd.DataFrame, sentences: pd.DataFrame, story_id: int) -> pd.DataFrame:
    """One row per fact of a story, one column per article: the sentence(s) stating it, or empty."""
    part = facts[facts["story_id"] == story_id].merge(sentences, on=["article_id", "sentence_id"])
    articles = list(dict.fromkeys(part.sort_values(["fact_id", "sentence_id"])["article_id"]))
    table = (part.groupby(["fact_id", "article_id"])["text"].apply(" ".join).unstack("article_id")
             .reindex(columns=sorted(articles)).fillna(""))
    table.insert(0, "reported_by", (table != "").sum(axis=1))
    return table.reset_index()


def fact_details(facts: pd.DataFrame, mentions: pd.DataFrame, story_id: int | None = None) -> pd.DataFrame:
    """Entities that only one article's version of a shared fact names (e.g. where a quote was said).

    One row per (fact, article, entity) for facts reported by two or more articles: ``fact_id``,
    ``article_id``, ``entity`` for one story; with ``story_id`` None, every story's, ``story_id`` first.
    """
    keys = ["story_id", "fact_id"]
    part = facts if story_id is None else facts[facts["story_id"] == story_id]
    reporters = part.groupby(keys)["article_id"].nunique()
    shared = reporters[reporters >= 2].reset_index()[keys]
    named = (part.merge(shared, on=keys)
             .merge(mentions[["article_id", "sentence_id", "entity"]], on=["article_id", "sentence_id"])
             [[*keys, "article_id", "entity"]].drop_duplicates())
    alone = named.groupby([*keys, "entity"])["article_id"].transform("size") == 1
    rows = named[alone].sort_values([*keys, "article_id", "entity"]).reset_index(drop=True)
    return rows[["fact_id", "article_id", "entity"] if story_id is not None else [*keys, "article_id", "entity"]]


def facts_reported_once(facts: pd.DataFrame, sentences: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """The facts of shared stories (two or more articles) that only one article states: ``story_id``,
    ``fact_id``, ``article_id`` and ``text`` (its sentences joined), by story and fact."""
    keys = ["story_id", "fact_id"]
    sizes = stories.groupby("story_id").size()
    part = facts[facts["story_id"].isin(sizes[sizes > 1].index)]
    once = part.groupby(keys)["article_id"].transform("nunique") == 1
    part = part[once].merge(sentences[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"])
    return (part.groupby([*keys, "article_id"], sort=True)["text"].agg(" ".join).reset_index())


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


def canonicalisation_examples(mentions: pd.DataFrame) -> pd.DataFrame:
    """How raw NER output became countable entities: each distinct (text, label → entity, type, rule).

    Only the mentions a rule changed are listed: renamed, merged, or typed
    differently from spaCy's label.
    """
    from helpers.schema import LABEL_TYPES

    changed = mentions[(mentions["text"] != mentions["entity"])
                       | (mentions["label"].map(LABEL_TYPES).fillna("") != mentions["entity_type"])]
    table = (changed.groupby(["entity", "entity_type", "text", "label", "rule"], dropna=False)
             .size().reset_index(name="mentions"))
    table = table.rename(columns={"text": "as written", "label": "spaCy label"})
    return table[["as written", "spaCy label", "entity", "entity_type", "rule", "mentions"]].sort_values(
        ["entity", "as written", "spaCy label"]).reset_index(drop=True)


def ambiguous_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """Short names the rules left as written because several people of the corpus end with them.

    One row per short name (rule ``ambiguous short name``): ``n_mentions``, ``n_articles`` and
    ``candidates``, the full names of people in the corpus it may stand for ("Clinton": Bill Clinton,
    Hillary Clinton). Add the right one to ``data/aliases.csv`` (or the corpus's own) to settle a case.
    """
    from helpers.nlp.names import ends_with, is_full_name, name_words

    columns = ["entity", "n_mentions", "n_articles", "candidates"]
    ambiguous = mentions[mentions["rule"] == "ambiguous short name"]
    if ambiguous.empty:
        return pd.DataFrame(columns=columns)
    people = sorted({e for e in mentions.loc[mentions["entity_type"] == "person", "entity"] if is_full_name(e)})
    rows = []
    for entity, part in ambiguous.groupby("entity"):
        words = name_words(entity)
        found = [p for p in people if ends_with(name_words(p), words)]
        rows.append({"entity": entity, "n_mentions": len(part), "n_articles": part["article_id"].nunique(),
                     "candidates": ", ".join(found)})
    return pd.DataFrame(rows, columns=columns).sort_values(["n_mentions", "entity"], ascending=[False, True],
                                                           ignore_index=True)
