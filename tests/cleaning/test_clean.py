"""Cleaning: what the seed articles keep and lose, and the block rules on crafted text."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import pytest

from helpers.cleaning.clean import CAPTION, SUBHEADING, clean_article, split_blocks
from helpers.cleaning.ingest import IngestError, decode_bytes
from helpers.cleaning.rules import RULES_BY_NAME, block_rule, unglue_sentences
from helpers.text import normalize_text

A000, A001, A002, A003, A004 = (
    "000_2f528448200b9161", "001_f74d515aac572341", "002_be06c18b9430b084",
    "003_abb6c1370311ac19", "004_85e05273389f8f37",
)
SEEDS = (A000, A001, A002, A003, A004)
BOILERPLATE = (
    "getAdSnippetCallback", "Advertisements", "Discover more from", "Subscribe to get",
    "MEE newsletter", "Middle East Eye delivers", "Otras noticias",
)
EXPECTED_RULES = {
    A000: {"advertisement", "script", "subscription_prompt"},
    A001: {"scraper_metadata"},
    A002: {"advertisement", "script", "subscription_prompt"},
    A003: {"newsletter_promo", "publisher_promo", "headline"},
    A004: {"related_links_footer", "headline"},
}
CAPTION_004 = "Members of the Syrian government forces ride on a tank"


@pytest.fixture(scope="module")
def tables(seed_build):
    return seed_build[1]


@pytest.fixture(scope="module")
def articles(seed_articles):
    return seed_articles


def raw_text(raw_dir, article_id: str) -> str:
    return (raw_dir / f"{article_id}.txt").read_text(encoding="utf-8")


def first_line(raw_dir, article_id: str) -> str:
    return raw_text(raw_dir, article_id).split("\n", 1)[0].strip()


# --- the seed corpus ------------------------------------------------------------------------------


def test_every_seed_is_built_in_english(seed_build, articles):
    report, _ = seed_build
    assert report.problems == []
    assert report.exit_code == 0
    assert sorted(articles.index) == list(SEEDS)
    assert (articles["language"] == "en").all()
    assert (articles["n_words"] > 250).all()


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_no_boilerplate_in_any_body(articles, tables, phrase):
    for article_id, body in articles["text"].items():
        assert phrase not in body, f"{phrase!r} left in {article_id}"
    assert not tables["paragraphs"]["text"].str.contains(phrase, regex=False).any()


def test_no_markup_or_entities_left_in_bodies(articles):
    for article_id, body in articles["text"].items():
        for leftover in ("<p", "</", "&#8", "&amp;", "window.", "\ufffd"):
            assert leftover not in body, f"{leftover!r} in {article_id}"


def test_001_scraper_line_gives_date_and_dateline(articles, tables):
    row = articles.loc[A001]
    assert row["text"].startswith("Russia yesterday said")
    assert row["dateline"] == "AP, BEIRUT"
    assert pd.Timestamp(row["published"]).date() == dt.date(2017, 6, 17)
    assert row["date_precision"] == "day"
    assert "date 2017-06-17" not in row["text"]


def test_001_date_and_dateline_come_from_the_text_itself(raw_dir):
    """Without the manifest's help the scraper line still yields the date and dateline."""
    decoded = decode_bytes((raw_dir / f"{A001}.txt").read_bytes())
    article = clean_article(decoded.text, decoded.format)
    assert article.metadata["published"] == "2017-06-17"
    assert article.dateline == "AP, BEIRUT"
    assert article.text.startswith("Russia yesterday said")
    assert [r.rule for r in article.removed] == ["scraper_metadata"]


@pytest.mark.parametrize("article_id", [A003, A004])
def test_headline_is_the_first_line(raw_dir, articles, tables, article_id):
    headline = first_line(raw_dir, article_id)
    assert articles.loc[article_id, "headline"] == headline
    assert not articles.loc[article_id, "text"].startswith(headline)
    removed = tables["removed"]
    rows = removed[(removed["article_id"] == article_id) & (removed["rule"] == "headline")]
    assert rows["text"].tolist() == [headline]
    assert rows["raw_offset"].tolist() == [0]


def test_003_has_one_subheading_and_keeps_it_in_the_body(tables, articles):
    paragraphs = tables["paragraphs"]
    special = paragraphs[(paragraphs["article_id"] == A003) & (paragraphs["kind"] != "body")]
    assert special[["kind", "text"]].values.tolist() == [[SUBHEADING, "IS in Iraq"]]
    assert "\n\nIS in Iraq\n\n" in articles.loc[A003, "text"]


