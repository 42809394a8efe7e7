"""Paragraph kinds on evidence: is a kept block body text, a subheading or an image caption, and is a first
line the headline?

Missing final punctuation alone proves nothing: scraped leads lose their full stop, tweets and quotes end
without one, and some scripts (Thai) have none. A block is called a caption (and left out of the body text)
only on confident evidence: a photo credit ("(AP Photo/…)", "REUTERS/…", "Image caption"), or the grammar of a
caption — one clause in the present tense with a verb of what a photo shows and where or when it was taken
("soldiers ride on a tank in the village of …"), and
nothing that reads as reporting (a past-tense or reporting verb, a quotation, a pronoun or connective that
refers back, a second sentence). Everything else stays in the body text, as body or subheading. Each decision
carries the name of the rule behind it (``paragraphs.rule``; see :data:`helpers.cleaning.rules.KIND_RULES`).

The verb tests are lexical (regular expressions and the ``caption_verbs`` lexicon), not a parser: cleaning
runs before spaCy and must stay fast. In a language other than English they find nothing, so a block there
is a caption only with a photo credit.
"""

from __future__ import annotations

import functools
import re

from helpers.cleaning.rules import PHOTO_CREDIT
from helpers.config import CAPTION_VERBS_LEXICON, MAX_CAPTION_WORDS, MAX_HEADLINE_WORDS, MAX_SUBHEADING_WORDS
from helpers.lexicons import load_lexicon
from helpers.text import collapse_whitespace, count_words, ends_like_sentence, words

BODY, SUBHEADING, CAPTION = "body", "subheading", "caption"
PARAGRAPH_KINDS = (BODY, SUBHEADING, CAPTION)

# A dateline opening the lead: "WASHINGTON -", "WEST PALM BEACH, Fla. —", "BEIRUT (AP) —", "Washington (CNN) —".
DATELINE_LEAD = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^()]{1,30}\))?"
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:, [A-Z][\w.]+)? \([A-Z][\w .&-]{1,25}\))"
    r"\s*[-—–]{1,2}\s*\S"
)
# A post embedded from a social network: its signature, a pic.twitter.com or t.co link.
EMBEDDED_POST = re.compile(r"[—–-] [^—–()]{1,60} \(@\w{1,30}\)|\bpic\.twitter\.com/|https?://t\.co/"
                           r"|^[^—–()]{1,60} \(@\w{1,30}\)\s*(?:on )?[A-Z][a-z]+\.? \d{1,2}, \d{4}$")  # bare signature
SIGNED_POST = re.compile(r"[—–-] [^—–()]{1,60} \(@\w{1,30}\)")  # '— Name (@handle)': a post, even with 'Photo:'
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr", "mt", "ft",
    "no", "vs", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "u.n", "d.c", "p.m", "a.m"
))
_SENTENCE_BREAK = re.compile(r"([\w.]+)[.!?][\"”’')]*\s+[\"“‘(]?[A-Z]")
_QUOTATION = re.compile(r"[\"“][^\"“”]{12,}[\"”]|‘[^‘’]{12,}’|(?<!\w)'[^']{12,}'(?!\w)")
# Where or when a photo was taken: 'in the village of …', 'at a rally', 'on the flight deck', 'during a visit'.
_SCENE_SETTING = re.compile(r"\b(?:in|at|on|outside|inside|near|during|aboard|along|across|over|under|behind|"
                            r"beside|around|through)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w’'-]+")
_CONNECTIVE_START = re.compile(
    r"^(?:and|but|or|so|yet|also|meanwhile|however|still|instead|then|now|moreover|furthermore|indeed|thus|"
    r"therefore|otherwise|when|while|if|although|though|because|since|until|unless|whether|as|after|before|"
    r"once|asked|according|following|despite|he|she|they|it|we|i|you|his|her|their|its|our|my|your|this|that|"
    r"these|those|there|here|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier|later)\b",
    re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:I|we|We|you|You|my|My|our|Our|your|Your|me|us)\b")
