"""Canonical speakers (issue 13, second pass): sources that speak together, polls and their results, shares of
people polled, organisations by a short name, pronouns and "the group" that skip quoted words and modifiers,
quotes introduced by a colon.

Every text is taken from a real article: the quote gold set's development articles (allsides-5k) and BASIL.
"""

from __future__ import annotations

from helpers.framing.evaluation import last_name, same_speaker
from helpers.framing.quotes import quotes_of_text

QUINNIPIAC = (
    "By a margin of 56 percent to 38 percent, American voters favor a constitutional right to same-sex marriage, "
    "according to a new Quinnipiac University National Poll.\n\n"
    "Political party affiliation greatly influences voters' opinions, according to Quinnipiac, which found that "
    "Democrats favor same-sex by a margin of 70 percent to 24 percent.\n\n"
    "By a margin of 53 percent to 40 percent, voters oppose allowing individual states to prohibit same-sex "
    "marriage, according to the Quinnipiac results.\n\n"
    "Support for the death penalty is dying, according to the survey results.")


def speaker_of(text: str, words: str) -> str:
    """The speaker of the quote that holds ``words``."""
    found = quotes_of_text(text)
    return found.loc[found["quote"].str.contains(words, regex=False), "speaker"].iloc[0]


def test_sources_coordinated_with_a_name_speak_together():
    # Politico: the gold speaker is "Eric Holder and other Justice Department officials", not Holder alone
    text = ("Holder and other DOJ officials have refused for months to turn over those documents, arguing that "
            "previous administrations withheld similar “internal deliberative” information.")
    assert speaker_of(text, "previous administrations") == "Holder and other DOJ officials"
    text = ("The president and his supporters have long contended that the Obama administration used the "
            "intelligence community to illegally spy on the Trump campaign in 2016.")
    assert speaker_of(text, "intelligence community").endswith(" and his supporters")


def test_the_two_economists_are_the_two_people_named_before():
    text = ("Milanovic’s findings are reinforced by new research from Tomáš Hellebrandt and Paolo Mauro of the "
            "Peterson Institute for International Economics. They find global inequality fell between 2003 and 2013. "
            "And they project the number of people in poverty will fall from 12.3 percent of the total population to "
            "3.6 percent by 2035.\n\n“The ability to participate in and benefit from economic growth has immediate "
            "and tangible impacts on the lives of the bulk of the world’s population,” the two economists conclude.")
    assert speaker_of(text, "The ability to participate") == "Tomáš Hellebrandt and Paolo Mauro"


def test_a_poll_named_by_its_first_word_or_by_its_results_is_the_poll():
    found = quotes_of_text(QUINNIPIAC)
    assert found["speaker"].tolist() == ["Quinnipiac University National Poll"] * 4


def test_a_share_of_people_polled_is_the_poll_respondents():
    # USA TODAY: a Pew poll's respondents, the second time given only as a percentage
    text = ("The public paid limited attention to last week's congressional hearings on Benghazi, according to a "
            "Pew Research Center poll published on Monday. Forty-four percent of Americans say they are following "
            "the hearings very or fairly closely, virtually unchanged from late January when Hillary Clinton "
            "testified. Last October, 61% said they were following the early stages of the investigation at least "
            "fairly closely.")
    assert speaker_of(text, "following the hearings") == "poll respondents (Americans)"
    assert speaker_of(text, "early stages") == "poll respondents (Americans)"


def test_it_is_the_earlier_source_not_a_name_inside_its_quote_or_a_modifier():
    # BBC: "It" is the US state department, not "the United Kingdom" of the quote nor the "US" of "US state department"
    text = ('The US state department said in a statement: "On March 4, Russia used a military-grade nerve agent to '
            'attempt to murder a British citizen and his daughter in Salisbury.\n\n"This attack on our Ally the '
            'United Kingdom put countless innocent lives at risk and resulted in serious injury to three people, '
            'including a police officer."\n\nIt called the attack an "outrageous violation of the Chemical Weapons '
            'Convention and breach of international law".')
    assert same_speaker("US State Department", speaker_of(text, "outrageous violation"))


def test_the_group_is_the_organisation_named_not_one_that_only_qualifies_a_noun():
    # Fox News: "the group" is the union, not ICE in "Immigration and Customs Enforcement agents"
    text = ("Sessions was referring to the concerns voiced by the National ICE Union, which represents Immigration "
            "and Customs Enforcement agents.\n\nThe group has long complained that the Obama administration has made "
            "their job harder by preventing agents from detaining and deporting select illegal immigrants.")
    assert speaker_of(text, "made their job harder") == "National ICE Union"


