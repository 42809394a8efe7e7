"""Text reuse: containment, alignment, derivation labels, LSH candidates, the reading view, the example corpus."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from helpers.config import NUM_PERM
from helpers.grouping import bind_group
from helpers.reuse.align import align_words
from helpers.reuse.candidates import candidate_pairs, minhash_signatures
from helpers.reuse.charts import containment_matrix_chart, reuse_network
from helpers.reuse.tables import reuse_tables
from helpers.reuse.text import containment, normalize_word, shingle_hashes, shingles, word_spans
from helpers.reuse.views import reuse_view
from helpers.schema import DERIVATION, REUSE, REUSE_PASSAGES

WIRE = ("Russia said on Friday it was verifying whether it had killed the leader of the Islamic State group in an "
        "airstrike targeting a meeting of the group's leaders outside its capital in Syria.\n\n"
        "The Russian Ministry of Defense claimed that the leader was killed in a strike late last month along with "
        "other senior commanders, adding that the information was still being verified through various channels.\n\n"
        "Asked about the claim at a news conference in Moscow, the foreign minister said he did not have a full "
        "confirmation of the information and that its importance must not be overestimated.\n\n"
        "There had been previous reports of the leader being killed, but they did not turn out to be true, and the "
        "group has since lost wide areas of territory in both Iraq and Syria.")
UNRELATED = ("The city council voted on Tuesday to expand the bicycle lanes along the river, a plan that shop owners "
             "had opposed for months because of lost parking spaces.\n\n"
             "The mayor said the new lanes would be finished before the summer festival, when tens of thousands of "
             "visitors are expected in the old town.\n\n"
             "Opponents have promised to take the decision to court, arguing that the consultation was too short and "
             "that the cost estimates were never published.")


def frame(texts: dict[str, str], dates: dict[str, str] | None = None, outlets: dict[str, str] | None = None,
          precision: str = "day") -> pd.DataFrame:
    dates = dates or {}
    return pd.DataFrame({
        "article_id": list(texts), "text": list(texts.values()),
        "outlet": [(outlets or {}).get(a, f"outlet {a}") for a in texts], "dateline": "",
        "published": pd.to_datetime([dates.get(a) for a in texts]),
        "date_precision": [precision if a in dates else "" for a in texts],
        "headline": "", "event": "",
    })


def labels(articles: pd.DataFrame) -> pd.DataFrame:
    return reuse_tables(articles)["derivation"].set_index("article_id")


# --- containment -------------------------------------------------------------------------------


def test_containment_by_hand():
    source = shingles(["a", "b", "c", "d", "e", "f", "g"], n=3)  # abc bcd cde def efg
    target = shingles(["c", "d", "e", "f", "x", "y"], n=3)  # cde def efx fxy
    assert containment(source, target) == pytest.approx(2 / 4)
    assert containment(target, source) == pytest.approx(2 / 5)
    assert containment(source, set()) == 0.0


def test_words_fold_spelling_case_and_punctuation():
    words, starts, ends = word_spans("The Defence Ministry’s “colour” Organised!")
    assert words == word_spans("the defense ministry's \"color\" organized")[0]
    assert (starts[1], ends[1]) == (4, 11)
    assert normalize_word("four") == "four" and normalize_word("hour") == "hour"


# --- alignment ---------------------------------------------------------------------------------


def test_alignment_tolerates_spelling_punctuation_and_a_small_insertion():
    source = "The Russian Ministry of Defense claimed that the leader was killed in a strike late last month."
    target = ("The Russian Ministry of Defence claimed, that the leader -- it said -- was killed in a strike late "
              "last month!")
    passages = align_words(word_spans(source)[0], word_spans(target)[0])
    assert len(passages) == 1
    p = passages[0]
    target_words = word_spans(target)[0]
    assert (p.target_start, p.target_end) == (0, len(target_words))
    assert p.n_matched == len(word_spans(source)[0])


def test_alignment_spans_are_character_offsets_in_the_texts():
    tables = reuse_tables(frame({"a": WIRE, "b": "Breaking news. " + WIRE.replace("Defense", "Defence")}))
    passages = tables["reuse_passages"]
    row = passages[(passages["source_id"] == "a") & (passages["target_id"] == "b")].iloc[0]
    target = "Breaking news. " + WIRE.replace("Defense", "Defence")
    assert target[row.target_start:row.target_end] == row.text
    assert row.text.startswith("Russia said") and "Defence" in row.text
    assert WIRE[row.source_start:row.source_end].startswith("Russia said")
    assert "Defense" in WIRE[row.source_start:row.source_end]


def test_unrelated_texts_share_no_passage():
    assert align_words(word_spans(WIRE)[0], word_spans(UNRELATED)[0]) == []


# --- derivation labels -------------------------------------------------------------------------


def light_rewrite(text: str) -> str:
    for old, new in (("said on Friday", "said"), ("Defense", "Defence"), ("airstrike", "air strike"),
                     ("senior commanders", "senior militant commanders"), ("full", "100%"),
                     ("previous", "earlier")):
        text = text.replace(old, new)
    return text


def test_verbatim_copy_is_wholly_derived_from_the_earlier_article():
    found = labels(frame({"copy": WIRE, "wire": WIRE, "other": UNRELATED},
                         dates={"copy": "2017-06-18", "wire": "2017-06-16", "other": "2017-06-17"}))
    assert found.loc["copy", "label"] == "wholly derived"
    assert found.loc["copy", "source_id"] == "wire"
    assert found.loc["copy", "decided_by"] == "earlier date"
    assert found.loc["wire", "label"] == "not derived" and found.loc["other", "label"] == "not derived"


def test_light_rewrite_is_wholly_derived():
    found = labels(frame({"wire": WIRE, "rewrite": light_rewrite(WIRE)},
                         dates={"wire": "2017-06-16", "rewrite": "2017-06-17"}))
    assert found.loc["rewrite", "label"] == "wholly derived"  # a rewrite of one source is wholly derived (METER)
    assert found.loc["rewrite", "source_id"] == "wire"
    assert found.loc["rewrite", "containment"] < found.loc["rewrite", "share"]  # n-grams break, passages do not


def test_reordered_paragraphs_are_still_detected():
    paragraphs = WIRE.split("\n\n")
    reordered = "\n\n".join(paragraphs[2:] + paragraphs[:2])
    tables = reuse_tables(frame({"wire": WIRE, "reordered": reordered},
                                      dates={"wire": "2017-06-16", "reordered": "2017-06-17"}))
    found = tables["derivation"].set_index("article_id")
    assert found.loc["reordered", "label"] == "wholly derived"
    assert found.loc["reordered", "source_id"] == "wire"
    assert tables["reuse"].set_index(["source_id", "target_id"]).loc[("wire", "reordered"), "n_passages"] >= 2


def test_excerpt_is_partially_or_wholly_derived_and_unrelated_is_not():
    paragraphs = WIRE.split("\n\n")
    found = labels(frame({"wire": WIRE + "\n\n" + UNRELATED, "excerpt": paragraphs[1], "other": UNRELATED[:200]},
                         dates={"wire": "2017-06-16", "excerpt": "2017-06-17", "other": "2017-06-17"}))
    assert found.loc["excerpt", "label"] == "wholly derived"
    assert found.loc["wire", "label"] == "not derived"


def test_partial_derivation_and_unrelated_pairs():
    mixed = WIRE.split("\n\n")[0] + "\n\n" + UNRELATED
    found = labels(frame({"wire": WIRE, "mixed": mixed, "other": UNRELATED.replace("bicycle", "tram")},
                         dates={"wire": "2017-06-16", "mixed": "2017-06-17", "other": "2017-06-15"}))
    assert found.loc["mixed", "label"] == "partially derived"
    assert found.loc["wire", "label"] == "not derived"


def test_source_rules_dates_then_wire_copy():
    # Dates within their precision do not decide: the wire copy is the source.
    articles = frame({"paper": light_rewrite(WIRE), "agency": WIRE}, dates={"paper": "2017-06-16",
                                                                             "agency": "2017-06-17"},
                     outlets={"paper": "Daily Paper", "agency": "Associated Press"}, precision="approximate")
    found = labels(articles)
    assert found.loc["paper", "source_id"] == "agency" and found.loc["paper", "decided_by"] == "wire copy"
    assert found.loc["agency", "label"] == "not derived"
    # Dates far apart decide, whoever the outlets are.
    articles["published"] = pd.to_datetime(["2017-06-01", "2017-06-17"])
    found = labels(articles)
    assert found.loc["agency", "source_id"] == "paper" and found.loc["agency", "decided_by"] == "earlier date"


def test_outputs_are_sorted_and_match_the_schema():
    tables = reuse_tables(frame({"b": WIRE, "a": light_rewrite(WIRE), "c": UNRELATED}))
    for table, schema in ((tables["reuse"], REUSE), (tables["reuse_passages"], REUSE_PASSAGES),
                          (tables["derivation"], DERIVATION)):
        assert list(table.columns) == schema.column_names
        assert table.equals(table.sort_values(list(schema.sort_by)).reset_index(drop=True))
    assert len(tables["reuse"]) == 6


# --- candidates at scale -----------------------------------------------------------------------


def test_lsh_candidates_find_the_planted_pairs():
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(3000)]
    originals = [[rng.choice(vocabulary) for _ in range(200)] for _ in range(60)]
    texts = [" ".join(words) for words in originals]
    planted = []
    for k, words in enumerate(originals[:20]):
        copy = {0: words, 1: words[50:130], 2: words[100:] + words[:100], 3: [w if rng.random() > 0.05 else "x"
                                                                                for w in words]}[k % 4]
        planted.append((k, len(texts)))
        texts.append(" ".join(copy))
    texts = ["\n\n".join(" ".join(t.split()[k:k + 40]) for k in range(0, len(t.split()), 40)) for t in texts]
    pairs = set(candidate_pairs(texts, lsh_min_articles=10))
    assert set(planted) <= pairs
    assert len(pairs) < 0.1 * len(texts) * (len(texts) - 1) / 2  # far fewer than all pairs
    assert len(candidate_pairs(texts[:9], lsh_min_articles=10)) == 36  # small: every pair


def test_minhash_signatures_are_datasketchs():
    from datasketch import MinHash

    hashes = shingle_hashes(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
    expected = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=lambda x: x)
    expected.update_batch([int(h) & 0xFFFFFFFF for h in hashes])
    assert (minhash_signatures([hashes])[0] == expected.hashvalues).all()


# --- the reading view and the charts -------------------------------------------------------------


def test_view_escapes_article_text():
    evil = WIRE.replace("Russia said", "<script>alert(1)</script> Russia said") + \
        "\n\n<img src=x onerror=alert(2)> A new sentence nobody else wrote about the matter at all."
    articles = frame({"wire": WIRE, "evil": evil})
    tables = reuse_tables(articles)
    page = reuse_view(articles, tables["reuse_passages"], "wire", "evil", titles={"evil": "<b onclick=x>t</b>"})
    assert "<script" not in page and "<img" not in page and "<b onclick" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<mark" in page


def test_charts_have_titles_and_axis_labels():
    articles = frame({"a": WIRE, "b": light_rewrite(WIRE), "c": UNRELATED},
                     dates={"a": "2017-06-16", "b": "2017-06-17", "c": "2017-06-17"})
    tables = reuse_tables(articles)
    articles = bind_group(articles, "outlet")
    for fig in (containment_matrix_chart(tables["reuse"], articles),
                reuse_network(tables["derivation"], tables["reuse"], articles)):
        assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    network = reuse_network(tables["derivation"], tables["reuse"], articles)
    assert len(network.layout.annotations) == 1  # one arrow: a → b


# --- the example corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(seed_build):
    return seed_build[1]


def short(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(source_id=table["source_id"].str[:3], target_id=table["target_id"].str[:3])


def test_example_000_and_001_share_most_of_their_text_both_ways(seed_tables):
    pairs = short(seed_tables["reuse"]).set_index(["source_id", "target_id"])
    assert pairs.loc[("001", "000"), "share"] > 0.5 and pairs.loc[("000", "001"), "share"] > 0.5
    assert pairs.loc[("001", "000"), "containment"] > 0.3 and pairs.loc[("000", "001"), "containment"] > 0.3
    others = pairs.drop(index=[("001", "000"), ("000", "001")])
    assert len(others) == 18
    assert (others["containment"] < 0.05).all() and (others["share"] < 0.05).all()


def test_example_000_derives_from_the_ap_copy(seed_tables):
    found = seed_tables["derivation"].assign(article_id=lambda d: d["article_id"].str[:3]).set_index("article_id")
    assert found.loc["000", "label"] == "partially derived"
    assert found.loc["000", "source_id"].startswith("001")
    assert found.loc["000", "decided_by"] == "wire copy"
    assert (found.drop(index="000")["label"] == "not derived").all()


def test_example_view_marks_the_tehran_and_london_sentences_as_added(seed_tables):
    articles, passages = seed_tables["articles"], seed_tables["reuse_passages"]
    source = articles.loc[articles["article_id"].str.startswith("001"), "article_id"].iloc[0]
    target = articles.loc[articles["article_id"].str.startswith("000"), "article_id"].iloc[0]
    page = reuse_view(articles, passages, source, target, seed_tables["sentences"])
    added = [re.sub("<[^>]+>", "", m) for m in re.findall(r"data-kind='added'[^>]*>(.*?)</span>", page)]
    assert any("Tehran" in s for s in added) and any("London attack" in s for s in added)
    left_out = re.findall(r"data-kind='left out'[^>]*>(.*?)</span>", page)
    assert not any("Tehran" in s for s in left_out)
    assert "news conference in Moscow" in page  # the omission is shown, unhighlighted, in the source column
    moscow = page.index("news conference in Moscow")
    assert page.rfind("<mark", 0, moscow) < page.rfind("</mark>", 0, moscow)
