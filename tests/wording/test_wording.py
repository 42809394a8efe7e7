"""Wording: log-odds by hand, distinctive words, lexicon matching, naming, style, KWIC, spelling and the charts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.build import build_corpus
from helpers.grouping import bind_group
from helpers.lexicons import load_lexicon, match_terms, with_sentences
from helpers.nlp.model import load_model
from helpers.nlp.parse import ParsedCorpus, doc_features
from helpers.nlp.tables import token_rows
from helpers.text import count_words
from helpers.wording.charts import (
    density_chart,
    distinctive_scatter,
    naming_chart,
    sentence_length_chart,
    spelling_chart,
    term_heatmap,
    voice_chart,
    word_contexts,
)
from helpers.wording.measures import (
    descriptive_names,
    distinctive_words,
    entity_names,
    kwic,
    log_odds_dirichlet,
    names_with_variety,
    passives,
    rates,
    sentence_lengths,
    spelling_variants,
    style_by_article,
    voice_by_group,
)
from helpers.wording.views import kwic_view

AP, LGP, MEE = "Associated Press", "London Glossy Post", "Middle East Eye"
UNKNOWN_SITE = "Unknown site (Spanish-language template)"
A004 = "004_85e05273389f8f37"
TOKEN_COLUMNS = ["article_id", "sentence_id", "token_id", "text", "lemma", "pos", "is_stop", "start_char"]


def parsed_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """The ``tokens`` table of crafted texts (article_id → text), parsed by the suite's model, without a build."""
    nlp = load_model()
    features = {f"k{i}": doc_features(nlp(text)) for i, text in enumerate(texts.values())}
    parsed = ParsedCorpus(keys={a: f"k{i}" for i, a in enumerate(texts)}, cache=None, n_parsed=0,
                          _features=features)
    return token_rows(parsed, list(texts))


def hand_tokens(article_id: str, words: list[tuple[str, str, str, bool]]) -> pd.DataFrame:
    """A ``tokens`` table written by hand: (text, lemma, pos, is_stop) per token, one sentence, one space apart."""
    rows, position = [], 0
    for token_id, (text, lemma, pos, stop) in enumerate(words):
        rows.append([article_id, 0, token_id, text, lemma, pos, stop, position])
        position += len(text) + 1
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def articles_of(groups: dict[str, str], n_words: dict[str, int] | None = None) -> pd.DataFrame:
    ids = list(groups)
    return pd.DataFrame({"article_id": ids, "group": [groups[a] for a in ids],
                         "n_words": [(n_words or {}).get(a, 100) for a in ids]})


@pytest.fixture(scope="module")
def seed(seed_build) -> dict[str, pd.DataFrame]:
    """The example corpus's tables, compared by outlet."""
    return {**seed_build[1], "articles": bind_group(seed_build[1]["articles"], "outlet")}


# --- 1. weighted log-odds ---------------------------------------------------------------------------


def test_log_odds_matches_a_hand_computation():
    y_i, y_j, prior = [10, 5, 0], [2, 5, 8], [1.0, 2.0, 4.0]
    # n_i = n_j = 15, α₀ = 7, so n + α₀ = 22 in both groups.
    delta = [math.log(11 / (22 - 11)) - math.log(3 / (22 - 3)),
             math.log(7 / (22 - 7)) - math.log(7 / (22 - 7)),
             math.log(4 / (22 - 4)) - math.log(12 / (22 - 12))]
    variance = [1 / 11 + 1 / 3, 1 / 7 + 1 / 7, 1 / 4 + 1 / 12]
    z = [d / math.sqrt(v) for d, v in zip(delta, variance, strict=True)]
    result = log_odds_dirichlet(np.array(y_i), np.array(y_j), np.array(prior))
    assert list(result.columns) == ["delta", "variance", "z"]
    assert result["delta"].tolist() == pytest.approx(delta, abs=1e-12)
    assert result["variance"].tolist() == pytest.approx(variance, abs=1e-12)
    assert result["z"].tolist() == pytest.approx(z, abs=1e-12)
    assert delta[0] == pytest.approx(math.log(19 / 3))


