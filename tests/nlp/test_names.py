"""Names across a corpus: short forms, variants, nicknames, dateline credits and spans that are no name."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from helpers.coverage.measures import ambiguous_names
from helpers.nlp import names
from helpers.nlp.entities import article_mentions, corpus_mentions, default_aliases, schwartz_hearst
from helpers.nlp.model import load_model
from helpers.nlp.parse import doc_features


def corpus(*texts: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    features = {f"a{i}": doc_features(load_model()(text)) for i, text in enumerate(texts)}
    found, dropped = corpus_mentions(features, default_aliases())
    return pd.DataFrame(found), pd.DataFrame(dropped, columns=["article_id", "text", "rule"])


def test_a_short_form_links_to_the_one_full_name_in_the_corpus():
    mentions, _ = corpus("Former FBI Director James Comey testified on Thursday before the Senate.",
                         "Mr. Comey told senators that he had kept notes of every meeting.")
    comey = mentions[mentions["text"] == "Comey"].iloc[0]
    assert (comey["entity"], comey["entity_type"], comey["rule"]) == ("James Comey", "person", "corpus short name")


def test_a_short_form_with_two_full_names_stays_as_written_and_is_listed():
    mentions, _ = corpus("Bill Clinton campaigned in Ohio on Monday.", "Hillary Clinton spoke in Iowa on Monday.",
                         "Clinton told the crowd that the economy came first.")
    short = mentions[(mentions["article_id"] == "a2") & (mentions["text"] == "Clinton")].iloc[0]
    assert (short["entity"], short["rule"]) == ("Clinton", "ambiguous short name")
    listed = ambiguous_names(mentions)
    assert listed["entity"].tolist() == ["Clinton"]
    assert listed["candidates"].iloc[0] == "Bill Clinton, Hillary Clinton"


def test_a_gendered_title_picks_the_full_name_whose_first_name_agrees():
    mentions, _ = corpus("Bill Clinton campaigned in Ohio on Monday.", "Hillary Clinton spoke in Iowa on Monday.",
                         "Mrs. Clinton told the crowd that the economy came first.")
    short = mentions[(mentions["article_id"] == "a2") & (mentions["text"] == "Clinton")].iloc[0]
    assert short["entity"] == "Hillary Clinton"


def test_two_word_short_forms_middle_initials_and_nicknames():
    mentions, _ = corpus("Christine Blasey Ford testified before the Senate Judiciary Committee.",
                         "Blasey Ford said she was terrified.",
                         "Attorney General William Barr released the report.", "Bill Barr spoke to reporters.",
                         "James B. Comey was fired in May.", "James Comey was fired in May.")
    entities = dict(zip(mentions["text"], mentions["entity"], strict=True))
    assert entities["Blasey Ford"] == "Christine Blasey Ford"
    assert entities["Bill Barr"] == entities["William Barr"]
    assert entities["James B. Comey"] == entities["James Comey"]
    assert names.variant_links(Counter({"George W. Bush": 5, "George H. W. Bush": 3, "George Bush": 1})) == {}


def test_a_person_the_model_tags_as_a_place_is_never_made_one_by_the_gazetteer():
    # GeoNames knows Warren (Michigan) and Clinton (several towns); the model labels both PERSON here.
    found = article_mentions(doc_features(load_model()(
        "Sen. Elizabeth Warren met Hillary Clinton in Boston. Warren said the meeting went well.")),
        default_aliases())
    warren = [m for m in found if m["text"] == "Warren"][0]
    assert (warren["entity"], warren["entity_type"]) == ("Elizabeth Warren", "person")
    assert "gazetteer" not in {m["rule"] for m in found if m["label"] in ("PERSON", "ORG")}


def test_a_dateline_credit_is_an_outlet_not_an_abbreviation_of_the_place():
    text = "DES MOINES, Iowa (AP) — Voters in Iowa went to the caucuses on Monday night."
    found = {m["text"]: m for m in article_mentions(doc_features(load_model()(text)), default_aliases())}
    assert found["AP"]["entity_type"] == "organisation"
    assert found["AP"]["entity"] != "Iowa"
    assert not schwartz_hearst("AP", "Iowa") and not schwartz_hearst("CNN", "Washington")
    assert schwartz_hearst("DEMC", "Deir Ezzor Military Council")


def test_new_york_city_keeps_its_city():
    found = article_mentions(doc_features(load_model()(
        "Eric Garner died in New York City in 2014, and protests spread across New York state.")), default_aliases())
    assert "New York City" in {m["entity"] for m in found}


def test_spans_that_are_no_name_are_dropped_with_a_rule():
    mentions, dropped = corpus("Historical Data: Political donations rose, and they didn't stop.",
                               "Content\n\nThe senator said it was a 767 jet.")
    assert not {"n't", "767", "Historical Data: Political"} & set(mentions["text"])
    assert set(dropped["rule"]) <= {"no capital", "number", "stop word", "title only", "not a name", "common word"}


def test_accents_and_generational_suffixes_do_not_split_a_person():
    assert names.name_words("Recep Tayyip Erdoğan") == ("recep", "tayyip", "erdogan")
    assert names.same_person("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan")
    assert names.without_suffix(("richard", "bush", "iii")) == ("richard", "bush")
    mentions, _ = corpus("Richard Bush III, a scholar at Brookings, said Japan would wait. Bush added that "
                         "every strategic shift had been considered in Tokyo.")
    bush = mentions[mentions["text"] == "Bush"].iloc[0]
    assert (bush["entity"], bush["rule"]) == ("Richard Bush III", "short name")


def test_a_laws_name_is_no_organisation():
    mentions, _ = corpus("The court struck down parts of the federal Defense of Marriage Act on Wednesday.")
    law = mentions[mentions["text"].str.contains("Defense of Marriage Act")].iloc[0]
    assert law["entity_type"] == "other"


def test_a_two_word_name_with_a_first_name_joins_a_longer_name_only_when_that_one_dominates():
    mentions, _ = corpus("Turkish President Recep Tayyip Erdogan spoke in Ankara on Monday.",
                         "On Friday, Turkish President Recep Tayyip Erdogan met the German chancellor.",
                         "Tayyip Erdogan said the talks would go on.",
                         "Rep. Lamar Smith chaired the committee hearing on Tuesday.",
                         "Rep. Lamar Smith of Texas asked for more funding.",
                         "Police shot Anthony Lamar Smith in St. Louis in 2011.")
    entities = dict(zip(mentions["text"], mentions["entity"], strict=False))
    assert entities["Tayyip Erdogan"] == "Recep Tayyip Erdogan"
    assert entities["Lamar Smith"] == "Lamar Smith"


def test_a_president_before_an_agency_acronym_is_no_full_name():
    # allsides-5k (The Hill's link boxes): "Former Obama EPA chief named CEO of green group" made "Obama EPA" a
    # person's full name, and every later "EPA" its short form.
    mentions, _ = corpus("Overnight Energy: Senate eyes nixing 'forever chemicals' fix from defense bill | Former "
                         "Obama EPA chief named CEO of green group | Senate reviews Interior nominees.",
                         "The chemicals industry has successfully lobbied the EPA to weaken how it devises standards.",
                         "The EPA said on Monday that it would review the rule.")
    epa = mentions[mentions["text"].isin(["EPA", "Obama EPA"])]
    assert set(epa.loc[epa["text"] == "EPA", "entity"]) == {"EPA"}
    assert "person" not in set(epa["entity_type"])
