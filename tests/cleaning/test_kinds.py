"""Paragraph kinds on evidence: leads that lost their full stop stay in the body; captions need a photo credit or
a caption's grammar; the headline line (and a repeat of it) is removed, a dateline lead never is."""

from __future__ import annotations

import pytest

from helpers.cleaning import html
from helpers.cleaning.clean import BODY, CAPTION, SUBHEADING, clean_article
from helpers.cleaning.kinds import narrative_evidence, paragraph_kind, scene_verb
from helpers.cleaning.rules import KIND_RULES, block_rule, kind_rules_table
from helpers.text import ends_like_sentence

LAST = "Officials declined to comment on the report on Friday."

# Leads and body paragraphs of real news articles (BASIL) that reached the corpus without their final full stop.
LEADS_WITHOUT_FULL_STOP = [
    "WASHINGTON - Representative Paul D. Ryan’s budget blueprint assumes the same amount of Medicare savings as "
    "President Obama’s health care law, even though Mitt Romney and Mr. Ryan have said those cuts would be "
    "devastating to millions of older Americans on Medicare",
    "Following President Obama's comments in a TV interview expressing his support for same-sex marriage, his likely "
    "GOP rival Mitt Romney said Wednedsay he maintains his opposition to it -- the same position he's had since he "
    '"started running for office"',
    "Boehner, meanwhile, told lawmakers earlier Thursday not to make plans for Christmas, signaling that there may "
    "not realistically be a final deal until the very end of the month. White House Press Secretary Jay Carney "
    "wouldn’t say whether Obama is also bracing for dragged out negotiations",
    "And on Monday the highest-ranking Democrat in the Senate officially came out against construction of the mosque "
    "in its current location",
    '"Shame on the House for ... failing to adequately fund the administration\'s request," Rep. Gregory Meeks, '
    "D-N.Y., said",
]


def article(*blocks: str, headline: str = "Ryan budget keeps Medicare savings", **options):
    return clean_article("\n\n".join((headline, *blocks)), "text", **options)


@pytest.mark.parametrize("lead", LEADS_WITHOUT_FULL_STOP)
def test_a_lead_without_its_full_stop_stays_in_the_body(lead):
    cleaned = article(lead, "The plan was released on Tuesday.", LAST)
    assert [p.kind for p in cleaned.paragraphs] == [BODY, BODY, BODY]
    assert cleaned.text.startswith(lead)
    assert [r.rule for r in cleaned.removed] == ["headline"]


@pytest.mark.parametrize("lead", LEADS_WITHOUT_FULL_STOP)
def test_the_same_lead_as_first_line_is_not_taken_for_a_headline_when_the_manifest_names_another(lead):
    cleaned = clean_article(f"Ryan budget keeps Medicare savings\n\n{lead}\n\n{LAST}", "text",
                            known_headline="Ryan budget keeps Medicare savings")
    assert cleaned.headline == "Ryan budget keeps Medicare savings"
    assert cleaned.text.startswith(lead)


def test_a_first_line_opening_with_a_dateline_is_the_lead_not_the_headline():
    lead = "WEST PALM BEACH, Fla. — President Trump dispatched his top trade negotiator to Beijing on Saturday"
    cleaned = clean_article(f"{lead}\n\nThe talks are expected to last two days.\n\n{LAST}", "text")
    assert cleaned.headline == ""
    assert cleaned.text.startswith(lead)
    assert cleaned.paragraphs[0].rule == "dateline_lead"


def test_a_short_first_line_is_still_the_headline():
    cleaned = clean_article(f"Trump sends trade chief to Beijing\n\nThe talks will last two days.\n\n{LAST}", "text")
    assert cleaned.headline == "Trump sends trade chief to Beijing"
    assert [r.rule for r in cleaned.removed] == ["headline"]


def test_a_repeated_headline_is_kept_as_a_marked_subheading():
    """BASIL's bodies repeat the headline in 29 of 300 files: the body is what the annotators read, so it stays,
    marked (kind subheading, rule repeated_headline), and the lead after it is still the lead."""
    headline = "Obama urges new restrictions on assault weapons, magazines as part of gun control plan"
    lead = "WASHINGTON (AP) — President Obama called Wednesday for a new and tougher assault-weapons ban."
    cleaned = clean_article(f"{headline}\n\n{headline}\n\n{lead}\n\n{LAST}", "text", known_headline=headline)
    assert [r.rule for r in cleaned.removed] == ["headline", "dateline"]
    first, second = cleaned.paragraphs[:2]
    assert (first.kind, first.rule, first.text) == ("subheading", "repeated_headline", headline)
    assert second.kind == "body" and second.text.startswith("President Obama called")


