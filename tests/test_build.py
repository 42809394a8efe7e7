"""Build: a crafted corpus with every kind of problem, the command line, incremental and atomic builds."""

from __future__ import annotations

import contextlib
import os
import re

import pandas as pd
import pytest

from helpers.build import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, build_corpus
from helpers.dictionary import data_dictionary
from helpers.schema import ARTICLES, PARAGRAPHS, PROBLEMS, REMOVED
from helpers.storage import read_table

GOOD = (
    "Russia claims strike killed IS leader\n\n"
    "BEIRUT (AP) — Russia said on Friday that it may have killed the leader of the Islamic State group.\n\n"
    "The claim could not be independently verified, officials said.\n"
)
UTF16 = (
    "Syrian army breaks airport siege\n\n"
    "The Syrian army broke the siege of the Deir ez-Zor airport on Saturday, state media said.\n\n"
    "The advance was “a major step”, a commander told reporters.\n"
)
CP1252 = (
    "Strike near Raqqa reported\n\n"
    "A spokesman said the strike was “very successful” and that Raqqa’s defences had collapsed.\n\n"
    "Ingy Sédky of the Red Cross said aid had reached the city.\n"
)
UNLISTED = (
    "Unlisted article headline\n\n"
    "This article is not in the manifest, but it has a proper body sentence.\n\n"
    "And a second paragraph.\n"
)
BAD_DATE = "Bad date headline\n\nThis article has a malformed date in the manifest, but its text is fine.\n"
WORDS_DATE = "Another headline\n\nThis article's manifest date is a word, not a date, but its text is fine.\n"
NAV_ONLY = ('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            "<script>var tracking = 1;</script></body></html>")

CRAFTED_FILES = {
    "good.txt": GOOD,
    "utf16.txt": UTF16.encode("utf-16"),
    "cp1252.txt": CP1252.encode("cp1252"),
    "empty.txt": b"",
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "garbled.txt": b"Caf\xc3 na\xefve \x81\x8d\x8f\x90\x9d bytes that are not any known text encoding.\n",
    "navonly.html": NAV_ONLY,
    "unlisted.txt": UNLISTED,
    "baddate.txt": BAD_DATE,
    "wordsdate.txt": WORDS_DATE,
}
CRAFTED_MANIFEST = [
    {"file": "good.txt", "outlet": "AP", "published": "2017-06-16", "date_precision": "day", "lean": "center"},
    {"file": "utf16.txt", "outlet": "SANA", "published": "2017-09-09", "lean": "right"},
    {"file": "cp1252.txt", "outlet": "Some Paper", "published": "2017-06-17", "lean": "left"},
    {"file": "empty.txt", "outlet": "X", "published": "2017-01-01"},
    {"file": "image.txt", "outlet": "X", "published": "2017-01-01"},
    {"file": "garbled.txt", "outlet": "X", "published": "2017-01-01"},
    {"file": "navonly.html", "outlet": "X", "published": "2017-01-01"},
    {"file": "missing.txt", "outlet": "X", "published": "2017-01-01"},
    {"file": "baddate.txt", "outlet": "Y", "published": "2017-13-45", "date_precision": "day", "lean": "left"},
    {"file": "wordsdate.txt", "outlet": "Z", "published": "yesterday", "lean": "right"},
]
EXPECTED_PROBLEMS = {  # file → (skipped, pattern the reason must match)
    "empty.txt": (True, r"^empty file"),
    "image.txt": (True, r"binary file.*PNG"),
    "garbled.txt": (True, r"^undecodable"),
    "navonly.html": (True, r"HTML with no article text"),
    "missing.txt": (True, r"listed in manifest\.csv but no such file"),
    "unlisted.txt": (False, r"not listed in manifest\.csv"),
    "baddate.txt": (False, r"malformed date '2017-13-45'.*left empty"),
    "wordsdate.txt": (False, r"malformed date 'yesterday'.*left empty"),
}
SKIPPED = {name for name, (skipped, _) in EXPECTED_PROBLEMS.items() if skipped}
BUILT = {"good", "utf16", "cp1252", "unlisted", "baddate", "wordsdate"}


@pytest.fixture(scope="module")
def crafted(tmp_path_factory, corpus_writer, table_reader):
    """The crafted corpus, built once: (raw folder, out folder, report, tables)."""
    base = tmp_path_factory.mktemp("crafted")
    raw = corpus_writer(base / "raw", CRAFTED_FILES, CRAFTED_MANIFEST, extra_columns=("lean",))
    out = base / "processed"
    report = build_corpus(raw, out, progress=False)
    return raw, out, report, table_reader(out)


@pytest.fixture(scope="module")
def crafted_articles(crafted):
    return crafted[3]["articles"].set_index("article_id", drop=False)


# --- the crafted corpus ---------------------------------------------------------------------------


def test_exactly_the_bad_files_are_skipped(crafted):
    _, _, report, _ = crafted
    assert {p.file for p in report.skipped} == SKIPPED
    assert report.n_files == len(CRAFTED_FILES)
    assert report.n_built == len(BUILT)
    assert report.exit_code == EXIT_SKIPPED


def test_one_clear_warning_per_problem(crafted):
    _, _, report, _ = crafted
    files = [p.file for p in report.problems]
    assert sorted(files) == sorted(EXPECTED_PROBLEMS), "one problem per bad file, no more, no fewer"
    for problem in report.problems:
        skipped, pattern = EXPECTED_PROBLEMS[problem.file]
        assert problem.skipped is skipped, problem
        assert re.search(pattern, problem.reason), problem
        assert str(problem).startswith(f"{problem.file}: ")


def test_problems_table_matches_the_report(crafted):
    _, _, report, tables = crafted
    problems = tables["problems"]
    assert list(problems.columns) == PROBLEMS.column_names
    assert problems["skipped"].dtype == bool
    assert problems.to_dict("records") == [
        {"file": p.file, "reason": p.reason, "skipped": p.skipped} for p in report.problems
    ]
    assert problems["file"].tolist() == sorted(EXPECTED_PROBLEMS)


def test_only_good_files_become_articles(crafted_articles):
    assert set(crafted_articles.index) == BUILT
    assert crafted_articles.loc["utf16", "file"] == "utf16.txt"


def test_non_ascii_text_survives_every_encoding(crafted_articles):
    cp = crafted_articles.loc["cp1252", "text"]
    assert "“very successful”" in cp
    assert "Raqqa’s defences" in cp
    assert "Ingy Sédky of the Red Cross" in cp
    assert crafted_articles.loc["utf16", "text"].endswith("The advance was “a major step”, a commander told reporters.")
    assert crafted_articles.loc["cp1252", "encoding"] == "cp1252"
    assert "utf-16" in crafted_articles.loc["utf16", "encoding"]
    for article_id, body in crafted_articles["text"].items():
        for mojibake in ("â€", "Ã©", "\ufffd", "\x00", "\ufeff"):
            assert mojibake not in body, f"{mojibake!r} in {article_id}"


def test_csv_copy_keeps_the_curly_quotes(crafted):
    _, out, _, _ = crafted
    assert (out / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out / "articles.csv", encoding="utf-8-sig", keep_default_na=False).set_index("article_id")
    assert "“very successful” and that Raqqa’s" in csv.loc["cp1252", "text"]
    assert "Sédky" in csv.loc["cp1252", "text"]


def test_manifest_metadata_and_the_dateline(crafted_articles):
    good = crafted_articles.loc["good"]
    assert good["outlet"] == "AP"
    assert pd.Timestamp(good["published"]).date().isoformat() == "2017-06-16"
    assert good["date_precision"] == "day"
    assert good["headline"] == "Russia claims strike killed IS leader"
    assert good["dateline"] == "AP, BEIRUT"
    assert good["text"].startswith("Russia said on Friday")
    assert "outlet=manifest" in good["metadata_source"]


@pytest.mark.parametrize("article_id", ["baddate", "wordsdate"])
def test_malformed_date_is_built_with_an_empty_date(crafted_articles, article_id):
    row = crafted_articles.loc[article_id]
    assert pd.isna(row["published"])
    assert row["date_precision"] == ""
    assert "text is fine" in row["text"]


def test_published_is_a_date_column(crafted):
    articles = crafted[3]["articles"]
    assert pd.api.types.is_datetime64_any_dtype(articles["published"])


def test_file_missing_from_the_manifest_is_built_from_the_text(crafted_articles):
    row = crafted_articles.loc["unlisted"]
    assert row["headline"] == "Unlisted article headline"
    assert row["outlet"] == ""
    assert pd.isna(row["published"])
    assert row["metadata_source"] == "headline=text"
    assert row["text"].startswith("This article is not in the manifest")


def test_extra_manifest_column_is_kept_as_text(crafted, crafted_articles):
    articles = crafted[3]["articles"]
    assert list(articles.columns) == ARTICLES.column_names + ["lean"]
    assert crafted_articles["lean"].to_dict() == {
        "baddate": "left", "cp1252": "left", "good": "center", "unlisted": "", "utf16": "right",
        "wordsdate": "right",
    }


def test_tables_have_the_schema_columns(crafted):
    tables = crafted[3]
    assert list(tables["articles"].columns)[: len(ARTICLES.columns)] == ARTICLES.column_names
    assert list(tables["paragraphs"].columns) == PARAGRAPHS.column_names
    assert list(tables["removed"].columns) == REMOVED.column_names
    assert list(tables["problems"].columns) == PROBLEMS.column_names
    for table, column in [("articles", "n_words"), ("articles", "n_bytes"), ("paragraphs", "paragraph_id"),
                          ("removed", "raw_offset")]:
        assert pd.api.types.is_integer_dtype(tables[table][column]), (table, column)


def test_seed_tables_have_the_schema_columns(seed_build):
    report, tables = seed_build
    assert list(tables["articles"].columns) == ARTICLES.column_names
    for table in (PARAGRAPHS, REMOVED, PROBLEMS):
        assert list(tables[table.name].columns) == table.column_names
    assert report.table_sizes == {name: len(frame) for name, frame in tables.items()}


def test_out_folder_gets_the_data_dictionary(crafted):
    _, out, _, _ = crafted
    assert (out / "README.md").read_text(encoding="utf-8") == data_dictionary()


def test_committed_data_dictionary_is_up_to_date(repo_root):
    committed = repo_root / "data" / "processed" / "README.md"
    assert committed.is_file(), "generate it: python -m helpers dictionary > data/processed/README.md"
    assert committed.read_text(encoding="utf-8").strip() == data_dictionary().strip()


# --- the command line -----------------------------------------------------------------------------


def warning_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def test_cli_warns_about_each_bad_file_and_exits_1(crafted, tmp_path, cli):
    raw = crafted[0]
    result = cli("build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--quiet", "--no-nlp")
    assert result.returncode == EXIT_SKIPPED, result.stdout + result.stderr
    warnings = warning_lines(result.stdout + "\n" + result.stderr)
    assert len(warnings) == len(EXPECTED_PROBLEMS), warnings
    for name in EXPECTED_PROBLEMS:
        naming = [line for line in warnings if re.search(rf"[/ ]{re.escape(name)}\b", line)]
        assert len(naming) == 1, (name, warnings)
    for name in ("good.txt", "utf16.txt", "cp1252.txt"):
        assert not any(name in line for line in warnings)
    assert (tmp_path / "out" / "articles.parquet").is_file()


def test_cli_exits_0_when_nothing_is_skipped(make_corpus, tmp_path, cli):
    raw = make_corpus({"good.txt": GOOD, "cp1252.txt": CP1252.encode("cp1252")},
                      [{"file": "good.txt", "outlet": "AP"}, {"file": "cp1252.txt", "outlet": "P"}])
    result = cli("build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert warning_lines(result.stdout + result.stderr) == []
    assert len(read_table(tmp_path / "out", "articles")) == 2
    assert "Parsed 2 texts with spaCy" in result.stdout
    assert set(read_table(tmp_path / "out", "sentences")["article_id"]) == {"cp1252", "good"}


def test_cli_exits_2_for_a_missing_raw_folder(tmp_path, cli):
    result = cli("build", "--raw", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == EXIT_FAILED
    assert "no-such-folder" in result.stderr
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_nothing_built_is_a_failure(make_corpus, tmp_path):
    raw = make_corpus({"empty.txt": b"", "image.txt": CRAFTED_FILES["image.txt"]})
    report = build_corpus(raw, tmp_path / "out", progress=False)
    assert report.n_built == 0
    assert report.exit_code == EXIT_FAILED
    assert {p.file for p in report.skipped} == {"empty.txt", "image.txt"}


def test_build_corpus_rejects_a_missing_folder_and_an_out_folder_inside_raw(make_corpus, tmp_path):
    with pytest.raises(FileNotFoundError):
        build_corpus(tmp_path / "nowhere", tmp_path / "out", progress=False)
    raw = make_corpus({"good.txt": GOOD})
    with pytest.raises(ValueError, match="must not be inside"):
        build_corpus(raw, raw / "processed", progress=False)
    assert sorted(p.name for p in raw.iterdir()) == ["good.txt"]


# --- no manifest ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia says strike may have killed IS leader</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Russia says strike may have killed IS leader">
<meta property="og:url" content="https://example.com/news/russia-strike">
<meta property="article:published_time" content="2017-06-16T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia says strike may have killed IS leader</h1>
<p>Russia&#8217;s Defence Ministry said on Friday that an air strike near Raqqa in late May may have killed
Abu Bakr al-Baghdadi, the leader of the Islamic State group.</p>
<p>Foreign minister Sergey Lavrov said he did not have a &#8220;100% confirmation&#8221; of the information,
and the US-led coalition said it could not confirm the claim.</p>
<p>There have been several previous reports of al-Baghdadi's death that did not turn out to be true.</p>
</article>
<footer>Copyright 2017 The Daily Example. All rights reserved.</footer>
</body></html>
"""


def test_folder_without_manifest_takes_metadata_from_the_page(make_corpus, tmp_path):
    raw = make_corpus({"page.html": PAGE, "plain.txt": GOOD, "README.md": "# My corpus\n"})
    report = build_corpus(raw, tmp_path / "out", progress=False)
    assert report.problems == []
    assert report.exit_code == EXIT_OK
    articles = read_table(tmp_path / "out", "articles").set_index("article_id")
    assert sorted(articles.index) == ["page", "plain"]
    page = articles.loc["page"]
    assert page["headline"] == "Russia says strike may have killed IS leader"
    assert page["outlet"] == "The Daily Example"
    assert page["url"] == "https://example.com/news/russia-strike"
    assert pd.Timestamp(page["published"]).date().isoformat() == "2017-06-16"
    assert page["format"] == "html"
    assert "headline=page" in page["metadata_source"] and "outlet=page" in page["metadata_source"]
    assert page["text"].startswith("Russia’s Defence Ministry said")
    assert "“100% confirmation”" in page["text"]
    for furniture in ("Home", "All rights reserved"):
        assert furniture not in page["text"]
    plain = articles.loc["plain"]
    assert plain["headline"] == "Russia claims strike killed IS leader"
    assert plain["dateline"] == "AP, BEIRUT"
    assert plain["outlet"] == ""


# --- incremental builds ---------------------------------------------------------------------------

INCREMENTAL_FILES = {"a.txt": GOOD, "b.txt": UNLISTED, "c.txt": CP1252.encode("cp1252"), "d.html": PAGE}


def test_second_build_cleans_nothing_and_changes_nothing(make_corpus, tmp_path):
    raw = make_corpus(INCREMENTAL_FILES)
    out = tmp_path / "out"
    first = build_corpus(raw, out, progress=False)
    tables_first = {name: read_table(out, name) for name in ("articles", "paragraphs", "removed")}
    second = build_corpus(raw, out, progress=False)

    assert (first.n_cleaned, first.n_reused) == (4, 0)
    assert (second.n_cleaned, second.n_reused) == (0, 4)
    for name, frame in tables_first.items():
        pd.testing.assert_frame_equal(read_table(out, name), frame)


def test_changing_one_file_recleans_only_that_file(make_corpus, tmp_path):
    raw = make_corpus(INCREMENTAL_FILES)
    out = tmp_path / "out"
    build_corpus(raw, out, progress=False)
    before = read_table(out, "articles").set_index("article_id")

    with open(raw / "b.txt", "a", encoding="utf-8") as handle:
        handle.write("\nA third paragraph was added later.\n")
    report = build_corpus(raw, out, progress=False)

    assert (report.n_cleaned, report.n_reused) == (1, 3)
    after = read_table(out, "articles").set_index("article_id")
    assert after.loc["b", "text"].endswith("A third paragraph was added later.")
    assert after.loc["b", "sha256"] != before.loc["b", "sha256"]
    unchanged = ["a", "c", "d"]
    pd.testing.assert_frame_equal(after.loc[unchanged], before.loc[unchanged])
    assert len(list((out / ".cache" / "clean").glob("*.json"))) == 4, "stale cache entries are pruned"


def test_cached_build_equals_a_fresh_build_and_ids_are_stable(make_corpus, tmp_path):
    raw = make_corpus(INCREMENTAL_FILES)
    build_corpus(raw, tmp_path / "out", progress=False)
    build_corpus(raw, tmp_path / "out", progress=False)  # from the cache
    build_corpus(raw, tmp_path / "fresh", progress=False)
    for name in ("articles", "paragraphs", "removed", "problems"):
        pd.testing.assert_frame_equal(read_table(tmp_path / "out", name), read_table(tmp_path / "fresh", name))
    ids = read_table(tmp_path / "out", "articles")["article_id"].tolist()
    assert ids == ["a", "b", "c", "d"]


def test_article_ids_are_stable_across_builds(seed_build, raw_dir, tmp_path):
    report = build_corpus(raw_dir, tmp_path / "again", progress=False)
    assert report.n_cleaned == 5, "a new output folder has no cache"
    again = read_table(tmp_path / "again", "articles")
    first = seed_build[1]["articles"]
    assert again["article_id"].tolist() == first["article_id"].tolist()
    assert again["article_id"].tolist() == [f.rsplit(".", 1)[0] for f in first["file"]]
    pd.testing.assert_frame_equal(again, first)


def test_nested_files_get_ids_with_their_folder(make_corpus, tmp_path):
    raw = make_corpus({"2017/june/a.txt": GOOD, "b.txt": UNLISTED})
    build_corpus(raw, tmp_path / "out", progress=False)
    articles = read_table(tmp_path / "out", "articles")
    assert articles[["article_id", "file"]].values.tolist() == [["2017/june/a", "2017/june/a.txt"], ["b", "b.txt"]]


# --- atomic outputs -------------------------------------------------------------------------------


def _built_then_changed(make_corpus, tmp_path):
    """Build a corpus, then change one file so that the next build writes different tables."""
    raw = make_corpus(INCREMENTAL_FILES)
    out = tmp_path / "out"
    build_corpus(raw, out, progress=False, nlp=False)
    with open(raw / "a.txt", "a", encoding="utf-8") as handle:
        handle.write("\nA new closing paragraph changes the article.\n")
    parquet = {path.name: path.read_bytes() for path in out.glob("*.parquet")}
    assert set(parquet) == {"articles.parquet", "paragraphs.parquet", "removed.parquet", "problems.parquet"}
    return raw, out, parquet, read_table(out, "articles")


def _assert_previous_tables_intact(out, parquet, articles):
    assert {path.name: path.read_bytes() for path in out.glob("*.parquet")} == parquet
    pd.testing.assert_frame_equal(read_table(out, "articles"), articles)
    assert not [path.name for path in out.iterdir() if path.name.endswith(".tmp")], "temporary files left behind"


def test_failed_parquet_write_keeps_the_previous_tables(make_corpus, tmp_path, monkeypatch):
    raw, out, parquet, articles = _built_then_changed(make_corpus, tmp_path)
    real = pd.DataFrame.to_parquet
    calls = []

    def failing_to_parquet(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise OSError("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_to_parquet)
    with pytest.raises(OSError, match="disk full"):
        build_corpus(raw, out, progress=False, nlp=False)
    monkeypatch.undo()

    assert len(calls) == 2
    _assert_previous_tables_intact(out, parquet, articles)
    report = build_corpus(raw, out, progress=False, nlp=False)  # and the next build recovers
    assert read_table(out, "articles").set_index("article_id").loc["a", "text"].endswith("changes the article.")
    assert report.exit_code == EXIT_OK


@pytest.mark.parametrize("failing_call", range(6))
def test_a_build_that_dies_while_publishing_leaves_one_consistent_set(make_corpus, tmp_path, monkeypatch,
                                                                     failing_call):
    """Whatever rename or link of the publishing step fails (as a kill would stop it), readers see the previous
    set whole or the new set whole, never a mix; the next build finishes the job."""
    raw, out, parquet, articles = _built_then_changed(make_corpus, tmp_path)
    calls = []
    real_replace, real_symlink = os.replace, os.symlink

    def dying(real):
        def call(*args, **kwargs):
            calls.append(args)
            if len(calls) == failing_call + 1:
                raise PermissionError("killed here")
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(os, "replace", dying(real_replace))
    monkeypatch.setattr(os, "symlink", dying(real_symlink))
    with contextlib.suppress(PermissionError):
        build_corpus(raw, out, progress=False, nlp=False)
    monkeypatch.undo()

    now = read_table(out, "articles")
    old_text, new_text = articles.set_index("article_id").loc["a", "text"], now.set_index("article_id").loc["a", "text"]
    assert new_text in (old_text, old_text + "\n\nA new closing paragraph changes the article.")
    for name in ("paragraphs", "removed"):  # every table of the set agrees with the articles read
        assert set(read_table(out, name)["article_id"]) <= set(now["article_id"])
    csv = pd.read_csv(out / "articles.csv", encoding="utf-8-sig", keep_default_na=False).set_index("article_id")
    assert csv.loc["a", "text"] == new_text
    report = build_corpus(raw, out, progress=False, nlp=False)  # the next build repairs the set
    assert read_table(out, "articles").set_index("article_id").loc["a", "text"].endswith("changes the article.")
    assert report.exit_code == EXIT_OK
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")], "temporary files left behind"
    assert [p.name for p in (out / ".tables").iterdir() if p.name != "current"] == [
        os.readlink(out / ".tables" / "current")], "old and unfinished sets are swept"
