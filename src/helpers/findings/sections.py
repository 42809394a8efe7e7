"""The measures each notebook compares between groups, as per-article numerators and denominators.

One function per notebook section; each returns a list of (:class:`Measure`, per-article frame) pairs built
from the processed tables and the per-article outputs of the rooms' measures (``helpers.*.measures``), so a
finding counts exactly what the notebook's charts count. Which actors, names, source types and frames are
compared is decided by frequency in the whole corpus (never by looking at group differences).
"""

from __future__ import annotations

import pandas as pd

from helpers.config import FINDINGS_TOP
from helpers.findings.compare import Measure, per_article
from helpers.grouping import GROUP

Items = list[tuple[Measure, pd.DataFrame]]


def _count(table: pd.DataFrame) -> pd.Series:
    """Rows per article_id."""
    return table.groupby("article_id").size() if len(table) else pd.Series(dtype=float)


def coverage(articles: pd.DataFrame, mentions: pd.DataFrame, stories: pd.DataFrame, facts: pd.DataFrame, *,
             top: int = FINDINGS_TOP) -> Items:
    """Prominence of the top actors, stories shared across outlets, blindspots and facts left out."""
    from helpers.coverage.measures import top_entities

    items: Items = []
    section = "Who is named"
    for entity in top_entities(mentions, n=top, types=("person", "organisation", "group")):
        naming = mentions.loc[mentions["entity"] == entity, "article_id"].drop_duplicates()
        items.append((Measure(f"coverage.names.{entity}", section, f"articles that name {entity}",
                              "share of articles", f"corpus.mentions with entity '{entity}'"),
                      per_article(articles, pd.Series(1.0, index=naming), 1)))
    members = stories.merge(articles[["article_id", "outlet", GROUP]], on="article_id")
    by_story = members.groupby("story_id").agg(size=("article_id", "size"), outlets=("outlet", "nunique"),
                                               groups=(GROUP, "nunique"))
    story = members.set_index("article_id")["story_id"]
    outlets = story.map(by_story["outlets"])
    items.append((Measure("coverage.stories.shared", "Stories", "articles in a story that two or more outlets "
                          "report", "share of articles", "corpus.stories (stories with articles of several "
                          "outlets)"), per_article(articles, (outlets > 1).astype(float), 1)))
    shared = story[story.map(by_story["size"]) > 1]
    alone = (shared.map(by_story["groups"]) == 1).astype(float)
    items.append((Measure("coverage.blindspots", "Blindspots", "articles of shared stories that no other group "
                          "covered", "share of articles in shared stories", "the blindspots table "
                          "(blindspots(corpus.stories, corpus.articles))"),
                  per_article(articles, alone, pd.Series(1.0, index=shared.index))))
    if len(facts):
        in_story = facts.groupby("story_id")["fact_id"].nunique()
        reported = facts.groupby("article_id")["fact_id"].nunique()
        total = shared.map(in_story).dropna().astype(float)  # an article of a shared story with no fact lacks all
        missing = total - reported.reindex(total.index).fillna(0)
        items.append((Measure("coverage.facts.left_out", "Facts left out", "facts of their story that other "
                              "articles report and they leave out", "share of a story's facts",
                              "fact_coverage(corpus.facts, story_id)"), per_article(articles, missing, total)))
    return items


