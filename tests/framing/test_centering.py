"""Speakers from the article's context: the author's "I", the last sentence's subject, role nouns and groups.

Every text is taken from a real article (allsides-5k development articles and BASIL), shortened.
"""

from __future__ import annotations

from helpers.framing.quotes import quotes_of_text


def speakers(text: str) -> list[str]:
    return quotes_of_text(text)["speaker"].tolist()


def test_the_author_of_an_opinion_piece_speaks_for_i():
    text = ("I asked him why Mr. Kerry didn’t actually seem anxious to help us.\n\n"
            "“A statement?” I said. “He has the power to make it happen, and all we get is a statement.”\n\n"
            "David A. Keene is opinion editor of The Washington Times.")
    found = quotes_of_text(text)
    assert set(found["speaker"]) == {"David A. Keene"}


def test_i_without_a_closing_bio_stays_unresolved():
    found = quotes_of_text("“A statement?” I said. “He has the power to make it happen, and all we get is a "
                           "statement.”")
    assert set(found["speaker"]) == {""}


def test_she_is_the_subject_of_the_last_sentence_not_the_earlier_speaker():
    text = ("Meryl Streep’s Golden Globes speech Sunday night was a disappointment, incoming counselor to the "
            "president Kellyanne Conway said Monday morning.\n\nStreep, who was honored with a lifetime achievement "
            "award, devoted significant time in her acceptance remarks to criticizing Donald Trump. She accused the "
            "president-elect of bullying and said his speech last year in which he seemingly mocked a disabled person "
            "was the “one performance this year that stunned me.”")
    assert speakers(text) == ["Kellyanne Conway", "Meryl Streep"]


def test_he_goes_on_through_a_chain_of_he():
    text = ("Perry has recently stepped up his attacks on Obama for cultural issues. In a statement released Tuesday, "
            "he decried the Obama administration’s decision to use foreign aid to promote rights for gays and lesbians "
            "abroad.\n\n\"This is just the most recent example of an administration at war with people of faith in "
            "this country,\" he said.")
    found = quotes_of_text(text)
    assert found.loc[found["kind"] == "direct", "speaker"].tolist() == ["Perry"]


def test_a_role_noun_goes_on_for_the_person_just_quoted():
    text = ("\"I'm not ashamed to admit I'm a Christian,\" says Perry. \"But you don't need to be in the pews every "
            "Sunday to know that there's something wrong in this country.\"\n\n\"As president, I'll end Obama's war on "
            "religion and I'll fight against liberal attacks on our religious heritage,\" the Texas governor "
            "continues.")
    assert set(speakers(text)) == {"Perry"}


def test_they_is_the_plural_subject_of_the_last_sentence():
    text = ("But critics were building a multi-faceted case against the bill, in advance of Friday's hearing on the "
            "Senate Judiciary Committee. They claimed the bill grants \"amnesty\" without enough enforcement "
            "provisions.")
    assert speakers(text) == ["critics"]


def test_they_are_two_people_named_together():
    text = ("Milanovic’s findings are reinforced by new research from Tomáš Hellebrandt and Paolo Mauro of the "
            "Peterson Institute for International Economics. They find global inequality fell between 2003 and 2013. "
            "And they project the number of people in poverty will fall from 12.3 percent of the total population to "
            "3.6 percent by 2035.")
    found = quotes_of_text(text)
    project = found[found["quote"].str.contains("poverty")]
    assert project["speaker"].str.contains("Hellebrandt").all() and project["speaker"].str.contains("Mauro").all()


def test_a_ministry_is_not_its_country():
    text = ("Russia has said it will respond to the expulsions. The Russian foreign ministry said the moves "
            "demonstrated a continuation of a \"confrontational path\".")
    found = quotes_of_text(text)
    ministry = found[found["quote"].str.contains("confrontational")]
    assert ministry["speaker"].tolist() == ["Russian foreign ministry"]


def test_a_role_phrase_names_the_person_it_describes():
    text = ("Meryl Streep’s speech was a disappointment, incoming counselor to the president Kellyanne Conway said "
            "Monday morning.\n\nConway accused Streep of “inciting people’s worst instincts” with her speech. "
            "Trump’s incoming counselor said the time would have been put to better use searching for common ground "
            "with the incoming administration.")
    found = quotes_of_text(text)
    assert found.loc[found["quote"].str.contains("better use"), "speaker"].tolist() == ["Kellyanne Conway"]
