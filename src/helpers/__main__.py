"""Command line of the suite.

    python -m helpers build [--raw DIR] [--out DIR]   build the processed tables
        [--workers N | --scheduler ADDRESS]           ... as tasks on a Dask cluster (local or existing)
    python -m helpers report                          execute the notebooks, write reports/ (reports/<corpus>/ for
                                                      another corpus)
    python -m helpers execute --in-place              refresh the notebooks' stored outputs
    python -m helpers student                         write the student edition (no solutions) to student/
    python -m helpers dictionary                      print the data dictionary
"""

from __future__ import annotations

import argparse
import sys

from helpers.build import EXIT_FAILED, EXIT_UNWRITABLE, build_corpus
from helpers.dictionary import data_dictionary
from helpers.text import printable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="build the processed tables from a folder of articles",
        description="Ingest, clean and tabulate a folder of articles. Exit code: 0 all built, "
        "1 some files skipped (see the warnings), 2 nothing could be built, 3 the tables could not be written "
        "(disk full, read-only folder; the previous tables are unchanged).",
    )
    build.add_argument("--raw", help="corpus folder (default: $NEWSCOMPARE_CORPUS or data/raw)")
    build.add_argument("--out", help="processed folder (default: $NEWSCOMPARE_PROCESSED or data/processed)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--no-nlp", action="store_true", help="stop after cleaning (no spaCy, no coverage tables)")
    build.add_argument("--n-process", type=int, default=1,
                       help="spaCy processes for parsing (default 1; not used on a Dask cluster)")
    cluster = build.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", metavar="ADDRESS",
                         help="run on the Dask distributed cluster of this scheduler (e.g. tcp://host:8786)")
    cluster.add_argument("--workers", type=int, metavar="N",
                         help="run on a new local Dask cluster of N worker processes")
    report = commands.add_parser("report", help="execute every notebook and write the HTML report")
    report.add_argument("--out", default=None, help="report folder (default: reports/)")
    execute = commands.add_parser("execute", help="execute every notebook")
    execute.add_argument("--in-place", action="store_true", help="save outputs into the notebooks themselves")
    commands.add_parser("student", help="write the student edition (no solutions) to student/")
    commands.add_parser("dictionary", help="print the data dictionary of the processed tables")
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        print(data_dictionary(), end="")
        return 0
    if args.command == "student":
        from helpers.corpus import load_corpus
        from helpers.present.student import write_student_edition

        note = load_corpus(build=False).describe().replace("\n", " ")
        print(f"Student edition written: {write_student_edition(corpus_note=note)}")
        return 0
    if args.command in ("report", "execute"):
        from helpers.config import display_path, report_dir
        from helpers.present.report import run_notebooks, write_report

        try:
            executed = run_notebooks(in_place=args.command == "execute" and args.in_place)
        except ValueError as err:
            print(f"ERROR {err}", file=sys.stderr)
            return EXIT_FAILED
        if args.command == "report":
            from helpers.corpus import load_corpus
            from helpers.present.card import corpus_card

            corpus = load_corpus(build=False)
            card = "" if corpus.is_example else corpus_card(corpus.articles, corpus.group_by,
                                                           source=display_path(corpus.raw_dir))
            index = write_report(executed, args.out or report_dir(corpus.raw_dir),
                                 corpus_note=corpus.describe().replace("\n", " "), problems=corpus.problems, card=card)
            print(f"Report written: {display_path(index)}")
        return 0
    try:
        if args.scheduler or args.workers:
            from helpers.distributed import connect

            with connect(args.scheduler, args.workers, quiet=args.quiet) as client:
                result = build_corpus(args.raw, args.out, progress=False if args.quiet else None,
                                      nlp=not args.no_nlp, client=client)
        else:
            result = build_corpus(args.raw, args.out, progress=False if args.quiet else None, nlp=not args.no_nlp,
                                  n_process=args.n_process)
    except (FileNotFoundError, ValueError) as err:
        print(f"ERROR {err}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as err:  # disk full, read-only or unreachable output folder: the previous tables are intact
        where = err.filename or args.out or "the output folder"
        print(f"ERROR cannot write the tables to {printable(str(where))}: {err.strerror or err}. The previous "
              "tables are unchanged.", file=sys.stderr)
        return EXIT_UNWRITABLE
    print(result.summary())
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