def test_a_scene_described_in_the_present_tense_is_a_caption():
    caption = ("Members of the Syrian government forces ride on a tank in the village of Kobajjep on the "
               "southwestern outskirts of Deir Ezzor province")
    cleaned = article(caption, "Russian forces have killed four Islamic State group leaders, officials said.", LAST)
    assert (cleaned.paragraphs[0].kind, cleaned.paragraphs[0].rule) == (CAPTION, "scene_caption")
    assert caption not in cleaned.text


@pytest.mark.parametrize("block", [
    "Measure passes panel in a 13-5 vote, advances to full Senate",  # a deck: no photographed action
    "Some Republicans feel even more cuts are needed, while Democrats offer a plan of their own",
    "Among Democrats, Biden looks good against candidate ABC (Anybody But Clinton)",
    "He says the North's actions can affect the situation in Iran and other countries",
])
def test_a_present_tense_deck_or_summary_is_not_a_caption(block):
    assert paragraph_kind(block, 1, 5)[0] != CAPTION


@pytest.mark.parametrize("credit", [
    "Kim Yo Jong, sister of North Korea's leader Kim Jong Un. Jorge Silva | Reuters",
    "Enlarge this image toggle caption Alex Wong/Getty Images Alex Wong/Getty Images",
    "U.S. President Donald Trump speaks during a meeting with U.S. Governors at the White House in Washington, "
    "U.S., February 25, 2019. REUTERS/Jim Young",
    "Image copyright Reuters Image caption The decision of Susan Collins to vote yes helped sway the final tally",
    "Representative Blake Farenthold, Republican of Texas, in December at the Capitol.CreditJoshua Roberts/Reuters",
    "Ford cars roll off the assembly line in Flat Rock, Mich., in 2015. (Rebecca Cook/Reuters)",
    "Members of the U.S. Supreme Court. Front row, left to right: Stephen Breyer, Clarence Thomas",
])
def test_photo_credits_make_captions_wherever_they_stand(credit):
    assert paragraph_kind(credit, 2, 5) == (CAPTION, "photo_credit")


@pytest.mark.parametrize("block", [
    "The minister told Reuters",
    "Groups organised under section 501(c) of the tax code raised more money than ever",
    "Critics on the left said the plan went too far (above all on taxes)",
])
def test_a_news_agency_or_brackets_alone_are_no_photo_credit(block):
    assert paragraph_kind(block, 2, 5)[0] != CAPTION


def test_a_quoted_social_media_post_is_body_text():
    post = ("The president this morning says 'I feel badly for General Flynn.' #MorningJoe pic.twitter.com/tBp5aXWhBj "
            "— Morning Joe (@Morning_Joe) December 4, 2017")
    assert paragraph_kind(post, 3, 6) == (BODY, "embedded_post")


def test_a_signed_post_that_opens_with_photo_is_no_caption_and_a_bare_signature_is_body():
    post = ("Photo: In the cell of one of escaped inmates, looking at the hole cut in the wall as part of escape "
            "pic.twitter.com/tGAtt8xHyb — Andrew Cuomo (@NYGovCuomo) June 7, 2015")
    assert paragraph_kind(post, 3, 6) == (BODY, "embedded_post")
    assert paragraph_kind("Liz Cheney (@Liz_Cheney) July 29, 2012", 3, 6) == (BODY, "embedded_post")
    assert paragraph_kind("Protesters march toward the police station in Ferguson (Photo: AP)", 3, 6)[0] == CAPTION


def test_text_in_a_script_without_full_stops_is_never_a_caption():
    thai = ("ปรานี ด่านวัฒนานุสรณ์ ภรรยาของสุรชัยกล่าวว่า ได้ทราบข่าวจากบุตรชายของภูชนะแล้ว แต่ยังไม่ขอพูดอะไร "
            "โดยเบื้องต้นได้ทำใจแต่แรกแล้วว่าเหตุการณ์ลักษณะนี้จะต้องเกิดขึ้นสักวันหนึ่ง")
    cleaned = article(thai, thai + " ครับ", thai + " ค่ะ", headline="ผล DNA ยืนยัน")
    assert CAPTION not in {p.kind for p in cleaned.paragraphs}


def test_cjk_full_stops_end_a_sentence():
    assert ends_like_sentence("香港行政长官梁振英就其大宅的违章建筑问题到立法会接受质询，并向香港民众道歉。")
    assert ends_like_sentence("¿Qué pasó? Nadie lo sabe؟")


def test_subheadings_stay_in_the_body_text():
    cleaned = article("The strike hit a convoy near Raqqa on Friday.", "IS in Iraq",
                      "The group still holds towns along the Euphrates.", LAST)
    kinds = [(p.kind, p.rule) for p in cleaned.paragraphs]
    assert kinds[1] == (SUBHEADING, "short_title")
    assert "\n\nIS in Iraq\n\n" in cleaned.text


