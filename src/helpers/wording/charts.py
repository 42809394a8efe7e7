"""Charts of the wording notebook: names, loaded terms, distinctive words, voice, style, spelling."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.findings.compare import share_intervals
from helpers.grouping import GROUP
from helpers.lexicons import token_index
from helpers.present.charts import PALETTE, finish, group_colors, group_label, interval_bars, short_text
from helpers.wording.measures import hits

VOICE_COLORS = {"active": "#0072B2", "passive, agent named": "#E69F00", "passive, no agent": "#D55E00"}


def _menu(fig: go.Figure, labels: list[str], traces_per_label: list[int], prefix: str = "") -> None:
    """A dropdown that shows one label's traces at a time (the first by default)."""
    buttons, start = [], 0
    total = sum(traces_per_label)
    for label, count in zip(labels, traces_per_label, strict=True):
        visible = [start <= i < start + count for i in range(total)]
        buttons.append({"label": f"{prefix}{label}"[:50], "method": "update", "args": [{"visible": visible}]})
        start += count
    for i, trace in enumerate(fig.data):
        trace.visible = i < traces_per_label[0]
    fig.update_layout(updatemenus=[{"buttons": buttons, "x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top",
                                    "showactive": True}], legend={"y": 0.85})


def naming_chart(names: pd.DataFrame, referents: list[str], group_name: str = GROUP) -> go.Figure:
    """For each actor (menu), the names each group uses, as stacked shares of its mentions."""
    fig = go.Figure()
    counts = []
    groups = sorted(names[GROUP].map(group_label).unique())
    for referent in referents:
        part = names[names["referent"] == referent]
        order = part.groupby("name")["n"].sum().sort_values(ascending=False, kind="stable").index
        for index, name in enumerate(order):
            rows = part[part["name"] == name]
            rows = rows.set_index(rows[GROUP].map(group_label)).reindex(groups)  # "" is shown as "(unknown)"
            fig.add_trace(go.Bar(
                x=groups, y=rows["share"].fillna(0), name=short_text(name, 40),
                marker_color=PALETTE[index % len(PALETTE)], legendgroup=referent,
                customdata=np.stack([rows["n"].fillna(0).astype(int), [short_text(referent, 40)] * len(groups)], -1),
                hovertemplate="<b>%{fullData.name}</b> for %{customdata[1]}<br>%{x}: %{customdata[0]} mentions "
                              "(%{y:.0%})<extra></extra>",
            ))
        counts.append(len(order))
    if referents:
        _menu(fig, referents, counts, prefix="Actor: ")
    fig.update_layout(barmode="stack", legend_title_text="Name used")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return finish(fig, "How each outlet names the same actor", group_name, "Share of the actor's mentions",
                  caption="For the actor chosen in the menu, the share of each name in each group's mentions.")


