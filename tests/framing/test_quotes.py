"""The quote extractor: crafted sentences, every encoding of quotation marks, speakers, and the gold set."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from helpers.config import GOLD_DIR
from helpers.framing.evaluation import evaluate, load_gold, overlap
from helpers.framing.quotes import is_title, quote_spans, quotes_of_text, tweets


def one(text: str) -> pd.DataFrame:
    return quotes_of_text(text)


def test_quote_spans_pair_curly_straight_and_open_marks():
    text = 'He said “one two three”.\nShe said "four five six" and "seven".\nA "dangling mark here'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["one two three", "four five six", "seven", "dangling mark here"]


def test_odd_number_of_marks_does_not_crash():
    found = one('The minister said "we will win. Then he left. "Another one')
    assert isinstance(found, pd.DataFrame)
    assert quote_spans('"') == [] and quote_spans('x ” y') == []


@pytest.mark.parametrize("text", [
    "Sergey Lavrov said: “I don’t have a 100 percent confirmation of the information.”",
    'Sergey Lavrov said: "I don\'t have a 100 percent confirmation of the information."',
    html.unescape("Sergey Lavrov said: &#8220;I don&#8217;t have a 100 percent confirmation of the "
                  "information.&#8221;"),
])
def test_direct_quote_in_every_encoding(text):
    found = one(text)
    direct = found[found["kind"] == "direct"]
    assert len(direct) == 1
    assert direct["quote"].iloc[0].startswith("I don")
    assert direct["speaker"].iloc[0] == "Sergey Lavrov"
    assert direct["verb"].iloc[0] == "say" and direct["verb_class"].iloc[0] == "neutral"


def test_speaker_after_the_quote_and_quote_spanning_sentences():
    found = one("“Start your actions! Turn the night into day. Strike them now,” Abu Bakr al-Baghdadi said.")
    assert len(found) == 1
    assert found["quote"].iloc[0].startswith("Start your actions!") and found["quote"].iloc[0].endswith("now")
    assert found["speaker"].iloc[0] == "Abu Bakr al-Baghdadi"


def test_speaker_in_the_previous_sentence():
    found = one("Sergey Lavrov spoke to reporters in Moscow on Friday.\n“The importance must not be overestimated.”")
    assert found["speaker"].tolist() == ["Sergey Lavrov"]


def test_pronoun_goes_to_the_nearest_compatible_full_mention():
    text = ("Foreign minister Sergey Lavrov met reporters in Moscow. Mr Lavrov said that if the death of "
            "Abu Bakr al-Baghdadi is confirmed, its importance must not be overestimated. "
            "“Past examples of similar strikes were presented with much pomp,” he said.")
    found = one(text)
    direct = found[found["kind"] == "direct"]
    assert direct["speaker"].tolist() == ["Sergey Lavrov"]  # not al-Baghdadi, mentioned in between


def test_indirect_speech_said_that_and_according_to():
    found = one("The Syrian Observatory for Human Rights said that government forces had breached the siege. "
                "According to Sergey Lavrov, the information has not been confirmed.")
    indirect = found[found["kind"] == "indirect"]
    assert indirect["speaker"].tolist() == ["Syrian Observatory for Human Rights", "Sergey Lavrov"]
    assert indirect["quote"].iloc[0] == "government forces had breached the siege"
    assert indirect["verb"].tolist() == ["say", "according to"]
    assert "information has not been confirmed" in indirect["quote"].iloc[1]


def test_distancing_verb_negation_and_scare_quotes():
    found = one('The Defence Ministry claimed that the leader was killed in May. The unit did not say what happened. '
                'The group lost its so-called "caliphate" last year.')
    assert found["verb_class"].tolist() == ["distancing"]
    assert found["speaker_type"].tolist() == ["government/official"]


def test_unattributed_quote_stays_empty():
    found = one('The army advanced on the city.\n"We are not coordinating with the regime or with Russia".')
    assert found["speaker"].tolist() == [""]
    assert found["speaker_type"].tolist() == ["unattributed"]


# --- the classes, each on a real sentence (allsides-5k and BASIL articles) ----------------------


def test_partial_quotes_make_one_mixed_quote_of_the_reported_clause():
    found = one('Platform committee head and former Ohio Gov. Ted Strickland told Fox News the move was merely a '
                '"clarification" and not an "error."')
    assert found["kind"].tolist() == ["mixed"]  # not the fragments "clarification" and "error"
    assert found["quote"].iloc[0].startswith('the move was merely a "clarification" and not an "error')
    assert found["speaker"].iloc[0] == "Ted Strickland" and found["verb"].iloc[0] == "tell"
    named = one('Tlaib called it "irresponsible" and "wrong."')
    assert named["kind"].tolist() == ["mixed"] and named["quote"].iloc[0].startswith('it "irresponsible" and "wrong')


def test_a_quote_that_is_the_whole_reported_clause_stays_direct():
    found = one('Responding to the Reuters polling analysis, a spokesman for Trump’s reelection campaign, Daniel '
                'Bucheli, said “the president enjoys broad support from diverse groups of Americans.”')
    assert found["kind"].tolist() == ["direct"]


def test_a_split_quote_is_one_attribution():
    found = one('"I\'ve got no patience for it," the president said in a joint news conference with British Prime '
                'Minister David Cameron. "I will not tolerate it."')
    assert len(found) == 1 and found["kind"].iloc[0] == "direct"
    assert found["quote"].iloc[0].startswith("I've got no patience") and found["quote"].iloc[0].endswith("tolerate it.")
    assert found["speaker_text"].iloc[0] == "the president"


def test_a_quote_over_two_paragraphs_is_one_quote():
    text = ('"As the father of two daughters, I want tough justice for predators. The truth is, rape has many victims.'
            '\n\n"The mistake I made was in the words I said, not in the heart I hold. I ask for your forgiveness," '
            'Akin said.')
    found = one(text)
    assert len(found) == 1 and found["quote"].iloc[0].endswith("I ask for your forgiveness")


@pytest.mark.parametrize(("text", "verb", "speaker"), [
    ("Obama himself suggested that Republicans are more interested in scoring political points than figuring out how "
     "to prevent such incidents.", "suggest", "Obama"),
    ("Ferriero responded to the senators in a letter dated March 30 that he was unaware of any such orders, and that "
     "the use of record-deleting apps were forbidden at the White House.", "respond", "Ferriero"),
    ("Obama made clear that he would veto any attempts to undo his signature health care law.", "make clear", "Obama"),
])
def test_cue_verbs_the_lexicon_missed(text, verb, speaker):
    found = one(text)
    assert found["verb"].tolist() == [verb] and found["kind"].tolist() == ["indirect"]
    assert found["speaker"].iloc[0].endswith(speaker)


def test_a_parenthetical_cue_reports_the_clause_it_interrupts():
    found = one("The best inequality-buster is economic growth, Milanovic says, but other efforts are needed, such as "
                "equality in opportunities.")
    assert found["quote"].tolist() == ["The best inequality-buster is economic growth, Milanovic says, but other "
                                       "efforts are needed, such as equality in opportunities"]
    assert found["speaker"].iloc[0] == "Milanovic"


def test_inverted_attribution_in_a_statement_and_according_to_in_the_middle():
    found = one("“As we've said previously we believe the program as it exists is lawful,” Caitlin Hayden, spokeswoman "
                "for the National Security Council, said Wednesday in a statement to CNN.")
    assert found["speaker"].tolist() == ["Caitlin Hayden"]
    middle = one("Some Republicans, according to the report, said the bill was dead.")
    assert set(middle["verb"]) == {"according to", "say"}


def test_a_speech_noun_with_its_owner():
    found = one('Donald Tusk\'s note that there could be "additional measures" is a signal to Moscow.')
    assert found["quote"].tolist() == ['there could be "additional measures"']
    assert found["speaker"].tolist() == ["Donald Tusk"] and found["verb"].tolist() == ["note"]


def test_titles_of_programmes_are_neither_quotes_nor_speakers():
    found = one("“It’s not the dumbest idea I have ever heard but it’s pretty close,” Senator Lindsey Graham of South "
                "Carolina told NBC’s “Meet the Press” program.")
    assert found["quote"].tolist() == ["It’s not the dumbest idea I have ever heard but it’s pretty close"]
    assert found["speaker"].tolist() == ["Lindsey Graham"]
    assert is_title("Meet the Press") and is_title("Fox & Friends.") and not is_title("I will not tolerate it.")
    assert not is_title("Who's the s**thole country now?")


def test_an_embedded_tweet_is_a_direct_quote_of_its_signature():
    text = ("I have spoken to @realDonaldTrump & Senate leadership about this and agree. Let's keep our word to repeal "
            "then work on replacing right away. — Senator Rand Paul (@RandPaul) June 30, 2017")
    assert len(tweets(text)) == 1
    found = one(text)
    assert found["quote"].iloc[0].endswith("replacing right away.") and found["speaker"].iloc[0].endswith("Paul")


def test_a_bare_signature_makes_the_paragraph_before_it_a_tweet():
    text = ("The Wyoming Republican weighed in on Twitter.\n\nThe president should stop apologizing for America and "
            "start leading.\n\nLiz Cheney (@Liz_Cheney) July 29, 2012")
    found = one(text)
    assert found["quote"].tolist() == ["The president should stop apologizing for America and start leading."]
    assert found["speaker_text"].tolist() == ["Liz Cheney (@Liz_Cheney)"]


def test_a_straight_opening_mark_closed_by_a_curly_one_ends_the_quote():
    text = ('Japan deployed Patriot missiles in its capital early this morning. Agence France-Presse reports Japan’s '
            'response has been largely low key.\n\n"As North Korea keeps making provocative comments, Japan, '
            'co-operating with relevant countries, will do what we have to do,” Mr. Abe said.')
    found = one(text)
    direct = found[found["kind"] == "direct"]
    assert direct["quote"].str.endswith("what we have to do").tolist() == [True]
    assert direct["speaker"].tolist() == ["Abe"]


def test_overlap_and_evaluation_can_fail():
    gold = pd.DataFrame({"article_id": ["a", "a"], "quote": ["one two three four", "five six seven eight"],
                         "speaker": ["X", "Y"]})
    found = pd.DataFrame({"article_id": ["a", "a"], "quote": ["one two three four", "nothing like it"],
                          "speaker": ["X", "Z"]})
    scores = evaluate(found, gold)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5 and scores["speaker_accuracy"] == 1.0
    assert overlap("a b c", "a b c d e f g h i j") == pytest.approx(0.3)


def test_gold_set_is_well_formed(seed_build):
    gold = load_gold(GOLD_DIR / "quotes.csv")
    assert set(gold["kind"]) == {"direct", "indirect"}
    assert set(gold["article_id"]) <= set(seed_build[1]["articles"]["article_id"])
    texts = seed_build[1]["articles"].set_index("article_id")["text"]
    for row in gold.itertuples():  # every gold quote is written in its article
        assert row.quote.rstrip(".") in texts[row.article_id], row.quote


def test_gold_set_figures_stay_at_their_level(seed_build):
    """In sample (the first rules were written on these five articles), word overlap ≥ 0.3, exact speakers.

    Measured before issue 13: P 1.000, R 0.973, F1 0.986, speakers 0.972. Measured after: P 0.971, R 0.919,
    F1 0.944, speakers 0.794. The drop is this gold set's older conventions, not lost quotes: two partial quotes
    ("releasable information", "illegitimate") are annotated here as bare fragments, while the extractor now
    reports the whole reported clause as one mixed quote (the Gender Gap Tracker's convention, issue 13), whose
    words overlap the fragment by less than 0.3; and an unnamed source is now the source as described ("US
    officials", "Syria's army", "a Hezbollah-run media unit", "spokesman for the US-led anti-IS coalition"), where
    this gold names the entity inside the phrase (United States, Syria, Hezbollah, US-led coalition). The
    out-of-sample figures are in tests/gold/quotes_allsides_scores.csv (benchmarks/bench_quotes.py).
    """
    scores = evaluate(seed_build[1]["quotes"], load_gold(GOLD_DIR / "quotes.csv"), threshold=0.3)
    assert scores["precision"] >= 0.97
    assert scores["recall"] >= 0.91
    assert scores["f1"] >= 0.94
    assert scores["speaker_accuracy"] >= 0.79


def test_quotes_table_columns(seed_build):
    table = seed_build[1]["quotes"]
    assert {"article_id", "sentence_id", "kind", "quote", "speaker", "speaker_type", "verb",
            "verb_class"} <= set(table.columns)
    texts = seed_build[1]["articles"].set_index("article_id")["text"]
    for row in table.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char].strip() == row.quote