def wording(articles: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame, clauses: pd.DataFrame,
            sentences: pd.DataFrame, *, term_matches: pd.DataFrame | None = None, names: pd.DataFrame | None = None,
            top: int = FINDINGS_TOP) -> Items:
    """Naming shares, loaded terms per 1,000 words, passives and agentless passives, sentence length."""
    from helpers.lexicons import load_lexicon, match_terms
    from helpers.wording.measures import entity_names, names_with_variety, sentence_lengths

    items: Items = []
    by_article = articles.assign(**{GROUP: articles["article_id"]})  # each article its own "group"
    names = entity_names(mentions, articles) if names is None else names
    per_name = entity_names(mentions, by_article)
    for referent in [r for r in names_with_variety(names, top=top) if r in set(per_name["referent"])]:
        part = per_name[per_name["referent"] == referent]
        usual = part.groupby("name")["n"].sum().sort_values(ascending=False, kind="stable").index[0]
        num = part[part["name"] == usual].set_index(GROUP)["n"]
        items.append((Measure(f"wording.naming.{referent}", "Naming", f"mentions of {referent} that say "
                              f"“{usual}”", "share of the actor's mentions",
                              f"corpus.mentions with entity '{referent}'"),
                      per_article(articles, num, part.groupby(GROUP)["n"].sum())))
    matches = match_terms(tokens, load_lexicon("loaded_terms")) if term_matches is None else term_matches
    words = articles.set_index("article_id")["n_words"]
    items.append((Measure("wording.loaded", "Loaded terms", "loaded or evaluative terms of the lexicon",
                          "per 1,000 words", "the loaded-terms heatmap (term_matches)", 1000.0),
                  per_article(articles, _count(matches), words)))
    passive = clauses[clauses["voice"] == "passive"]
    agentless = passive[passive["agent"] == ""]
    items.append((Measure("wording.passive", "Voice and agency", "clauses in the passive voice", "share of "
                          "clauses", "passives(corpus.clauses, corpus.sentences, corpus.articles)"),
                  per_article(articles, _count(passive), _count(clauses))))
    items.append((Measure("wording.agentless", "Voice and agency", "passive clauses that name no agent",
                          "share of passive clauses", "passives(...) where by_whom is '(not named)'"),
                  per_article(articles, _count(agentless), _count(passive))))
    lengths = sentence_lengths(sentences, articles).groupby("article_id")["words"].agg(["sum", "size"])
    items.append((Measure("wording.sentence_length", "Style", "words per sentence", "mean words per sentence",
                          "sentence_lengths(corpus.sentences, corpus.articles)"),
                  per_article(articles, lengths["sum"], lengths["size"])))
    return items