def test_log_odds_uses_natural_logarithms():
    result = log_odds_dirichlet(np.array([10, 5, 0]), np.array([2, 5, 8]), np.array([1.0, 2.0, 4.0]))
    assert result["delta"][0] == pytest.approx(math.log(19 / 3))
    assert result["delta"][0] != pytest.approx(math.log10(19 / 3), rel=0.01)
    assert result["delta"][0] / math.log10(19 / 3) == pytest.approx(math.log(10))


def test_swapping_the_groups_negates_delta_and_z():
    y_i, y_j, prior = np.array([10, 5, 0, 3]), np.array([2, 5, 8, 1]), np.array([1.0, 2.0, 4.0, 0.5])
    ab, ba = log_odds_dirichlet(y_i, y_j, prior), log_odds_dirichlet(y_j, y_i, prior)
    np.testing.assert_allclose(ba["delta"], -ab["delta"], atol=1e-12)
    np.testing.assert_allclose(ba["z"], -ab["z"], atol=1e-12)
    np.testing.assert_allclose(ba["variance"], ab["variance"], atol=1e-12)
    assert (ab["delta"].abs() > 0.1).sum() >= 3  # not trivially zero


def test_a_word_with_equal_rates_in_both_groups_gets_delta_zero():
    # Group j is twice as large; word 0 is a quarter of both groups; the prior is the corpus share (4 and 12).
    result = log_odds_dirichlet(np.array([100, 300]), np.array([200, 600]), np.array([4.0, 12.0]))
    assert result["delta"].abs().max() < 1e-12
    assert result["z"].abs().max() < 1e-12
    uneven = log_odds_dirichlet(np.array([150, 250]), np.array([200, 600]), np.array([4.0, 12.0]))
    assert uneven["delta"][0] > 0.3 and uneven["delta"][1] < -0.3


# --- distinctive words ------------------------------------------------------------------------------


@pytest.fixture
def two_groups():
    """Group A (a1) and group B (b1), with content words, stop words, punctuation, a number and a place."""
    a1 = hand_tokens("a1", [
        ("strike", "strike", "NOUN", False), ("strikes", "strike", "NOUN", False), ("struck", "strike", "VERB", False),
        ("raid", "raid", "NOUN", False), ("the", "the", "DET", True), ("the", "the", "DET", True),
        ("the", "the", "DET", True), (",", ",", "PUNCT", False), (",", ",", "PUNCT", False), ("-", "-", "PUNCT", False),
        ("said", "say", "VERB", True), ("said", "say", "VERB", True), ("12", "12", "NUM", False),
        ("12", "12", "NUM", False), ("Albu", "albu", "PROPN", False), ("Kamal", "kamal", "PROPN", False),
        ("Albu", "albu", "PROPN", False), ("Kamal", "kamal", "PROPN", False),
    ])
    b1 = hand_tokens("b1", [
        ("strike", "strike", "NOUN", False), ("town", "town", "NOUN", False), ("town", "town", "NOUN", False),
        ("quickly", "quickly", "ADV", False), ("the", "the", "DET", True), ("said", "say", "VERB", True),
        ("Albu", "albu", "PROPN", False), ("Kamal", "kamal", "PROPN", False),
    ])
    tokens = pd.concat([a1, b1], ignore_index=True)
    articles = articles_of({"a1": "B-group", "b1": "A-group"}, {"a1": 400, "b1": 250})
    place = tokens[tokens["text"] == "Albu"]
    mentions = pd.DataFrame({"article_id": place["article_id"].to_numpy(), "entity": "Albu Kamal",
                             "start_char": place["start_char"].to_numpy(),
                             "end_char": place["start_char"].to_numpy() + len("Albu Kamal")})
    return tokens, articles, mentions


def test_distinctive_words_min_count_is_the_only_filter(two_groups):
    tokens, articles, _ = two_groups
    words = distinctive_words(tokens, articles, min_count=2)
    assert set(words["lemma"]) == {"strike", "town", "albu", "kamal"}
    totals = (words["count"] + words["count_rest"]).groupby(words["lemma"]).agg(set)
    assert totals.to_dict() == {"albu": {3}, "kamal": {3}, "strike": {4}, "town": {2}}
    everything = distinctive_words(tokens, articles, min_count=1)
    assert set(everything["lemma"]) == {"strike", "town", "albu", "kamal", "raid", "quickly"}
    assert len(everything) == 2 * 6  # one row per (group, lemma), zero counts included
    raid = everything.set_index(["group", "lemma"]).loc[("A-group", "raid")]
    assert (raid["count"], raid["count_rest"]) == (0, 1)


