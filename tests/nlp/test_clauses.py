"""Voice and agency: clauses from the parse (active, passive, agentless), and the clauses table's entity links."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.nlp.model import load_model
from helpers.nlp.parse import ParsedCorpus, clauses, doc_features
from helpers.nlp.tables import clause_rows


def parse(text: str):
    return load_model()(text)


def only(found: list[dict], verb: str) -> dict:
    [clause] = [c for c in found if c["verb"] == verb]
    return clause


def assert_offsets_match(doc, clause: dict) -> None:
    """Every argument's offsets point at its text in the document."""
    assert doc.text[clause["start"]:clause["end"]] == clause["verb_text"]
    for role in ("agent", "patient"):
        if clause[role]:
            assert doc.text[clause[f"{role}_start"]:clause[f"{role}_end"]] == clause[role]
        else:
            assert (clause[f"{role}_start"], clause[f"{role}_end"]) == (-1, -1)


def test_an_agentless_passive():
    doc = parse("Abu Bakr al-Baghdadi was killed in late May.")
    clause = only(clauses(doc), "kill")
    assert clause["voice"] == "passive"
    assert clause["verb_text"] == "killed"
    assert clause["agent"] == ""
    assert "al-Baghdadi" in clause["patient"]
    assert_offsets_match(doc, clause)


def test_a_passive_with_a_by_phrase_names_the_agent():
    doc = parse("The town was recaptured by IS fighters.")
    clause = only(clauses(doc), "recapture")
    assert clause["voice"] == "passive"
    assert clause["agent"] == "IS fighters"
    assert clause["patient"] == "The town"
    assert_offsets_match(doc, clause)


def test_an_active_clause():
    doc = parse("Russian forces have killed four leaders.")
    [clause] = clauses(doc)  # "have" is an auxiliary, not a clause of its own
    assert (clause["verb"], clause["voice"]) == ("kill", "active")
    assert clause["agent"] == "Russian forces"
    assert clause["patient"] == "four leaders"
    assert_offsets_match(doc, clause)


def test_a_participle_with_a_by_phrase_is_passive_with_its_agent():
    doc = parse("He listened to recordings released by al-Baghdadi.")
    found = clauses(doc)
    released = only(found, "release")
    assert released["voice"] == "passive"
    assert released["agent"] == "al-Baghdadi"
    assert released["patient"] == "recordings"
    assert_offsets_match(doc, released)
    assert only(found, "listen")["voice"] == "active"


def test_a_passive_infinitive_is_passive():
    found = clauses(parse("He refused to be interviewed by reporters."))
    assert [(c["verb"], c["voice"], c["agent"]) for c in found] == [("refuse", "active", "He"),
                                                                     ("interview", "passive", "reporters")]


def test_a_participle_without_a_by_phrase_is_not_a_clause():
    found = clauses(parse("He listened to recordings released on Wednesday."))
    assert [c["verb"] for c in found] == ["listen"]


@pytest.mark.parametrize("text", ["It was similar.", "The claim was similar to earlier ones."])
def test_a_copula_is_not_a_clause(text):
    assert clauses(parse(text)) == []


def test_a_copula_inside_a_report_is_not_a_clause():
    found = clauses(parse("Officials said it was similar to earlier claims."))
    assert [(c["verb"], c["voice"], c["agent"]) for c in found] == [("say", "active", "Officials")]


def test_clauses_in_the_features_know_their_sentence():
    features = doc_features(parse("Russian forces have killed four leaders. The town was recaptured by IS fighters."))
    assert [(c["verb"], c["sentence_id"]) for c in features["clauses"]] == [("kill", 0), ("recapture", 1)]
    assert all("_i" not in c for c in features["clauses"])


# --- the clauses table: arguments linked to canonical entities by offsets ------------------------------

TEXT = "Abu Bakr al-Baghdadi was killed in late May. The town was recaptured by IS fighters."


def crafted_clauses(mentions: pd.DataFrame) -> pd.DataFrame:
    features = doc_features(parse(TEXT))
    parsed = ParsedCorpus(keys={"a1": "k1", "a2": "k1"}, cache=None, n_parsed=0, _features={"k1": features})
    return clause_rows(parsed, ["a1", "a2"], mentions)


def mention(article_id: str, text: str, entity: str, occurrence: int = 0) -> dict:
    start = TEXT.index(text) if occurrence == 0 else TEXT.index(text, TEXT.index(text) + 1)
    return {"article_id": article_id, "entity": entity, "start_char": start, "end_char": start + len(text)}


def test_clause_arguments_are_linked_to_entities_by_offsets():
    mentions = pd.DataFrame([
        mention("a1", "Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi"),
        mention("a1", "IS", "Islamic State"),
        mention("a1", "late May", "Not an argument"),
        mention("a2", "town", "Some Town"),  # another article's mention at other offsets
    ])
    table = crafted_clauses(mentions)
    assert list(table.columns) == ["article_id", "sentence_id", "verb", "verb_text", "voice", "agent",
                                   "agent_entity", "patient", "patient_entity", "start_char"]
    rows = table.set_index(["article_id", "verb"])
    killed, retaken = rows.loc[("a1", "kill")], rows.loc[("a1", "recapture")]
    assert (killed["voice"], killed["agent"], killed["agent_entity"]) == ("passive", "", "")
    assert killed["patient_entity"] == "Abu Bakr al-Baghdadi"
    assert (retaken["agent"], retaken["agent_entity"]) == ("IS fighters", "Islamic State")
    assert retaken["patient_entity"] == ""  # "The town" of a1 is not a mention in a1
    assert rows.loc[("a2", "recapture"), "patient_entity"] == "Some Town"
    assert rows.loc[("a2", "kill"), "patient_entity"] == ""  # a1's mentions do not leak into a2
    assert (table["start_char"] == [TEXT.index("killed"), TEXT.index("recaptured")] * 2).all()
    assert table["sentence_id"].tolist() == [0, 1, 0, 1]


def test_the_mention_that_overlaps_most_wins():
    mentions = pd.DataFrame([
        mention("a1", "Bakr", "Short Name"),
        mention("a1", "Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi"),
    ])
    table = crafted_clauses(mentions)
    assert table.loc[table["verb"] == "kill", "patient_entity"].tolist() == ["Abu Bakr al-Baghdadi", ""]


def test_the_example_clauses_link_to_entities_of_their_sentence(seed_build):
    tables = seed_build[1]
    clauses_table, mentions, articles = tables["clauses"], tables["mentions"], tables["articles"]
    assert len(clauses_table) > 50
    killed = clauses_table[(clauses_table["verb"] == "kill") & (clauses_table["voice"] == "passive")
                           & clauses_table["patient"].str.contains("al-Baghdadi")]
    assert len(killed) >= 2
    assert set(killed["patient_entity"]) == {"Abu Bakr al-Baghdadi"}
    assert set(killed["agent"]) == {""}
    located = set(zip(mentions["article_id"], mentions["sentence_id"], mentions["entity"], strict=True))
    for role in ("agent_entity", "patient_entity"):
        linked = clauses_table[clauses_table[role] != ""]
        assert len(linked) >= 5
        for row in linked.itertuples():
            assert (row.article_id, row.sentence_id, getattr(row, role)) in located, row
    text = articles.set_index("article_id")["text"]
    for row in clauses_table.itertuples():
        assert text[row.article_id][row.start_char:row.start_char + len(row.verb_text)] == row.verb_text
    assert set(clauses_table["voice"]) == {"active", "passive"}