def test_004_image_caption_is_a_caption_and_not_in_the_body(tables, articles):
    paragraphs = tables["paragraphs"]
    captions = paragraphs[(paragraphs["article_id"] == A004) & (paragraphs["kind"] == CAPTION)]
    assert len(captions) == 1
    assert captions["text"].iloc[0].startswith(CAPTION_004)
    assert captions["paragraph_id"].iloc[0] == 0
    assert CAPTION_004 not in articles.loc[A004, "text"]
    assert articles.loc[A004, "text"].startswith("Russian forces have killed four Islamic State group leaders")


def test_only_the_expected_paragraphs_are_not_body(tables):
    paragraphs = tables["paragraphs"]
    special = paragraphs[paragraphs["kind"] != "body"]
    assert sorted(zip(special["article_id"], special["kind"], special["rule"], strict=True)) == [
        (A003, SUBHEADING, "short_title"), (A004, CAPTION, "scene_caption")]
    assert set(paragraphs.loc[paragraphs["kind"] == "body", "rule"]) <= {"sentence", "last_block"}


@pytest.mark.parametrize("article_id", SEEDS)
def test_quotation_marks_survive_cleaning(raw_dir, articles, article_id):
    raw = html.unescape(raw_text(raw_dir, article_id))
    body = articles.loc[article_id, "text"]
    if article_id in (A000, A001, A002):
        assert "“" in body and "”" in body
    else:
        assert '"' in body
        assert body.count('"') == raw.count('"')
    for mark in "“”’":
        assert body.count(mark) == raw.count(mark), f"{mark} lost or added in {article_id}"


def test_html_entity_quotes_become_characters(articles):
    assert "“being verified through various channels”" in articles.loc[A000, "text"]
    assert "I don’t have a 100% confirmation of the information.”" in articles.loc[A000, "text"]
    assert "“Oh you who seek martyrdom!" in articles.loc[A002, "text"]


@pytest.mark.parametrize("article_id", SEEDS)
def test_removed_blocks_name_their_rule(tables, articles, article_id):
    removed = tables["removed"]
    rows = removed[removed["article_id"] == article_id]
    assert set(rows["rule"]) == EXPECTED_RULES[article_id]
    assert set(rows["rule"]) <= set(RULES_BY_NAME)
    assert rows["removed_id"].tolist() == list(range(len(rows)))
    assert articles.loc[article_id, "n_removed"] == len(rows)
    assert (rows["raw_offset"] >= 0).all(), "every removed block is found in the raw text"
    assert rows["raw_offset"].is_monotonic_increasing


def test_removed_text_is_the_boilerplate(tables):
    removed = tables["removed"]

    def text_of(article_id, rule):
        return "\n".join(removed[(removed["article_id"] == article_id) & (removed["rule"] == rule)]["text"])

    assert "getAdSnippetCallback" in text_of(A000, "script")
    assert text_of(A000, "advertisement") == "Advertisements"
    assert "Discover more from London Glossy Post" in text_of(A000, "subscription_prompt")
    assert "Subscribe to get the latest posts" in text_of(A000, "subscription_prompt")
    assert "New MEE newsletter: Jerusalem Dispatch" in text_of(A003, "newsletter_promo")
    assert text_of(A003, "publisher_promo").startswith("Middle East Eye delivers")
    assert text_of(A004, "related_links_footer") == "Otras noticias"
    assert text_of(A001, "scraper_metadata") == "date 2017-06-17 AP, BEIRUT"


def test_outlet_is_recovered_from_the_footer(raw_dir):
    decoded = decode_bytes((raw_dir / f"{A000}.txt").read_bytes())
    article = clean_article(decoded.text, decoded.format)
    assert article.metadata.get("outlet") == "London Glossy Post"


@pytest.mark.parametrize("article_id", SEEDS)
def test_paragraphs_add_up_to_the_article(tables, articles, article_id):
    paragraphs = tables["paragraphs"]
    rows = paragraphs[paragraphs["article_id"] == article_id]
    assert rows["paragraph_id"].tolist() == list(range(len(rows)))
    kept = rows[rows["kind"] != CAPTION]["text"].tolist()
    assert articles.loc[article_id, "text"] == "\n\n".join(kept)
    assert articles.loc[article_id, "n_paragraphs"] == (rows["kind"] == "body").sum()


# --- split_blocks ---------------------------------------------------------------------------------


def test_split_blocks_joins_hard_wrapped_lines():
    text = "The ministry said the strike\nkilled several commanders near the\ncity in late May.\n\nSecond paragraph."
    assert split_blocks(text) == [
        "The ministry said the strike killed several commanders near the city in late May.",
        "Second paragraph.",
    ]