def test_distinctive_words_leave_out_stop_words_punctuation_and_numbers(two_groups):
    tokens, articles, _ = two_groups
    lemmas = set(distinctive_words(tokens, articles, min_count=1)["lemma"])
    assert not lemmas & {"the", "say", ",", "-", "12"}


def test_distinctive_words_count_a_mention_as_one_word(two_groups):
    tokens, articles, mentions = two_groups
    words = distinctive_words(tokens, articles, min_count=1, mentions=mentions)
    assert "Albu Kamal" in set(words["lemma"])
    assert not {"albu", "kamal"} & set(words["lemma"])
    place = words[words["lemma"] == "Albu Kamal"].set_index("group")
    assert place.loc["B-group", "count"] == 2 and place.loc["A-group", "count"] == 1


def test_distinctive_words_rates_groups_and_order(two_groups):
    tokens, articles, _ = two_groups
    words = distinctive_words(tokens, articles, min_count=1)
    strike = words[words["lemma"] == "strike"].set_index("group")
    assert strike.loc["B-group", "per_1000_words"] == pytest.approx(1000 * 3 / 400)
    assert strike.loc["A-group", "per_1000_words"] == pytest.approx(1000 * 1 / 250)
    assert strike.loc["B-group", "z"] > 0 > strike.loc["A-group", "z"]
    assert list(words["group"].drop_duplicates()) == ["A-group", "B-group"]
    for _, part in words.groupby("group"):
        assert part["z"].is_monotonic_decreasing


def test_distinctive_words_on_the_example_corpus(seed):
    words = distinctive_words(seed["tokens"], seed["articles"], mentions=seed["mentions"])
    assert list(words["group"].drop_duplicates()) == sorted(seed["articles"]["group"].unique())
    for _, part in words.groupby("group"):
        assert part["z"].is_monotonic_decreasing
    top = words.groupby("group").head(1).set_index("group")["lemma"]
    assert top[MEE] == "Albu Kamal"
    assert top[UNKNOWN_SITE] == "Deir ez-Zor"
    assert not {"albu", "kamal", "the", ",", "."} & set(words["lemma"])
    assert (words["count"] + words["count_rest"]).min() >= 2


def test_word_contexts_are_short_escaped_lines_of_the_group(seed):
    words = distinctive_words(seed["tokens"], seed["articles"], mentions=seed["mentions"])
    contexts = word_contexts(seed["tokens"], words, seed["articles"], top=3, mentions=seed["mentions"])
    lines = contexts[(MEE, "Albu Kamal")]
    assert 1 <= len(lines) <= 2
    assert all("[Albu Kamal]" in line for line in lines)


# --- 2. lexicon matching ----------------------------------------------------------------------------


LEXICON = pd.DataFrame({
    "term": ["militant", "wreak havoc", "so-called", "Syrian regime forces", "regime forces", "regime", "IS fighters"],
    "category": ["label", "verb", "qualifier", "name", "name", "qualifier", "name"],
})


@pytest.fixture(scope="module")
def crafted_tokens() -> pd.DataFrame:
    return parsed_tokens({
        "a1": "Militants wreaked havoc in the town. The so-called caliphate fell.",
        "a2": "Syrian regime forces advanced, and regime forces fired while the regime watched.",
        "a3": "They will wreak\n\nhavoc elsewhere.",
        "a4": "The town was recaptured by IS fighters. Fighters will wreak",
        "a5": "havoc, officials said.",
    })


