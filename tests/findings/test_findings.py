"""Findings rows, their blocks in plain words, and the findings table a notebook writes.

The blocks' numbers are checked against the table: every number shown is tagged with the column and
group it comes from, and must equal that cell rounded as shown; no other number may appear.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from helpers.config import MIN_GROUP_ARTICLES
from helpers.corpus import load_corpus
from helpers.findings.compare import (
    LARGER,
    NOISE,
    NONE_FOUND,
    ONE_GROUP,
    TOO_FEW,
    Measure,
    contrast,
    correct,
    per_article,
)
from helpers.findings.table import NOTEBOOKS, read_findings, section_findings
from helpers.findings.views import findings_view
from helpers.grouping import GROUP

ANON = Measure("sources.type.anonymous", "Who gets a voice", "quotes from anonymous sources", "share of quotes",
               "corpus.quotes with speaker_type 'anonymous'")


def articles_of(sizes: dict[str, int]) -> pd.DataFrame:
    ids = [f"{g}{i:02d}" for g, n in sizes.items() for i in range(n)]
    return pd.DataFrame({"article_id": ids, GROUP: [i.rstrip("0123456789") for i in ids]})


def quotes_frame(articles: pd.DataFrame, anonymous: dict[str, int], quotes: int = 10) -> pd.DataFrame:
    """Every article has ``quotes`` quotes, ``anonymous[group]`` of them anonymous."""
    num = pd.Series({a: anonymous[g] for a, g in zip(articles["article_id"], articles[GROUP], strict=True)})
    return per_article(articles, num, quotes)


def test_a_clear_difference_is_larger_than_chance_and_a_small_group_is_too_few():
    articles = articles_of({"left": 12, "right": 12, "tiny": 3})
    data = quotes_frame(articles, {"left": 4, "right": 1, "tiny": 2})
    rows = correct(contrast(data, ANON, notebook="05_sources")).set_index("group")
    assert rows.loc["left", "estimate"] == pytest.approx(0.4)
    assert rows.loc["left", "comparison"] == "left vs the other groups"
    assert rows.loc["left", "difference"] == pytest.approx(0.4 - 18 / 150)
    assert rows.loc["left", "verdict"] == LARGER and rows.loc["left", "q"] < 0.05
    assert rows.loc["tiny", "verdict"] == TOO_FEW and np.isnan(rows.loc["tiny", "p"])
    assert np.isnan(rows.loc["tiny", "low"])  # no interval under the minimum
    assert rows["n_comparisons"].eq(2).all()  # left and right tested, tiny not


def test_two_equal_groups_are_within_noise_and_compared_once():
    articles = articles_of({"a": 8, "b": 8})
    num = pd.Series(np.tile([1, 2, 0, 3], 4), index=articles["article_id"])
    rows = correct(contrast(per_article(articles, num, 10), ANON, notebook="05_sources"))
    assert list(rows["comparison"]) == ["a vs b", ""]
    assert rows.loc[0, "verdict"] == NOISE and rows.loc[0, "p"] == pytest.approx(1.0)
    assert rows.loc[0, "low"] <= rows.loc[0, "estimate"] <= rows.loc[0, "high"]


def test_one_group_has_nothing_to_compare():
    articles = articles_of({"only": 1})
    rows = correct(contrast(quotes_frame(articles, {"only": 2}), ANON, notebook="05_sources"))
    assert list(rows["verdict"]) == [ONE_GROUP]
    assert rows.loc[0, "estimate"] == pytest.approx(0.2)


class Spans(HTMLParser):
    """The numbers of a block (each span's column, group and text) and the text outside them."""

    def __init__(self):
        super().__init__()
        self.numbers, self.outside, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "data-col" in attrs:
            self._in = [attrs["data-col"], attrs["data-group"], ""]

    def handle_endtag(self, tag):
        if tag == "span" and self._in:
            self.numbers.append(tuple(self._in))
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._in[2] += data
        else:
            self.outside.append(data)


def check_blocks_match_table(findings: pd.DataFrame) -> int:
    """Every number of every block equals its cell of ``findings`` as shown; returns the numbers checked."""
    checked = 0
    for finding, rows in findings.groupby("finding"):
        parser = Spans()
        html = findings_view(rows)._repr_html_()
        parser.feed(html[html.index("<ul>"):])  # the blocks (the line above them counts findings)
        by_group = rows.set_index("group")
        for column, group, text in parser.numbers:
            value, unit = by_group.loc[group, column], by_group.loc[group, "unit"]
            number = float(text.replace(",", ""))
            if column in ("n_articles", "n_comparisons"):
                assert number == value, (finding, column, group)
            elif column == "p" or (unit.startswith("share of") and column in ("estimate", "low", "high",
                                                                               "difference")):
                assert number == pytest.approx(100 * value, abs=0.05 + 1e-9), (finding, column, group)
            else:
                decimals = 3 if column == "q" else 2
                assert number == pytest.approx(value, abs=0.5 * 10 ** -decimals + 1e-9), (finding, column, group)
            checked += 1
        outside = " ".join(parser.outside)
        texts = {t.split("; e.g. articles ")[-1] for t in rows["evidence"]} | set(rows["evidence"])
        for text in sorted(texts | set(rows["measure"]) | set(rows["group"]) | set(rows["comparison"]), key=len,
                           reverse=True):  # corpus text may hold digits: take it out, longest first
            outside = outside.replace(text, "")
        outside = re.sub(r"95 %|1,000|every 100,|−1|\+1|at least \d+ articles|fewer than \d+\)", "", outside)
        assert not re.search(r"\d", outside), (finding, outside)
    return checked


def test_every_number_of_a_block_is_its_cell_of_the_table():
    articles = articles_of({"left": 12, "right": 9, "center": 6, "tiny": 2})
    data = quotes_frame(articles, {"left": 4, "right": 1, "center": 2, "tiny": 5})
    rate = Measure("wording.loaded", "Loaded terms", "loaded terms", "per 1,000 words", "term_matches", 1000.0)
    words = pd.Series(np.arange(len(articles)) * 37 + 400.0, index=articles["article_id"])
    rows = correct(pd.concat([contrast(data, ANON, notebook="x"),
                              contrast(per_article(articles, words / 80, words), rate, notebook="x")]))
    assert check_blocks_match_table(rows) >= 30
    text = repr(findings_view(rows))
    assert "too few articles to compare" in text and "per 1,000 words" in text and "95 % interval" in text


def test_corpus_text_in_a_block_is_escaped():
    articles = articles_of({"left": 6, "right": 6})
    articles[GROUP] = articles[GROUP].map({"left": "<script>alert(1)</script>", "right": "right"})
    measure = Measure("x", "S", "quotes of <img src=x onerror=alert(1)>", "share of quotes", "<b>evidence</b>")
    html = findings_view(correct(contrast(quotes_frame(articles, {"<script>alert(1)</script>": 1, "right": 2}),
                                          measure, notebook="x")))._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>evidence" not in html
    assert "&lt;script&gt;" in html


@pytest.fixture(scope="module")
def example(seed_build):
    report, _ = seed_build
    return load_corpus(report.raw_dir, report.out_dir, build=False, nlp=True)


@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_the_example_corpus_gives_too_few_articles_and_the_table_holds_the_rows(example, notebook):
    rows = section_findings(example, notebook)
    assert len(rows) >= 3 * len(example.groups)
    assert TOO_FEW in set(rows["verdict"]) <= {TOO_FEW, NONE_FOUND}  # groups of 1-2 articles
    table = read_findings(example.processed_dir)
    mine = table[table["notebook"] == notebook].sort_values(["finding", "group"], ignore_index=True)
    expected = rows.sort_values(["finding", "group"], ignore_index=True).astype(mine.dtypes.to_dict())
    pd.testing.assert_frame_equal(mine, expected)
    assert (example.processed_dir / "findings.csv").read_text(encoding="utf-8-sig").startswith("notebook,section")
    check_blocks_match_table(rows)
    assert "Too few articles to compare" in repr(findings_view(rows))


def test_a_notebook_replaces_only_its_own_rows(example):
    section_findings(example, "07_reuse")
    before = read_findings(example.processed_dir)
    section_findings(example, "07_reuse")
    after = read_findings(example.processed_dir)
    pd.testing.assert_frame_equal(before, after)
    assert after["notebook"].value_counts()["07_reuse"] == len(section_findings(example, "07_reuse", write=False))


def test_a_corpus_of_one_article_in_one_group(make_corpus, tmp_path):
    raw = make_corpus({"only.txt": "Lone report\n\nThe mayor said on Monday that the bridge would reopen. "
                                   "\"It is safe,\" an official told reporters, who asked not to be named."})
    corpus = load_corpus(raw, tmp_path / "out", nlp=True)
    for notebook in NOTEBOOKS:
        rows = section_findings(corpus, notebook)
        assert set(rows["verdict"]) <= {ONE_GROUP, NONE_FOUND}, notebook
        assert (rows["n_articles"] <= 1).all()
        repr(findings_view(rows))
    assert MIN_GROUP_ARTICLES == 5


def test_notebooks_writing_side_by_side_keep_each_others_rows(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from helpers.findings.table import write_findings
    from helpers.storage import publish_tables

    publish_tables({"articles": pd.DataFrame({"article_id": ["a"]})}, tmp_path)
    articles = articles_of({"left": 6, "right": 6})
    rows = correct(contrast(quotes_frame(articles, {"left": 1, "right": 2}), ANON, notebook="x"))
    names = [f"0{i}_notebook" for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda n: write_findings(tmp_path, n, rows.assign(notebook=n)), names))
    table = pd.read_parquet(tmp_path / "findings.parquet")  # the documented path, a link into the current set
    assert sorted(table["notebook"].unique()) == names and len(table) == 8 * len(rows)


def test_the_findings_survive_a_build_that_changes_nothing_and_name_their_grouping(example):
    section_findings(example, "05_sources")
    again = load_corpus(example.raw_dir, example.processed_dir, nlp=True)  # an unchanged build publishes a new set
    table = read_findings(again.processed_dir)
    assert "05_sources" in set(table["notebook"])
    assert set(table["group_by"]) == {example.group_by}
