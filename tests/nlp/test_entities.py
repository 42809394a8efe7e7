"""Entity canonicalisation on crafted sentences: short names, aliases, abbreviations, types, the alias table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.nlp.entities import DEFAULT_ALIASES, AliasTable, article_mentions, default_aliases
from helpers.nlp.model import load_model
from helpers.nlp.parse import doc_features

# A small crafted table: no Lavrov, no Baghdadi, no "anti-IS coalition", no "Raqqa Province".
CRAFTED_ALIASES = """alias,entity,type,lat,lon,note
Islamic State,Islamic State,group,,,
IS,Islamic State,group,,,
Daesh,Islamic State,group,,,
Raqqa,Raqqa,place,,,
Hamidi,Ahmed Hamidi,person,,,crafted: makes an ORG-tagged name a person
Zarqa Valley,Zarqa Valley,place,31.9,36.2,crafted coordinates
"""


@pytest.fixture(scope="module")
def crafted_aliases(tmp_path_factory) -> AliasTable:
    path = tmp_path_factory.mktemp("aliases") / "aliases.csv"
    path.write_text(CRAFTED_ALIASES, encoding="utf-8")
    return AliasTable.load(path)


def mentions(text: str, aliases: AliasTable | None = None) -> list[dict]:
    """Parse ``text`` and canonicalise its mentions; every mention's offsets must slice the text to its ``text``."""
    found = article_mentions(doc_features(load_model()(text)), aliases or default_aliases())
    for mention in found:
        assert text[mention["start_char"]:mention["end_char"]] == mention["text"], mention
    return found


