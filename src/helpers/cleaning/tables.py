"""The cleaning stage: each raw file cleaned once (cached by content hash and cleaner version) into the
rows of the articles, paragraphs and removed tables."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import py3langid

from helpers import fingerprint, text
from helpers.cleaning import clean, ingest
from helpers.cleaning.manifest import (
    MANIFEST_ONLY_COLUMNS,
    STANDARD_COLUMNS,
    checked_precision,
    implausible,
    parse_date,
)
from helpers.config import CAPTION_VERBS_LEXICON
from helpers.storage import atomic_path

CACHE_DIR = ".cache/clean"


def cleaner_version() -> str:
    """Fingerprint of the code and library versions that produce cleaned text.

    Part of every cache key, so that changing a rule (or any module the cleaner imports) re-cleans every file.
    """
    return fingerprint.digest(modules=[clean.__name__, ingest.__name__, __name__], files=[CAPTION_VERBS_LEXICON],
                              packages=("trafilatura", "justext", "lxml", "py3langid"))[:16]


def article_row(raw: ingest.RawFile, row: dict | None, cleaned: dict, manifest, *,
                article_id: str) -> tuple[dict, list[str]]:
    """One ``articles`` row (manifest values first, then what the page itself says) and the problems met."""
    row = row or {}
    found = cleaned["metadata"]
    sources = {}
    values = {column: row.get(column, "") for column in STANDARD_COLUMNS}
    for column, page_value in (("outlet", found.get("outlet", "")), ("url", found.get("url", "")),
                               ("headline", cleaned["headline"]), ("published", found.get("published", ""))):
        if values[column]:
            sources[column] = "manifest"
        elif page_value:
            values[column] = page_value
            sources[column] = "page" if cleaned["format"] == "html" or column != "headline" else "text"
    if cleaned["dateline"]:
        sources["dateline"] = "text"

    problems = []
    published, precision = None, values["date_precision"]
    if values["published"]:
        where = "manifest.csv, column published" if sources.get("published") == "manifest" else "the page"
        try:
            published, parsed_precision = parse_date(values["published"])
        except ValueError as err:
            problems.append(f"{err} in {where}; left empty")
            precision = ""
        else:
            precision, problem = checked_precision(precision, parsed_precision)
            problems += [f"{problem} (manifest.csv, column date_precision)"] if problem else []
            problems += [f"{implausible(published)} ({where})"] if implausible(published) else []
    elif precision:
        problems.append(f"date_precision {precision!r} without a date; ignored")
    body = clean.body_text(cleaned["paragraphs"])
    article = {
        **values,
        # Extra manifest columns: text, empty (not missing) for a file the manifest does not list.
        **{key: row.get(key, "") for key in ([] if manifest is None else manifest.columns)
           if key not in MANIFEST_ONLY_COLUMNS},
        "article_id": article_id,
        "file": raw.file,
        "published": published,
        "date_precision": precision if published else "",
        "dateline": cleaned["dateline"],
        "text": body,
        "n_words": text.count_words(body),
        "n_paragraphs": sum(p["kind"] == clean.BODY for p in cleaned["paragraphs"]),
        "n_removed": len(cleaned["removed"]),
        "language": cleaned["language"],
        "format": cleaned["format"],
        "encoding": cleaned["encoding"],
        "n_bytes": raw.n_bytes,
        "sha256": raw.sha256,
        "metadata_source": "; ".join(f"{k}={v}" for k, v in sorted(sources.items())),
    }
    return article, problems


class CleanCache:
    """Cleaned articles on disk, keyed by the raw bytes' hash and the cleaner's version."""

    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = version
        self.used: set[str] = set()
        # Entries from earlier builds: a file is "unchanged" only when its entry was there before this build.
        self.earlier = {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()

    def cleaned(self, raw: ingest.RawFile, row: dict) -> tuple[dict, bool]:
        """The cleaned article as a dict (or ``{"error": reason}``) and whether it was cleaned now."""
        key, hints = self.key(raw, row)
        self.used.add(key)
        found = self.cached(key)
        if found is not None:
            return found, key not in self.earlier
        result = clean_raw(raw, **hints)
        self.store(key, result)
        return result, True

    def key(self, raw: ingest.RawFile, row: dict) -> tuple[str, dict]:
        """The cache key of a raw file and the hints (from its manifest row) its cleaning takes."""
        hints = {"encoding": row.get("encoding", ""), "headline": row.get("headline", ""),
                 "filename": "article" + Path(raw.file).suffix.lower()}
        return hashlib.sha256(json.dumps([raw.sha256, self.version, hints]).encode()).hexdigest()[:32], hints

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}.json").exists()

    def cached(self, key: str) -> dict | None:
        """The entry ``key``, or None when there is none (a damaged entry counts as none: it is rebuilt)."""
        path = self.folder / f"{key}.json"
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
        return None

    def store(self, key: str, result: dict) -> None:
        with atomic_path(self.folder / f"{key}.json") as temp:
            temp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)


def clean_raw(raw: ingest.RawFile, encoding: str = "", headline: str = "", filename: str = "") -> dict:
    """One raw file cleaned: paragraphs, removed blocks, headline, dateline, metadata and language (JSON-able),
    or ``{"error": reason}`` when it cannot be decoded."""
    try:
        decoded = ingest.decode_bytes(raw.data, declared=encoding or None, filename=filename)
        article = clean.clean_article(decoded.text, decoded.format, known_headline=headline)
    except ingest.IngestError as err:
        return {"error": str(err)}
    normalized_raw = text.normalize_text(decoded.text, unescape=decoded.format != "html")
    removed = []
    for block in article.removed:
        offset = normalized_raw.find(block.text.split("\n", 1)[0])
        removed.append({"rule": block.rule, "text": block.text, "raw_offset": offset})
    removed.sort(key=lambda r: (r["raw_offset"] < 0, r["raw_offset"]))
    language, _ = py3langid.classify(article.text)
    return {
        "format": decoded.format,
        "encoding": decoded.encoding,
        "paragraphs": [{"kind": p.kind, "rule": p.rule, "text": p.text} for p in article.paragraphs],
        "removed": removed,
        "headline": article.headline,
        "dateline": article.dateline,
        "metadata": article.metadata,
        "language": language,
    }
