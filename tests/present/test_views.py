"""Evidence tables: a capped, sorted selection on the page, the whole table as a safe CSV beside it."""

import pandas as pd
import pytest

from helpers.present.views import evidence, evidence_name

QUOTES = pd.DataFrame({
    "article_id": [f"a{i:03d}" for i in range(250)],
    "speaker": ["Ashton Carter"] * 249 + ["=HYPERLINK(\"http://evil\")"],
    "sentence": ["“We are verifying the information through various channels,” a spokesman said."] * 249
    + ["<script>alert(1)</script> said the ministry."],
    "n": range(250),
})


def test_evidence_shows_the_first_rows_sorted_and_links_the_full_csv(tmp_path):
    shown = evidence(QUOTES, "sources quotes", limit=20, sort_by="n", ascending=False, folder=tmp_path / "evidence")
    assert shown.total == 250 and len(shown.shown) == 20
    assert list(shown.shown["n"]) == list(range(249, 229, -1))
    assert shown.href == "evidence/sources-quotes.csv"
    assert repr(shown).splitlines()[0] == "showing 20 of 250 rows — full table: evidence/sources-quotes.csv"
    page = shown._repr_html_()
    assert '<a href="evidence/sources-quotes.csv" download>' in page
    assert 'id="evidence-sources-quotes"' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "cdn" not in page.lower() and "unpkg" not in page

    written = pd.read_csv(tmp_path / "evidence" / "sources-quotes.csv", encoding="utf-8-sig")
    assert len(written) == 250 and written["n"].iloc[0] == 249
    assert written["speaker"].iloc[0] == "'=HYPERLINK(\"http://evil\")"  # a spreadsheet does not run it


def test_a_small_table_is_shown_whole_and_says_so(tmp_path):
    shown = evidence(QUOTES.head(3), "three", folder=tmp_path)
    assert shown.note == "all 3 rows — full table: evidence/three.csv"
    assert (tmp_path / "three.csv").exists()


def test_evidence_is_deterministic_for_nbval(tmp_path):
    first = evidence(QUOTES, "quotes", limit=5, sort_by="article_id", folder=tmp_path)._repr_html_()
    again = evidence(QUOTES, "quotes", limit=5, sort_by="article_id", folder=tmp_path)._repr_html_()
    assert first == again


def test_evidence_names_are_file_names():
    assert evidence_name("../../etc/passwd") == "etc-passwd"
    with pytest.raises(ValueError):
        evidence_name("///")


def test_a_highlighted_quote_is_marked_inside_its_escaped_sentence(tmp_path):
    table = pd.DataFrame({"speaker": ["<b>Ministry</b>"], "quote": ["verifying <the> information"],
                          "sentence": ["“We are verifying <the> information,” a spokesman said."]})
    page = evidence(table, "marked", highlight=("quote", "sentence"), folder=tmp_path)._repr_html_()
    assert "<mark style='background:#fde9b8'>verifying &lt;the&gt; information</mark>" in page
    assert "&lt;b&gt;Ministry&lt;/b&gt;" in page and "<b>Ministry" not in page
    assert list(pd.read_csv(tmp_path / "marked.csv", encoding="utf-8-sig").columns) == ["speaker", "quote", "sentence"]


def test_per_group_every_group_gets_examples_and_lists_are_joined(tmp_path):
    table = pd.DataFrame({"group": ["left"] * 50 + ["right"] * 5, "n": range(55),
                          "evidence": [["first sentence.", "second sentence."]] * 55})
    shown = evidence(table, "per-group", limit=10, per="group", folder=tmp_path)
    assert shown.shown["group"].value_counts().to_dict() == {"left": 5, "right": 5}
    assert shown.shown["evidence"].iloc[0] == "first sentence.; second sentence."
