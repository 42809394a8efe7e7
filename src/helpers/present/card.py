"""The corpus card: what a corpus holds, its groups, and what its grouping column means (escaped HTML).

It heads the report of any corpus other than the example, so a reader knows what the numbers are about before
reading them: how many articles from which outlets, over which dates, how many per group, and the caveats of
comparing by the chosen column (an outlet's rating is not an article's rating).
"""

from __future__ import annotations

import html

import pandas as pd

from helpers.config import MIN_GROUP_ARTICLES
from helpers.grouping import GROUP, UNKNOWN_GROUP

# What a few common grouping columns mean, and what to keep in mind when comparing by them.
COLUMN_NOTES = {
    "outlet": ("the publication each article comes from (from the manifest, or from the page itself)",
               "An outlet's articles are written by many reporters and editors; a difference between outlets is "
               "a difference between the articles collected from them, not a verdict on the outlet."),
    "lean": ("a rating of each outlet's political lean (for example AllSides' or Ad Fontes' media bias ratings)",
             "The rating belongs to the outlet, not to the article: every article of an outlet gets its outlet's "
             "rating, whatever the article says. Raters disagree and ratings change over time; a group's results "
             "can be driven by its largest outlet, so check the largest outlets of each group in the table."),
    "country": ("the country each outlet publishes in",
                "Outlets of one country differ among themselves as much as countries differ; check the outlets "
                "behind each group."),
}
GENERIC_NOTE = ("a column of the manifest", "Say what this column means, and who assigned it, when you cite a "
                "comparison by it; every article takes the value given to it in the manifest.")


def group_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Per group: articles, outlets, words, first and last date, undated articles, and whether it can be compared."""
    dates = pd.to_datetime(articles["published"], errors="coerce")
    table = articles.assign(_date=dates).groupby(GROUP).agg(
        articles=("article_id", "size"), outlets=("outlet", "nunique"), words=("n_words", "sum"),
        first=("_date", "min"), last=("_date", "max"), undated=("_date", lambda d: int(d.isna().sum())),
    ).reset_index()
    top = articles.groupby([GROUP, "outlet"]).size().rename("n").reset_index().sort_values(
        [GROUP, "n", "outlet"], ascending=[True, False, True])
    largest = top.groupby(GROUP).head(3).groupby(GROUP).apply(
        lambda g: ", ".join(f"{o} ({n})" for o, n in zip(g["outlet"], g["n"], strict=True)), include_groups=False)
    table["largest_outlets"] = table[GROUP].map(largest)
    table["compared"] = table["articles"].map(
        lambda n: "yes" if n >= MIN_GROUP_ARTICLES else f"no: too few articles (fewer than {MIN_GROUP_ARTICLES})")
    return table.sort_values(GROUP, kind="stable").reset_index(drop=True)


def _date(value) -> str:
    return "" if pd.isna(value) else f"{value:%d %b %Y}"


def corpus_card(articles: pd.DataFrame, group_name: str, *, source: str = "") -> str:
    """An HTML card for the corpus whose articles table (with the bound ``group`` column) is ``articles``;
    ``group_name`` is the manifest column the groups come from."""
    summary = group_summary(articles)
    dates = pd.to_datetime(articles["published"], errors="coerce").dropna()
    span = f"published {_date(dates.min())} to {_date(dates.max())}" if len(dates) else "no article has a date"
    undated = int(len(articles) - len(dates))
    meaning, caveat = COLUMN_NOTES.get(group_name.lower(), GENERIC_NOTE)
    rows = "".join(
        f"<tr><td>{html.escape(str(getattr(r, GROUP)))}</td><td>{r.articles:,}</td><td>{r.outlets:,}</td>"
        f"<td>{int(r.words):,}</td><td>{_date(r.first)}</td><td>{_date(r.last)}</td><td>{r.undated:,}</td>"
        f"<td>{html.escape(str(r.largest_outlets))}</td><td>{html.escape(r.compared)}</td></tr>"
        for r in summary.itertuples(index=False)
    )
    small = summary[summary["articles"] < MIN_GROUP_ARTICLES]
    notes = [f"<strong>{html.escape(group_name)}</strong> is {html.escape(meaning)}. {html.escape(caveat)}"]
    if len(small):
        notes.append(f"{len(small)} of {len(summary)} groups have fewer than {MIN_GROUP_ARTICLES} articles: the "
                     "notebooks describe them but do not compare them with other groups.")
    if (articles[GROUP] == UNKNOWN_GROUP).any():
        notes.append(f"Articles with no value in <code>{html.escape(group_name)}</code> form the group "
                     f"<em>{html.escape(UNKNOWN_GROUP)}</em>.")
    notes.append("The corpus is the articles someone collected, not everything the outlets published: a difference "
                 "between groups is a finding about this collection. Each comparison's unit is the article, and "
                 "every interval and test in the notebooks resamples articles.")
    where = f" from <code>{html.escape(source)}</code>" if source else ""
    return (
        '<section class="corpus-card" aria-label="About this corpus">'
        f"<h2>About this corpus</h2><p>{len(articles):,} articles{where}, from {articles['outlet'].nunique():,} "
        f"outlets, {int(articles['n_words'].sum()):,} words of cleaned text, {span}"
        f"{f' ({undated:,} undated)' if undated and len(dates) else ''}. Compared by "
        f"<strong>{html.escape(group_name)}</strong>: {len(summary):,} groups.</p>"
        "<table><tr><th>group</th><th>articles</th><th>outlets</th><th>words</th><th>first date</th>"
        f"<th>last date</th><th>undated</th><th>largest outlets</th><th>compared</th></tr>{rows}</table>"
        + "".join(f"<p>{note}</p>" for note in notes) + "</section>"
    )
