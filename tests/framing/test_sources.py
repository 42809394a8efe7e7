"""Source types from what the article says about a speaker; one type per speaker and article."""

from __future__ import annotations

import pandas as pd

from helpers.framing.quotes import quotes_of_text
from helpers.framing.sources import SOURCE_TYPES, load_source_types, organisation_type, with_corpus_types


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


def test_the_journalist_of_an_outlet_possessive_is_the_speaker_not_the_outlet():
    # allsides-5k (Vox, 2018): "Vox’s Anna North" was one ORG span, so the outlet spoke, typed politician.
    found = typed("Kavanaugh largely danced around giving a straight answer, as Vox’s Anna North pointed out "
                  "on Friday.")
    assert "Vox" not in found
    assert found["Anna North"][0] == "media"


def test_an_age_and_no_role_is_how_news_presents_an_ordinary_person():
    # allsides-5k (USA Today, 2017): a voter quoted with his age and town.
    found = typed('"I believe in 2018 they will vote enough Democrats and independents in to impeach him," says '
                  "Jeffrey Hobbs, 49, of Ochlocknee, a town of 605 in southern Georgia.")
    assert found["Jeffrey Hobbs"] == ("citizen/witness", "age '49' and no role")
    # Any role wins over the age: "Sen. Jane Doe, 61," stays a politician.
    found = typed('"We will pass it," said Sen. Susan Collins, 66, on Tuesday.')
    assert found["Susan Collins"][0] == "politician"


def test_a_portfolio_inside_a_body_is_not_the_body():
    # allsides-5k (2016): "government affairs" is the portfolio; the body is the rights group.
    found = typed("“Donald Trump is not the candidate pro-lifers would have chosen, and he understood that, and he "
                  "did outreach,” said Tom McClusky, vice president of government affairs at the anti-abortion rights "
                  "group March for Life.")
    assert found["Tom McClusky"] == ("NGO/monitor", "'vice president of' of 'rights group'")


def test_a_lobby_named_as_such_is_an_interest_group():
    # allsides-5k (2019): "pro-Israel lobby AIPAC tweeted that …".
    kind, term = organisation_type("pro-Israel lobby AIPAC")
    assert (kind, term) == ("NGO/monitor", "lobby")
    assert organisation_type("Dechert LLP")[0] == "business"
    assert organisation_type("The USDA")[0] == "government/official"


def test_a_plural_title_before_a_list_of_names_is_each_names_title():
    # allsides-5k (2015): "Democratic Sens. Harry Reid and Patrick Leahy made the case …"
    found = typed("Democratic Sens. Harry Reid and Patrick Leahy made the case that the Senate should act quickly "
                  'to pass the House bill.\n\n"We should act now," Leahy said.')
    assert found["Patrick Leahy"] == ("politician", "'sens'")


def test_a_name_listed_among_examples_of_a_group_takes_the_groups_type():
    # allsides-5k (2014): "A variety of House Republicans, including Duncan Hunter of California, Steve King of Iowa
    # and Mike Kelly of Pennsylvania, have echoed these charges."
    found = typed("A variety of House Republicans, including Duncan Hunter of California, Steve King of Iowa and Mike "
                  'Kelly of Pennsylvania, have echoed these charges. "Obama stayed in Washington," Kelly said.')
    assert found["Mike Kelly"] == ("politician", "'republicans'")


def test_the_head_of_an_organisations_name_comes_before_its_preposition():
    # allsides-5k (2020): the Project on Government Oversight is a watchdog, not a government body.
    found = typed("“We don’t have a full picture from the information that we’ve received so far, so it’s hard to say "
                  "whether the program is working,” said Liz Hempowicz, director of public policy at the Project on "
                  "Government Oversight, a watchdog group.")
    assert found["Liz Hempowicz"][0] == "NGO/monitor"
    assert organisation_type("Center for Public Integrity")[0] == "expert/academic"
    assert organisation_type("Council on Foreign Relations") == ("NGO/monitor", "council on")  # a row with "on" wins


def test_a_lone_surname_left_other_takes_the_type_of_the_corpus_one_speaker_with_it():
    # allsides-5k: "Cornyn" speaks in an article that never gives his full name (the model tagged no mention);
    # another article quotes "Sen. John Cornyn".
    quotes = pd.DataFrame({"article_id": ["a", "b", "b"], "speaker": ["John Cornyn", "Cornyn", "Smith"],
                           "speaker_text": ["Sen. John Cornyn (R-Texas)", "Cornyn", "Smith"],
                           "speaker_type": ["politician", "other", "other"], "type_evidence": ["'sen'", "", ""]})
    typed_ = with_corpus_types(quotes).set_index("speaker")
    assert typed_.loc["Cornyn", "speaker_type"] == "politician"
    assert typed_.loc["Cornyn", "type_evidence"].endswith("as John Cornyn")
    assert typed_.loc["Smith", "speaker_type"] == "other"  # no typed Smith anywhere: stays other
