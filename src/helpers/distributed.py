"""The build on a Dask distributed cluster: ``python -m helpers build --scheduler ADDRESS`` (or ``--workers N``).

The same tables as the single-machine build, the heavy work sent as tasks to the cluster's workers:

1. **cleaning**: every raw file without an entry in the cleaning cache is cleaned on a worker
   (:func:`helpers.cleaning.tables.clean_raw`), in batches;
2. **parsing**: every text without an entry in the parse cache is parsed on a worker (each worker loads the
   spaCy model once, see :class:`LoadModel`; :func:`helpers.nlp.parse.parse_texts`);
3. **per-article tables**: headline tokens and quotes (:func:`helpers.framing.tables.article_quotes`) on the
   workers, batch by batch; sentences, tokens and clauses are flattened from the cached parse on the client,
   where the features already are (moving them would cost more than flattening them);
4. **corpus-level stages**: the names are linked across the corpus on the client; then the stories
   (one task: the sparse similarity graph and average linkage) and the reuse comparisons (the candidate pairs
   of MinHash LSH, compared and aligned in chunks of pairs) run on the cluster at the same time; the quotes'
   speaker types are compared across the corpus when every article's quotes are back.

Only the client reads the corpus folder and writes the output folder and the caches: raw bytes, texts and
results travel through the scheduler, so workers need the same Python environment (this package and the
spaCy model) but no shared filesystem.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from dask.distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from tqdm import tqdm

from helpers.cleaning import ingest
from helpers.cleaning.tables import CleanCache, clean_raw
from helpers.coverage.tables import story_tables
from helpers.framing.tables import article_quotes, corpus_quotes
from helpers.nlp.parse import (
    ParseCache,
    ParsedCorpus,
    doc_bytes,
    doc_features,
    doc_from_bytes,
    parse_batches,
    parse_texts,
    text_key,
)
from helpers.nlp.tables import HEADLINE_BATCH, headline_token_rows
from helpers.reuse.tables import ReuseWords, labelled_tables, pair_rows, pairs_to_compare, reuse_frames

CLEAN_BATCH = 32  # raw files per cleaning task
ARTICLE_BATCH = 64  # articles per quotes task
PAIR_BATCH = 2000  # reuse pairs per comparison task


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None, *, quiet: bool = False,
            processes: bool = True) -> Iterator[Client]:
    """A ``dask.distributed.Client`` of the scheduler at ``scheduler`` (any address: ``tcp://host:8786``), or of
    a new ``LocalCluster`` of ``workers`` workers with one thread each (worker processes, or threads of this
    process without ``processes``); closed on exit. Each worker loads the spaCy model once (:class:`LoadModel`).
    Unless ``quiet``, prints the dashboard's address to stderr."""
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=processes)
        client = Client(cluster)
    try:
        client.register_plugin(LoadModel(), name=LoadModel.name)
        if not quiet:
            print(f"Dask dashboard (progress of every task): {client.dashboard_link}", file=sys.stderr)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class LoadModel(WorkerPlugin):
    """Worker plugin: loads the spaCy model when a worker starts, so every task on it finds it loaded
    (:func:`helpers.nlp.model.load_model` keeps one per process)."""

    name = "helpers-load-model"

    def setup(self, worker) -> None:
        from helpers.nlp.model import load_model

        load_model()