def sources(articles: pd.DataFrame, quotes: pd.DataFrame, people: pd.DataFrame, *, top: int = FINDINGS_TOP) -> Items:
    """Source types (anonymous always among them), reporting-verb classes, and women among people quoted."""
    items: Items = []
    all_quotes = _count(quotes)
    typed = quotes[~quotes["speaker_type"].isin(["", "other", "unattributed"])]
    kinds = list(typed["speaker_type"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
                 .index[:top])
    kinds += ["anonymous"] if "anonymous" in set(quotes["speaker_type"]) and "anonymous" not in kinds else []
    for kind in kinds:
        items.append((Measure(f"sources.type.{kind}", "Who gets a voice", f"quotes from {kind} sources",
                              "share of quotes", f"corpus.quotes with speaker_type '{kind}'"),
                      per_article(articles, _count(quotes[quotes["speaker_type"] == kind]), all_quotes)))
    with_verb = quotes[quotes["verb_class"] != ""]
    classes = [c for c in with_verb["verb_class"].value_counts().sort_index()
               .sort_values(ascending=False, kind="stable").index if c != "neutral"][:top]
    for verb_class in classes:
        article = "an" if verb_class[:1] in "aeiou" else "a"
        items.append((Measure(f"sources.verbs.{verb_class}", "Reporting verbs", f"attributions with {article} "
                              f"{verb_class} reporting verb", "share of quotes with a reporting verb",
                              f"corpus.quotes with verb_class '{verb_class}'"),
                      per_article(articles, _count(with_verb[with_verb["verb_class"] == verb_class]),
                                  _count(with_verb))))
    quoted = people[people["n_quotes"] > 0]
    for who, part in (("quoted", quoted), ("mentioned", people)):
        items.append((Measure(f"sources.gender.{who}_women", "Women and men", f"people {who} whom the text "
                              "presents as women", f"share of people {who}",
                              f"corpus.people with gender 'female'{' and n_quotes > 0' if who == 'quoted' else ''}"),
                      per_article(articles, _count(part[part["gender"] == "female"]), _count(part))))
    return items


def framing(articles: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame, *,
            certainty: pd.DataFrame | None = None, markers: pd.DataFrame | None = None,
            frames: pd.DataFrame | None = None, tone: pd.DataFrame | None = None,
            headlines: pd.DataFrame | None = None) -> Items:
    """Hedges, certainty about the key claim, frames, tone and (when given) headlines against bodies."""
    from helpers.framing.measures import certainty_markers, frame_matches, frame_profile, sentence_tone

    items: Items = []
    markers = certainty_markers(tokens, sentences) if markers is None else markers
    words = articles.set_index("article_id")["n_words"]
    items.append((Measure("framing.hedges", "Certainty", "hedges (may, reportedly, allegedly …)",
                          "per 1,000 words", "certainty_markers(...) with class 'hedge'", 1000.0),
                  per_article(articles, _count(markers[markers["class"] == "hedge"]), words)))
    if certainty is not None and len(certainty):
        table = certainty.set_index("article_id")
        items.append((Measure("framing.claim_markers", "Certainty", "hedges and verification markers in the "
                              "sentences about the key claim", "markers per claim sentence",
                              "claim_evidence(...) (the claim sentences that carry a marker)"),
                      per_article(articles, table["hedge"] + table["verification"], table["claim_sentences"])))
    frames = frame_profile(frame_matches(tokens, sentences), articles) if frames is None else frames
    for frame, part in frames.groupby("frame", sort=True):
        table = part.set_index("article_id")
        items.append((Measure(f"framing.frame.{frame}", "Frames", f"questions of the {frame} frame the "
                              "lexicon answers yes", "share of the frame's questions",
                              f"frame_profile(...) rows with frame '{frame}'"),
                      per_article(articles, table["questions_yes"], table["questions"])))
    tone = sentence_tone(sentences, articles) if tone is None else tone
    items.append((Measure("framing.tone.mean", "Tone", "tone of the sentences (VADER compound score, −1 "
                          "negative … +1 positive)", "mean score per sentence", "tone_extremes(tone)",
                          has_ratio=False),
                  per_article(articles, tone.groupby("article_id")["compound"].sum(), _count(tone))))
    items.append((Measure("framing.tone.negative", "Tone", "sentences that read as negative",
                          "share of sentences", "tone_extremes(tone)"),
                  per_article(articles, _count(tone[tone["tone"] == "negative"]), _count(tone))))
    if headlines is not None and len(headlines):
        matched = headlines[headlines["verdict"] != "no matching body sentence"]
        stated = matched[matched["verdict"] == "headline states as fact what the body qualifies"]
        items.append((Measure("framing.headline_as_fact", "Headline against body", "headlines that state as "
                              "fact what the body qualifies", "share of articles with a matching headline",
                              "headline_vs_body(...) verdicts"),
                      per_article(articles, _count(stated), _count(matched))))
    return items


def reuse(articles: pd.DataFrame, derivation: pd.DataFrame) -> Items:
    """Articles derived from another of the corpus (any, wholly) and their words in shared passages."""
    table = derivation.set_index("article_id")
    items: Items = []
    for finding, label, labels in (("reuse.derived", "derived (wholly or partially) from another article of "
                                    "the corpus", ("wholly derived", "partially derived")),
                                   ("reuse.wholly", "wholly derived from another article of the corpus",
                                    ("wholly derived",))):
        items.append((Measure(finding, "Derivation", f"articles {label}", "share of articles",
                              "corpus.derivation (label, source_id)"),
                      per_article(articles, table["label"].isin(labels).astype(float), 1)))
    words = articles.set_index("article_id")["n_words"]
    items.append((Measure("reuse.shared_words", "Derivation", "words in passages shared with the article's "
                          "source", "share of words", "corpus.reuse_passages"),
                  per_article(articles, table["shared_words"], words)))
    return items
