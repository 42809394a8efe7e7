"""Boilerplate rules for plain-text articles, as data a student can read.

Each rule has a name (what the ``removed`` table's ``rule`` column shows), a
one-line description, and a test on one paragraph-level block. The cleaner in
:mod:`helpers.cleaning.clean` applies them; :func:`rules_table` lists them for the
notebooks and the data dictionary.
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
    r"|more (?:news|stories)|you may also like|recommended(?: for you)?|autres articles|weitere artikel"
    r"|leia também|read more|most read|trending)\s*:?$",
    re.IGNORECASE,
)
PHOTO_CREDIT = _any(
    r"^(?:AP|AFP|Reuters|EPA|Getty Images) Photos?\b",
    r"^(?i:photo|image|picture|file photo)(?i: credit)?\s*:",
    rf"\((?:(?:{AGENCIES}|EPA)\s+)?(?i:photo|image|picture|file)\b[^)]*\)$",
    rf"(?:\b(?:{AGENCIES}|Getty Images|EPA)(?: Photo)?|/\s*(?:{AGENCIES}|Getty Images|EPA))\)?$",
    flags=0,
)

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
                         r"(?:^|[.!?:]\s+)sign up (?:for|to)\b", r"\bfollow us on\b",
                         r"\bget the latest .{0,40}\binbox\b"))),
    Rule("publisher_promo", "The publisher describing itself, its licensing or copyright "
         "('… delivers independent and unrivalled coverage', republishing fees, '© 2017').",
         _short(80, _any(r"\bdelivers independent\b", r"\brepublishing this content\b", r"\bcan be found here\.?$",
                         r"\ball rights reserved\b", r"^(?:©|copyright ©?\s*\d{4})",
                         r"\bmay not be published, broadcast, rewritten\b"))),
    Rule("inline_promo", "Page furniture inside the story: 'Advertisement', 'Story continued below', "
         "'( Also on POLITICO: … )', 'Read more: …', 'Slideshow (12 Images)', video teasers.",
         _short(25, _any(r"^advertisements?$", r"^story continued below$", r"^\(?\s*also on [a-z][\w .]*:",
                         r"^(?:read|see) (?:more|also)\s*:", r"^related\s*:", r"^click here\b",
                         r"^(?:advertisement\s*)?continue reading the main story$", r"^slideshow \(\d+ images?\)$",
                         r"^just watched\b.*\bmust watch\b"))),
    Rule("headline", "The first line is the headline: it moves to the articles table's headline column."),
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

# Metadata the publisher leaves in its own boilerplate.
OUTLET_IN_FOOTER = re.compile(r"^discover more from (?P<outlet>.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def block_rule(block: str) -> str | None:
    """Name of the first boilerplate rule that removes ``block``, or None to keep it."""
    for rule in BLOCK_RULES:
        if rule.applies is not None and rule.applies(block):
            return rule.name
    return None


def rules_table() -> pd.DataFrame:
    """Every cleaning rule with its description, for notebooks and docs."""
    return pd.DataFrame({"rule": [r.name for r in RULES], "description": [r.description for r in RULES]})