def term_heatmap(matches: pd.DataFrame, rates: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Loaded terms (rows, grouped by category) × groups: uses per 1,000 words; hover shows the sentences.

    ``matches`` is :func:`helpers.wording.match_terms` with sentences and the
    group column; ``rates`` is :func:`helpers.wording.rates` by category and term.
    """
    if rates.empty:
        fig = go.Figure()
        fig.add_annotation(text="No term of the lexicon occurs in this corpus.", showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper")
        return finish(fig, "Loaded and evaluative terms per 1,000 words", group_name, "Term (category)",
                      caption="No term of the lexicon occurs in this corpus: add terms to the lexicon.")
    groups = sorted(rates[GROUP].map(group_label).unique())
    rows = rates.drop_duplicates("term").sort_values(["category", "term"])[["category", "term"]]
    labels = [f"{t} ({c})" for c, t in rows.itertuples(index=False)]
    z = np.full((len(rows), len(groups)), np.nan)
    text = np.full((len(rows), len(groups)), "", dtype=object)
    position = {t: i for i, t in enumerate(rows["term"])}
    for item in rates.itertuples(index=False):
        i, j = position[item.term], groups.index(group_label(getattr(item, GROUP)))
        z[i, j] = item.per_1000_words
        examples = matches[(matches["term"] == item.term) & (matches[GROUP] == getattr(item, GROUP))]
        lines = "<br>".join(f"{a}: {short_text(s, 130)}" for a, s in
                            zip(examples["article_id"].head(3), examples["sentence"].head(3), strict=True))
        text[i, j] = (f"<b>{short_text(item.term)}</b> in {short_text(groups[j])}: {item.n} uses, "
                      f"{item.per_1000_words:.1f} per 1,000 words<br><i>{lines}</i>")
    fig = go.Figure(go.Heatmap(z=z, x=groups, y=labels, text=text, hovertemplate="%{text}<extra></extra>",
                               colorscale="Oranges", xgap=2, ygap=2, hoverongaps=False,
                               colorbar={"title": {"text": "per 1,000<br>words"}}))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, "Loaded and evaluative terms per 1,000 words", group_name,
                  "Term (category)", height=max(360, 24 * len(labels) + 160),
                  caption="Darker cells: more uses per 1,000 words; hover for the sentences.")


def distinctive_scatter(words: pd.DataFrame, contexts: dict[tuple[str, str], list[str]], group_name: str = GROUP,
                        label_top: int = 8) -> go.Figure:
    """Each group's words (menu): corpus frequency against the log-odds z-score.

    Words above z = 1.96 are used by the group more than the rest of the
    corpus would lead one to expect; hover shows counts and contexts.
    """
    fig = go.Figure()
    groups = sorted(words[GROUP].map(group_label).unique())
    colors = group_colors(words[GROUP])
    for group in groups:
        part = words[words[GROUP].map(group_label) == group]
        total = part["count"] + part["count_rest"]
        top = set(part.nlargest(label_top, "z")["lemma"])
        positions = ["top center", "bottom center", "middle right", "middle left"]
        hover = [f"<b>{short_text(w)}</b>: {c} in {short_text(group, 40)}, {r} elsewhere, z = {z:.2f}<br><i>"
                 + "<br>".join(contexts.get((g, w), [])) + "</i>"  # contexts are keyed by the group's value
                 for g, w, c, r, z in zip(part[GROUP], part["lemma"], part["count"], part["count_rest"], part["z"],
                                          strict=True)]
        fig.add_trace(go.Scatter(
            x=total, y=part["z"], mode="markers+text", name=group,
            text=part["lemma"].where(part["lemma"].isin(top), "").map(short_text),
            textposition=[positions[i % 4] for i in range(len(part))], textfont={"size": 10}, hovertext=hover,
            hoverinfo="text",
            marker={"color": colors.get(group), "size": 7, "opacity": 0.7},
        ))
    _menu(fig, groups, [1] * len(groups), prefix=f"{group_name}: ")
    fig.update_layout(showlegend=False)
    for level in (1.96, -1.96):
        fig.add_hline(y=level, line={"dash": "dot", "color": "#888"})
    fig.update_xaxes(type="log")
    return finish(fig, "Distinctive words: weighted log-odds against the rest of the corpus",
                  "Uses in the whole corpus (log scale)", "z-score (above 1.96: distinctive)", height=560,
                  caption="Words above the dotted line at z = 1.96 are used by the group chosen in the menu more "
                          "than chance would give.")


def voice_chart(voice: pd.DataFrame, group_name: str = GROUP, *, clauses: pd.DataFrame | None = None) -> go.Figure:
    """Per group, the share of clauses that are active, passive with an agent, and passive without one. With
    ``clauses`` (the clauses table with its ``group``), whiskers show 95 % article-level intervals."""
    data = voice.assign(group=voice[GROUP].map(group_label))
    bounds = pd.DataFrame(columns=["low", "high"], index=pd.MultiIndex.from_tuples([], names=[GROUP, "value"]))
    if clauses is not None:
        kind = np.where(clauses["voice"] != "passive", "active",
                        np.where(clauses["agent"] == "", "passive, no agent", "passive, agent named"))
        bounds = share_intervals(clauses.assign(kind=kind), "kind").set_index([GROUP, "value"])
    parts = {
        "active": data["clauses"] - data["passives"],
        "passive, agent named": data["passives"] - data["agentless_passives"],
        "passive, no agent": data["agentless_passives"],
    }
    fig = go.Figure()
    for name, counts in parts.items():
        ends = bounds.reindex(list(zip(voice[GROUP], [name] * len(voice), strict=True)))
        fig.add_trace(go.Bar(x=data["group"], y=counts / data["clauses"], name=name, marker_color=VOICE_COLORS[name],
                             error_y=interval_bars(counts / data["clauses"], ends["low"], ends["high"])
                             if clauses is not None else None,
                             customdata=counts, hovertemplate="%{x}<br>" + name + ": %{customdata} clauses "
                                                                                  "(%{y:.0%})<extra></extra>"))
    fig.update_layout(barmode="stack", legend_title_text="Voice")
    fig.update_yaxes(tickformat=".0%")
    return finish(fig, "Active and passive voice: who is named as acting", group_name, "Share of clauses",
                  caption="Shares of each group's clauses that are active, passive with an agent, and passive "
                          "without one; whiskers (when drawn): 95 % intervals, articles resampled.")


def sentence_length_chart(lengths: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """The distribution of sentence lengths in each group, every sentence a point."""
    data = lengths.assign(group=lengths[GROUP].map(group_label)).sort_values(["group", "article_id"])
    fig = px.box(data, x="group", y="words", color="group", points="all", hover_data=["article_id", "sentence_id"],
                 color_discrete_map=group_colors(lengths[GROUP]))
    fig.update_layout(showlegend=False)
    return finish(fig, "Sentence length", group_name, "Words per sentence",
                  caption="Each point is a sentence; boxes show the middle half of each group's sentence lengths.")


def density_chart(style: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Per article: mean sentence length against lexical density, coloured by group."""
    data = style.assign(group=style[GROUP].map(group_label)).sort_values(["group", "article_id"])
    fig = px.scatter(data, x="mean_sentence_words", y="lexical_density", color="group", hover_name="article_id",
                     color_discrete_map=group_colors(style[GROUP]), hover_data={"sentences": True})
    fig.update_traces(marker={"size": 13})
    fig.update_yaxes(tickformat=".0%")
    fig.update_layout(legend_title_text=group_name)
    return finish(fig, "Sentence length and lexical density per article", "Mean words per sentence",
                  "Lexical density (share of lexical words)",
                  caption="Each point is an article: further right, longer sentences; higher, denser wording.")


def spelling_chart(variants: pd.DataFrame, articles: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Per article, how many names it spells in more than one way; hover lists the spellings."""
    counts = variants.groupby("article_id").agg(n=("entity", "size"),
                                                detail=("spellings", lambda s: "<br>".join(map(short_text, s))))
    data = articles[["article_id", GROUP]].merge(counts, on="article_id", how="left").fillna({"n": 0, "detail": ""})
    data["group"] = data[GROUP].map(group_label)
    data = data.sort_values("article_id")
    fig = px.bar(data, x="article_id", y="n", color="group", color_discrete_map=group_colors(articles[GROUP]),
                 custom_data=["detail"])
    fig.update_traces(hovertemplate="<b>%{x}</b>: %{y} names with several spellings<br>%{customdata[0]}"
                                    "<extra></extra>")
    fig.update_layout(legend_title_text=group_name)
    fig.update_yaxes(dtick=1)
    return finish(fig, "Names spelled more than one way inside one article", "Article", "Names with variant spellings",
                  caption="A bar above zero means the article spells a name in several ways; hover for the spellings.")


def word_contexts(tokens: pd.DataFrame, words: pd.DataFrame, articles: pd.DataFrame, *,
                  top: int = 40, per_word: int = 2,
                  mentions: pd.DataFrame | None = None) -> dict[tuple[str, str], list[str]]:
    """For each group's ``top`` distinctive words, a few of its lines in context (for hover labels)."""
    index = token_index(tokens, mentions)
    group_of = articles.set_index("article_id")[GROUP]
    row_groups = pd.Series(index.article_ids).map(group_of).to_numpy()
    contexts: dict[tuple[str, str], list[str]] = {}
    chosen = words.sort_values(["z", "lemma"], ascending=[False, True]).groupby(GROUP).head(top)
    for group, lemma in zip(chosen[GROUP], chosen["lemma"], strict=True):
        mine = [(row, length) for row, length in hits(index, lemma) if row_groups[row] == group][:per_word]
        contexts[(group, lemma)] = [short_text("…{} [{}] {}…".format(*index.context(row, length, 6)), 110)
                                    for row, length in mine]
    return contexts
