"""Score the entity rules and source types against the hand-judged allsides samples in tests/gold/.

``tests/gold/entities_allsides.csv``: mentions judged for their canonical name and type;
``tests/gold/source_types_allsides.csv``: attributed quotes judged for the speaker's source type and gender
(``split`` dev: read while tuning, in sample; test: judged after the rules were frozen, then read again when
the attribution changed; test2: drawn fresh from other articles with the rules frozen, judged once).
``tests/gold/*_allsides_test3.csv``: a third fresh sample judged blind, the quotes for their true speaker
(``gold_speaker``) and its type. See ``tests/gold/entities_allsides.md`` for how they were drawn and judged.
Prints accuracy with Wilson 95 % intervals (scipy). Rebuilds the held-out, fresh and fresh2 parts' tables with
the current code.

    .venv/bin/python benchmarks/score_gold.py [--work /tmp/entity-bench]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from scipy.stats import binomtest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entity_sets import prepared  # noqa: E402

from helpers.config import GOLD_DIR  # noqa: E402
from helpers.framing.evaluation import same_speaker  # noqa: E402
from helpers.framing.tables import quote_rows  # noqa: E402
from helpers.nlp.entities import AliasTable  # noqa: E402
from helpers.nlp.tables import mention_tables  # noqa: E402


def wilson(k: int, n: int) -> str:
    if n == 0:
        return "n = 0"
    low, high = binomtest(k, n).proportion_ci(method="wilson")
    return f"{k}/{n} = {k / n:.1%} (95 % CI {low:.1%}–{high:.1%})"


SPLITS = {"dev": "in sample: read while the rules were tuned",
          "test": "held out, but read again while re-judging (2026-11-22)",
          "test2": "fresh: drawn and judged with the rules frozen",
          "test3": "fresh, judged blind on main 3e1319b; no rule tuned on it"}


def score_mentions(gold: pd.DataFrame, mentions: pd.DataFrame) -> None:
    for split, part in gold.groupby("split", sort=False):
        gone = part["start_char"] < 0
        print(f"mentions ({split}, {SPLITS.get(split, '')}; {len(part)} judged, {gone.sum()} no longer in the "
              "cleaned text):")
        _score_mentions(part[~gone], mentions)


def _score_mentions(gold: pd.DataFrame, mentions: pd.DataFrame) -> None:
    found = mentions.set_index(["article_id", "start_char"])
    name_ok = type_ok = both = 0
    for row in gold.itertuples():
        key = (row.article_id, row.start_char)
        hit = found.loc[[key]].iloc[0] if key in found.index else None
        entity, kind = ("", "") if hit is None else (hit["entity"], hit["entity_type"])
        names = set(str(row.gold_entity).split("|"))
        n_ok, t_ok = entity in names, kind == (row.gold_type or "")
        name_ok += n_ok
        type_ok += t_ok
        both += n_ok and t_ok
    print("   name right", wilson(name_ok, len(gold)))
    print("   type right", wilson(type_ok, len(gold)))
    print("   both right", wilson(both, len(gold)))


def _current(row, quotes: pd.DataFrame) -> pd.Series | None:
    """The current quote of the judged one: same start and kind, else the largest overlap with the judged span in
    the same article (quote boundaries move when the quote rules change); None when no quote overlaps it."""
    found = quotes[(quotes["article_id"] == row.article_id) & (quotes["start_char"] < row.end_char)
                   & (quotes["end_char"] > row.start_char)]
    if found.empty:
        return None
    same = found[(found["start_char"] == row.start_char) & (found["kind"] == row.kind)]
    if len(same):
        return same.iloc[0]
    overlap = found["end_char"].clip(upper=row.end_char) - found["start_char"].clip(lower=row.start_char)
    return found.loc[overlap.idxmax()]


def score_types(gold: pd.DataFrame, quotes: pd.DataFrame) -> None:
    for split, part in gold.groupby("split", sort=False):
        rows, gone = [], 0
        for row in part.itertuples():
            hit = _current(row, quotes)
            if hit is None:
                gone += 1
                continue
            if hit["speaker"] != row.speaker or not row.speaker and hit["speaker_text"] != row.speaker_text:
                continue  # attributed differently since it was judged: the judgement no longer applies
            rows.append((hit["speaker_type"] == row.gold_type, row.gold_gender, hit["speaker_gender"]))
        k = sum(r[0] for r in rows)
        rejudged = (part["rejudged"] == "yes").sum()
        print(f"source types ({split}, {SPLITS.get(split, '')}; {len(part)} judged, {rejudged} of them re-judged after "
              f"the attribution changed; {gone} no longer quotes; {len(rows)} attributed as judged):",
              wilson(k, len(rows)))
        _score_gender([(g, s) for _, g, s in rows])


def _score_gender(pairs: list[tuple[str, str]]) -> None:
    """Print how many judged people (gold gender not empty) the suite decides, and how many of those are right."""
    people = [(g, s) for g, s in pairs if g]
    decided = [(g, s) for g, s in people if s in ("female", "male")]
    print(f"   gender of people quoted: decided for {len(decided)} of {len(people)}; right when decided:",
          wilson(sum(g == s for g, s in decided), len(decided)))


def score_speakers(gold: pd.DataFrame, quotes: pd.DataFrame) -> None:
    """Quotes judged for their true speaker (``gold_speaker``, alternatives with ``|``; empty for a span that is no
    quote) and its type: speaker right (canonical names compared as :func:`same_speaker` does; the suite's
    ``speaker``, else its ``speaker_text``), type right among the right speakers, type right end to end, gender."""
    for split, part in gold.groupby("split", sort=False):
        rows, gone = [], 0
        for row in part.itertuples():
            hit = _current(row, quotes)
            if hit is None:
                gone += 1
                continue
            found = hit["speaker"] or hit["speaker_text"]
            right = any(same_speaker(name, found) for name in row.gold_speaker.split("|") if name)
            rows.append((right, hit["speaker_type"] == row.gold_type, row.gold_gender, hit["speaker_gender"]))
        right = [r for r in rows if r[0]]
        print(f"quotes ({split}, {SPLITS.get(split, '')}; {len(part)} judged, {(part['gold_speaker'] == '').sum()} "
              f"of them no quote; {gone} no longer quotes; {len(rows)} scored):")
        print("   speaker right", wilson(len(right), len(rows)))
        print("   source type right when the speaker is right", wilson(sum(r[1] for r in right), len(right)))
        print("   source type right end to end", wilson(sum(r[1] for r in rows), len(rows)))
        _score_gender([(g, s) for _, _, g, s in right])


def _tables(part: str, work: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions and quotes of one part of :mod:`entity_sets` (dev and test rows: held-out; test2: fresh; test3:
    fresh2)."""
    articles, parsed = prepared(part, work=work)
    mentions, _ = mention_tables(parsed, list(articles["article_id"]), AliasTable.for_corpus(None))
    return mentions, quote_rows(parsed.docs(), mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/entity-bench"))
    args = parser.parse_args()
    tables = [_tables(part, args.work) for part in ("held-out", "fresh", "fresh2")]
    mentions, quotes = (pd.concat([t[k] for t in tables], ignore_index=True) for k in (0, 1))
    read = {"keep_default_na": False, "dtype": {"start_char": int, "end_char": int}}
    score_mentions(pd.concat([pd.read_csv(GOLD_DIR / name, **read) for name in
                              ("entities_allsides.csv", "entities_allsides_test3.csv")], ignore_index=True), mentions)
    score_types(pd.read_csv(GOLD_DIR / "source_types_allsides.csv", **read), quotes)
    score_speakers(pd.read_csv(GOLD_DIR / "source_types_allsides_test3.csv", **read), quotes)


if __name__ == "__main__":
    main()
