"""The parse cache: each distinct text is parsed once, the cached Docs round-trip, processes do not matter."""

from __future__ import annotations

import json

from helpers.nlp.model import load_model
from helpers.nlp.parse import FEATURES_VERSION, ParseCache, doc_features, parse_articles, text_key

ARTICLES = {
    "a": "Sergey Lavrov spoke in Moscow on Friday. He said he had no confirmation.",
    "b": "IS fighters fled Raqqa.\n\nIS in Iraq\n\nIraqi forces entered Mosul in 2017.",
    "c": "The Red Cross said aid had reached Damascus. Trucks crossed at dawn.",
    "d": "Heavy rain flooded farms across the valley.\n\nThe river burst its banks.",
}


def cache_files(processed_dir):
    folder = ParseCache.for_model(processed_dir, load_model()).folder
    return sorted(path.name for path in folder.iterdir())


def test_a_second_parse_parses_nothing(tmp_path):
    first = parse_articles(ARTICLES, tmp_path)
    assert first.n_parsed == 4
    files = cache_files(tmp_path)
    assert len(files) == 8  # a DocBin and a JSON per text
    second = parse_articles(ARTICLES, tmp_path)
    assert second.n_parsed == 0
    assert cache_files(tmp_path) == files
    assert all(second.features(a) == first.features(a) for a in ARTICLES)


def test_adding_an_article_parses_only_that_one(tmp_path):
    parse_articles({k: ARTICLES[k] for k in "abc"}, tmp_path)
    again = parse_articles(ARTICLES, tmp_path)
    assert again.n_parsed == 1
    assert again.features("d")["sentences"][0]["text"] == "Heavy rain flooded farms across the valley."
    edited = parse_articles({**ARTICLES, "a": ARTICLES["a"] + " Nobody else spoke."}, tmp_path)
    assert edited.n_parsed == 1  # an edited text is a new text


def test_identical_texts_are_parsed_once(tmp_path):
    parsed = parse_articles({"x": ARTICLES["a"], "y": ARTICLES["a"], "z": ARTICLES["c"]}, tmp_path)
    assert parsed.n_parsed == 2
    assert parsed.keys["x"] == parsed.keys["y"] == text_key(ARTICLES["a"])
    assert parsed.features("x") == parsed.features("y")
    assert len(cache_files(tmp_path)) == 4


def test_the_cache_folder_depends_on_model_and_features_version(tmp_path):
    nlp = load_model()
    folder = ParseCache.for_model(tmp_path, nlp).folder
    assert folder.parent == tmp_path / ".cache" / "nlp"
    assert folder.name.endswith(f"-{nlp.meta['version']}-f{FEATURES_VERSION}")


def test_features_are_stored_as_json(tmp_path):
    parsed = parse_articles({"a": ARTICLES["a"]}, tmp_path)
    path = parsed.cache.folder / f"{parsed.keys['a']}.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == parsed.features("a")
    assert [e["text"] for e in stored["entities"] if e["label"] == "PERSON"] == ["Sergey Lavrov"]
    assert stored["content"][0][:2] == ["sergey", "lavrov"]


def test_a_sentence_never_spans_a_paragraph_break(tmp_path):
    parsed = parse_articles({"b": ARTICLES["b"], "d": ARTICLES["d"]}, tmp_path)
    for article_id in ("b", "d"):
        text = ARTICLES[article_id]
        sentences = parsed.features(article_id)["sentences"]
        assert [s["text"] for s in sentences] == text.split("\n\n")
        for s in sentences:
            assert "\n" not in s["text"]
            assert text[s["start"]:s["end"]] == s["text"]


def test_the_cached_docbin_round_trips(tmp_path):
    parse_articles(ARTICLES, tmp_path)
    parsed = parse_articles(ARTICLES, tmp_path)  # everything from the cache
    assert parsed.n_parsed == 0
    docs = list(parsed.docs())
    assert [article_id for article_id, _ in docs] == list(ARTICLES)
    for article_id, doc in docs:
        assert doc.text == ARTICLES[article_id]
        assert doc_features(doc) == parsed.features(article_id)
    lavrov = dict(docs)["a"]
    assert [(e.text, e.label_) for e in lavrov.ents if e.label_ == "PERSON"] == [("Sergey Lavrov", "PERSON")]


def test_two_processes_give_the_same_features_as_one(tmp_path):
    one = parse_articles(ARTICLES, tmp_path / "one", n_process=1)
    two = parse_articles(ARTICLES, tmp_path / "two", n_process=2, batch_size=1)
    assert one.n_parsed == two.n_parsed == 4
    for article_id in ARTICLES:
        assert two.features(article_id) == one.features(article_id)
        assert two.features(article_id)["sentences"], article_id