_CONTINUES = re.compile(r"(?:[,;–—-]|\b(?:and|or|but|the|a|an|of|to|that|which|who|with|for|in|on|at))$")
_MODAL_OR_PERFECT = re.compile(r"\b(?:will|would|could|should|might|must|can|cannot|has|have|had|was|were|did|"
                               r"does|do)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|asked|added|adds|wrote|writes|announced|announces|argued|argues|claimed|claims|"
    r"explained|explains|insisted|insists|noted|notes|stated|states|warned|warns|reported|reports|according)\b")
_IRREGULAR_PAST = re.compile(
    r"\b(?:went|came|took|made|gave|got|found|left|won|lost|met|held|led|began|saw|knew|thought|brought|became|"
    r"sent|spent|kept|fell|rose|ran|spoke|chose|drove|flew|grew|threw|wore|broke|stole|sold|paid|built|fought|"
    r"caught|taught|bought|sought|felt|meant|heard|stood|sat|struck|swore|hid|shot|fled)\b", re.IGNORECASE)
_REGULAR_PAST = re.compile(r"\b([a-z]{2,}ed)\b(?! by\b)")
_NOT_PAST = frozenset((
    "need", "speed", "seed", "feed", "breed", "bleed", "deed", "shed", "red", "bed", "hundred", "united", "armed",
    "based", "related", "pictured", "photographed"
))
_SEEN = re.compile(r"\b(?:is|are) (?:seen|pictured|shown|photographed|escorted|greeted|surrounded)\b")
_NOT_SUBJECT = frozenset((
    "the", "a", "an", "of", "in", "on", "at", "for", "to", "by", "with", "from", "his", "her", "their", "its",
    "our", "my", "your", "this", "that", "these", "those", "and", "or", "many", "some", "more", "mass", "street"
))


def is_photo_caption(block: str) -> bool:
    """A photo credit or caption marker: '(AP Photo/…)', 'REUTERS/Name', 'Image caption …', '(pictured)'; never
    a signed post ('Photo: … — Andrew Cuomo (@NYGovCuomo) June 7, 2015' is a tweet)."""
    return PHOTO_CREDIT(block) and count_words(block) <= MAX_CAPTION_WORDS and not SIGNED_POST.search(block)


def starts_with_dateline(block: str) -> bool:
    """True when ``block`` opens with a dateline ('WASHINGTON —', 'BEIRUT (AP) —'): it is a lead, not a title."""
    return bool(DATELINE_LEAD.match(block))


def narrative_evidence(block: str) -> str | None:
    """Why ``block`` reads as reporting rather than a caption or title, or None.

    The evidence: a second sentence, a quotation, a past-tense or reporting verb, a modal or perfect verb,
    a first or second person, an opening connective or pronoun that refers back to the text before, an
    opening in lower case, or an ending that breaks off mid-clause.
    """
    text = collapse_whitespace(block)
    if text[:1].islower():
        return "lower-case start"
    if _CONTINUES.search(text):
        return "ends mid-clause"
    if any(m.group(1).lower().rstrip(".") not in _ABBREVIATIONS and len(m.group(1)) > 1
           for m in _SENTENCE_BREAK.finditer(text)):
        return "more than one sentence"
    if _QUOTATION.search(text):
        return "quotation"
    if _CONNECTIVE_START.match(text):
        return "opens with a connective or pronoun"
    if _REPORTING.search(text) or _IRREGULAR_PAST.search(text) or _MODAL_OR_PERFECT.search(text):
        return "finite past, reporting or modal verb"
    if any(m.group(1).lower() not in _NOT_PAST for m in _REGULAR_PAST.finditer(text)):
        return "past-tense verb"
    if _PERSONAL.search(text):
        return "first or second person"
    return None


