"""Every path, environment variable and threshold of the suite, in one place.

The notebooks' prose and ``docs/methods.md`` cite these numbers; a test checks
that they agree (``tests/test_config.py``), and :func:`thresholds_table` lists
them for the methods page of the report. Change a threshold here and every
stage that uses it, and the build's fingerprints, follow.

Paths: the example corpus is ``data/raw`` → ``data/processed``; any other
corpus folder gets its own ``data/processed/corpora/<name>-<hash>`` so the
example's tables are never overwritten. Arguments win over environment
variables, which win over the defaults.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

# --- environment variables -----------------------------------------------------------------------

CORPUS_ENV = "NEWSCOMPARE_CORPUS"  # the corpus folder (default: data/raw, the example corpus)
PROCESSED_ENV = "NEWSCOMPARE_PROCESSED"  # where its tables go (default: see resolve_dirs)
GROUP_ENV = "NEWSCOMPARE_GROUP_BY"  # the articles column to compare groups by
DEFAULT_GROUP_BY = "outlet"
UNKNOWN_GROUP = "(unknown)"  # the group of an article whose grouping column is empty


# --- paths -------------------------------------------------------------------------------------


def repo_root() -> Path:
    """The project folder: the nearest parent of this package with ``data/raw``, else the working folder."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").exists():
            return parent
    return Path.cwd()


ROOT = repo_root()
DATA_DIR = ROOT / "data"
EXAMPLE_CORPUS = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
LEXICONS_DIR = DATA_DIR / "lexicons"
CAPTION_VERBS_LEXICON = LEXICONS_DIR / "caption_verbs.csv"  # verbs of what a photo shows (cleaning)
ALIASES_FILE = DATA_DIR / "aliases.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
BUILD_DIR = ROOT / "build"
STUDENT_DIR = ROOT / "student"
METHODS_FILE = ROOT / "docs" / "methods.md"
GOLD_DIR = ROOT / "tests" / "gold"  # hand-annotated gold sets: read by tests and evaluation cells only
PACKAGE_DATA = Path(__file__).resolve().parent / "nlp" / "data"
COUNTRY_OUTLINES = PACKAGE_DATA / "countries-110m.json"


def example_corpus_dir() -> Path:
    return EXAMPLE_CORPUS


def is_example_corpus(raw_dir: str | Path | None) -> bool:
    """Whether ``raw_dir`` (None: the default from the environment) is the example corpus."""
    return resolve_dirs(raw_dir)[0] == EXAMPLE_CORPUS.resolve()


def corpus_slug(raw_dir: str | Path) -> str:
    """A folder name for another corpus: its folder's name and a digest of its full path (two folders both
    called ``corpus`` stay apart)."""
    raw = Path(raw_dir).expanduser().resolve()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", raw.name).strip("-") or "corpus"
    return f"{slug}-{hashlib.sha256(str(raw).encode()).hexdigest()[:8]}"


def report_dir(raw_dir: str | Path | None = None) -> Path:
    """Where the report of the corpus in ``raw_dir`` goes: ``reports/`` for the example, ``reports/<slug>/``
    for any other corpus, so another corpus never overwrites the example's report."""
    raw = resolve_dirs(raw_dir)[0]
    return REPORTS_DIR if is_example_corpus(raw) else REPORTS_DIR / corpus_slug(raw)


