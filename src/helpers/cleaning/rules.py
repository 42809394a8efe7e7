"""Boilerplate rules for plain-text articles, as data a student can read.

Each rule has a name (what the ``removed`` table's ``rule`` column shows), a
one-line description, and a test on one paragraph-level block. The cleaner in
:mod:`helpers.cleaning.clean` applies them; :func:`rules_table` lists them for the
notebooks and the data dictionary. The rules that give each kept paragraph its kind
(``paragraphs.rule``) are listed in :data:`KIND_RULES` and applied by :mod:`helpers.cleaning.kinds`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers.text import count_words, ends_like_sentence


@dataclass(frozen=True)
class Rule:
    """One cleaning rule: a name, why it exists, and when it fires."""

    name: str
    description: str
    applies: Callable[[str], bool] | None = None  # None: fired by the cleaner's own logic


def _any(*patterns: str, flags: int = re.IGNORECASE) -> Callable[[str], bool]:
    compiled = [re.compile(p, flags) for p in patterns]
    return lambda block: any(p.search(block) for p in compiled)


def _short(limit: int, test: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda block: count_words(block) <= limit and test(block)


_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
# Addressed to the reader: a sentence that starts "Sign up …"/"Subscribe …", "our/your … newsletter", "your inbox".
# A news sentence that merely reports a newsletter ("readers subscribe to the newsletter, it said") is kept.
_SIGN_UP = re.compile(
    r"(?:^|[.!?:]\s+)(?:sign up|subscribe)\b|\b(?:our|your)\s+(?:[\w-]+\s+){0,3}newsletters?\b|\byour inbox\b",
    re.IGNORECASE,
)


def _is_newsletter_promo(block: str) -> bool:
    if count_words(block) > 40 or not _NEWSLETTER.search(block):
        return False
    return bool(_SIGN_UP.search(block)) or not ends_like_sentence(block)


# A link to another story, labelled: 'Fact check: What really happened …', 'More:Saudis to admit …' (a label run
# into the link text by the scraper). Only without final punctuation: a sentence may open with 'Analysis: …'.
_LINK_TEASER = re.compile(r"^(?:(?:more|related|analysis|opinion|fact check|reality check|watch|video|listen"
                          r"|read|full coverage)\s*:\s*|[A-Z][\w .'’-]{1,40}:(?=[A-Z][a-z]))\S", re.IGNORECASE)


def _is_link_teaser(block: str) -> bool:
    return count_words(block) <= 30 and not ends_like_sentence(block) and bool(_LINK_TEASER.match(block))


SCRAPER_METADATA = re.compile(
    r"^date\s+(?P<published>\d{4}-\d{2}-\d{2})(?:[T ][\d:]+)?\s*(?P<dateline>.*)$", re.IGNORECASE
)
AGENCIES = r"AP|Reuters|AFP|dpa|UPI|Xinhua|Anadolu|PTI|IANS|Bloomberg|CNN|EFE|ANSA|TASS|RIA Novosti"
DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{1,40}(?:, [A-Z][A-Za-z .]{1,30})?)"
    r"(?:, (?P<date>[A-Z][a-z]{2,9}\.? \d{1,2}))?"
    rf"\s*\((?P<agency>{AGENCIES})\)\s*[-—–]+\s*"
)
RELATED_LINKS_HEADING = re.compile(
    r"^(otras noticias|más noticias|noticias relacionadas|related(?: articles| stories| news| coverage| posts)?"
    r"|more (?:news|stories|must-reads)(?: from [\w .'’]{1,40})?|you may also like|recommended(?: for you)?"
    r"|autres articles|weitere artikel"
    r"|leia também|read more|most read|trending)\s*:?$",
    re.IGNORECASE,
)
_CREDITED = (rf"(?:{AGENCIES}|EPA(?:-EFE)?|Getty Images|Shutterstock|Pool|The New York Times|Redux|Flickr"
             r"|Wikimedia(?: Commons)?)")
PHOTO_CREDIT = _any(
    r"^(?:AP|AFP|Reuters|EPA|Getty Images) Photos?\b",
    r"^(?i:photo|image|picture|file photo|photograph)(?i: credit)?\s*:",
    rf"\((?:(?:{AGENCIES}|EPA)\s+)?(?i:photo|image|picture|file|photograph)\b[^)]*\)$",  # (AP Photo/Name)
    rf"(?:[/|]\s*{_CREDITED}|\b[Vv]ia {_CREDITED}|\bGetty Images|\bShutterstock)\)?$",  # Name/Reuters, | Reuters
    rf"\({_CREDITED}\)$|\({_CREDITED}\s*[:/][^()]*\)$",  # … (Reuters), (Reuters: Name)
    rf"\[[^\[\]]*/\s*{_CREDITED}\s*\]$|\bAP Photo\)?$",  # [Name/NurPhoto/Getty Images], | Name/AP Photo
    r"\b[Cc]ourtesy(?: of)? [A-Z][^.]{0,50}$|\b(?:Handout|HANDOUT)\)?$",
    r"\b(?:REUTERS|AFP|EPA|UPI)/[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\)?$",  # REUTERS/Yuri Gripas
    r"\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+(?:/[\w .'’-]+)+\)$",  # (Doug Mills/Pool/EPA-EFE/Shutterstock)
    r"\b(?i:photo(?:graph)?|credit)\s*:\s*[A-Z][^.]{0,60}$",  # … Photo: Getty / … Photograph: Evan Vucci/AP
    r"[.)]\s?Credit\s?[A-Z][^.]{0,60}$",  # NYT: '… at the Capitol.CreditJoshua Roberts/Reuters'
    r"^Image copyright\b|\bImage caption\b|\bMedia caption\b|\btoggle caption\b|^Enlarge this image\b",
    # AP's 'FILE - In this 2017 file photo, …', a group photo's 'left to right:'
    r"^FILE\s*[-—–]|, file photo,|\((?i:from left|left to right)\)|\b[Ll]eft to right:",
    flags=0,
)

_INLINE_PROMO = _short(40, _any(
    r"^advertisements?$", r"^story continued below$", r"^\(?\s*also on [a-z][\w .]*:",
    r"^(?:read|see) (?:more|also)\s*:", r"^related\s*:", r"^click here\b",
    r"^(?:advertisement\s*)?continue reading the main story$", r"^slideshow \(\d+ images?\)$",
    r"^just watched\b.*\bmust watch\b", r"^story highlights\b", r"\bread more$",
    r"^media playback is unsupported\b", r"\blisten\s*·\s*\d+:\d+", r"^more from [\w .'’-]{1,40}:",
    r"^site (?:mobile )?navigation$", r"^listen to article\b", r"\bshare this article\b",
    r"^play video\b", r"\badd interest$"
))

RULES: tuple[Rule, ...] = (
    Rule("scraper_metadata", "A line a scraper added ('date 2017-06-17 AP, BEIRUT'): its date and "
         "dateline are kept as metadata, the line is not the outlet's text."),
    Rule("related_links_footer", "A footer of links to other stories ('Otras noticias', 'Related', "
         "'Read more') near the end, and everything after it.", _any(RELATED_LINKS_HEADING.pattern)),
    Rule("newsletter_promo", "Promotes a newsletter ('New MEE newsletter: …', 'Sign up to get … newsletters').",
         _is_newsletter_promo),
    Rule("subscription_prompt", "Asks the reader to subscribe or follow ('Discover more from …', "
         "'Subscribe to get the latest posts …').",
         _short(40, _any(r"^discover more from\b", r"\bsubscribe (?:to get|now|today|to our|for)\b",
                         r"\bdelivered to your inbox\b", r"\bby signing up, you agree\b",
                         r"(?:^|[.!?:]\s+)sign up (?:for|to)\b", r"\bfollow us on\b",
                         r"\bget the latest .{0,40}\binbox\b"))),
    Rule("publisher_promo", "The publisher describing itself, its licensing or copyright "
         "('… delivers independent and unrivalled coverage', republishing fees, '© 2017').",
         _short(80, _any(r"\bdelivers independent\b", r"\brepublishing this content\b", r"\bcan be found here\.?$",
                         r"\ball rights reserved\b", r"^(?:©|copyright ©?\s*\d{4})",
                         r"\bmay not be published, broadcast, rewritten\b"))),
    Rule("inline_promo", "Page furniture inside the story: 'Advertisement', 'Story continued below', "
         "'( Also on POLITICO: … )', 'Read more: …', 'Slideshow (12 Images)', video and audio players, "
         "'Story highlights', links to other stories ending 'Read more'.",
         lambda block: _INLINE_PROMO(block) or _is_link_teaser(block)),
    Rule("headline", "The first line is the headline: it moves to the articles table's headline column. It is "
         "the manifest's headline, or a short first line without final punctuation that does not open with a "
         "dateline."),
    Rule("repeated_headline", "The headline again as the first line of the body (a scraper kept the page's "
         "title twice): kept, as a subheading, because the text says it; filter `paragraphs.rule` to leave it out."),
    Rule("dateline", "A dateline before the first sentence ('BEIRUT (AP) —'): it moves to the dateline column."),
    Rule("advertisement", "HTML inside an advertising container (ad classes such as wpcnt, amp-ad, wordads)."),
    Rule("script", "Program code (<script>, <style>) in the page: never visible text."),
    Rule("page_boilerplate", "Other page text outside the article that trafilatura left out "
         "(navigation, share buttons, footers)."),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}

# Rules tested block by block, in this order; the first that fires names the block.
BLOCK_RULES = tuple(RULES_BY_NAME[name] for name in
                    ("newsletter_promo", "subscription_prompt", "publisher_promo", "inline_promo"))

# Why a kept paragraph is body text, a subheading or a caption (the ``paragraphs.rule`` column), in the order the
# cleaner tries them (:func:`helpers.cleaning.kinds.paragraph_kind`). Only captions leave the body text.
KIND_RULES: tuple[Rule, ...] = (
    Rule("photo_credit", "caption: a photo credit or caption marker ('(AP Photo/…)', 'REUTERS/Name', "
         "'Image caption', '… /Getty Images'), at most MAX_CAPTION_WORDS words."),
    Rule("html_heading", "subheading: the page marks it as a heading (<h2>, <h3> …)."),
    Rule("sentence", "body: ends with sentence punctuation."),
    Rule("dateline_lead", "body: opens with a dateline ('WASHINGTON —'), so it is the lead even without a full stop."),
    Rule("embedded_post", "body: a post quoted from a social network ('— Name (@handle) date', pic.twitter.com)."),
    Rule("last_block", "body: the last block, even without a full stop."),
    Rule("scene_caption", "caption: one present-tense clause of what a photo shows and where ('soldiers ride on a "
         "tank in …'), with no sign of reporting: no past-tense, reporting or modal verb, quotation, second sentence, "
         "opening connective or pronoun, first or second person."),
    Rule("short_title", "subheading: at most MAX_SUBHEADING_WORDS words without final punctuation."),
    Rule("title_case", "subheading: a line in title case ('Senate Democrats’ Vote to End Shutdown') that does "
         "not read as reporting."),
    Rule("unpunctuated_text", "body: no final punctuation but no confident sign of a caption or title: kept."),
)

# Metadata the publisher leaves in its own boilerplate.
OUTLET_IN_FOOTER = re.compile(r"^discover more from (?P<outlet>.+?)\s*$", re.IGNORECASE | re.MULTILINE)


# Sentences glued together where a scraper dropped a paragraph break ("the polls.The billionaire", "mission."Mounting"):
# a word ending in two lower-case letters, a full stop (or ? !), maybe a quotation mark, then a capitalised word.
_GLUED = re.compile(r"(?<=[a-z]{2})([.?!])([\"“”]?)(?=[A-Z](?:[a-z]|[^A-Za-z]))")
_NOT_GLUED = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|co|uk|io|us|tv|html?|php|pdf)\b", re.IGNORECASE)


def unglue_sentences(block: str) -> str:
    """``block`` with a space put back between glued sentences, never inside a web or mail address.

    A straight quotation mark between them goes with the sentence it closes (an odd one so far in the
    block) or opens (an even one); “ opens and ” closes.
    """
    def space(match: re.Match) -> str:
        left, right = re.search(r"\S*$", block[:match.start()]), re.match(r"\S*", block[match.end():])
        if _NOT_GLUED.search(left.group(0) + match.group(0) + right.group(0)):
            return match.group(0)
        stop, mark = match.groups()
        closes = mark == "”" or (mark == '"' and block[:match.start()].count('"') % 2 == 1)
        return f"{stop}{mark} " if closes or not mark else f"{stop} {mark}"

    return _GLUED.sub(space, block)


def block_rule(block: str) -> str | None:
    """Name of the first boilerplate rule that removes ``block``, or None to keep it."""
    for rule in BLOCK_RULES:
        if rule.applies is not None and rule.applies(block):
            return rule.name
    return None


def rules_table() -> pd.DataFrame:
    """Every cleaning rule with its description, for notebooks and docs."""
    return pd.DataFrame({"rule": [r.name for r in RULES], "description": [r.description for r in RULES]})


def kind_rules_table() -> pd.DataFrame:
    """Every rule that gives a kept paragraph its kind (``paragraphs.rule``), with its description."""
    return pd.DataFrame({"rule": [r.name for r in KIND_RULES], "description": [r.description for r in KIND_RULES]})
