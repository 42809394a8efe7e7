"""Framing: reporting-verb classes, source types, certainty markers, frames, tone, headlines and escaping."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.framing.charts import evidence_table, quote_share_chart, tone_chart
from helpers.framing.measures import (
    certainty_markers,
    claim_certainty,
    claim_entity,
    claim_sentences,
    frame_matches,
    frame_profile,
    headline_vs_body,
    sentence_tone,
    tone_summary,
)
from helpers.framing.sources import source_type
from helpers.grouping import bind_group
from helpers.lexicons import verb_class
from helpers.nlp.tables import headline_token_rows


@pytest.fixture(scope="module")
def seed(seed_build) -> dict[str, pd.DataFrame]:
    """The example corpus's tables, compared by outlet."""
    return {**seed_build[1], "articles": bind_group(seed_build[1]["articles"], "outlet")}


def test_reporting_verb_classes():
    assert verb_class("say") == "neutral"
    assert verb_class("claim") == "distancing"
    assert verb_class("confirm") == "endorsing"
    assert verb_class("deny") == "guilt-implying"
    assert verb_class("whisper") == "other"


def test_source_types_from_the_speaker_phrase():
    mentions = pd.DataFrame({"entity": ["Hezbollah", "United States", "Ingy Sedky", "Red Cross"],
                             "text": ["Hezbollah", "US", "Ingy Sedky", "Red Cross"],
                             "entity_type": ["group", "place", "person", "organisation"]})
    # A group's media unit speaks for the group: the role defers to the body named with it.
    assert source_type("Hezbollah", "A Hezbollah-run media unit", mentions=mentions) == "militant group"
    assert source_type("United States", "US officials", mentions=mentions) == "anonymous"
    assert source_type("", "officials") == "anonymous"
    assert source_type("", "senior administration officials") == "anonymous"
    assert source_type("Ingy Sedky", "Ingy Sedky, a spokeswoman for the Red Cross",
                       mentions=mentions) == "NGO/monitor"
    assert source_type("", "witnesses") == "citizen/witness"
    assert source_type("", "a Harvard professor") == "expert/academic"
    assert source_type("", "") == "unattributed"
    assert source_type("Nobody Known", "Nobody Known") == "other"


def test_certainty_markers_found_in_their_sentences(seed):
    markers = certainty_markers(seed["tokens"], seed["sentences"])
    found = set(zip(markers["article_id"].str[:3], markers["term"], strict=True))
    for expected in [("000", "try to verify"), ("000", "do not turn out to be true"), ("001", "being verified"),
                     ("002", "purport to be"), ("002", "could not be independently verify"), ("002", "reportedly"),
                     ("003", "releasable information")]:
        assert expected in found
    assert ("000", "may") not in found  # "late May" is a month, not a hedge
    assert all(markers["sentence"].str.len() > 0)


def test_claim_entity_and_claim_certainty(seed):
    entity = claim_entity(seed["mentions"])
    assert entity == "Abu Bakr al-Baghdadi"
    claims = claim_sentences(seed["sentences"], seed["mentions"], seed["tokens"], entity)
    assert not claims["article_id"].str.startswith("004").any()  # the unknown site never names him
    markers = certainty_markers(seed["tokens"], seed["sentences"])
    table = claim_certainty(markers, claims, seed["quotes"], seed["articles"])
    russian_claim = table[table["article_id"].str[:3].isin(["000", "001"])]
    assert (russian_claim["verification"] >= 4).all() and (russian_claim["booster"] == 0).all()


def test_frame_profile_shows_evidence_for_every_score(seed):
    matches = frame_matches(seed["tokens"], seed["sentences"])
    profile = frame_profile(matches, seed["articles"])
    assert set(profile["frame"]) == {"conflict", "economic consequences", "human interest", "morality",
                                     "responsibility"}
    scored = profile[profile["questions_yes"] > 0]
    assert len(scored) and all(len(evidence) > 0 for evidence in scored["evidence"])
    assert (profile["share"] <= 1).all()
    row = profile[(profile["article_id"].str.startswith("003")) & (profile["frame"] == "human interest")].iloc[0]
    assert any("children" in s for s in row["evidence"])


def test_tone_is_negative_for_killing_and_bounded():
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1],
                              "text": ["Twenty civilians were killed in a horrific attack.",
                                       "The aid arrived safely."]})
    articles = pd.DataFrame({"article_id": ["a"], "group": ["X"]})
    tone = sentence_tone(sentences, articles)
    assert tone["compound"].iloc[0] < -0.5 and tone["tone"].iloc[0] == "negative"
    assert tone["compound"].between(-1, 1).all()
    assert tone_summary(tone)["sentences"].iloc[0] == 2


def test_headline_states_as_fact_what_the_body_attributes(seed):
    table = headline_vs_body(seed["articles"], seed["sentences"], seed["tokens"], seed["quotes"],
                             seed["headline_tokens"])
    verdicts = dict(zip(table["article_id"].str[:3], table["verdict"], strict=True))
    assert verdicts["004"] == "headline states as fact what the body qualifies"
    assert verdicts["003"] == "both qualify the claim"


def test_headline_vs_body_on_crafted_articles(seed):
    articles = pd.DataFrame({"article_id": ["x"], "headline": ["Rebel leader possibly killed in strike"]})
    sentences = pd.DataFrame({"article_id": ["x"], "sentence_id": [0], "text": ["The rebel leader was killed."]})
    tokens = headline_token_rows(pd.DataFrame({"article_id": ["x"], "headline": ["The rebel leader was killed."]}))
    heads = headline_token_rows(articles)
    quotes = pd.DataFrame(columns=["article_id", "sentence_id"])
    table = headline_vs_body(articles, sentences, tokens, quotes, heads)
    assert table["verdict"].iloc[0] == "headline qualifies, body does not"


def test_article_text_is_escaped_in_views_and_hover():
    evil = "<script>alert(1)</script> & <b>bold</b>"
    quotes = pd.DataFrame({"group": ["<i>X</i>"], "speaker_type": ["other"], "verb_class": ["neutral"],
                           "speaker_shown": [evil], "quote": [evil], "sentence": [f"He said {evil}."]})
    page = evidence_table(quotes, ["group", "speaker_shown", "sentence"], highlight="quote")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>bold" not in page
    figure = json.dumps(quote_share_chart(quotes, "speaker_type", "group").to_plotly_json(), default=str)
    assert "<script>" not in figure and "<b>bold" not in figure
    tone = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text": [evil], "compound": [-0.5],
                         "group": ["X"]})
    assert "<script>" not in json.dumps(tone_chart(tone).to_plotly_json(), default=str)
