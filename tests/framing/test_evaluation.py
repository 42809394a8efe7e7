"""The Gender Gap Tracker's scoring conventions: characters covered, lenient and strict, one to one, speakers."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.config import GOLD_DIR, repo_root
from helpers.framing import evaluation
from helpers.framing.evaluation import ggt_matches, ggt_table, last_name, load_gold, locate, same_phrase, score_ggt

TEXT = ('Tlaib called it "irresponsible" and "wrong."\n\n"It failed twice, and for whatever reason it still failed '
        'but was still pushed through," said Rashida Tlaib.')


def found_rows(*spans, speakers=None, written=None):
    n = len(spans)
    return pd.DataFrame({"article_id": ["a"] * n, "quote": [TEXT[s:e] for s, e in spans],
                         "start_char": [s for s, _ in spans], "end_char": [e for _, e in spans],
                         "kind": ["direct"] * n, "speaker": speakers or ["Rashida Tlaib"] * n,
                         "speaker_text": written or ["Tlaib"] * n})


GOLD = pd.DataFrame({"article_id": ["a", "a"], "kind": ["mixed", "direct"],
                     "quote": ['it "irresponsible" and "wrong."', "It failed twice, and for whatever reason it "
                               "still failed but was still pushed through,"],
                     "speaker_text": ["Tlaib", "Rashida Tlaib"], "speaker": ["Rashida Tlaib", "Rashida Tlaib"]})


def test_a_gold_quote_copied_from_glued_raw_text_is_found_in_the_cleaned_text():
    cleaned = "He could not win. However, Bloomberg has already taken steps toward a campaign."
    assert locate(["win.However, Bloomberg has"], cleaned) == [(cleaned.index("win."), cleaned.index(" has") + 4)]


def test_gold_quotes_are_located_whitespace_insensitively_in_reading_order():
    spans = locate(["irresponsible", "It  failed\ntwice", "not there"], TEXT)
    assert TEXT[spans[0][0]:spans[0][1]] == "irresponsible" and spans[2] is None
    assert TEXT[spans[1][0]:spans[1][1]] == "It failed twice"


def test_lenient_strict_and_exact():
    whole = TEXT.index("it \"irr"), TEXT.index("wrong") + len("wrong.\"")
    fragment = TEXT.index("irresponsible"), TEXT.index("irresponsible") + len("irresponsible")  # 13 of 31 characters
    second = TEXT.index("It failed"), TEXT.index("through,") + len("through,")
    perfect = score_ggt(found_rows(whole, second), GOLD, {"a": TEXT})
    assert perfect["f1_lenient"] == perfect["f1_strict"] == perfect["f1_exact"] == 1.0
    partial = score_ggt(found_rows(fragment, second), GOLD, {"a": TEXT})
    assert partial["f1_lenient"] == 1.0 and partial["recall_strict"] == 0.5 and partial["f1_exact"] == 0.5
    assert partial["recall_mixed"] == 1.0 and partial["recall_direct"] == 1.0


def test_matching_is_one_to_one_and_extra_quotes_cost_precision():
    whole = TEXT.index("it \"irr"), TEXT.index("wrong") + len("wrong.\"")
    scores = score_ggt(found_rows(whole, whole), GOLD, {"a": TEXT})
    assert scores["recall_lenient"] == 0.5 and scores["precision_lenient"] == 0.5


def test_an_article_without_quotes_counts_its_false_alarms():
    whole = TEXT.index("it \"irr"), TEXT.index("wrong") + len("wrong.\"")
    extra = found_rows(whole).assign(article_id="empty")
    scores = score_ggt(pd.concat([found_rows(whole), extra]), GOLD.head(1), {"a": TEXT, "empty": TEXT},
                       articles=["a", "empty"])
    assert scores["precision_lenient"] == 0.5 and scores["recall_lenient"] == 1.0


def test_speakers_by_phrase_and_by_name():
    whole = TEXT.index("it \"irr"), TEXT.index("wrong") + len("wrong.\"")
    second = TEXT.index("It failed"), TEXT.index("through,") + len("through,")
    table = ggt_matches(found_rows(whole, second, speakers=["Tlaib", "Donald Trump"], written=["Tlaib", "Trump"]),
                        GOLD, {"a": TEXT})
    assert table["speaker_name_ok"].tolist() == [True, False]
    assert table["speaker_phrase_ok"].tolist() == [True, False]


@pytest.mark.parametrize(("gold", "found", "same"), [
    ("Donald J. Trump", "Trump", True), ("Internal Revenue Service", "IRS", True),
    ("Justice Department", "DOJ", False), ("critics of the bill", "Critics", True),
    ("Martin Luther King Jr.", "King", True), ("Barack Obama", "Trump", False),
    ("poll respondents (Americans)", "respondents", True), ("", "", False),
])
def test_canonical_names_compare_by_last_name(gold, found, same):
    assert evaluation.same_speaker(gold, found) is same


def test_phrases_share_a_content_word():
    assert same_phrase("The Russian foreign ministry", "Russian foreign ministry")
    assert not same_phrase("the president", "The Times")
    assert last_name("Rep. Sander Levin") == "levin" and last_name("the Times's") == "times"


def test_the_table_sets_ours_beside_the_published_figures():
    table = ggt_table({"test": {"precision_lenient": 0.9, "recall_lenient": 0.8, "f1_lenient": 0.85,
                                "precision_strict": 0.8, "recall_strict": 0.7, "f1_strict": 0.75, "f1_exact": 0.6,
                                "speaker_phrase": 0.9, "speaker_name": 0.8}})
    assert table.loc[table["measure"] == "F1 lenient", "Gender Gap Tracker (own test set)"].item() == 0.837
    assert table.loc[table["measure"] == "F1 strict", "test"].item() == 0.75


def test_the_allsides_gold_set_is_well_formed():
    gold = load_gold(GOLD_DIR / "quotes_allsides.csv")
    assert set(gold["kind"]) == {"direct", "mixed", "indirect"} and set(gold["split"]) == {"dev", "test"}
    assert gold["quote_id"].is_unique and gold["file"].nunique() >= 40 and gold["outlet"].nunique() >= 15
    scores = load_gold(GOLD_DIR / "quotes_allsides_scores.csv")  # written by benchmarks/bench_quotes.py --write
    assert {"measure", "measured"} <= set(scores.columns) and (scores["measure"] == "F1 lenient").any()


def test_the_fresh_test_split_is_well_formed_and_new():
    """The second held-out split (quotes_allsides_fresh.md): 12 articles from outlets the first gold set lacks."""
    fresh = load_gold(GOLD_DIR / "quotes_allsides_fresh.csv")
    first = load_gold(GOLD_DIR / "quotes_allsides.csv")
    assert list(fresh.columns) == list(first.columns) and set(fresh["split"]) == {"fresh"}
    assert set(fresh["kind"]) == {"direct", "mixed", "indirect"} and fresh["quote_id"].is_unique
    assert set(fresh["speaker_gender"]) <= {"", "male", "female", "unknown"}
    assert fresh["file"].nunique() >= 12 and fresh.groupby("outlet")["file"].nunique().max() == 1
    assert not set(fresh["file"]) & set(first["file"]) and not set(fresh["outlet"]) & set(first["outlet"])


def test_the_second_fresh_split_is_well_formed_and_new():
    """The third held-out split (quotes_allsides_fresh2.md): 12 articles from outlets in neither earlier file, each
    quote a verbatim part of its article."""
    fresh2 = load_gold(GOLD_DIR / "quotes_allsides_fresh2.csv")
    earlier = pd.concat([load_gold(GOLD_DIR / name) for name in ("quotes_allsides.csv", "quotes_allsides_fresh.csv")])
    assert list(fresh2.columns) == list(earlier.columns) and set(fresh2["split"]) == {"fresh2"}
    assert set(fresh2["kind"]) == {"direct", "mixed", "indirect"} and fresh2["quote_id"].is_unique
    assert set(fresh2["speaker_gender"]) <= {"", "male", "female", "unknown"} and (fresh2["speaker"] != "").all()
    assert fresh2["file"].nunique() == 12 and fresh2.groupby("outlet")["file"].nunique().max() == 1
    assert not set(fresh2["file"]) & set(earlier["file"]) and not set(fresh2["outlet"]) & set(earlier["outlet"])
    corpus = repo_root().parent / "shared" / "corpora" / "allsides-5k"
    if corpus.exists():
        for row in fresh2.itertuples():
            text = (corpus / row.file).read_text(encoding="utf-8")
            assert row.quote in text and row.speaker_text in text, row.quote_id