def test_every_paragraph_names_a_documented_rule():
    cleaned = article(LEADS_WITHOUT_FULL_STOP[0], "IS in Iraq", "Syrian soldiers advance. (AP Photo/Hassan Ammar)",
                      LAST)
    names = set(kind_rules_table()["rule"])
    assert names == {r.name for r in KIND_RULES}
    assert [p.rule for p in cleaned.paragraphs] == ["dateline_lead", "short_title", "photo_credit", "sentence"]
    assert {p.rule for p in cleaned.paragraphs} <= names


def test_narrative_evidence_and_scene_verbs_on_real_lines():
    assert narrative_evidence("Boehner, meanwhile, told lawmakers earlier Thursday not to make plans") is not None
    assert narrative_evidence("U.S. Marines inspect an AV-8B Harrier aircraft on the flight deck of USS Boxer") is None
    assert scene_verb("U.S. Marines inspect an AV-8B Harrier aircraft on the flight deck of USS Boxer") == "inspect"
    assert scene_verb("Thomas Homan, testifying before Congress back in July") == "testifying"
    assert scene_verb("The protests in Hong Kong grew") is None  # 'protests' after 'The' is a noun


@pytest.mark.parametrize(("block", "rule"), [
    ("More:Saudis to admit journalist was killed, assert death a result of botched interrogation", "inline_promo"),
    ("Fact check: What really happened when Biden, allies pushed out Ukrainian prosecutor", "inline_promo"),
    ("Analysis: the numbers show the gap narrowing in every swing state.", None),
    ("LISTEN TO ARTICLE 5:55 SHARE THIS ARTICLE Share Tweet Post Email", "inline_promo"),
    ("Story highlights Jake Tapper: American leaders were conspicuously absent from historic Paris rally",
     "inline_promo"),
    ("Get the Monitor Stories you care about delivered to your inbox. By signing up, you agree to our Privacy Policy",
     "subscription_prompt"),
])
def test_link_teasers_and_page_furniture(block, rule):
    assert block_rule(block) == rule


# --- HTML ---------------------------------------------------------------------------------------------------------

PARAGRAPHS = "".join(
    f"<p>{text}</p>" for text in (
        "Russia said the strike near Raqqa may have killed the group’s leader, officials said on Friday.",
        "The US-led coalition said it could not confirm the claim made by the ministry in Moscow.",
        "Lavrov told reporters that he did not have a full confirmation of the information yet.",
        "Analysts said the group has lost most of the territory it once held in Syria and Iraq.",
    ))


def test_html_headings_are_subheadings_and_part_of_the_body():
    page = (f"<html><head><title>Russia says strike may have killed IS leader</title></head><body><article>"
            f"<h1>Russia says strike may have killed IS leader</h1>{PARAGRAPHS}<h2>What comes next</h2>"
            f"{PARAGRAPHS.replace('Raqqa', 'Deir ez-Zor')}</article></body></html>")
    cleaned = clean_article(page, "html")
    kinds = {p.text: (p.kind, p.rule) for p in cleaned.paragraphs}
    assert kinds["What comes next"] == (SUBHEADING, "html_heading")
    assert "What comes next" in cleaned.text
    assert not cleaned.text.startswith("Russia says strike")


def test_an_html_page_keeps_a_short_first_line_that_is_not_its_title():
    page = (f"<html><head><title>Russia says strike may have killed IS leader</title></head><body><article>"
            f"<p>Moscow claims a breakthrough</p>{PARAGRAPHS}</article></body></html>")
    cleaned = clean_article(page, "html")
    assert "headline" not in {r.rule for r in cleaned.removed}


@pytest.mark.parametrize(("counts", "chosen"), [
    ((400, 500, 600), "trafilatura_precision"),  # enough words: trafilatura's precision mode
    ((10, 300, 600), "trafilatura_recall"),  # precision found little, recall found much more
    ((40, 60, 70), "trafilatura_precision"),  # a short story: the longer texts are not twice as long
    ((0, 0, 200), "justext"),  # trafilatura found nothing
])
def test_the_fallback_extractor_is_used_only_when_trafilatura_keeps_little(monkeypatch, counts, chosen):
    found = [[html.Block(" ".join(["word"] * n))] if n else [] for n in counts]
    monkeypatch.setattr(html, "_trafilatura_blocks", lambda page, *, precision: found[0] if precision else found[1])
    monkeypatch.setattr(html, "_justext_blocks", lambda page: found[2])
    assert html.extract_html("<html></html>")[1] == chosen
