"""Benchmark: entity rules, name linking, source types and gender on real articles (allsides-5k).

Prints, for the development part (300 articles the rules were tuned on: in sample) and the held-out part
(300 other articles, never looked at while tuning), the figures the entity issue is judged by:

* PERSON/ORG-labelled mentions typed as places (target ≤ 1 %), with the most frequent;
* articles holding one person under a short and a full name, or two spellings of a full name (≤ 2 %);
* agency or outlet credits after a dateline ("Washington (CNN)") typed as places (target 0);
* spans dropped as no name, by rule, and short forms left ambiguous;
* attributed quotes typed "other" (≤ 20 %), speakers with more than one type in one article (target 0),
  the source-type and gender distributions of attributed quotes.

The articles are read in place from ../shared/corpora/allsides-5k (see ``entity_sets.py`` for the parts),
cleaned and parsed once into ``--work`` (kept between runs). Asserts nothing.

    .venv/bin/python benchmarks/bench_entities.py [--part dev|held-out|both] [--work /tmp/entity-bench]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entity_sets import prepared  # noqa: E402

from helpers.framing.tables import quote_rows  # noqa: E402
from helpers.nlp import gazetteer, names  # noqa: E402
from helpers.nlp.entities import AliasTable  # noqa: E402
from helpers.nlp.tables import mention_tables  # noqa: E402

# A paragraph that opens with a dateline: up to six capitalised words (one of them a place the gazetteer
# knows), then a credit in parentheses that is one or two capitalised words ("(AP)", "(CNN)", "(Reuters)").
CREDIT = re.compile(r"^[\"“']?([A-Z][\w.’'-]*(?:[ ,]+[A-Z][\w.’'-]*){0,5})[ ,]*"
                    r"\(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\)", re.MULTILINE)


def split_articles(mentions: pd.DataFrame) -> pd.DataFrame:
    """Articles holding a person under two names: a short form (typed person or labelled PERSON at least once)
    with exactly one full name of a person in the article that ends with it, or two spellings of one full
    name (:func:`helpers.nlp.names.variant_links`: "George Bush" beside both "George W. Bush" and "George
    H. W. Bush" is ambiguous, not split)."""
    rows = []
    for article_id, part in mentions.groupby("article_id"):
        full = sorted({e for e in part.loc[part["entity_type"] == "person", "entity"] if names.is_full_name(e)})
        found = list(names.variant_links(Counter(full)).items())
        personal = part[(part["entity_type"] == "person") | (part["label"] == "PERSON")]
        for short in sorted(set(personal["entity"]) - set(full)):
            words = names.name_words(short)
            matching = [f for f in full if 1 <= len(words) <= 2 and names.ends_with(names.name_words(f), words)]
            if len(matching) == 1:
                found.append((short, matching[0]))
        rows += [{"article_id": article_id, "short": a, "full": b} for a, b in found]
    return pd.DataFrame(rows, columns=["article_id", "short", "full"])


def credits(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every "PLACE (Credit)" at a paragraph's start, with the mention typed there (if any)."""
    rows = []
    by_article = dict(tuple(mentions.groupby("article_id")))
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        part = by_article.get(article_id, mentions.iloc[:0])
        for match in CREDIT.finditer(text):
            if not any(gazetteer.is_place(p.strip(" .")) for p in match[1].split(",")):
                continue
            start, end = match.span(2)
            inside = part[(part["start_char"] < end) & (part["end_char"] > start)]
            rows.append({"article_id": article_id, "credit": match[2],
                         "types": ",".join(sorted(set(inside["entity_type"]))) or "(no mention)"})
    return pd.DataFrame(rows, columns=["article_id", "credit", "types"])


def report(part: str, work: Path) -> None:
    started = time.perf_counter()
    articles, parsed = prepared(part, work=work)
    ids = list(articles["article_id"])
    mentions, dropped = mention_tables(parsed, ids, AliasTable.for_corpus(None))
    labelled = mentions[mentions["label"].isin(["PERSON", "ORG"])]
    as_places = labelled[labelled["entity_type"] == "place"]
    splits = split_articles(mentions)
    credit = credits(articles, mentions)
    quotes = quote_rows(parsed.docs(), mentions)
    seconds = time.perf_counter() - started
    print(f"\n=== {part}: {len(articles)} articles, {len(mentions):,} mentions, {len(quotes):,} quotes "
          f"({seconds:.0f} s) ===")
    print(f"PERSON/ORG-labelled mentions typed as places: {len(as_places)} of {len(labelled):,} "
          f"= {len(as_places) / max(1, len(labelled)):.2%} (target ≤ 1 %)")
    print("   most frequent:", ", ".join(f"{t} ({n})" for t, n in as_places["text"].value_counts().head(8).items()))
    n_split = splits["article_id"].nunique()
    print(f"articles holding a person split into two names: {n_split} of {len(articles)} "
          f"= {n_split / len(articles):.2%} (target ≤ 2 %)")
    for row in splits.drop_duplicates(["short", "full"]).head(8).itertuples():
        print(f"   {row.article_id}: {row.short!r} / {row.full!r}")
    placed = credit[credit["types"].str.contains("place")]
    print(f"dateline credits: {len(credit)}; typed as places: {len(placed)} (target 0); "
          f"types: {dict(credit['types'].value_counts())}")
    print(f"spans dropped as no name: {len(dropped)}; by rule: {dict(dropped['rule'].value_counts())}")
    for rule, group in dropped.groupby("rule"):
        print(f"   {rule}: " + ", ".join(repr(t) for t in group["text"].value_counts().head(6).index))
    ambiguous = mentions[mentions["rule"] == "ambiguous short name"]
    print(f"mentions left as ambiguous short names: {len(ambiguous)} ({ambiguous['entity'].nunique()} names: "
          + ", ".join(ambiguous["entity"].value_counts().head(8).index) + ")")
    print("rules:", dict(mentions["rule"].value_counts()))
    attributed = quotes[(quotes["speaker"] != "") | (quotes["speaker_text"] != "")]
    other = (attributed["speaker_type"] == "other").mean() if len(attributed) else float("nan")
    named = quotes[quotes["speaker"] != ""]
    several = named.groupby(["article_id", "speaker"])["speaker_type"].nunique()
    print(f"attributed quotes: {len(attributed)}; typed 'other': {other:.1%} (target ≤ 20 %); speakers with more "
          f"than one type in one article: {int((several > 1).sum())} of {len(several)} (target 0)")
    print("   source types:", dict(attributed["speaker_type"].value_counts()))
    if "speaker_gender" in quotes.columns:
        people = attributed[attributed["speaker_gender"] != ""]
        print("   speaker gender (quotes by people):", dict(people["speaker_gender"].value_counts()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument("--work", type=Path, default=Path("/tmp/entity-bench"))
    args = parser.parse_args()
    for part in (["dev", "held-out"] if args.part == "both" else [args.part]):
        report(part, args.work)


if __name__ == "__main__":
    main()
