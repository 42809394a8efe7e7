"""The ``findings`` table's contract (the notebooks write it, not the build; see :mod:`helpers.findings.table`).

Kept beside :mod:`helpers.schema` (which holds the built tables) and listed in the same data dictionary.
"""

from __future__ import annotations

from helpers.schema import Column, Table

FINDINGS = Table(
    "findings",
    "One row per (finding, group): what notebooks 03-07 compare between groups, with 95 % intervals and tests. "
    "Written by the notebooks (each replaces its own rows) into the current set of tables; kept while the NLP "
    "tables stay the same, dropped when a build changes them.",
    (
        Column("notebook", "string", "The notebook that computes it (`03_coverage` …)."),
        Column("section", "string", "The notebook's section (`Who gets a voice`, `Tone` …)."),
        Column("finding", "string", "Id of the finding (`sources.type.anonymous`), the same for every group."),
        Column("measure", "string", "What is counted, in plain words (\"quotes from anonymous sources\")."),
        Column("unit", "string", "What `estimate` is: a share (`share of quotes`, 0-1), a rate (`per 1,000 words`) "
               "or a mean (`mean score per sentence`)."),
        Column("group_by", "string", "The comparison column the groups come from (`lean`, `outlet` …)."),
        Column("group", "string", "The group (a value of the comparison column, e.g. `left`)."),
        Column("estimate", "float", "The group's value: sum of the numerators over sum of the denominators of its "
               "articles (a ratio over articles), in `unit`."),
        Column("low", "float", "Lower end of the 95 % article-level bootstrap interval; empty below the minimum "
               "number of articles."),
        Column("high", "float", "Upper end of the interval."),
        Column("n_articles", "int", "Articles of the group the measure applies to (e.g. with at least one quote)."),
        Column("comparison", "string", "What the row's test compares: `A vs B` (two groups) or `A vs the other "
               "groups`; empty when the row carries no comparison."),
        Column("difference", "float", "The group's estimate minus the other side's, in `unit` (the effect size)."),
        Column("ratio", "float", "The group's estimate divided by the other side's (empty when that is 0)."),
        Column("p", "float", "Share of label shuffles (permutation test over articles) giving a difference at "
               "least as large, two-sided; empty when not tested."),
        Column("q", "float", "p after Benjamini-Hochberg across the notebook's comparisons."),
        Column("n_comparisons", "int", "Comparisons tested in the notebook (the BH family)."),
        Column("test", "string", "The test run, or empty."),
        Column("evidence", "string", "Where to read what was counted, and the articles contributing most."),
        Column("verdict", "string", "`larger than chance` (q < 0.05), `within noise`, `too few articles to "
               "compare` (a side under the minimum of articles), `one group: nothing to compare` or `none found in "
               "any group` (nothing counted: no test)."),
    ),
    sort_by=("notebook", "finding", "group"),
)