def test_a_quote_introduced_by_a_colon_is_the_introducing_subjects():
    # BASIL (Fox, 2012): the parse takes "retort" for a noun, so the colon is the only cue
    text = ('Biden was quick to retort: "With all due respect, that\'s just a bunch of malarkey. ... Not a single '
            'thing he said is accurate."')
    assert speaker_of(text, "malarkey") == "Biden"


def test_canonical_names_are_compared_without_accents():
    # BASIL: the Huffington Post writes "Calderon", Fox and the New York Times "Calderón"
    assert last_name("Felipe Calderón") == last_name("Calderon") == "calderon"
    assert same_speaker("Felipe Calderón", "Calderon") and not same_speaker("Felipe Calderón", "Felipe")


def test_a_document_of_a_named_organisation_speaks_for_it():
    # Christian Science Monitor: the website's description of NARA is NARA speaking
    text = ("The National Archives and Records Administration keeps the records.\n\n“Records help us claim our "
            "rights and entitlements, hold our elected officials accountable for their actions, and document our "
            "history as a nation,” reads a description of NARA on the organization's website.")
    assert speaker_of(text, "Records help us") == "National Archives and Records Administration"


def test_that_committee_is_the_committee_just_named():
    # BASIL (2014): "That committee" is the House Ethics Committee of the sentence before
    text = ("The House Ethics Committee announced in November that Grimm was under investigation for possible "
            "campaign finance violations. That committee said it would defer its inquiry because of a separate "
            "Department of Justice investigation.")
    assert speaker_of(text, "defer its inquiry") == "House Ethics Committee"


def test_a_document_without_an_owner_speaks_for_whoever_brought_it_in():
    # BASIL (Fox News): "the letter states" is the faculty members who sent it; "the statement said" is Trump
    text = ("A group of 90 faculty members at Georgetown, a Jesuit-founded school in Washington, D.C., has sent "
            "Ryan, R-Wis., a letter saying he’s misused Catholic doctrine to support his deficit-reducing, GOP House "
            "budget.\n\n“We appreciate your willingness to talk about how Catholic social teaching can help inform "
            "effective policy,” the letter states.")
    assert speaker_of(text, "We appreciate") == "90 faculty members"
    text = ("In a letter signed by every Republican on the committee, the lawmakers slammed Schiff for his claims "
            "in the media that there was “more than circumstantial evidence” of collusion. They repeated their "
            "demand in person during a feisty hearing Thursday morning.\n\n“Your actions both past and present are "
            "incompatible with your duty as Chairman of this Committee,” the letter stated.")
    assert speaker_of(text, "Your actions") == speaker_of(text, "circumstantial evidence") == "lawmakers"
    text = ("Trump said in a statement released by his campaign that Obama should step down.\n\n“If we do not get "
            "tough and smart real fast, we are not going to have a country anymore,” the statement said.")
    assert speaker_of(text, "get tough") == "Trump"


def test_a_group_of_people_is_described_by_its_members():
    text = ("A group of 90 faculty members at Georgetown has sent Ryan a letter saying he’s misused Catholic "
            "doctrine to support his budget.")
    assert speaker_of(text, "misused Catholic doctrine") == "90 faculty members at Georgetown"


def test_sources_saying_are_the_speakers_of_what_follows():
    # Newsmax: "with sources saying" is the sources, not the mayor the sentence is about
    text = ("Former New York City Mayor Michael Bloomberg is looking to mount a $1 billion bid for the White House "
            "as an independent candidate, with sources saying he's alarmed by Donald Trump at the top of the GOP "
            "field.")
    found = quotes_of_text(text)
    assert (found["speaker"].iloc[0], found["speaker_text"].iloc[0]) == ("sources", "sources")
    # "familiar with the investigation saying": the investigation is not a source
    text = ("Police arrested two men on Sunday, with officials familiar with the investigation saying the suspects "
            "had planned the attack for weeks.")
    assert speaker_of(text, "planned the attack") != "investigation"


def test_an_acronym_links_to_a_department_named_the_other_way_round():
    # Politico: "DOJ said" after "the Justice Department"; the department is not a person called "Department"
    text = ("Issa warned that if the Justice Department failed to turn over documents he is seeking, the committee "
            "would vote. DOJ said such documents were not subject to congressional subpoenas.")
    assert speaker_of(text, "congressional subpoenas") == "Justice Department"
