"""Source types from what the article says about a speaker; one type per speaker and article."""

from __future__ import annotations

from helpers.framing.quotes import quotes_of_text
from helpers.framing.sources import SOURCE_TYPES, load_source_types, organisation_type


def typed(text: str) -> dict[str, tuple[str, str]]:
    quotes = quotes_of_text(text)
    return {s or w: (t, e) for s, w, t, e in zip(quotes["speaker"], quotes["speaker_text"], quotes["speaker_type"],
                                                 quotes["type_evidence"], strict=True)}


def test_the_lexicons_are_several_hundred_sourced_rows_with_known_types():
    table = load_source_types()
    assert (table["match"] == "role").sum() >= 300 and (table["match"] == "organisation").sum() >= 200
    assert set(table["source_type"]) <= set(SOURCE_TYPES)
    assert (table["reason"].str.len() > 10).all()


def test_a_title_before_the_name():
    found = typed('"We will not back down," Sen. Mitch Lane said on Tuesday.')
    assert found["Mitch Lane"][0] == "politician"


def test_an_appositive_role_defers_to_the_body_named_with_it():
    found = typed("Ingy Sedky, a spokeswoman for the International Committee of the Red Cross, said the convoy "
                  "had reached the city.")
    assert found["Ingy Sedky"][0] == "NGO/monitor"
    found = typed('"The data are clear," said Ann Ortiz, a professor of economics at Yale University.')
    assert found["Ann Ortiz"][0] == "expert/academic"


def test_one_speaker_gets_one_type_in_an_article():
    text = ("Crowdpac spokeswoman Liz Jaff said the site would refund donors. "
            '"We are a platform, not a party," Jaff said. "It is legal," she added.')
    quotes = quotes_of_text(text)
    named = quotes[quotes["speaker"] != ""]
    assert named.groupby("speaker")["speaker_type"].nunique().max() == 1


def test_unnamed_officials_are_anonymous_and_witnesses_citizens():
    found = typed("Senior administration officials said the talks had stalled. Witnesses said the crowd fled.")
    assert found["Senior administration officials"][0] == "anonymous"
    assert found["Witnesses"][0] == "citizen/witness"


def test_organisation_names_say_what_kind_of_body_they_are():
    assert organisation_type("Harvard University")[0] == "expert/academic"
    assert organisation_type("New York Police Department")[0] == "police/security"
    assert organisation_type("The Washington Post")[0] == "media"
    assert organisation_type("Goldman Sachs Group Inc")[0] == "business"


def test_a_share_of_poll_respondents_is_the_public_even_when_a_party_is_named():
    found = typed("In a poll released last month, most Americans backed the plan. Seventy-one percent of "
                  "respondents, including 49 percent of Republicans, said sitting presidents should be indicted.")
    assert found["poll respondents"][0] == "citizen/witness"  # the share of people polled is their respondents


def test_the_first_head_of_a_group_description_wins():
    found = typed("US officials and Syrian activists said the convoy had been hit by an air strike.")
    assert [t for t, _ in found.values()] == ["anonymous"]
    found = typed("The president and his supporters have long contended that the election was stolen.")
    assert [t for t, _ in found.values()] == ["politician"]


def test_a_public_title_belongs_to_the_non_state_body_named_with_it():
    found = typed('"The league will listen to the players," NFL Commissioner Roger Goodell told reporters.')
    assert found["Roger Goodell"] == ("celebrity/sports", "'commissioner' of NFL")


def test_a_current_affiliation_wins_over_a_former_role():
    found = typed('"Tactically, the election plays a role," said Jung Pak, a former senior U.S. intelligence '
                  "officer now with the Brookings Institution.")
    assert found["Jung Pak"][0] == "expert/academic"


def test_a_registered_party_voter_is_a_citizen_and_a_study_author_a_researcher():
    found = typed('"I would not support him," said Cheryl Duffy, a registered Democrat who has voted for Moran.')
    assert found["Cheryl Duffy"][0] == "citizen/witness"
    found = typed('"The differences are significant," said Adelle Thomas, a geographer and one of the report\'s '
                  "lead authors.")
    assert found["Adelle Thomas"][0] == "expert/academic"


def test_an_outlet_possessive_before_the_name_gives_its_type():
    found = typed('"The report is anecdotal," wrote CNN\'s Jake Tapper on Monday.')
    assert found["Jake Tapper"][0] == "media"
