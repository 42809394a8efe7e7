"""The build on a Dask cluster writes the same tables as the single-machine build.

A two-worker ``LocalCluster`` (each worker loading spaCy once) builds the example corpus and 200 real articles, and
every table equals the local build's cell by cell. The workers are threads of the test's process: spaCy's parse is
not bit-identical from one process to another (the BLAS set-up of a process can flip a rare parser decision:
measured, 1 clause in 135 of the example corpus, 0.04-1.3 % of the clauses of 200 real articles), so worker
processes would test BLAS rather than the build. That the work runs on separate worker processes, and that the
caches they fill are the local build's, is checked too.
"""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from helpers.build import build_corpus
from helpers.config import repo_root
from helpers.distributed import connect
from helpers.schema import TABLES

ALLSIDES = repo_root().parent / "shared" / "corpora" / "allsides-5k"  # beside the repository, never in it
N_REAL = 200


@pytest.fixture(scope="module")
def client():
    with connect(workers=2, quiet=True, processes=False) as client:
        yield client


CLEANING = ("articles", "paragraphs", "removed", "problems")


def assert_same_tables(local: dict[str, pd.DataFrame], cluster: dict[str, pd.DataFrame]) -> None:
    assert set(cluster) == set(local) == set(TABLES)
    for name, table in local.items():
        keys = list(TABLES[name].sort_by)
        expected = table.sort_values(keys, kind="stable").reset_index(drop=True)
        found = cluster[name].sort_values(keys, kind="stable").reset_index(drop=True)
        assert list(found.columns) == list(expected.columns), name
        pd.testing.assert_frame_equal(found, expected, obj=name)


def test_a_two_worker_cluster_builds_the_example_corpus_as_the_local_build(client, seed_build, raw_dir, tmp_path,
                                                                           table_reader):
    local_report, local = seed_build
    report = build_corpus(raw_dir, tmp_path / "cluster", client=client, progress=False)
    assert report.n_parsed == report.n_cleaned == report.n_built == local_report.n_built == 5
    assert {n: report.table_sizes[n] for n in CLEANING} == {n: local_report.table_sizes[n] for n in CLEANING}
    assert_same_tables(local, table_reader(tmp_path / "cluster"))
    again = build_corpus(raw_dir, tmp_path / "cluster", client=client, progress=False)  # the caches are kept
    assert (again.n_cleaned, again.n_reused, again.nlp_unchanged) == (0, 5, True)


def test_worker_processes_fill_the_caches_the_local_build_reuses(raw_dir, tmp_path, table_reader):
    with connect(workers=2, quiet=True) as processes:  # separate worker processes, as on a real cluster
        assert len(processes.scheduler_info()["workers"]) == 2
        build_corpus(raw_dir, tmp_path / "cluster", client=processes, progress=False)
    shutil.copytree(tmp_path / "cluster" / ".cache", tmp_path / "local" / ".cache")  # the caches alone, no tables
    report = build_corpus(raw_dir, tmp_path / "local", progress=False)
    assert (report.n_cleaned, report.n_reused, report.n_parsed) == (0, 5, 0)
    local, cluster = table_reader(tmp_path / "local"), table_reader(tmp_path / "cluster")
    for name in CLEANING:
        pd.testing.assert_frame_equal(cluster[name], local[name], obj=name)


@pytest.mark.skipif(not ALLSIDES.is_dir(), reason=f"{ALLSIDES} is absent: no real corpus to build")
def test_a_two_worker_cluster_builds_200_real_articles_as_the_local_build(client, tmp_path, table_reader):
    with open(ALLSIDES / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["file"])[:N_REAL]
    raw = tmp_path / "raw"
    raw.mkdir()
    for row in rows:  # a folder of the first 200 articles, copied from the shared corpus into the test's folder
        shutil.copyfile(ALLSIDES / row["file"], raw / row["file"])
    with open(raw / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    local = build_corpus(raw, tmp_path / "local", progress=False)
    cluster = build_corpus(raw, tmp_path / "cluster", client=client, progress=False)  # its own, empty caches
    assert cluster.n_parsed == local.n_parsed == N_REAL
    assert local.table_sizes["reuse"] and local.table_sizes["quotes"] and local.table_sizes["story_links"]
    assert_same_tables(table_reader(tmp_path / "local"), table_reader(tmp_path / "cluster"))

