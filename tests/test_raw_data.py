"""The example corpus in data/raw: byte-exact seed files, a complete manifest, a build that never writes there."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import pytest

from helpers.__main__ import main
from helpers.cleaning.ingest import list_raw_files
from helpers.cleaning.manifest import DATE_PRECISIONS

# Copied from /work/shared/seeds/README.md ("Checksums (sha256)"); that file is not read at test time.
SEED_SHA256 = {
    "000_2f528448200b9161.txt": "d64d2747629bd7ce6ffd6222586ff776de4d240f9729da79707d09420058e16a",
    "001_f74d515aac572341.txt": "2d9bf6aed4bc888ee5420e4d89a9470cf6acb4b931cd098437e3de5ca18c2b08",
    "002_be06c18b9430b084.txt": "aa40fe16be0b2e54304d1ada424222276a77ec5eb6b847bdcf6e299a78b49b10",
    "003_abb6c1370311ac19.txt": "c69fc5c2c02b3fc70df7da49019362d2059a8dea0ae7ed82bf5cc75c05cda536",
    "004_85e05273389f8f37.txt": "d241f98ef4de266ae087aaae8df63d24a60113f3d5635f0ce39690f82a32e869",
}
MANIFEST_COLUMNS = ["file", "outlet", "published", "date_precision", "headline", "url", "event", "notes"]


def read_manifest_rows(raw_dir) -> tuple[list[str], list[dict[str, str]]]:
    """The manifest read with the csv module alone (independent of helpers.cleaning.manifest)."""
    with open(raw_dir / "manifest.csv", newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize(("name", "expected"), sorted(SEED_SHA256.items()))
def test_seed_file_is_byte_identical_to_the_published_checksum(raw_dir, name, expected):
    path = raw_dir / name
    assert path.is_file(), f"seed {name} is missing from data/raw"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == expected, f"{name} was modified"


def test_the_articles_in_data_raw_are_exactly_the_seeds(raw_dir):
    assert list_raw_files(raw_dir) == sorted(SEED_SHA256)


def test_manifest_has_exactly_the_standard_columns_in_order(raw_dir):
    columns, _ = read_manifest_rows(raw_dir)
    assert columns == MANIFEST_COLUMNS


def test_manifest_has_one_row_per_seed_file(raw_dir):
    _, rows = read_manifest_rows(raw_dir)
    files = [row["file"] for row in rows]
    assert len(files) == len(set(files)), "a file is listed twice"
    assert sorted(files) == sorted(SEED_SHA256)
    assert all(None not in row and None not in row.values() for row in rows), "a row has the wrong number of fields"


def test_manifest_dates_are_valid_and_inferred_ones_are_marked(raw_dir):
    _, rows = read_manifest_rows(raw_dir)
    by_file = {row["file"]: row for row in rows}
    for row in rows:
        dt.date.fromisoformat(row["published"])  # raises on a malformed date
        assert row["date_precision"] in DATE_PRECISIONS
        assert row["outlet"], f"{row['file']} has no outlet"
    # Only 001 carries its own date; the others are inferred from the events they describe.
    assert by_file["001_f74d515aac572341.txt"]["published"] == "2017-06-17"
    assert by_file["001_f74d515aac572341.txt"]["date_precision"] == "day"
    for name in set(SEED_SHA256) - {"001_f74d515aac572341.txt"}:
        assert by_file[name]["date_precision"] == "approximate", name


def test_building_leaves_data_raw_byte_identical(raw_dir, tmp_path, folder_snapshot, capsys):
    before = folder_snapshot(raw_dir)
    out = tmp_path / "processed"

    code = main(["build", "--raw", str(raw_dir), "--out", str(out), "--quiet"])

    assert code == 0, capsys.readouterr().out
    assert (out / "articles.parquet").is_file()
    after = folder_snapshot(raw_dir)
    assert sorted(after) == sorted(before), "the build added or removed files in data/raw"
    assert after == before, "the build changed a file in data/raw"
    for name, expected in SEED_SHA256.items():
        assert hashlib.sha256(after[name]).hexdigest() == expected

