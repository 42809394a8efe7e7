"""Coverage tables: canonical entities, stories, facts and places on the example corpus and on crafted corpora."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.build import build_corpus
from helpers.coverage.measures import (
    fact_coverage,
    fact_details,
    fact_table,
    facts_reported_once,
    prominence,
    shared_stories,
    top_entities,
)
from helpers.coverage.tables import story_tables
from helpers.grouping import bind_group
from helpers.nlp.entities import default_aliases
from helpers.nlp.parse import parse_articles
from helpers.nlp.tables import headline_token_rows, mention_rows, token_rows
from helpers.schema import TABLES

A000, A001, A002, A003, A004 = (
    "000_2f528448200b9161", "001_f74d515aac572341", "002_be06c18b9430b084", "003_abb6c1370311ac19",
    "004_85e05273389f8f37",
)


@pytest.fixture(scope="module")
def seed(seed_build) -> dict[str, pd.DataFrame]:
    return seed_build[1]


def sentence_with(tables, article_id: str, words: str) -> int:
    """The sentence_id of the one sentence of ``article_id`` that contains ``words``."""
    sentences = tables["sentences"]
    found = sentences[(sentences["article_id"] == article_id) & sentences["text"].str.contains(words, regex=False)]
    assert len(found) == 1, (article_id, words, found)
    return int(found["sentence_id"].iloc[0])


def fact_of(tables, article_id: str, sentence_id: int) -> tuple[int, int]:
    facts = tables["facts"]
    row = facts[(facts["article_id"] == article_id) & (facts["sentence_id"] == sentence_id)]
    assert len(row) == 1
    return int(row["story_id"].iloc[0]), int(row["fact_id"].iloc[0])


def reporters(tables, story_id: int, fact_id: int) -> set[str]:
    facts = tables["facts"]
    return set(facts[(facts["story_id"] == story_id) & (facts["fact_id"] == fact_id)]["article_id"])


# --- the example corpus: entities -------------------------------------------------------------------


def test_every_nlp_table_is_built_with_its_schema_columns(seed):
    for name in ("sentences", "mentions", "stories", "facts", "places"):
        assert list(seed[name].columns) == TABLES[name].column_names, name
        assert len(seed[name]) > 0, name


def test_mention_and_sentence_offsets_slice_the_article_text(seed):
    texts = seed["articles"].set_index("article_id")["text"]
    for table in ("mentions", "sentences"):
        for row in seed[table].itertuples():
            assert texts[row.article_id][row.start_char:row.end_char] == row.text, (table, row)


@pytest.mark.parametrize(("surname", "entity"), [("Lavrov", "Sergey Lavrov"), ("Baghdadi", "Abu Bakr al-Baghdadi")])
def test_every_mention_of_a_person_resolves_to_the_full_name(seed, surname, entity):
    mentions = seed["mentions"]
    found = mentions[mentions["text"].str.contains(surname)]
    assert set(found["entity"]) == {entity}
    assert set(found["entity_type"]) == {"person"}
    assert set(mentions[mentions["entity"] == entity]["entity_type"]) == {"person"}
    assert "ORG" in set(found["label"]), "the model's ORG-tagged short names are resolved too"
    assert (found["rule"] == "short name").any()


def test_the_model_s_org_tagged_short_names_are_persons(seed):
    mentions = seed["mentions"].set_index(["article_id", "text"])
    lavrov = mentions.loc[(A001, "Lavrov")]
    assert (lavrov["label"], lavrov["entity"], lavrov["entity_type"]) == ("ORG", "Sergey Lavrov", "person")
    baghdadi = seed["mentions"][seed["mentions"]["text"] == "al-Baghdadi’s"]
    assert len(baghdadi) >= 4
    assert set(baghdadi["label"]) == {"ORG"}
    assert set(baghdadi["entity"]) == {"Abu Bakr al-Baghdadi"}


def test_lavrov_and_baghdadi_are_counted_per_article(seed):
    mentions = seed["mentions"]
    lavrov = mentions[mentions["entity"] == "Sergey Lavrov"].groupby("article_id").size().to_dict()
    assert lavrov == {A000: 2, A001: 2}
    baghdadi = mentions[mentions["entity"] == "Abu Bakr al-Baghdadi"].groupby("article_id").size().to_dict()
    assert set(baghdadi) == {A000, A001, A002, A003}
    assert baghdadi[A000] == 5 and baghdadi[A002] == 5


def test_islamic_state_is_one_group_whatever_it_is_called(seed):
    mentions = seed["mentions"]
    state = mentions[mentions["entity"] == "Islamic State"]
    assert set(state["entity_type"]) == {"group"}
    assert {"IS", "Islamic State group", "Islamic State", "Daesh"} <= set(state["text"])
    assert set(state["article_id"]) == {A000, A001, A002, A003, A004}
    # "IS-controlled" and "anti-IS" are not mentions of IS.
    assert not mentions["text"].str.contains("IS-").any()


@pytest.mark.parametrize("place", ["Mosul", "Raqqa", "Deir ez-Zor", "Mayadeen", "Albu Kamal"])
def test_cities_are_places(seed, place):
    found = seed["mentions"][seed["mentions"]["entity"] == place]
    assert len(found) > 0
    assert set(found["entity_type"]) == {"place"}


def test_albu_kamal_is_a_place_although_the_model_calls_it_a_person_or_an_organisation(seed):
    found = seed["mentions"][seed["mentions"]["entity"] == "Albu Kamal"]
    assert {"PERSON", "ORG"} <= set(found["label"])
    assert set(found["entity_type"]) == {"place"}


def test_mayadeen_keeps_the_model_s_date_label(seed):
    found = seed["mentions"][seed["mentions"]["text"] == "Mayadeen"]
    assert set(found["label"]) == {"DATE"}
    assert set(found["entity_type"]) == {"place"}


def test_the_scraper_dateline_is_not_a_mention(seed):
    articles = seed["articles"].set_index("article_id")
    assert "BEIRUT" in articles.loc[A001, "dateline"]
    assert "BEIRUT" not in set(seed["mentions"]["text"])
    assert not seed["mentions"]["entity"].str.casefold().eq("beirut").any()


def test_three_spellings_of_deir_ez_zor_in_one_article_are_one_place(seed):
    mentions = seed["mentions"]
    found = mentions[(mentions["article_id"] == A004) & mentions["text"].str.startswith("Deir")
                     & ~mentions["text"].str.contains("Council")]
    assert {"Deir el-Zour", "Deir Ezzor", "Deir al-Zour"} == set(found["text"])
    assert set(found["entity"]) == {"Deir ez-Zor"}
    raqqa = mentions[(mentions["article_id"] == A004) & (mentions["entity"] == "Raqqa")]
    assert {"Raqqa Province", "Raqa city"} <= set(raqqa["text"])


def test_no_number_or_date_is_a_place(seed):
    mentions = seed["mentions"]
    places = mentions[mentions["entity_type"] == "place"]
    assert not places["label"].isin(["CARDINAL", "ORDINAL", "TIME", "QUANTITY"]).any()
    assert set(places[places["label"] == "DATE"]["entity"]) <= {"Mayadeen"}


# --- the example corpus: stories and facts ----------------------------------------------------------


def test_the_example_corpus_has_four_stories(seed):
    stories = seed["stories"].set_index("article_id")["story_id"]
    assert stories.nunique() == 4
    assert stories[A000] == stories[A001]
    others = [stories[a] for a in (A002, A003, A004)]
    assert len(set(others)) == 3 and stories[A000] not in others
    # numbered in order of first publication: 002 (November 2016) first
    assert stories[A002] == 1


def test_the_tehran_and_london_attacks_are_reported_only_by_the_rewrite(seed):
    story = int(seed["stories"].set_index("article_id").loc[A000, "story_id"])
    for words in ("Tehran", "London attack"):
        story_id, fact_id = fact_of(seed, A000, sentence_with(seed, A000, words))
        assert story_id == story
        assert reporters(seed, story_id, fact_id) == {A000}, words


def test_the_moscow_news_conference_is_the_same_fact_as_lavrov_s_quote(seed):
    story_id, fact_id = fact_of(seed, A001, sentence_with(seed, A001, "news conference in Moscow"))
    assert fact_of(seed, A000, sentence_with(seed, A000, "100% confirmation")) == (story_id, fact_id)
    assert reporters(seed, story_id, fact_id) == {A000, A001}
    details = fact_details(seed["facts"], seed["mentions"], story_id)
    moscow = details[(details["fact_id"] == fact_id) & (details["entity"] == "Moscow")]
    assert list(moscow["article_id"]) == [A001]
    assert not ((details["article_id"] == A000) & (details["entity"] == "Moscow")).any()
    # a shared fact both versions name Lavrov in: Lavrov is not a detail of either
    assert not (details[details["fact_id"] == fact_id]["entity"] == "Sergey Lavrov").any()


def test_facts_follow_the_reading_order_of_the_earliest_article(seed):
    facts = seed["facts"]
    earliest = facts[facts["article_id"] == A000].sort_values("sentence_id")
    assert list(earliest["fact_id"]) == list(range(1, 16))
    lavrov_added = sentence_with(seed, A001, "Lavrov added")
    assert fact_of(seed, A001, lavrov_added) == fact_of(seed, A000, sentence_with(seed, A000, "Mr Lavrov said"))


def test_fact_coverage_of_the_shared_story(seed):
    story_id = int(seed["stories"].set_index("article_id").loc[A000, "story_id"])
    table = fact_coverage(seed["facts"], story_id).set_index("article_id")
    assert list(table.index) == [A000, A001]
    assert table.loc[A000].to_dict() == {"facts_reported": 15, "reported_by_all": 10, "only_this_article": 5,
                                         "missing_reported_elsewhere": 0}
    assert table.loc[A001].to_dict() == {"facts_reported": 10, "reported_by_all": 10, "only_this_article": 0,
                                         "missing_reported_elsewhere": 5}
    sentences = seed["sentences"].groupby("article_id").size()
    assert sentences[A000] == 15 and sentences[A001] == 10  # every sentence of 001 is in 000 too


def test_fact_table_shows_each_article_s_sentence(seed):
    story_id = int(seed["stories"].set_index("article_id").loc[A000, "story_id"])
    table = fact_table(seed["facts"], seed["sentences"], story_id)
    assert list(table.columns) == ["fact_id", "reported_by", A000, A001]
    assert len(table) == 15 and list(table["fact_id"]) == list(range(1, 16))
    tehran = table[table[A000].str.contains("Tehran")].iloc[0]
    assert (tehran["reported_by"], tehran[A001]) == (1, "")


def test_the_corpus_wide_tables_equal_the_per_story_ones(seed):
    """The all-stories forms the notebook shows at any corpus size give what the per-story functions give."""
    stories = shared_stories(seed["stories"])
    every = fact_details(seed["facts"], seed["mentions"])
    assert list(every.columns) == ["story_id", "fact_id", "article_id", "entity"] and len(every)
    for story_id in stories:
        one = every[every["story_id"] == story_id].drop(columns="story_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(one, fact_details(seed["facts"], seed["mentions"], story_id), check_dtype=False)
    once = facts_reported_once(seed["facts"], seed["sentences"], seed["stories"])
    story = int(seed["stories"].set_index("article_id").loc[A000, "story_id"])
    tehran = once[once["text"].str.contains("Tehran")]
    assert list(tehran["article_id"]) == [A000] and set(tehran["story_id"]) == {story}
    table = fact_table(seed["facts"], seed["sentences"], story)
    assert set(once.loc[once["story_id"] == story, "fact_id"]) == set(table.loc[table["reported_by"] == 1, "fact_id"])


# --- the example corpus: places and prominence --------------------------------------------------------


def test_places_have_valid_coordinates_or_none(seed):
    places = seed["places"].set_index("entity")
    located = places.dropna(subset=["lat", "lon"])
    assert len(located) >= 15
    assert located["lat"].between(-90, 90).all(), located[["lat", "lon"]]
    assert located["lon"].between(-180, 180).all(), located[["lat", "lon"]]
    assert places.loc["Mosul", "country"] == "IQ"
    assert 36 < places.loc["Mosul", "lat"] < 36.6 and 42.8 < places.loc["Mosul", "lon"] < 43.4
    assert places.loc["Russia", "country"] == "RU" and 40 < places.loc["Russia", "lon"] < 140
    assert places.loc["Rawa", "located_by"] == "alias table"


@pytest.mark.parametrize("entity", ["Euphrates", "Rumana"])
def test_places_the_suite_cannot_locate_are_listed_without_coordinates(seed, entity):
    row = seed["places"].set_index("entity").loc[entity]
    assert math.isnan(row["lat"]) and math.isnan(row["lon"])
    assert row["located_by"] == "" and row["country"] == ""
    assert row["n_mentions"] >= 1


def test_places_count_the_mentions_of_every_place(seed):
    mentions = seed["mentions"]
    places = mentions[mentions["entity_type"] == "place"]
    table = seed["places"].set_index("entity")
    assert set(table.index) == set(places["entity"])
    assert table["n_mentions"].to_dict() == places.groupby("entity").size().to_dict()
    assert table["n_articles"].to_dict() == places.groupby("entity")["article_id"].nunique().to_dict()


def test_prominence_per_1000_words_and_first_position(seed):
    articles = bind_group(seed["articles"], "outlet")
    words = articles.set_index("article_id")["n_words"]
    table = prominence(articles, seed["sentences"], seed["mentions"]).set_index(["group", "entity"])
    ap = table.loc[("Associated Press", "Sergey Lavrov")]
    assert ap["n_mentions"] == 2 and ap["n_articles"] == 1
    assert ap["per_1000_words"] == pytest.approx(1000 * 2 / words[A001])
    glossy = table.loc[("London Glossy Post", "Abu Bakr al-Baghdadi")]
    assert glossy["n_mentions"] == 10 and glossy["n_articles"] == 2
    assert glossy["per_1000_words"] == pytest.approx(1000 * 10 / (words[A000] + words[A002]))
    # first position: 0 in the first sentence; Lavrov first appears in sentence 2 of 000's 15
    assert table.loc[("Associated Press", "Russia"), "first_position"] == 0
    assert table.loc[("London Glossy Post", "Islamic State"), "first_position"] == 0
    assert table.loc[("London Glossy Post", "Sergey Lavrov"), "first_position"] == pytest.approx(2 / 14)
    assert table.loc[("London Glossy Post", "Sergey Lavrov"), "entity_type"] == "person"


def test_prominence_of_a_corpus_without_entities_is_an_empty_table_with_numeric_columns(seed):
    articles = bind_group(seed["articles"], "outlet")
    table = prominence(articles, seed["sentences"], seed["mentions"].iloc[0:0])
    assert table.empty
    assert str(table["n_mentions"].dtype) == "int64" and table["per_1000_words"].dtype.kind == "f"


def test_top_entities(seed):
    top = top_entities(seed["mentions"], n=3, types=("person",))
    assert top[0] == "Abu Bakr al-Baghdadi" and "Sergey Lavrov" in top
    assert top_entities(seed["mentions"], n=1, types=("group",)) == ["Islamic State"]


# --- crafted corpora: stories and facts --------------------------------------------------------------

REPORT = (
    "Russia says strike may have killed IS leader\n\n"
    "Russia's military said on Friday that it may have killed the leader of the Islamic State group in an air "
    "strike near Raqqa.\n\n"
    "The Defence Ministry said the strike in late May targeted a meeting of senior commanders of the group.\n\n"
    "Foreign minister Sergey Lavrov said he had no full confirmation of the information.\n\n"
    "A spokesman for the US-led coalition said he could not confirm the Russian claim.\n"
)
REWRITE = (
    "Russia claims air strike may have killed Islamic State leader\n\n"
    "Russia's military said on Friday that it may have killed the leader of the Islamic State group in an "
    "airstrike near Raqqa in Syria.\n\n"
    "The Russian Ministry of Defence said the strike in late May targeted a meeting of the group's senior "
    "commanders.\n\n"
    "Foreign minister Sergey Lavrov said on Saturday he had no full confirmation of the information.\n\n"
    "A spokesman for the US-led coalition said he could not confirm the Russian claim.\n"
)
FLOOD = (
    "Heavy rain floods farms in the valley\n\n"
    "Heavy rain flooded hundreds of farms across the valley this week, local farmers said.\n\n"
    "The river burst its banks after three days of storms, and roads to the market were closed.\n\n"
    "Farmers expect the wheat harvest to be late this year.\n"
)
CONCERT = (
    "Orchestra opens season with new symphony\n\n"
    "The city orchestra opened its concert season with a new symphony by a young composer.\n\n"
    "Critics praised the violins and the brass, and the audience stood to applaud the conductor.\n\n"
    "Tickets for the next concerts are almost sold out.\n"
)
CONCERT_REWRITE = (
    "City orchestra opens its season with a new symphony\n\n"
    "The city orchestra opened its new concert season with a symphony by a young composer.\n\n"
    "Critics praised the violins and the brass, and the audience stood to applaud the conductor on Friday.\n\n"
    "Tickets for the next concerts are almost sold out, the orchestra said.\n"
)
CRAFTED_FILES = {"report.txt": REPORT, "rewrite.txt": REWRITE, "month_later.txt": REPORT, "flood.txt": FLOOD,
                 "concert.txt": CONCERT, "concert_rewrite.txt": CONCERT_REWRITE,
                 "aliases.csv": "alias,entity,type,lat,lon\nRaqqa,Raqqa City,place,35.95,39.01\n"}
CRAFTED_MANIFEST = [
    {"file": "report.txt", "outlet": "Wire", "published": "2017-06-16", "date_precision": "day"},
    {"file": "rewrite.txt", "outlet": "Paper", "published": "2017-06-17", "date_precision": "day"},
    {"file": "month_later.txt", "outlet": "Wire", "published": "2017-07-17", "date_precision": "day"},
    {"file": "flood.txt", "outlet": "Paper", "published": "2017-06-16", "date_precision": "day"},
    {"file": "concert.txt", "outlet": "Paper"},  # undated
    {"file": "concert_rewrite.txt", "outlet": "Wire"},  # undated
]


@pytest.fixture(scope="module")
def crafted(tmp_path_factory, corpus_writer, table_reader) -> dict[str, pd.DataFrame]:
    root = tmp_path_factory.mktemp("crafted_coverage")
    raw = corpus_writer(root / "raw", CRAFTED_FILES, CRAFTED_MANIFEST)
    report = build_corpus(raw, root / "out", progress=False)
    assert report.n_built == 6 and not report.problems
    return table_reader(root / "out")


def test_crafted_articles_are_dated_as_the_manifest_says(crafted):
    published = crafted["articles"].set_index("article_id")["published"]
    assert published["rewrite"] == pd.Timestamp("2017-06-17")
    assert published[["concert", "concert_rewrite"]].isna().all()


def test_a_rewrite_published_a_day_later_is_the_same_story(crafted):
    stories = crafted["stories"].set_index("article_id")["story_id"]
    assert stories["report"] == stories["rewrite"]
    assert (stories == stories["report"]).sum() == 2


def test_the_same_text_a_month_later_is_another_story(crafted):
    stories = crafted["stories"].set_index("article_id")["story_id"]
    texts = crafted["articles"].set_index("article_id")["text"]
    assert texts["month_later"] == texts["report"]
    assert stories["month_later"] != stories["report"]
    assert (stories == stories["month_later"]).sum() == 1


def test_an_unrelated_article_is_alone(crafted):
    stories = crafted["stories"].set_index("article_id")["story_id"]
    assert (stories == stories["flood"]).sum() == 1


def test_undated_articles_are_linked_on_text_alone(crafted):
    stories = crafted["stories"].set_index("article_id")["story_id"]
    assert stories["concert"] == stories["concert_rewrite"]
    assert (stories == stories["concert"]).sum() == 2


def test_stories_are_numbered_by_first_publication_undated_last(crafted):
    stories = crafted["stories"].set_index("article_id")["story_id"].to_dict()
    # flood and report share the first date: the article id breaks the tie
    assert stories == {"flood": 1, "report": 2, "rewrite": 2, "month_later": 3, "concert": 4, "concert_rewrite": 4}


def test_every_sentence_is_in_exactly_one_fact(crafted):
    sentences = crafted["sentences"][["article_id", "sentence_id"]]
    facts = crafted["facts"]
    assert not facts.duplicated(["article_id", "sentence_id"]).any()
    assert set(map(tuple, facts[["article_id", "sentence_id"]].to_numpy())) == set(
        map(tuple, sentences.to_numpy()))
    stories = crafted["stories"].set_index("article_id")["story_id"]
    assert (facts["story_id"] == facts["article_id"].map(stories)).all()


def test_facts_are_numbered_from_one_in_the_earliest_article_s_order(crafted):
    facts = crafted["facts"]
    for _story_id, part in facts.groupby("story_id"):
        assert sorted(part["fact_id"].unique()) == list(range(1, part["fact_id"].nunique() + 1))
    report = facts[facts["article_id"] == "report"].sort_values("sentence_id")
    assert list(report["fact_id"]) == [1, 2, 3, 4]
    rewrite = facts[facts["article_id"] == "rewrite"].sort_values("sentence_id")
    assert list(rewrite["fact_id"]) == [1, 2, 3, 4], "each rewritten sentence states the same fact"


def test_facts_are_deterministic(crafted, make_corpus, table_reader, tmp_path):
    raw = make_corpus(CRAFTED_FILES, CRAFTED_MANIFEST)
    build_corpus(raw, tmp_path / "out", progress=False)
    again = table_reader(tmp_path / "out")
    for name in ("sentences", "mentions", "stories", "facts"):
        pd.testing.assert_frame_equal(again[name], crafted[name], obj=name)


def test_a_corpus_folder_alias_table_is_used_by_the_build(crafted):
    mentions = crafted["mentions"]
    raqqa = mentions[mentions["text"] == "Raqqa"]
    assert len(raqqa) == 3 and set(raqqa["entity"]) == {"Raqqa City"}
    place = crafted["places"].set_index("entity").loc["Raqqa City"]
    assert (place["lat"], place["lon"], place["located_by"]) == (35.95, 39.01, "alias table")


def test_a_fact_one_article_states_twice_holds_both_sentences(tmp_path):
    """Two sentences of one article state what one sentence of another states: all three are one fact (the gold
    set's rule, tests/gold/facts_basil.md §3), and the unrelated sentences stay facts of their own."""
    articles = pd.DataFrame({
        "article_id": ["first", "second"],
        "published": pd.to_datetime(["2017-09-10", "2017-09-11"]),
        "date_precision": ["day", "day"],
        "headline": ["", ""],
        "text": ["The army took the airport on Sunday.\n\n"
                 "The army took the airport on Sunday, officials said.\n\n"
                 "Rain fell in the north.",
                 "The army took the airport on Sunday, officials said.\n\n"
                 "The coalition said it would help."],
    })
    parsed = parse_articles(dict(zip(articles["article_id"], articles["text"], strict=True)), tmp_path)
    ids = list(articles["article_id"])
    mentions = mention_rows(parsed, ids, default_aliases())
    tables = story_tables(articles, token_rows(parsed, ids), mentions, headline_token_rows(articles))
    assert tables["stories"]["story_id"].tolist() == [1, 1]
    facts = {(row.article_id, row.sentence_id): row.fact_id for row in tables["facts"].itertuples()}
    assert facts == {("first", 0): 1, ("first", 1): 1, ("second", 0): 1, ("first", 2): 2, ("second", 1): 3}


def test_month_precision_dates_widen_the_story_window(make_corpus, tmp_path):
    text = ("Rebels seized the northern airport of Kandor on Friday after three days of fighting, "
            "the provincial governor said. The governor said forty soldiers surrendered at the airport.")
    raw = make_corpus({"a.txt": "Rebels seize Kandor airport\n\n" + text,
                       "b.txt": "Kandor airport falls to rebels\n\n" + text.replace("Friday", "Saturday")},
                      [{"file": "a.txt", "published": "2017-06-20"},
                       {"file": "b.txt", "published": "2017-06", "date_precision": "month"}])
    build_corpus(raw, tmp_path / "out", progress=False)
    stories = pd.read_parquet(tmp_path / "out" / "stories.parquet")
    assert stories["story_id"].nunique() == 1


def test_shared_stories_can_be_limited_to_the_largest():
    from helpers.coverage.measures import shared_stories

    stories = pd.DataFrame({"story_id": [1, 1, 2, 2, 2, 3, 4, 4, 4], "article_id": list("abcdefghi")})
    assert shared_stories(stories) == [1, 2, 4]
    assert shared_stories(stories, limit=2) == [2, 4]  # three articles each; in order