class ClusterEngine:
    """The NLP stage's heavy steps as tasks on the cluster of ``client`` (the interface of
    :class:`helpers.stage.LocalEngine`), plus :meth:`clean` for the cleaning stage."""

    def __init__(self, client, *, progress: bool = False):
        self.client = client
        self.progress = progress

    def clean(self, raw_dir: Path, files: list[str], rows_by_file: dict[str, dict], cache: CleanCache) -> int:
        """Clean on the workers every file of ``files`` missing from ``cache``, and store the results in it (the
        build then reads them from the cache). Returns the number of files cleaned."""
        missing, seen = [], set()
        for file in files:
            try:
                raw = ingest.read_raw_file(raw_dir, file)
            except ingest.IngestError:
                continue  # the build reports it
            key, _ = cache.key(raw, rows_by_file.get(file) or {})
            if not cache.has(key) and key not in seen:
                seen.add(key)
                missing.append((key, file))

        def batches() -> Iterator[list]:
            for part in _chunked(missing, CLEAN_BATCH):
                items = []
                for key, file in part:
                    raw = ingest.read_raw_file(raw_dir, file)
                    items.append((key, raw, cache.key(raw, rows_by_file.get(file) or {})[1]))
                yield items

        for results in self._run(_clean_batch, batches(), total=len(missing), desc="Cleaning articles (cluster)"):
            for key, result in results:
                cache.store(key, result)
        return len(missing)

    def parse(self, texts: dict[str, str], processed_dir: Path, *, progress: bool) -> ParsedCorpus:
        """As :func:`helpers.nlp.parse.parse_articles`: the texts not in the parse cache are parsed on the
        workers, and the client writes each parse (DocBin and features) into the cache as it comes back."""
        cache = ParseCache.for_model(processed_dir)
        keys = {article_id: text_key(text) for article_id, text in texts.items()}
        todo = {}
        for article_id, key in keys.items():
            if key not in todo and not cache.has(key):
                todo[key] = texts[article_id]
        batches = parse_batches(todo)  # the batches of the local parse, so that the Docs are the same
        for results in self._run(_parse_batch, batches, total=len(todo), desc="Parsing with spaCy (cluster)",
                                 show=progress):
            for key, data, found in results:
                cache.write(key, data, found)
        return ParsedCorpus(keys=keys, cache=cache, n_parsed=len(todo))

    def headline_tokens(self, articles: pd.DataFrame) -> pd.DataFrame:
        with_headline = articles[articles["headline"].fillna("").str.strip() != ""][["article_id", "headline"]]
        parts = [with_headline.iloc[i:i + HEADLINE_BATCH] for i in range(0, len(with_headline), HEADLINE_BATCH)]
        tables = list(self._run(headline_token_rows, parts, total=len(with_headline), desc="Headlines (cluster)",
                                ordered=True))
        return pd.concat(tables, ignore_index=True) if tables else headline_token_rows(articles.iloc[:0])

    def corpus_tables(self, articles: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Stories (one task) and the reuse comparisons (chunks of candidate pairs) at the same time."""
        inputs = self.client.scatter([articles, tables["tokens"], tables["mentions"], tables["headline_tokens"]])
        stories = self.client.submit(story_tables, *inputs, pure=False)
        words = ReuseWords.of(articles)
        pairs = pairs_to_compare(articles, words)
        shared = self.client.scatter(words, broadcast=True)
        chunks = list(_chunked(pairs, PAIR_BATCH))
        compared = list(self._run(pair_rows, chunks, total=len(pairs), desc="Reuse pairs (cluster)", first=(shared,)))
        found = labelled_tables(articles, *reuse_frames(compared))
        return {**stories.result(), **found}

    def quotes(self, parsed: ParsedCorpus, mentions: pd.DataFrame) -> pd.DataFrame:
        """Each article's quotes on the workers (their parse sent as DocBin bytes, with their mentions), then the
        speakers' types compared across the corpus on the client."""
        by_article = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}

        def batches() -> Iterator[tuple]:
            for part in _chunked(list(parsed.keys.items()), ARTICLE_BATCH):
                found = [by_article[a] for a, _ in part if a in by_article]
                yield ([(a, parsed.cache.doc_bytes(key)) for a, key in part],
                       pd.concat(found) if found else mentions.iloc[:0])

        parts = self._run(_quote_batch, batches(), total=len(parsed.keys), desc="Quotes (cluster)", ordered=True,
                          star=True, weight=lambda batch: len(batch[0]))
        return corpus_quotes(list(parts))

    def _run(self, function: Callable, batches: Iterable, *, total: int, desc: str, show: bool | None = None,
             ordered: bool = False, star: bool = False, weight: Callable = len, first: tuple = ()) -> Iterator:
        """``function(*first, batch)`` (``*batch`` when ``star``) for each batch as tasks, at most four per worker
        in flight (so the client reads inputs as the cluster goes); yields the results as they complete (in
        batch order when ``ordered``), with a progress bar of ``total`` items, ``weight(batch)`` per batch."""
        batches = iter(batches)
        limit = 4 * max(1, len(self.client.scheduler_info().get("workers", {})))
        number = itertools.count()
        submitted: dict[str, tuple[int, int]] = {}  # future key -> (batch number, items)
        pending = as_completed()

        def submit(batch) -> None:
            arguments = (*first, *batch) if star else (*first, batch)
            future = self.client.submit(function, *arguments, pure=False)
            submitted[future.key] = (next(number), weight(batch))
            pending.add(future)

        for batch in itertools.islice(batches, limit):
            submit(batch)
        done: dict[int, object] = {}
        next_out = 0
        with tqdm(total=total, desc=desc, unit="item", disable=not (self.progress if show is None else show)) as bar:
            for future in pending:
                result = future.result()
                position, items = submitted.pop(future.key)
                future.release()
                batch = next(batches, None)
                if batch is not None:
                    submit(batch)
                bar.update(items)
                if not ordered:
                    yield result
                    continue
                done[position] = result
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1


def _chunked(items: list, n: int) -> Iterator[list]:
    for start in range(0, len(items), n):
        yield items[start:start + n]


def _clean_batch(items: list[tuple]) -> list[tuple[str, dict]]:
    """Worker task: (cache key, cleaned article) for each (key, raw file, hints)."""
    return [(key, clean_raw(raw, **hints)) for key, raw, hints in items]


def _parse_batch(texts: dict[str, str]) -> list[tuple[str, bytes, dict]]:
    """Worker task: (key, DocBin bytes, features) for each text (key → text), with the worker's model."""
    from helpers.nlp.model import load_model

    return [(key, doc_bytes(doc), doc_features(doc)) for key, doc in parse_texts(load_model(), texts)]


def _quote_batch(items: list[tuple[str, bytes]], mentions: pd.DataFrame) -> pd.DataFrame:
    """Worker task: the quotes of each (article_id, DocBin bytes), given those articles' mentions."""
    from helpers.nlp.model import load_model

    nlp = load_model()
    return article_quotes(((article_id, doc_from_bytes(data, nlp)) for article_id, data in items), mentions)