@functools.cache
def _caption_verb_forms() -> frozenset[str]:
    forms = set()
    for verb in load_lexicon(CAPTION_VERBS_LEXICON.stem, CAPTION_VERBS_LEXICON.parent)["term"].str.lower():
        forms |= {verb, _third_person(verb), _participle(verb)}
    return frozenset(forms)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _participle(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def scene_verb(block: str) -> str | None:
    """The present-tense verb of what a photo shows ('ride' in 'soldiers ride on a tank'), or None.

    A verb form counts after a word that can be its subject (not after 'the', 'of', 'his' …); a bare form
    ('ride') only after a plural ('forces ride'); an '-ing' form only after a comma ('Homan, testifying …').
    'is seen', 'are pictured' count too.
    """
    seen = _SEEN.search(block)
    if seen:
        return seen.group(0)
    tokens = words(block)
    forms = _caption_verb_forms()
    for before, word in zip(tokens, tokens[1:], strict=False):
        lower = word.lower()
        if lower not in forms or before.lower() in _NOT_SUBJECT or not word.islower():
            continue
        if lower.endswith("ing"):
            if re.search(rf",\s*{re.escape(word)}\b", block):
                return word
        elif lower.endswith("s") or before.lower().endswith("s") or before.lower() in ("people", "men", "women",
                                                                                      "children", "police"):
            return word
    return None


def paragraph_kind(block: str, index: int, n_blocks: int, *, heading: bool = False) -> tuple[str, str]:
    """The kind of one kept block and the rule that decided it, e.g. ``("caption", "photo_credit")``.

    ``index`` and ``n_blocks`` give its position among the kept blocks; ``heading`` is True for a block the
    page itself marks as a heading (HTML ``<h2>`` … as trafilatura reports it).
    """
    if is_photo_caption(block):
        return CAPTION, "photo_credit"
    if heading:
        return SUBHEADING, "html_heading"
    if ends_like_sentence(block):
        return BODY, "sentence"
    if starts_with_dateline(block):
        return BODY, "dateline_lead"
    if EMBEDDED_POST.search(block):
        return BODY, "embedded_post"
    if index == n_blocks - 1:
        return BODY, "last_block"
    evidence = narrative_evidence(block)
    n_words = count_words(block)
    if (evidence is None and MAX_SUBHEADING_WORDS < n_words <= MAX_CAPTION_WORDS and scene_verb(block)
            and _SCENE_SETTING.search(block)):
        return CAPTION, "scene_caption"
    if n_words <= MAX_SUBHEADING_WORDS and not block[:1].islower() and not _CONTINUES.search(block):
        return SUBHEADING, "short_title"
    if evidence is None and n_words <= MAX_HEADLINE_WORDS and _title_case(block):
        return SUBHEADING, "title_case"
    return BODY, "unpunctuated_text"


def _title_case(block: str) -> bool:
    """Most words of four letters or more start with a capital ('Senate Democrats’ Vote to End Shutdown')."""
    long_words = [w for w in words(block) if len(w) >= 4]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def is_headline(block: str, known_headline: str, n_blocks: int, *, guess: bool = True) -> bool:
    """True when the first kept block is the headline.

    It is when it repeats the manifest's (or the page's) headline, a page title's part before ' | Site' included.
    With ``guess`` (plain text, whose first line is the headline by convention) it is also when it looks like
    one: not the only block, no final punctuation, at most ``MAX_HEADLINE_WORDS`` words, no lower-case start and
    no dateline (a long first line that starts 'WEST PALM BEACH, Fla. —' is the lead).
    """
    if known_headline and (same_text(block, known_headline)
                           or same_text(block, _TITLE_SUFFIX.split(known_headline, maxsplit=1)[0])):
        return True
    return (guess and n_blocks > 1 and not ends_like_sentence(block) and count_words(block) <= MAX_HEADLINE_WORDS
            and not block[:1].islower() and not starts_with_dateline(block))


_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?=[^|–—-]+$)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def same_text(a: str, b: str) -> bool:
    """Equal up to case, white space and the shape of quotes and dashes."""
    def norm(text: str) -> str:
        return collapse_whitespace(text).translate(_QUOTES).casefold().strip(" .")
    return norm(a) == norm(b)

