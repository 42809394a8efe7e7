"""The per-article NLP tables, flattened from the parse cache: sentences, mentions, tokens, clauses, places."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from helpers.nlp import gazetteer
from helpers.nlp.entities import AliasTable, corpus_mentions
from helpers.nlp.gender import article_genders
from helpers.nlp.parse import ParsedCorpus


def sentence_rows(parsed: ParsedCorpus, article_ids: Iterable[str]) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every article, from the parser."""
    rows = []
    for article_id in article_ids:
        for number, sentence in enumerate(parsed.features(article_id)["sentences"]):
            rows.append({"article_id": article_id, "sentence_id": number, "text": sentence["text"],
                         "start_char": sentence["start"], "end_char": sentence["end"]})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "start_char", "end_char"])


MENTION_COLUMNS = ["article_id", "sentence_id", "text", "label", "entity", "entity_type", "rule", "start_char",
                   "end_char"]
DROPPED_COLUMNS = ["article_id", "sentence_id", "text", "label", "rule", "start_char", "end_char"]


def mention_tables(parsed: ParsedCorpus, article_ids: Iterable[str],
                   aliases: AliasTable) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``mentions`` table (names linked across the corpus) and the ``dropped_mentions`` table."""
    mentions, dropped = corpus_mentions(parsed.feature_map(article_ids), aliases)
    return pd.DataFrame(mentions, columns=MENTION_COLUMNS), pd.DataFrame(dropped, columns=DROPPED_COLUMNS)


def mention_rows(parsed: ParsedCorpus, article_ids: Iterable[str], aliases: AliasTable) -> pd.DataFrame:
    """The ``mentions`` table: canonical mentions of actors and places in every article."""
    return mention_tables(parsed, article_ids, aliases)[0]


PEOPLE_COLUMNS = ["article_id", "entity", "n_mentions", "n_quotes", "gender", "gender_evidence"]


def people_rows(parsed: ParsedCorpus, article_ids: Iterable[str], mentions: pd.DataFrame,
                quotes: pd.DataFrame) -> pd.DataFrame:
    """The ``people`` table: every person named in each article, how often quoted, and the gender the text
    gives them (:mod:`helpers.nlp.gender`; the same decision as ``quotes.speaker_gender``)."""
    people = mentions[mentions["entity_type"] == "person"]
    quoted = quotes[quotes["speaker"] != ""].groupby(["article_id", "speaker"]).size().to_dict()
    by_article = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}
    rows = []
    for article_id, part in people.groupby("article_id", sort=True):
        if article_id not in set(article_ids):
            continue
        genders = article_genders(parsed.features(article_id)["tokens"], by_article[article_id])
        for entity, n in part.groupby("entity").size().items():
            gender, evidence = genders.get(entity, ("unknown", ""))
            rows.append({"article_id": article_id, "entity": entity, "n_mentions": int(n),
                         "n_quotes": int(quoted.get((article_id, entity), 0)), "gender": gender,
                         "gender_evidence": evidence})
    return pd.DataFrame(rows, columns=PEOPLE_COLUMNS)


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


def token_rows(parsed: ParsedCorpus, article_ids: list[str]) -> pd.DataFrame:
    """The ``tokens`` table, flattened from the parse features."""
    columns = {name: [] for name in ("article_id", "sentence_id", "token_id", "text", "lemma", "pos", "is_stop",
                                     "start_char")}
    for article_id in article_ids:
        for sentence_id, tokens in enumerate(parsed.features(article_id)["tokens"]):
            n = len(tokens["text"])
            columns["article_id"] += [article_id] * n
            columns["sentence_id"] += [sentence_id] * n
            columns["token_id"] += range(n)
            columns["text"] += tokens["text"]
            columns["lemma"] += tokens["lemma"]
            columns["pos"] += tokens["pos"]
            columns["is_stop"] += tokens["stop"]
            columns["start_char"] += tokens["start"]
    return pd.DataFrame(columns)


def clause_rows(parsed: ParsedCorpus, article_ids: list[str], mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``clauses`` table, with each argument linked to the entity it names (by character offsets)."""
    spans = {article_id: (part["start_char"].to_numpy(), part["end_char"].to_numpy(), part["entity"].to_numpy())
             for article_id, part in mentions.groupby("article_id")}
    rows = []
    for article_id in article_ids:
        found = parsed.features(article_id)["clauses"]
        if not found:
            continue
        agents = _named(spans.get(article_id), [c["agent_start"] for c in found], [c["agent_end"] for c in found])
        patients = _named(spans.get(article_id), [c["patient_start"] for c in found],
                          [c["patient_end"] for c in found])
        for clause, agent_entity, patient_entity in zip(found, agents, patients, strict=True):
            rows.append({
                "article_id": article_id, "sentence_id": clause["sentence_id"], "verb": clause["verb"],
                "verb_text": clause["verb_text"], "voice": clause["voice"], "agent": clause["agent"],
                "agent_entity": agent_entity, "patient": clause["patient"], "patient_entity": patient_entity,
                "start_char": clause["start"],
            })
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "verb", "verb_text", "voice", "agent",
                                       "agent_entity", "patient", "patient_entity", "start_char"])


def _named(spans: tuple | None, starts: list[int], ends: list[int]) -> list[str]:
    """For each [start, end), the entity whose mention overlaps it the most; empty when none does (start < 0)."""
    if spans is None:
        return [""] * len(starts)
    mention_starts, mention_ends, entities = spans
    starts_a, ends_a = np.asarray(starts)[:, None], np.asarray(ends)[:, None]
    overlap = np.minimum(mention_ends[None, :], ends_a) - np.maximum(mention_starts[None, :], starts_a)
    best = overlap.argmax(axis=1)
    found = overlap[np.arange(len(starts)), best] > 0
    return [entities[b] if ok and s >= 0 else "" for b, ok, s in zip(best, found, starts, strict=True)]


HEADLINE_UNUSED = ("ner",)  # pipeline components whose output the headline tokens never read
HEADLINE_BATCH = 256  # headlines per nlp.pipe batch (the batch a text is parsed in can change rare decisions)


def headline_token_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``headline_tokens`` table: each non-empty headline parsed as one sentence (``sentence_id`` 0)."""
    from helpers.nlp.model import load_model

    columns = ["article_id", "sentence_id", "token_id", "text", "lemma", "pos", "is_stop", "start_char"]
    with_headline = articles[articles["headline"].fillna("").str.strip() != ""]
    if with_headline.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    nlp = load_model()
    # Lemmas and POS need the tagger, the parser (some attribute-ruler rules match on DEP) and the
    # lemmatizer, not the entity recognizer (its output is not read here, and it runs after them).
    with nlp.select_pipes(disable=[name for name in HEADLINE_UNUSED if name in nlp.pipe_names]):
        docs = list(nlp.pipe(list(with_headline["headline"]), batch_size=HEADLINE_BATCH))
    for article_id, doc in zip(with_headline["article_id"], docs, strict=True):
        for i, token in enumerate(t for t in doc if not t.is_space):
            rows.append({"article_id": article_id, "sentence_id": 0, "token_id": i, "text": token.text,
                         "lemma": token.lemma_.lower(), "pos": token.pos_, "is_stop": token.is_stop,
                         "start_char": token.idx})
    return pd.DataFrame(rows, columns=columns)
