"""The gender the text gives people: titles and role nouns, pronouns that refer to them, then first names."""

from __future__ import annotations

import pandas as pd

from helpers.framing.measures import gender_shares
from helpers.grouping import bind_group
from helpers.nlp.entities import article_mentions, default_aliases
from helpers.nlp.gender import article_genders, doc_tokens
from helpers.nlp.model import load_model


def genders(text: str) -> dict[str, tuple[str, str]]:
    doc = load_model()(text)
    from helpers.nlp.parse import doc_features

    mentions = pd.DataFrame(article_mentions(doc_features(doc), default_aliases()))
    return article_genders(doc_tokens(doc), mentions)


def test_a_title_decides_before_the_first_name():
    found = genders("Ms. Robin Smith said the plan would fail. Mr. Kim Lee disagreed.")
    assert found["Robin Smith"][0] == "female" and "Ms." in found["Robin Smith"][1]
    assert found["Kim Lee"][0] == "male"


def test_pronouns_that_refer_to_the_person_decide():
    found = genders("Jordan Casey, who runs the shelter, opened the doors at dawn. She said the beds filled fast.")
    assert found["Jordan Casey"][0] == "female"
    assert "pronouns" in found["Jordan Casey"][1]


def test_a_gendered_role_noun_in_an_appositive():
    found = genders("Taylor Brooks, a spokeswoman for the Red Cross, said aid had arrived.")
    assert found["Taylor Brooks"] == ("female", "role noun 'spokeswoman'")


def test_the_first_name_table_comes_last_and_unknown_is_never_guessed():
    found = genders("Hillary Clinton spoke in Iowa. Obama spoke in Ohio.")
    assert found["Hillary Clinton"][0] == "female" and "first name" in found["Hillary Clinton"][1]
    assert found["Obama"][0] == "unknown"  # a lone surname, no pronoun, no title


def test_gender_shares_count_people_once_per_article_and_keep_unknown():
    people = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "entity": ["X Y", "Z W", "X Y", "Q R"],
                           "n_mentions": [3, 1, 2, 1], "n_quotes": [2, 0, 1, 0],
                           "gender": ["female", "male", "female", "unknown"], "gender_evidence": ""})
    articles = bind_group(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["P", "P"]}), "outlet")
    shares = gender_shares(people, articles).set_index(["who", "gender"])
    assert shares.loc[("quoted", "female"), "n"] == 2 and shares.loc[("quoted", "female"), "share"] == 1.0
    assert shares.loc[("mentioned", "unknown"), "n"] == 1
    assert abs(shares.loc[("mentioned", "female"), "share"] - 0.5) < 1e-9