def by_text(found: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for mention in found:
        grouped.setdefault(mention["text"], []).append(mention)
    return grouped


def features(sentences: list[str], entities: list[tuple[int, str, str, str]]) -> dict:
    """Crafted parse features: ``entities`` as (sentence number, text, label, words before it)."""
    text, spans, offset = "", [], 0
    for sentence in sentences:
        spans.append({"text": sentence, "start": offset, "end": offset + len(sentence)})
        text += sentence + " "
        offset = len(text)
    found = []
    for sentence_id, name, label, before in entities:
        start = spans[sentence_id]["start"] + sentences[sentence_id].index(name)
        found.append({"text": name, "label": label, "start": start, "end": start + len(name),
                      "sentence_id": sentence_id, "before": before})
    return {"sentences": spans, "entities": found, "content": [[] for _ in sentences], "n_tokens": 0}


# --- short names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["default", "crafted"])
def test_a_surname_means_the_full_name_used_earlier_in_the_article(table, crafted_aliases):
    aliases = crafted_aliases if table == "crafted" else default_aliases()
    text = "Sergey Lavrov said the report was false. Lavrov added that he had no confirmation."
    found = mentions(text, aliases)
    lavrov = [m for m in found if "Lavrov" in m["text"]]
    assert [m["text"] for m in lavrov] == ["Sergey Lavrov", "Lavrov"]
    assert {m["entity"] for m in lavrov} == {"Sergey Lavrov"}
    assert {m["entity_type"] for m in lavrov} == {"person"}
    assert lavrov[1]["rule"] == "short name"
    assert lavrov[0]["rule"] == ("alias" if table == "default" else "as written")


def test_arabic_article_prefix_and_possessive_do_not_hide_the_short_name():
    text = ("Abu Bakr al-Baghdadi was reported dead on Friday. The report of al-Baghdadi’s death was not "
            "confirmed. Officials said Baghdadi had been reported dead before.")
    found = [m for m in mentions(text) if "Baghdadi" in m["text"]]
    assert [m["text"] for m in found] == ["Abu Bakr al-Baghdadi", "al-Baghdadi’s", "Baghdadi"]
    assert {m["entity"] for m in found} == {"Abu Bakr al-Baghdadi"}
    assert {m["entity_type"] for m in found} == {"person"}
    assert [m["rule"] for m in found[1:]] == ["short name", "short name"]


def test_possessives_are_stripped_from_the_canonical_name():
    found = by_text(mentions("The report of al-Baghdadi's death came as the Syrian Observatory's director spoke."))
    assert found["al-Baghdadi's"][0]["entity"] == "al-Baghdadi"  # no full name in this article
    assert found["the Syrian Observatory's"][0]["entity"] == "Syrian Observatory"
    assert found["the Syrian Observatory's"][0]["rule"] == "as written"


def test_a_surname_shared_by_two_full_names_stays_as_written():
    ambiguous = by_text(mentions("John Smith met Jane Smith in Paris. Smith said the talks went well."))
    assert ambiguous["Smith"][0]["entity"] == "Smith"
    assert ambiguous["Smith"][0]["rule"] == "ambiguous short name"  # listed for the reader, not guessed
    # The same surname with only one full name in the article is resolved.
    single = by_text(mentions("John Smith met officials in Paris. Smith said the talks went well."))
    assert single["Smith"][0]["entity"] == "John Smith"
    assert single["Smith"][0]["rule"] == "short name"


# --- aliases ---------------------------------------------------------------------------------------


def test_aliases_merge_the_names_of_islamic_state():
    text = "The Islamic State group, also called ISIS, ISIL or Daesh, is losing ground. IS fighters fled."
    found = mentions(text)
    assert sorted(m["text"] for m in found) == sorted(["Islamic State group", "ISIS", "ISIL", "Daesh", "IS"])
    assert {m["entity"] for m in found} == {"Islamic State"}
    assert {m["entity_type"] for m in found} == {"group"}
    assert {m["rule"] for m in found} == {"alias"}


def test_aliases_merge_transliterations_of_places():
    text = "Fighters fled Raqqa Province for Raqa and Deir el-Zour, then Deir Ezzor and Deir al-Zour."
    found = by_text(mentions(text))
    for spelling in ("Deir el-Zour", "Deir Ezzor", "Deir al-Zour"):
        assert found[spelling][0]["entity"] == "Deir ez-Zor", spelling
    assert found["Raqa"][0]["entity"] == "Raqqa"
    assert found["Raqqa Province"][0]["entity"] == "Raqqa"
    assert {m[0]["entity_type"] for m in found.values()} == {"place"}


def test_a_generic_tail_is_tried_without_it(crafted_aliases):
    assert crafted_aliases.canonical("Raqqa Province") == "Raqqa"
    assert crafted_aliases.canonical("Raqqa city") == "Raqqa"
    assert crafted_aliases.canonical("Raqqa Mountains") is None
    found = by_text(mentions("Fighters fled Raqqa Province on Sunday.", crafted_aliases))
    assert found["Raqqa Province"][0]["entity"] == "Raqqa"
    assert found["Raqqa Province"][0]["rule"] == "alias"


def test_short_aliases_are_case_sensitive_and_not_matched_inside_hyphenated_words(crafted_aliases):
    text = "He said this is what IS wants."
    found = mentions(text, crafted_aliases)
    assert [(m["text"], m["entity"], m["start_char"]) for m in found] == [("IS", "Islamic State", text.index("IS"))]
    assert not [m for m in mentions("The anti-IS campaign continued.", crafted_aliases) if m["text"] == "IS"]
    assert crafted_aliases.scan("this is IS, not anti-IS or IS-held or ISIS") == [(8, 10)]


def test_long_aliases_ignore_case(crafted_aliases):
    assert crafted_aliases.canonical("islamic state") == "Islamic State"
    assert crafted_aliases.canonical("is") is None
    assert crafted_aliases.canonical("daesh") == "Islamic State"  # five letters: any case
    assert crafted_aliases.canonical("Is") is None  # four letters or fewer: exact case only


# --- abbreviations -------------------------------------------------------------------------------


def test_an_abbreviation_defined_in_parentheses_means_its_long_name():
    text = ("The Deir Ezzor Military Council (DEMC) said it had advanced. "
            "A DEMC commander said the town had fallen.")
    found = [m for m in mentions(text) if m["text"] == "DEMC"]
    assert len(found) == 2
    assert {m["entity"] for m in found} == {"Deir Ezzor Military Council"}
    assert {m["rule"] for m in found} == {"abbreviation"}
    # Without the definition the abbreviation stays as written.
    [alone] = [m for m in mentions("A DEMC commander said the town had fallen.") if m["text"] == "DEMC"]
    assert alone["entity"] == "DEMC"


# --- types -----------------------------------------------------------------------------------------


def test_the_alias_table_decides_the_type(crafted_aliases):
    text = "Hamidi told VOA the town had fallen."
    [default] = [m for m in mentions(text) if m["text"] == "Hamidi"]
    assert (default["label"], default["entity_type"]) == ("ORG", "organisation")
    [crafted] = [m for m in mentions(text, crafted_aliases) if m["text"] == "Hamidi"]
    assert (crafted["label"], crafted["entity"], crafted["entity_type"]) == ("ORG", "Ahmed Hamidi", "person")
    # Albu Kamal is a place in data/aliases.csv, whatever the model calls it.
    found = mentions("The IS fighters retook Albu Kamal on Saturday. Albu Kamal fell within hours.")
    assert {m["entity_type"] for m in found if m["entity"] == "Albu Kamal"} == {"place"}


def test_a_personal_title_makes_a_person():
    assert [m["entity_type"] for m in mentions("Hamidi said the town had fallen.")] == ["organisation"]
    assert [m["entity_type"] for m in mentions("Mr Hamidi said the town had fallen.")] == ["person"]
    # The title alone decides, against the model's labels.
    crafted = features(["Mr Hamidi said the town had fallen.", "Hamidi added that it was calm."],
                       [(0, "Hamidi", "ORG", "Mr"), (1, "Hamidi", "ORG", "")])
    assert {m["entity_type"] for m in article_mentions(crafted, default_aliases())} == {"person"}
    untitled = features(["The Hamidi said the town had fallen.", "Hamidi added that it was calm."],
                        [(0, "Hamidi", "ORG", "The"), (1, "Hamidi", "ORG", "")])
    assert {m["entity_type"] for m in article_mentions(untitled, default_aliases())} == {"organisation"}


def test_a_body_named_with_a_title_word_is_an_organisation_not_a_titled_person():
    # Politico: "Justice" in "the Justice Department" is not the title of a person called "Department"
    found = mentions("Issa warned that if the Justice Department failed to turn over documents, the committee "
                     "would vote.")
    [body] = [m for m in found if "Department" in m["text"]]
    assert (body["entity"], body["entity_type"]) == ("Justice Department", "organisation")
    [judge] = [m for m in mentions("Justice Kennedy wrote the opinion.") if "Kennedy" in m["text"]]
    assert (judge["entity"], judge["entity_type"]) == ("Kennedy", "person")


def test_a_country_the_model_tags_as_a_nationality_is_a_place():
    [found] = mentions("The fighters were from Tajikistan, officials said.")
    assert (found["text"], found["label"], found["entity_type"], found["rule"]) == (
        "Tajikistan", "NORP", "place", "gazetteer")


def test_the_type_is_the_majority_of_the_model_labels():
    sentences = ["Zubrava said it would help.", "Zubrava is far away.", "Fighters reached Zubrava."]
    mostly_places = features(sentences, [(0, "Zubrava", "ORG", "."), (1, "Zubrava", "GPE", "."),
                                         (2, "Zubrava", "GPE", "Fighters reached")])
    mostly_orgs = features(sentences, [(0, "Zubrava", "ORG", "."), (1, "Zubrava", "ORG", "."),
                                       (2, "Zubrava", "GPE", "Fighters reached")])
    assert {m["entity_type"] for m in article_mentions(mostly_places, default_aliases())} == {"place"}
    assert {m["entity_type"] for m in article_mentions(mostly_orgs, default_aliases())} == {"organisation"}


@pytest.mark.parametrize("text", [
    "One of the commanders was killed in the strike.",
    "Ten people were killed in March.",
    "Fighting resumed in the spring. Spring came early to the valley this year.",
])
def test_numbers_and_dates_are_never_places(text):
    """GeoNames lists "One", "Ten", "March" and "Spring" as alternate names of towns."""
    found = mentions(text)
    assert not [m for m in found if m["entity_type"] == "place"], found
    assert not [m for m in found if m["label"] in ("CARDINAL", "DATE")], found


def test_a_place_the_model_calls_a_date_keeps_its_label():
    found = by_text(mentions("Commanders have fled for Mayadeen, a remote town near the Iraqi border."))
    [mayadeen] = found["Mayadeen"]
    assert (mayadeen["label"], mayadeen["entity"], mayadeen["entity_type"]) == ("DATE", "Mayadeen", "place")


def test_offsets_slice_the_text_even_with_leading_whitespace():
    text = "  IS fighters fled Raqqa.\n\nThe Deir Ezzor Military Council (DEMC) said so."
    found = mentions(text)  # mentions() checks every offset
    assert {m["text"] for m in found} >= {"IS", "Raqqa", "DEMC"}
    sentences = doc_features(load_model()(text))["sentences"]
    assert [text[s["start"]:s["end"]] for s in sentences] == [s["text"] for s in sentences]


# --- the alias table -------------------------------------------------------------------------------


def test_the_default_table_is_data_aliases_csv():
    assert DEFAULT_ALIASES.name == "aliases.csv" and DEFAULT_ALIASES.parent.name == "data"
    assert default_aliases().canonical("ISIL") == "Islamic State"
    assert AliasTable.for_corpus(None).fingerprint == default_aliases().fingerprint


def test_a_corpus_folder_aliases_csv_wins_over_the_suite_table(tmp_path: Path):
    assert AliasTable.for_corpus(tmp_path).fingerprint == default_aliases().fingerprint  # no file: the default
    (tmp_path / "aliases.csv").write_text(
        "alias,entity,type,lat,lon\n"
        "Raqa,Raqqa City,place,,\n"
        "Hizbollah,Hezbollah,organisation,,\n"
        "Rawah,Rawa,place,34.1,42.0\n",
        encoding="utf-8")
    table = AliasTable.for_corpus(tmp_path)
    assert table.canonical("Raqa") == "Raqqa City"
    assert default_aliases().canonical("Raqa") == "Raqqa"
    assert table.canonical("ISIL") == "Islamic State"  # the suite's rows still apply
    assert table.types["Hezbollah"] == "organisation"  # the folder's type, not data/aliases.csv's "group"
    assert table.coordinates["Rawa"] == (34.1, 42.0)  # the folder's coordinates win too
    assert default_aliases().types["Hezbollah"] == "group"


def test_an_alias_table_from_a_dataframe():
    table = AliasTable(pd.DataFrame({
        "alias": ["Dawla", "Kobani", "Ayn al-Arab"], "entity": ["Islamic State", "Kobani", "Kobani"],
        "type": ["group", "place", "place"], "lat": ["", "36.89", "36.89"], "lon": ["", "38.35", "38.35"],
        "note": ["", "", ""]}))
    assert table.canonical("Ayn al-Arab") == "Kobani" and table.canonical("Kobani") == "Kobani"
    assert table.coordinates == {"Kobani": (36.89, 38.35)}
    found = by_text(mentions("Dawla fighters attacked Ayn al-Arab, which Kurds call Kobani.", table))
    assert found["Ayn al-Arab"][0]["entity"] == "Kobani"
    assert found["Kobani"][0]["entity_type"] == "place"
    assert found["Dawla"][0]["entity"] == "Islamic State"


def test_coordinates_come_from_the_table(crafted_aliases):
    assert crafted_aliases.coordinates == {"Zarqa Valley": (31.9, 36.2)}
    assert crafted_aliases.types["Ahmed Hamidi"] == "person"


@pytest.mark.parametrize(("content", "message"), [
    ("alias,entity,type\nIS,Islamic State,militia\n", "unknown type 'militia'"),
    ("alias,entity\nIS,Islamic State\n", "needs the columns type"),
    ("name,canonical,type\nIS,Islamic State,group\n", "needs the columns alias, entity"),
])
def test_a_bad_alias_table_names_the_file(tmp_path: Path, content, message):
    (tmp_path / "aliases.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        AliasTable.for_corpus(tmp_path)
    assert str(tmp_path / "aliases.csv") in str(err.value)
    assert message in str(err.value)


def test_a_possessive_before_a_full_name_makes_two_mentions_owner_and_person():
    # allsides-5k (Vox, 2018): the model tags "Vox’s Anna North" as one ORG span.
    text = ("Collins met in August, and she said he told her that the matter was “settled law,” even though, as "
            "Vox’s Anna North pointed out, during his confirmation hearing last week, Kavanaugh largely danced "
            "around giving a straight answer.")
    found = by_text(mentions(text))
    assert found["Anna North"][0]["entity"] == "Anna North"
    assert found["Anna North"][0]["entity_type"] == "person"
    assert found["Vox’s"][0]["entity"] == "Vox"
    # A possessive before a single word is not a person: "David Brooks' Times" still ends at the possessive.
    brooks = by_text(mentions("Read David Brooks' Times column on the election, which ran on Sunday."))
    assert [m["entity"] for m in brooks["David Brooks' Times"]] == ["David Brooks"]


def test_a_plural_word_of_organisations_names_makes_an_organisation():
    # allsides-5k (2020): the model labels "Abbott Labs’" PERSON; "Labs" is the plural of the lexicon's "lab".
    found = by_text(mentions("Another type of COVID-19 diagnostic test, Abbott Labs’ popular ID NOW point-of-care "
                             "test, has also come under fire in recent weeks, after the FDA issued an alert."))
    assert (found["Abbott Labs"][0]["entity"], found["Abbott Labs"][0]["entity_type"]) == ("Abbott Labs",
                                                                                          "organisation")


def test_an_org_labelled_first_name_and_proper_surname_is_a_person():
    # allsides-5k (USA Today byline): the model labels "Eliza Collins" ORG.
    text = ("Deirdre Shesgreen and Eliza Collins\n\nUSA TODAY\n\nWASHINGTON — Republican leaders in Congress have "
            "abandoned efforts to reach a broad budget agreement before federal funding runs out on Friday.")
    found = {m["entity"]: m for m in mentions(text)}
    assert (found["Eliza Collins"]["label"], found["Eliza Collins"]["entity_type"]) == ("ORG", "person")
    # A particle is no first name: "Al Qaeda" stays an organisation.
    qaeda = by_text(mentions("Morgan Stanley and Carlyle Group reported profits. Al Qaeda claimed the attack."))
    assert qaeda["Al Qaeda"][0]["entity_type"] == "organisation"