def test_split_blocks_splits_on_blank_lines_even_with_spaces_in_them():
    assert split_blocks("One paragraph here\n   \n\t\nanother paragraph.") == [
        "One paragraph here", "another paragraph."]


def test_split_blocks_keeps_sentence_ending_lines_apart():
    text = "First sentence ends here.\nthen a lower-case line.\nHeadline Without Stop\nBody text."
    assert split_blocks(text) == [
        "First sentence ends here.", "then a lower-case line.", "Headline Without Stop", "Body text."]


def test_split_blocks_after_normalising_windows_line_ends():
    text = normalize_text("Para one\r\ncontinues here.\r\n\r\n  Para   two.  \r\n")
    assert split_blocks(text) == ["Para one continues here.", "Para two."]


# --- the rules on crafted articles ----------------------------------------------------------------


def test_dateline_prefix_becomes_the_dateline():
    article = clean_article(
        "BEIRUT (AP) — Russia said on Friday it may have killed the leader of the Islamic State group.\n\n"
        "The claim could not be independently verified.", "text")
    assert article.dateline == "AP, BEIRUT"
    assert article.body_paragraphs[0].startswith("Russia said")
    assert article.text.startswith("Russia said on Friday")
    assert ("BEIRUT (AP) —", "dateline") in [(r.text, r.rule) for r in article.removed]


def test_dateline_after_headline_with_date_and_hyphen():
    article = clean_article(
        "US doubts the Russian claim\n\nWASHINGTON, Nov. 3 (Reuters) - The United States said it could not "
        "confirm the report.\n\nOfficials declined to comment further.", "text")
    assert article.headline == "US doubts the Russian claim"
    assert article.dateline == "Reuters, WASHINGTON"
    assert article.text.startswith("The United States said")


def test_no_dateline_in_an_ordinary_first_sentence():
    article = clean_article("Russia said on Friday (in Moscow) that the strike killed him.\n\nMore text.", "text")
    assert article.dateline == ""
    assert article.text.startswith("Russia said on Friday")


@pytest.mark.parametrize(
    "credit",
    [
        "Syrian soldiers stand guard in Aleppo. (AP Photo/Hassan Ammar)",
        "Smoke rises over the city of Raqqa (Photo by John Smith)",
        "Smoke rises over Raqqa. (File photo)",
        "Photo: Syrian soldiers near Deir ez-Zor",
        "Syrian soldiers advance near Deir ez-Zor. AFP/Getty Images",
        "Syrian soldiers advance near Deir ez-Zor (Reuters)",
    ],
)
def test_photo_credit_paragraph_is_a_caption(credit):
    body = "Russia said on Friday it may have killed the leader of the Islamic State group."
    article = clean_article(f"{body}\n\n{credit}\n\nThe claim could not be independently verified.", "text")
    kinds = {p.text: p.kind for p in article.paragraphs}
    assert kinds[credit] == CAPTION
    assert credit not in article.text
    assert article.body_paragraphs == [body, "The claim could not be independently verified."]


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 10,000 readers subscribe to the newsletter, the company said.",
        "The group urged supporters to sign up for its newsletter, according to the report.",
        "Young men sign up for the militia in Mosul, residents said.",
    ],
)
def test_reported_sentences_about_signing_up_are_kept(sentence):
    """News sentences that report a sign-up are the story, not a prompt to the reader."""
    assert block_rule(sentence) is None
    article = clean_article(f"Russia said on Friday it may have killed the IS leader.\n\n{sentence}", "text")
    assert sentence in article.body_paragraphs


def test_newsletter_mentioned_in_a_full_sentence_is_kept():
    sentence = "The newsletter was first published in 1990."
    article = clean_article(
        f"Russia said on Friday it may have killed the IS leader.\n\n{sentence}\n\nOfficials were cautious.", "text")
    assert sentence in article.body_paragraphs
    assert block_rule(sentence) is None
    assert all(sentence not in r.text for r in article.removed)


@pytest.mark.parametrize(
    ("block", "rule"),
    [
        ("New MEE newsletter: Jerusalem Dispatch", "newsletter_promo"),
        ("Sign up for our weekly newsletter.", "newsletter_promo"),
        ("Subscribe to get the latest posts sent to your email.", "subscription_prompt"),
        ("Discover more from London Glossy Post", "subscription_prompt"),
        ("Copyright © 2017 Example News. All rights reserved.", "publisher_promo"),
        ("Advertisement", "inline_promo"),
        ("Read more: Russia says strike may have killed IS leader", "inline_promo"),
        ("Russia said it could not confirm the report, and urged caution.", None),
        ("Readers who subscribe to newspapers were asked about the claim in a survey last year.", None),
        ("Sign up for breaking news alerts.", "subscription_prompt"),
        ("Enjoyed this? Subscribe to our newsletter.", "newsletter_promo"),
        ("Get the newsletter in your inbox every morning.", "newsletter_promo"),
    ],
)
def test_block_rules(block, rule):
    assert block_rule(block) == rule