def resolve_dirs(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """The corpus folder and the processed folder to use (see the module docstring for the order)."""
    raw = Path(raw_dir or os.environ.get(CORPUS_ENV) or EXAMPLE_CORPUS).expanduser().resolve()
    out = out_dir or os.environ.get(PROCESSED_ENV)
    if out:
        return raw, Path(out).expanduser().resolve()
    if raw == EXAMPLE_CORPUS.resolve():
        return raw, PROCESSED_DIR
    return raw, PROCESSED_DIR / "corpora" / corpus_slug(raw)


def display_path(path: Path) -> str:
    """``path`` relative to the project folder when inside it (stable in notebook outputs)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --- thresholds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """A documented number: where it is used and why it has this value."""

    name: str
    value: object
    stage: str
    meaning: str


_THRESHOLDS: list[Threshold] = []


def _documented(name: str, value, stage: str, meaning: str):
    _THRESHOLDS.append(Threshold(name, value, stage, meaning))
    return value


# Input limits
MAX_FILE_BYTES = _documented("MAX_FILE_BYTES", 20_000_000, "ingest",
                             "A file larger than this (20 MB) is not one article: it is reported and never read.")
PARSE_CHUNK_CHARS = _documented("PARSE_CHUNK_CHARS", 100_000, "parse",
                                "Texts longer than this are parsed paragraph by paragraph in chunks of at most "
                                "this many characters (spaCy refuses texts over 1,000,000).")

# Cleaning
MAX_HEADLINE_WORDS = _documented("MAX_HEADLINE_WORDS", 25, "cleaning",
                                 "A first line this short, without final punctuation and not opening with a "
                                 "dateline, is the headline.")
MAX_SUBHEADING_WORDS = _documented("MAX_SUBHEADING_WORDS", 10, "cleaning",
                                   "An unpunctuated block of at most this many words inside the body is a subheading.")
MAX_CAPTION_WORDS = _documented("MAX_CAPTION_WORDS", 60, "cleaning",
                                "A caption (photo credit, or one present-tense clause of what a photo shows) "
                                "is at most this long.")
HTML_MIN_BODY_WORDS = _documented("HTML_MIN_BODY_WORDS", 50, "cleaning",
                                  "When trafilatura keeps fewer words of a page than this, its recall mode and then "
                                  "jusText are tried; one is used when it keeps this many words and at least twice "
                                  "as many as trafilatura.")

# Dates: how far a date may be off, by its precision ("2017-06" could be any day of June).
DATE_SLACK_DAYS = _documented("DATE_SLACK_DAYS", {"": 0, "day": 0, "approximate": 1, "month": 31, "year": 366},
                              "stories, reuse", "Days a date may be off, by its `date_precision`; a precision "
                              "the suite does not know counts as approximate.")


def date_slack(precision) -> int:
    """Days a date of this precision may be off (:data:`DATE_SLACK_DAYS`; unknown: approximate)."""
    if precision is None or (isinstance(precision, float) and precision != precision):
        precision = ""
    return DATE_SLACK_DAYS.get(str(precision), DATE_SLACK_DAYS["approximate"])


# Comparisons between groups
MIN_GROUP_ARTICLES = _documented("MIN_GROUP_ARTICLES", 5, "findings",
                                 "A group with fewer articles is reported as too few articles to compare.")

# Readability
MIN_RELIABLE_WORDS = _documented("MIN_RELIABLE_WORDS", 100, "overview",
                                 "Readability scores of shorter texts are flagged as unreliable.")
MIN_SMOG_SENTENCES = _documented("MIN_SMOG_SENTENCES", 30, "overview",
                                 "SMOG needs this many sentences; it is left empty below.")

# Coverage: stories and facts
STORY_SIMILARITY = _documented("STORY_SIMILARITY", 0.2, "stories",
                               "Mean score (text similarity × time factor) two groups of articles need to merge "
                               "into one story (average linkage).")
UNDATED_STORY_SIMILARITY = _documented("UNDATED_STORY_SIMILARITY", 0.25, "stories",
                                       "Text similarity an undated pair needs to count as much as a same-day pair "
                                       "at STORY_SIMILARITY.")
STORY_TIME_SIGMA_DAYS = _documented("STORY_TIME_SIGMA_DAYS", 3.0, "stories",
                                    "Time factor exp(-gap²/2σ²): σ in days, the gap beyond the dates' slack.")
STORY_WINDOW_DAYS = _documented("STORY_WINDOW_DAYS", 7, "stories",
                                "Two articles of one story are at most this many days apart (plus date slack).")
STORY_LEAD_SENTENCES = _documented("STORY_LEAD_SENTENCES", 3, "stories",
                                   "The lead compared with the headline: the body's first sentences (Lead-3, the "
                                   "standard summary of a news article).")
STORY_NEIGHBOURS = _documented("STORY_NEIGHBOURS", 30, "stories",
                               "Best-scoring neighbours each article keeps in the sparse graph of pairs.")
STORY_LINK_FLOOR = _documented("STORY_LINK_FLOOR", 0.1, "stories",
                               "Pairs scoring below this count as 0 in the story averages (not kept as links).")
FACT_SIMILARITY = _documented("FACT_SIMILARITY", 0.2, "facts",
                              "Mean TF-IDF cosine (lemmas, entities, numbers) between the sentences of two groups "
                              "of sentences that merge into one fact (average linkage).")
FACT_LINK_FLOOR = _documented("FACT_LINK_FLOOR", 0.05, "facts",
                              "Sentence pairs with a lower cosine count as 0 in the fact averages.")

# Entities and people
CORPUS_TYPE_WEIGHT = _documented("CORPUS_TYPE_WEIGHT", 3.0, "entities",
                                 "An entity's type in one article adds its type shares over the whole corpus with "
                                 "this weight (in mention votes): one ORG label does not make Donald Trump an "
                                 "organisation.")
NAME_DOMINANCE = _documented("NAME_DOMINANCE", 0.9, "entities",
                             "A short form with several full names in the corpus links to the one named in at least "
                             "this share of the articles that name any of them in full (\"Trump\" → Donald Trump).")
PRONOUN_WINDOW_SENTENCES = _documented("PRONOUN_WINDOW_SENTENCES", 1, "people",
                                       "A he/she counts for a person only when that person is the one person named "
                                       "in its sentence before it, or in this many sentences before.")

# Quotes
MIN_QUOTE_WORDS = _documented("MIN_QUOTE_WORDS", 4, "quotes",
                              "A quoted span shorter than this counts only inside a reporting verb's clause or "
                              "within 8 tokens after the verb; otherwise it is a scare quote.")
CUE_WINDOW_TOKENS = _documented("CUE_WINDOW_TOKENS", 8, "quotes",
                                "A short quote this many tokens or fewer after its reporting verb is attributed.")
QUOTED_CLAUSE_SHARE = _documented("QUOTED_CLAUSE_SHARE", 0.9, "quotes",
                                  "A reported clause this much inside quotation marks (share of its letters) is a "
                                  "direct quote; with fewer quoted letters it is a mixed quote.")
SPLIT_QUOTE_GAP_WORDS = _documented("SPLIT_QUOTE_GAP_WORDS", 30, "quotes",
                                    "Two quotes of one cue in a paragraph with at most this many words of attribution "
                                    "between them are one split quote (“A,” she said, “B.”).")

# Wording
LOG_ODDS_PRIOR_TOTAL = _documented("LOG_ODDS_PRIOR_TOTAL", 500.0, "wording",
                                   "Pseudo-counts of the informative Dirichlet prior of the weighted log-odds.")
LOG_ODDS_MIN_COUNT = _documented("LOG_ODDS_MIN_COUNT", 2, "wording",
                                 "Words seen fewer times in the corpus are left out of distinctive words.")
Z_SIGNIFICANT = _documented("Z_SIGNIFICANT", 1.96, "wording",
                            "|z| above this is a distinctive word at the 5 % level (uncorrected).")
SPELLING_SIMILARITY = _documented("SPELLING_SIMILARITY", 0.7, "wording",
                                  "difflib ratio above which two spellings of one name are variants.")

# Framing
HEADLINE_TOP_SENTENCES = _documented("HEADLINE_TOP_SENTENCES", 2, "framing",
                                     "Body sentences compared with the headline (those sharing the most lemmas).")
HEADLINE_MIN_SIMILARITY = _documented("HEADLINE_MIN_SIMILARITY", 0.1, "framing",
                                      "Jaccard of content lemmas a body sentence needs to match the headline.")
TONE_NEUTRAL_BAND = _documented("TONE_NEUTRAL_BAND", 0.05, "framing",
                                "VADER compound scores within ± this are neutral (Hutto & Gilbert's cut-off).")

# Text reuse
SHINGLE_SIZE = _documented("SHINGLE_SIZE", 5, "reuse", "Words per shingle for containment (passim's n-gram size).")
SEED_SIZE = _documented("SEED_SIZE", 4, "reuse", "Words two texts must share exactly to start a passage.")
MAX_GAP = _documented("MAX_GAP", 4, "reuse", "Words each side may change, insert or drop inside a passage.")
MIN_PASSAGE_WORDS = _documented("MIN_PASSAGE_WORDS", 8, "reuse",
                                "Shorter shared runs are set phrases, not reuse.")
WHOLLY_DERIVED = _documented("WHOLLY_DERIVED", 0.8, "reuse",
                             "Share of an article's words shared with its source from which it is wholly derived.")
PARTIALLY_DERIVED = _documented("PARTIALLY_DERIVED", 0.2, "reuse",
                                "Share from which an article is partially derived (METER).")
REUSE_SCREEN = _documented("REUSE_SCREEN", 0.05, "reuse",
                           "Pairs below this containment both ways are not aligned.")
LSH_MIN_ARTICLES = _documented("LSH_MIN_ARTICLES", 300, "reuse",
                               "From this many articles on, candidate pairs come from MinHash LSH.")
NUM_PERM = _documented("NUM_PERM", 64, "reuse", "MinHash signature length.")
LSH_BANDS = _documented("LSH_BANDS", 16, "reuse", "LSH bands (4 rows each: Jaccard threshold about 0.5).")
CHUNK_SHINGLES = _documented("CHUNK_SHINGLES", 20, "reuse",
                             "Paragraphs are merged into chunks of at least this many shingles for LSH.")
MAX_BUCKET = _documented("MAX_BUCKET", 50, "reuse", "An LSH bucket shared by more texts is boilerplate, not reuse.")


# Presentation: pages that stay small at any corpus size
EVIDENCE_ROWS = _documented("EVIDENCE_ROWS", 200, "presentation",
                            "An evidence table shows at most this many rows (sorted); the full table is written as "
                            "CSV beside the notebook and the report page, and linked from it.")
EVIDENCE_FOLDER = "evidence"  # the folder, beside the notebook and in the report, that holds the full CSV tables
TABLE_MAX_BYTES = _documented("TABLE_MAX_BYTES", "64KB", "presentation",
                              "An interactive table (itables) embeds at most this much data; a larger DataFrame is "
                              "shown down-sampled, with a note saying so.")
CHART_MAX_POINTS = _documented("CHART_MAX_POINTS", 1500, "presentation",
                               "A chart draws one point per item up to this many points per group; a larger group is "
                               "drawn as a distribution (box plot or histogram) instead.")
CHART_MAX_ROWS = _documented("CHART_MAX_ROWS", 60, "presentation",
                             "A chart with one row or bar per article (frames, certainty, spelling, cleaning) "
                             "shows one per group, or the articles that stand out most, above this many articles.")
CLEANING_VIEW_ARTICLES = _documented("CLEANING_VIEW_ARTICLES", 20, "presentation",
                                     "The cleaning page shows raw beside cleaned text for at most this many "
                                     "articles (those with the most words removed); removed.csv holds every block.")

# Findings: statistics over articles (MIN_GROUP_ARTICLES above)
BOOTSTRAP_RESAMPLES = _documented("BOOTSTRAP_RESAMPLES", 999, "findings",
                                  "Article-level bootstrap resamples behind each 95 % interval (percentile method).")
PERMUTATIONS = _documented("PERMUTATIONS", 999, "findings",
                           "Label shuffles of each permutation test (exact when the data allow fewer).")
FINDINGS_SEED = _documented("FINDINGS_SEED", 20150, "findings",
                            "Seed of every bootstrap and permutation, so the findings are the same on every run.")
FINDINGS_LEVEL = _documented("FINDINGS_LEVEL", 0.95, "findings", "Confidence level of the intervals.")
FINDINGS_ALPHA = _documented("FINDINGS_ALPHA", 0.05, "findings",
                             "A comparison with q (Benjamini-Hochberg across the notebook) below this is "
                             "\"larger than chance\", else \"within noise\".")
FINDINGS_TOP = _documented("FINDINGS_TOP", 3, "findings",
                           "Actors, names, source types, verb classes and frames compared per notebook (the most "
                           "frequent in the corpus).")


def thresholds_table():
    """Every documented threshold: name, value, stage and meaning (for the methods page)."""
    import pandas as pd

    return pd.DataFrame([t.__dict__ for t in _THRESHOLDS])