def _matched(matches: pd.DataFrame, tokens: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(article, term, the words it covers) for every match."""
    out = []
    for m in matches.itertuples():
        sentence = tokens[(tokens["article_id"] == m.article_id) & (tokens["sentence_id"] == m.sentence_id)]
        words = sentence[sentence["token_id"].between(m.token_id, m.token_id + m.n_tokens - 1)]["text"]
        out.append((m.article_id, m.term, " ".join(words)))
    return out


def test_match_terms_finds_lemmas_exact_words_and_multiword_terms(crafted_tokens):
    matches = match_terms(crafted_tokens, LEXICON)
    found = _matched(matches, crafted_tokens)
    assert ("a1", "militant", "Militants") in found  # lemma: "militant" finds "militants"
    assert ("a1", "wreak havoc", "wreaked havoc") in found
    assert ("a1", "so-called", "so - called") in found  # three tokens, as spaCy splits it
    # The model lemmatises "IS" in "IS fighters" on its own as "be": only the exact words can find it.
    assert load_model()("IS fighters")[0].lemma_.lower() == "be"
    assert ("a4", "IS fighters", "IS fighters") in found
    assert set(matches.columns) >= {"term", "category", "article_id", "sentence_id", "token_id", "n_tokens"}


def test_match_terms_never_cross_a_sentence_boundary(crafted_tokens):
    found = _matched(match_terms(crafted_tokens, LEXICON), crafted_tokens)
    # "wreak" ends a paragraph in a3 and the text of a4; "havoc" starts the next paragraph, and a5.
    assert [f for f in found if f[1] == "wreak havoc"] == [("a1", "wreak havoc", "wreaked havoc")]


def test_the_longest_match_wins_where_terms_overlap(crafted_tokens):
    found = _matched(match_terms(crafted_tokens, LEXICON), crafted_tokens)
    assert [f for f in found if f[0] == "a2"] == [
        ("a2", "Syrian regime forces", "Syrian regime forces"),
        ("a2", "regime forces", "regime forces"),
        ("a2", "regime", "regime"),
    ]


def test_match_terms_without_a_match_keeps_the_columns(crafted_tokens):
    lexicon = pd.DataFrame({"term": ["no such phrase"], "category": ["x"], "why not": ["a column with a space"]})
    empty = match_terms(crafted_tokens, lexicon)
    assert empty.empty
    full = match_terms(crafted_tokens, lexicon.assign(term="militant"))
    assert len(full) == 1
    assert list(empty.columns) == list(full.columns)
    assert list(full.columns) == ["term", "category", "why not", "article_id", "sentence_id", "token_id", "n_tokens"]
    assert full.loc[0, "why not"] == "a column with a space"


def test_rates_are_per_1000_words_of_the_group():
    articles = articles_of({"a1": "A", "a2": "A", "b1": "B"}, {"a1": 200, "a2": 300, "b1": 250})
    matches = pd.DataFrame({"article_id": ["a1", "a1", "a2", "b1", "a2"], "term": ["x", "x", "x", "x", "y"]})
    expected = [("A", "x", 3, 6.0), ("A", "y", 1, 2.0), ("B", "x", 1, 4.0)]
    result = rates(matches, articles, ["term"])
    assert list(result.itertuples(index=False, name=None)) == expected
    with_group = matches.merge(articles[["article_id", "group"]], on="article_id")
    assert list(rates(with_group, articles, ["term"]).itertuples(index=False, name=None)) == expected


def test_load_lexicon_needs_a_term_column(tmp_path):
    (tmp_path / "bad.csv").write_text("word,category\nmilitant,label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="term") as err:
        load_lexicon("bad", folder=tmp_path)
    assert str(tmp_path / "bad.csv") in str(err.value)


def test_load_lexicon_strips_and_drops_blank_and_repeated_terms(tmp_path):
    (tmp_path / "ok.csv").write_text("\ufeffterm,category\n militant ,label\n,empty\nmilitant,again\n",
                                     encoding="utf-8")
    table = load_lexicon("ok", folder=tmp_path)
    assert table.to_dict("records") == [{"term": "militant", "category": "label"}]


def test_the_shipped_lexicons_load():
    assert {"term", "category", "reason"} <= set(load_lexicon("loaded_terms").columns)
    assert {"term", "referent"} <= set(load_lexicon("naming").columns)


# --- 3. naming on the example corpus ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_names(seed) -> pd.DataFrame:
    return entity_names(seed["mentions"], seed["articles"])


def _names_of(names: pd.DataFrame, referent: str, outlet: str) -> set[str]:
    return set(names[(names["referent"] == referent) & (names["group"] == outlet)]["name"])


def test_ap_writes_islamic_state_never_is(seed_names):
    assert _names_of(seed_names, "Islamic State", AP) == {"Islamic State", "Islamic State group"}
    assert "IS" in _names_of(seed_names, "Islamic State", MEE)


def test_only_the_unknown_site_writes_daesh(seed_names):
    assert set(seed_names.loc[seed_names["name"] == "Daesh", "group"]) == {UNKNOWN_SITE}


def test_middle_east_eye_calls_al_baghdadi_baghdadi(seed_names):
    mee = _names_of(seed_names, "Abu Bakr al-Baghdadi", MEE)
    assert "Baghdadi" in mee and "al-Baghdadi" not in mee
    assert "Baghdadi" not in _names_of(seed_names, "Abu Bakr al-Baghdadi", AP)


def test_names_differing_only_in_capitals_are_one_name(seed, seed_names):
    mentions = seed["mentions"].merge(seed["articles"][["article_id", "group"]], on="article_id")
    written = mentions.loc[(mentions["group"] == LGP) & (mentions["entity"] == "Abu Bakr al-Baghdadi"), "text"]
    assert {"Al-Baghdadi", "al-Baghdadi"} <= set(written)  # both spellings are in the London Glossy Post's text
    assert "Al-Baghdadi" not in set(seed_names["name"])
    lgp = seed_names[(seed_names["referent"] == "Abu Bakr al-Baghdadi") & (seed_names["group"] == LGP)]
    assert lgp["name"].str.casefold().is_unique
    short = written.str.casefold().str.replace("’s", "", regex=False) == "al-baghdadi"
    assert lgp.set_index("name").loc["al-Baghdadi", "n"] == short.sum()


def test_name_shares_sum_to_one(seed_names):
    sums = seed_names.groupby(["referent", "group"])["share"].sum()
    np.testing.assert_allclose(sums, 1.0)
    assert seed_names["n"].min() >= 1


def test_entity_names_picks_the_most_common_capitalisation():
    mentions = pd.DataFrame({"article_id": ["a1", "a1", "a1", "b1"], "entity": "E",
                             "text": ["the Regime", "regime's", "regime", "REGIME"]})
    names = entity_names(mentions, articles_of({"a1": "A", "b1": "B"}))
    assert names[["group", "name", "n", "share"]].to_dict("records") == [
        {"group": "A", "name": "regime", "n": 3, "share": 1.0},
        {"group": "B", "name": "regime", "n": 1, "share": 1.0},
    ]


def test_descriptive_names_regime_forces_only_from_middle_east_eye(seed):
    names = descriptive_names(seed["tokens"], seed["articles"], load_lexicon("naming"))
    outlets = names.groupby("name")["group"].agg(set)
    assert outlets["regime forces"] == {MEE}
    assert outlets["Syrian regime forces"] == {MEE}
    assert outlets["the regime"] == {UNKNOWN_SITE}
    np.testing.assert_allclose(names.groupby(["referent", "group"])["share"].sum(), 1.0)
    assert "Syrian government forces" in names_with_variety(names)


# --- 4. voice (the per-group summaries; the clause extraction is in test_clauses.py) ------------------


def test_the_ap_copy_uses_only_agentless_passives(seed):
    voice = voice_by_group(seed["clauses"], seed["articles"]).set_index("group")
    ap = voice.loc[AP]
    assert ap["passives"] > 0 and ap["agentless_passives"] == ap["passives"]
    assert ap["agentless_share_of_passives"] == 1.0
    assert voice["agentless_share_of_passives"].min() < 1  # somebody names an agent


def test_voice_shares_agree_with_the_counts(seed):
    clauses = seed["clauses"].merge(seed["articles"][["article_id", "group"]], on="article_id")
    voice = voice_by_group(seed["clauses"], seed["articles"]).set_index("group")
    for outlet, part in clauses.groupby("group"):
        passive = part["voice"] == "passive"
        row = voice.loc[outlet]
        assert row["clauses"] == len(part)
        assert row["passives"] == passive.sum()
        assert row["agentless_passives"] == (passive & (part["agent"] == "")).sum()
        assert row["passive_share"] == pytest.approx(passive.sum() / len(part))
        assert row["agentless_share_of_passives"] == pytest.approx(row["agentless_passives"] / row["passives"])


def test_voice_by_group_counts_only_passives_as_agentless():
    clauses = pd.DataFrame({"article_id": ["a1", "a1", "a1", "a1", "b1"],
                            "voice": ["active", "active", "passive", "passive", "active"],
                            "agent": ["", "Russia", "", "IS fighters", "Russia"]})
    voice = voice_by_group(clauses, articles_of({"a1": "A", "b1": "B"}))
    assert voice.to_dict("records") == [
        {"group": "A", "clauses": 4, "passives": 2, "agentless_passives": 1, "passive_share": 0.5,
         "agentless_share_of_passives": 0.5},
        {"group": "B", "clauses": 1, "passives": 0, "agentless_passives": 0, "passive_share": 0.0,
         "agentless_share_of_passives": 0.0},
    ]


def test_passives_list_agentless_ones_as_not_named(seed):
    table = passives(seed["clauses"], seed["sentences"], seed["articles"])
    assert len(table) == (seed["clauses"]["voice"] == "passive").sum()
    assert (table["by_whom"] != "").all()
    assert (table["by_whom"] == "(not named)").sum() == (
        (seed["clauses"]["voice"] == "passive") & (seed["clauses"]["agent"] == "")).sum()
    ap = table[table["group"] == AP]
    assert set(ap["by_whom"]) == {"(not named)"}
    assert ap["sentence"].str.len().min() > 0
    killed = table[(table["patient"] == "Abu Bakr al-Baghdadi") & (table["verb_text"] == "killed")]
    assert len(killed) >= 2 and set(killed["patient_entity"]) == {"Abu Bakr al-Baghdadi"}


# --- 5. style, KWIC and spelling --------------------------------------------------------------------


def test_sentence_lengths_count_words_like_the_rest_of_the_suite(seed):
    sentences = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1],
                              "text": ["Al-Baghdadi's men — 5,000 of them — fled.", "U.S. jets don't fly."]})
    lengths = sentence_lengths(sentences, articles_of({"a1": "A"}))
    assert lengths["words"].tolist() == [7, 4]  # Al-Baghdadi's men 5 000 of them fled; U.S jets don't fly
    assert lengths["group"].tolist() == ["A", "A"]
    seeded = sentence_lengths(seed["sentences"], seed["articles"])
    assert seeded["words"].tolist() == seed["sentences"]["text"].map(count_words).tolist()


def test_lexical_density_by_hand():
    text = "The militants quickly attacked the small town. It was theirs."
    tokens = parsed_tokens({"a1": text})
    assert tokens["pos"].tolist() == ["DET", "NOUN", "ADV", "VERB", "DET", "ADJ", "NOUN", "PUNCT",
                                      "PRON", "AUX", "PRON", "PUNCT"]
    # Word tokens (the two full stops are not words): 10; lexical ones: militants, quickly, attacked, small, town.
    sentences = pd.DataFrame({"article_id": "a1", "sentence_id": [0, 1],
                              "text": ["The militants quickly attacked the small town.", "It was theirs."]})
    style = style_by_article(tokens, sentences, articles_of({"a1": "A"})).iloc[0]
    assert style["lexical_density"] == pytest.approx(5 / 10)
    assert style["sentences"] == 2
    assert style["mean_sentence_words"] == pytest.approx((7 + 3) / 2)
    assert style["median_sentence_words"] == pytest.approx(5)


def test_style_by_article_on_the_example_corpus(seed):
    style = style_by_article(seed["tokens"], seed["sentences"], seed["articles"])
    assert sorted(style["article_id"]) == sorted(seed["articles"]["article_id"])
    assert style["lexical_density"].between(0.3, 0.8).all()
    assert style["sentences"].sum() == len(seed["sentences"])


@pytest.fixture(scope="module")
def kwic_tokens() -> pd.DataFrame:
    return parsed_tokens({
        "a1": "The town fell. Militants attacked the town at night, residents said.",
        "a2": "Two militants were killed. The army said the militants fled.",
    })


def test_kwic_window_stays_in_the_sentence(kwic_tokens):
    lines = kwic(kwic_tokens, "militant", articles_of({"a1": "A", "a2": "B"}), window=3)
    assert lines[["group", "article_id", "left", "keyword", "right"]].values.tolist() == [
        ["A", "a1", "", "Militants", "attacked the town"],
        ["B", "a2", "Two", "militants", "were killed."],
        ["B", "a2", "army said the", "militants", "fled."],
    ]


def test_kwic_honours_the_limit(kwic_tokens):
    articles = articles_of({"a1": "A", "a2": "B"})
    assert len(kwic(kwic_tokens, "militant", articles, limit=2)) == 2
    assert kwic(kwic_tokens, "militant", articles, limit=1)["article_id"].tolist() == ["a1"]
    assert kwic(kwic_tokens, "nothing", articles).columns.tolist() == ["group", "article_id", "left", "keyword",
                                                                       "right"]


def test_kwic_finds_an_entity_as_one_keyword(seed):
    mentions = seed["mentions"]
    lines = kwic(seed["tokens"], "Albu Kamal", seed["articles"], mentions=mentions)
    assert len(lines) == (mentions["entity"] == "Albu Kamal").sum() >= 3
    assert set(lines["keyword"]) == {"Albu Kamal"}
    assert set(lines["group"]) == {MEE}
    assert len(kwic(seed["tokens"], "Albu Kamal", seed["articles"], mentions=mentions, limit=2)) == 2


def test_kwic_view_escapes_the_contexts():
    lines = pd.DataFrame({"group": ["<b>A</b>"], "article_id": ["a1"], "left": ["<script>alert(1)</script>"],
                          "keyword": ["militants"], "right": ['<img src=x onerror="alert(2)">']})
    view = kwic_view(lines)
    assert "&lt;script&gt;" in view and "<script>" not in view
    assert "&lt;img" in view and "<img" not in view
    assert "&lt;b&gt;A" in view
    assert kwic_view(lines.iloc[:0]) == "<p><i>No occurrences.</i></p>"


def _spellings(row) -> set[str]:
    return {part.rsplit(" (", 1)[0] for part in row["spellings"].split(" / ")}


def test_spelling_variants_of_the_example_corpus(seed):
    variants = spelling_variants(seed["mentions"])
    assert set(variants["article_id"]) == {A004}
    by_entity = variants.set_index("entity")
    assert set(by_entity.index) == {"Deir ez-Zor", "Raqqa"}
    assert _spellings(by_entity.loc["Deir ez-Zor"]) == {"Deir Ezzor", "Deir al-Zour", "Deir el-Zour"}
    assert by_entity.loc["Deir ez-Zor", "n_spellings"] == 3
    assert _spellings(by_entity.loc["Raqqa"]) == {"Raqa", "Raqqa"}


def test_short_forms_and_other_names_are_not_spelling_variants():
    mentions = pd.DataFrame({
        "article_id": "a1",
        "entity": ["Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi", "Islamic State",
                   "Islamic State", "Islamic State", "Raqqa", "Raqqa"],
        "text": ["Abu Bakr al-Baghdadi", "al-Baghdadi’s", "Al-Baghdadi", "IS", "Islamic State",
                 "the Islamic State group", "Raqqa", "Raqqa city"],
    })
    variants = spelling_variants(mentions)
    assert variants.empty
    assert list(variants.columns) == ["article_id", "entity", "n_spellings", "spellings"]
    spelled = spelling_variants(pd.concat([mentions, pd.DataFrame(
        {"article_id": ["a1"], "entity": ["Raqqa"], "text": ["Raqa"]})], ignore_index=True))
    assert spelled[["entity", "n_spellings"]].values.tolist() == [["Raqqa", 2]]


def test_the_same_name_in_two_articles_is_not_a_variant():
    mentions = pd.DataFrame({"article_id": ["a1", "a2"], "entity": "Raqqa", "text": ["Raqqa", "Raqa"]})
    assert spelling_variants(mentions).empty


# --- 6. charts --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_charts(seed) -> dict:
    articles, tokens, mentions = seed["articles"], seed["tokens"], seed["mentions"]
    names = pd.concat([entity_names(mentions, articles),
                       descriptive_names(tokens, articles, load_lexicon("naming"))], ignore_index=True)
    matches = with_sentences(match_terms(tokens, load_lexicon("loaded_terms")), seed["sentences"]).merge(
        articles[["article_id", "group"]], on="article_id")
    words = distinctive_words(tokens, articles, mentions=mentions)
    contexts = word_contexts(tokens, words, articles, mentions=mentions)
    referents = names_with_variety(names)
    return {
        "names": names, "referents": referents, "words": words,
        "naming": naming_chart(names, referents),
        "terms": term_heatmap(matches, rates(matches, articles, ["category", "term"])),
        "distinctive": distinctive_scatter(words, contexts),
        "voice": voice_chart(voice_by_group(seed["clauses"], articles)),
        "lengths": sentence_length_chart(sentence_lengths(seed["sentences"], articles)),
        "density": density_chart(style_by_article(tokens, seed["sentences"], articles)),
        "spelling": spelling_chart(spelling_variants(mentions), articles),
    }


@pytest.mark.parametrize("chart", ["naming", "terms", "distinctive", "voice", "lengths", "density", "spelling"])
def test_every_wording_chart_has_a_title_and_axis_titles(seed_charts, chart):
    fig = seed_charts[chart]
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    assert len(fig.data) >= 1


def _visible(fig) -> list[bool]:
    return [trace.visible is not False for trace in fig.data]


def test_the_naming_menu_shows_one_actor_at_first(seed_charts):
    fig, names, referents = seed_charts["naming"], seed_charts["names"], seed_charts["referents"]
    assert len(referents) >= 2
    first = [trace.legendgroup == referents[0] for trace in fig.data]
    assert _visible(fig) == first
    assert sum(first) == names.loc[names["referent"] == referents[0], "name"].nunique()
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == len(referents)
    for button, referent in zip(buttons, referents, strict=True):
        assert button.args[0]["visible"] == [trace.legendgroup == referent for trace in fig.data]


def test_the_distinctive_menu_shows_one_group_at_first(seed_charts):
    fig = seed_charts["distinctive"]
    groups = sorted(seed_charts["words"]["group"].unique())
    assert [trace.name for trace in fig.data] == groups
    assert _visible(fig) == [True] + [False] * (len(groups) - 1)
    assert len(fig.layout.updatemenus[0].buttons) == len(groups)
    hover = " ".join(fig.data[groups.index(MEE)].hovertext)
    assert "[Albu Kamal]" in hover  # the group's contexts reach the hover labels


def test_charts_show_a_group_without_a_name_as_unknown():
    names = pd.DataFrame({"referent": "X", "group": ["", "B", "B"], "name": ["a", "a", "b"], "n": [3, 1, 1],
                          "share": [1.0, 0.5, 0.5]})
    fig = naming_chart(names, ["X"])
    first = fig.data[0]
    assert first.name == "a"
    assert dict(zip(first.x, first.y, strict=True)) == {"(unknown)": 1.0, "B": 0.5}
    words = pd.DataFrame({"group": ["", "B"], "lemma": "strike", "count": [3, 1], "count_rest": [1, 3],
                          "z": [2.0, -2.0]})
    scatter = distinctive_scatter(words, {("", "strike"): ["…the [strike] on Friday…"]})
    assert "[strike]" in scatter.data[0].hovertext[0]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, corpus_writer, table_reader) -> dict[str, pd.DataFrame]:
    base = tmp_path_factory.mktemp("hostile")
    raw = corpus_writer(base / "raw", {
        "a.txt": "Headline of a\n\nThe militants <img src=x onerror=alert(1)> attacked the town.\n\n"
                 "They said <b>bold</b> things about fierce fighting.\n",
        "b.txt": "Headline of b\n\nThe militants fled the town after fierce fighting.\n",
    }, [{"file": "a.txt", "outlet": "Paper <i>A</i>", "published": "2017-06-16"},
        {"file": "b.txt", "outlet": "Paper B", "published": "2017-06-17"}])
    build_corpus(raw, base / "out", progress=False)
    tables = table_reader(base / "out")
    return {**tables, "articles": bind_group(tables["articles"], "outlet")}


def test_term_heatmap_hover_escapes_article_text(hostile_build):
    tables = hostile_build
    matches = with_sentences(match_terms(tables["tokens"], load_lexicon("loaded_terms")), tables["sentences"]).merge(
        tables["articles"][["article_id", "group"]], on="article_id")
    assert set(matches["term"]) == {"militant", "fierce"}
    fig = term_heatmap(matches, rates(matches, tables["articles"], ["category", "term"]))
    hover = "\n".join(str(cell) for row in fig.data[0].text for cell in row)
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover
    assert "<img" not in hover
    assert "&lt;b&gt;bold&lt;/b&gt;" in hover
    assert "<b>bold" not in hover
    assert "Paper &lt;i&gt;A&lt;/i&gt;" in hover and "<i>A</i>" not in hover