def test_related_links_footer_removes_everything_after_it():
    body = "\n\n".join(f"Paragraph {n} of the story says something." for n in range(4))
    article = clean_article(f"{body}\n\nOtras noticias\n\nOther story one\n\nOther story two", "text")
    assert len(article.body_paragraphs) == 4
    assert [r.rule for r in article.removed] == ["related_links_footer"]
    assert article.removed[0].text == "Otras noticias\nOther story one\nOther story two"
    assert "Other story" not in article.text


def test_known_headline_is_removed_even_with_punctuation():
    article = clean_article("Is al-Baghdadi dead?\n\nRussia says it may have killed him.\n\nMore text.", "text",
                            known_headline="Is al-Baghdadi dead?")
    assert article.headline == "Is al-Baghdadi dead?"
    assert article.text.startswith("Russia says")


def test_html_ads_scripts_and_entities():
    page = (
        '<div class="wpcnt"><span class="wpa-about">Advertisements</span></div>'
        "<p>Russia said the strike near Raqqa may have killed the group&#8217;s leader, officials said.</p>"
        "<p>Lavrov said: &#8220;I don&#8217;t have a 100% confirmation of the information.&#8221;</p>"
        "<p>The US-led coalition said it could not confirm the claim made by the ministry.</p>"
        "<script>window.track = function () { return 1; };</script>"
    )
    article = clean_article(page, "html")
    assert article.body_paragraphs[1] == "Lavrov said: “I don’t have a 100% confirmation of the information.”"
    assert "Advertisements" not in article.text and "window.track" not in article.text
    rules = {r.rule: r.text for r in article.removed}
    assert rules.get("advertisement") == "Advertisements"
    assert "window.track" in rules.get("script", "")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Advertisement\n\nSubscribe to get the latest posts sent to your email.", "text"),
        ('<html><body><nav><a href="/">Home</a> <a href="/n">News</a></nav><script>var a = 1;</script>'
         "</body></html>", "html"),
    ],
)
def test_nothing_left_is_an_ingest_error(text, fmt):
    with pytest.raises(IngestError, match="no article text"):
        clean_article(text, fmt)


@pytest.mark.parametrize("furniture", [
    "Advertisement Continue reading the main story",
    "Slideshow (12 Images)",
    "JUST WATCHED Obama: Doing the dishes Replay More Videos ... MUST WATCH Obama: Doing the dishes 01:14",
])
def test_page_furniture_from_real_news_sites_is_removed(furniture):
    article = clean_article(f"Headline of the story\n\nThe first paragraph.\n\n{furniture}\n\nThe last one.", "text")
    assert [(r.rule, r.text) for r in article.removed if r.rule != "headline"] == [("inline_promo", furniture)]


def test_a_quote_paragraph_without_final_full_stop_stays_body_text():
    quote = ('At a news conference on their lawn, the parents were asked why he travelled. "Why do firemen go '
             'back into a blazing home? It was his job," John Foley answered')
    article = clean_article(f"Headline of the story\n\nThe first paragraph.\n\n{quote}\n\nThe last one.", "text")
    assert [p.kind for p in article.paragraphs] == ["body", "body", "body"]


def test_sentences_glued_by_a_lost_paragraph_break_get_their_space_back():
    raw = ("Hillary Clinton in the polls.The billionaire former mayor has considered runs in the past, reports The New "
           "York Times , but decided against them after concluding he could not win.However, Bloomberg has already "
           "taken steps, said Gov. Edward G. Rendell, a past chairman.\"Mike Bloomberg for president rests on the "
           "not-impossible,\" said Rendell. \"Mike's not going to go on a suicide mission.\"Mounting a campaign is "
           "hard.")
    fixed = unglue_sentences(raw)
    assert "polls. The billionaire" in fixed and "win. However," in fixed
    assert 'chairman. "Mike Bloomberg' in fixed and 'mission." Mounting' in fixed
    for kept in ("the U.S. Senate", "3.5 percent", "see www.nytimes.Com/Politics", "e.g.The", "mail jo@aol.Com"):
        assert unglue_sentences(kept) == kept
    article = clean_article("Headline\n\nIt is in the polls.The race goes on with many other candidates in it.", "text")
    assert "polls. The race" in article.text
