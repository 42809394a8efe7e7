"""Build: raw folder → cleaned, tabulated corpus in the processed folder.

``build_corpus`` is what ``python -m helpers build`` and the notebooks call.
It is incremental (an unchanged raw file is not cleaned again), never writes
into the raw folder, and replaces its outputs atomically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers import text
from helpers.cleaning import ingest
from helpers.cleaning.manifest import MANIFEST_ONLY_COLUMNS, Problem, read_manifest
from helpers.cleaning.tables import CACHE_DIR, CleanCache, article_row, cleaner_version
from helpers.config import display_path, resolve_dirs
from helpers.dictionary import data_dictionary
from helpers.schema import ARTICLES, NLP_TABLES, PARAGRAPHS, PROBLEMS, REMOVED, TABLES, Table
from helpers.schema_findings import FINDINGS
from helpers.storage import current_set, publish_tables, write_text
from helpers.text import printable

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED, EXIT_UNWRITABLE = 0, 1, 2, 3




@dataclass
class BuildReport:
    """What a build did: counts, problems and where the tables went."""

    raw_dir: Path
    out_dir: Path
    n_files: int = 0
    n_cleaned: int = 0
    n_reused: int = 0
    n_parsed: int | None = None  # None: the NLP stage did not run
    nlp_unchanged: bool = False  # the NLP stage's inputs had not changed, so its tables were kept
    problems: list[Problem] = field(default_factory=list)
    table_sizes: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def n_built(self) -> int:
        return self.table_sizes.get("articles", 0)

    @property
    def exit_code(self) -> int:
        if self.n_built == 0:
            return EXIT_FAILED
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def summary(self) -> str:
        lines = [f"WARNING {display_path(self.raw_dir)}/{p}" for p in self.problems]
        lines.append(
            f"Read {self.n_files} files from {display_path(self.raw_dir)}: {self.n_built} articles built "
            f"({self.n_cleaned} cleaned, {self.n_reused} unchanged since the last build), "
            f"{len(self.skipped)} skipped."
        )
        if self.skipped:
            lines.append("Skipped: " + "; ".join(f"{printable(p.file)} ({p.reason})" for p in self.skipped))
        if self.nlp_unchanged:
            lines.append("NLP tables unchanged: no text, date or alias changed since the last build.")
        elif self.n_parsed is not None:
            lines.append(f"Parsed {self.n_parsed} texts with spaCy ({self.n_built - self.n_parsed} unchanged "
                         "texts came from the parse cache).")
        sizes = ", ".join(f"{name} ({rows:,} rows)" for name, rows in self.table_sizes.items())
        lines.append(f"Tables in {display_path(self.out_dir)}: {sizes}")
        return "\n".join(lines)


def build_corpus(
    raw_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    progress: bool | None = None,
    nlp: bool = True,
    n_process: int = 1,
    client=None,
) -> BuildReport:
    """Ingest, clean and tabulate every article in ``raw_dir`` into ``out_dir``.

    With ``nlp`` (the default) the NLP stage follows: spaCy parses (cached by
    content hash, ``n_process`` processes) and the coverage tables (sentences,
    mentions, stories, facts, places) are built, with the corpus folder's own
    ``aliases.csv`` over ``data/aliases.csv``. ``progress`` shows progress
    bars (None: for more than 50 files). With a ``dask.distributed.Client``
    as ``client``, cleaning, parsing and the heavy tables run as tasks on its
    cluster (:mod:`helpers.distributed`), writing the same tables. Returns a
    :class:`BuildReport`; raises FileNotFoundError when ``raw_dir`` is not a folder.
    """
    raw_dir, out_dir = resolve_dirs(raw_dir, out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such corpus folder")
    if out_dir == raw_dir or raw_dir in out_dir.parents:
        raise ValueError(f"{out_dir}: the output folder must not be inside the raw folder {raw_dir}")

    report = BuildReport(raw_dir=raw_dir, out_dir=out_dir)
    manifest, report.problems = read_manifest(raw_dir, reserved=(*ARTICLES.column_names, "group"))
    files, link_problems = ingest.scan_raw_folder(raw_dir)
    report.problems += link_problems
    report.n_files = len(files)
    rows_by_file = {} if manifest is None else {row["file"]: row for row in manifest.to_dict("records")}
    if manifest is not None:
        present = set(files)
        report.problems += [
            Problem(name, "listed in manifest.csv but no such file", skipped=True)
            for name in rows_by_file if name not in present
        ]

    cache = CleanCache(out_dir / CACHE_DIR, cleaner_version())
    ids = unique_article_ids(files)
    articles, paragraphs, removed = [], [], []
    show = progress if progress is not None else len(files) > 50
    engine = None
    if client is not None:
        from helpers.distributed import ClusterEngine

        engine = ClusterEngine(client, progress=show)
        engine.clean(raw_dir, files, rows_by_file, cache)  # into the cache, which the loop below reads
    for file in tqdm(files, desc="Cleaning articles", unit="file", disable=not show):
        row = rows_by_file.get(file)
        if manifest is not None and row is None:
            report.problems.append(Problem(file, "not listed in manifest.csv; metadata taken from the page", False))
        if ids[file] != ingest.article_id_of(file):
            report.problems.append(Problem(file, f"another file has the same name without its extension; its "
                                           f"article_id is {ids[file]!r}", False))
        try:
            raw = ingest.read_raw_file(raw_dir, file)
        except ingest.IngestError as err:
            report.problems.append(Problem(file, str(err), skipped=True))
            continue
        cleaned, fresh = cache.cleaned(raw, row or {})
        report.n_cleaned += fresh
        report.n_reused += not fresh
        if "error" in cleaned:
            report.problems.append(Problem(file, cleaned["error"], skipped=True))
            continue
        article, date_problems = article_row(raw, row, cleaned, manifest, article_id=ids[file])
        report.problems += [Problem(file, problem, skipped=False) for problem in date_problems]
        articles.append(article)
        paragraphs += [{"article_id": article["article_id"], "paragraph_id": i, **p,
                        "n_words": text.count_words(p["text"])} for i, p in enumerate(cleaned["paragraphs"])]
        removed += [{"article_id": article["article_id"], "removed_id": i, **r,
                     "n_words": text.count_words(r["text"])} for i, r in enumerate(cleaned["removed"])]
    cache.prune()

    report.problems.sort(key=lambda p: (p.file, p.reason))
    extra_columns = [] if manifest is None else [c for c in manifest.columns if c not in MANIFEST_ONLY_COLUMNS]
    tables = {
        "articles": _frame(articles, ARTICLES, extra_columns),
        "paragraphs": _frame(paragraphs, PARAGRAPHS),
        "removed": _frame(removed, REMOVED),
        "problems": _frame([asdict(p) for p in report.problems], PROBLEMS),
    }
    tables["articles"]["published"] = pd.to_datetime(tables["articles"]["published"]).astype("datetime64[s]")
    files_in_set, keep = {}, []
    if nlp or stage_tables_exist(out_dir):
        from helpers import stage
        from helpers.nlp.entities import AliasTable

        aliases = AliasTable.for_corpus(raw_dir)
        fingerprint = stage.stage_fingerprint(tables["articles"], aliases)
        if stage.unchanged(out_dir, fingerprint):  # the NLP tables of the current set are already these
            report.n_parsed, report.nlp_unchanged = (0, True) if nlp else (None, False)
            keep = [t.name for t in NLP_TABLES] + [stage.FINGERPRINT_FILE, FINDINGS.name]  # findings: of these tables
        elif nlp and len(tables["articles"]):
            built, parsed = stage.nlp_tables(tables["articles"], out_dir, aliases, n_process=n_process,
                                             progress=show, engine=engine)
            report.n_parsed = parsed.n_parsed
            tables.update({name: _frame(table, TABLES[name]) for name, table in built.items()})
            files_in_set[stage.FINGERPRINT_FILE] = stage.fingerprint_record(fingerprint)
    if len(tables["articles"]) or not stage_tables_exist(out_dir, "articles"):
        publish_tables(tables, out_dir, csv_names={name for name in tables if TABLES[name].csv}, keep=keep,
                       files=files_in_set)
    write_text(out_dir / "README.md", data_dictionary())
    report.table_sizes = {name: len(table) for name, table in tables.items()}
    if keep and nlp:
        report.table_sizes.update({t.name: pq.read_metadata(out_dir / f"{t.name}.parquet").num_rows
                                   for t in NLP_TABLES})
    return report


def unique_article_ids(files: list[str]) -> dict[str, str]:
    """Each file's ``article_id``: its path without the extension, or with it when two files would share an id."""
    ids = {file: ingest.article_id_of(file) for file in files}
    taken: dict[str, int] = {}
    for article_id in ids.values():
        taken[article_id] = taken.get(article_id, 0) + 1
    return {file: (file if taken[article_id] > 1 else article_id) for file, article_id in ids.items()}


def stage_tables_exist(out_dir: Path, name: str = "sentences") -> bool:
    """True when the published set in ``out_dir`` has the table ``name``."""
    return (current_set(out_dir) / f"{name}.parquet").exists()


def _frame(rows: list[dict] | pd.DataFrame, table: Table, extra_columns: list[str] | None = None) -> pd.DataFrame:
    """Rows (dicts or a frame) as a table with the schema's columns, in the schema's row order."""
    columns = table.column_names + (extra_columns or [])
    frame = rows[columns] if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=columns)
    if frame.empty:  # no rows to infer types from: take them from the schema, so an empty table reads back typed
        frame = frame.astype({c.name: EMPTY_DTYPES[c.dtype] for c in table.columns})
        frame = frame.astype({c: object for c in extra_columns or []})
    return frame.sort_values(list(table.sort_by), kind="stable").reset_index(drop=True)


EMPTY_DTYPES = {"string": object, "int": "int64", "float": "float64", "bool": bool, "date": "datetime64[s]"}






