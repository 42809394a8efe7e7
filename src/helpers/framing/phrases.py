"""Phrases around a source token: its extent, its core, its name as written, the owner of a document.

Helpers of :mod:`helpers.framing.attribution` that look only at spaCy's parse of one sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from helpers.framing.speech import CARRIERS, SUBJECTS, document_owner

NAME_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "sen", "rep", "gov", "gen", "prof",
               "president", "senator", "governor", "mayor", "judge", "justice", "secretary", "minister", "rev"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "one", "another", "some"}


def phrase_of(token: Token) -> tuple[int, int, str]:
    """The subject's phrase: its subtree, or its head with modifiers when the subtree is long."""
    left, right = token.left_edge.i, token.right_edge.i
    cue = next((c for c in token.rights if c.dep_ == "acl" and c.tag_ == "VBG"), None)
    if cue is not None:  # "sources saying he's alarmed": the words after the noun are the quote
        right = max(token.i, cue.left_edge.i - 1)
    if right - left > 30:
        kept = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
        left, right = (kept[0].i if kept else token.i), token.i
    span = token.doc[left:right + 1]
    return span.start_char, span.end_char, span.text.strip().strip(" \"“”,;:").strip()


def core_of(token: Token) -> list[Token]:
    """The head and the modifiers glued to its left ("senior GOP aide", "a Hezbollah-run media unit")."""
    kept = [token]
    for t in reversed(list(token.lefts)):
        if t.right_edge.i != kept[0].i - 1:
            break
        if t.dep_ not in ("compound", "amod", "nmod", "nummod", "poss") or t.lower_ in DETERMINERS:
            break
        kept = list(t.subtree) + kept
    return kept


# Nouns that only count the people after them: "a group of 90 faculty members" is described by its members.
COLLECTIVES = {"group", "number", "handful", "dozen", "dozens", "couple", "bunch", "pair", "trio", "crowd", "host"}


def described_as(token: Token) -> str:
    """An unnamed source as the text describes it, without its article: "senior GOP aide", "spokesman for
    the US-led coalition" (a short for / of / at phrase kept), "90 faculty members" for "a group of 90 faculty
    members"."""
    if token.lemma_.lower() in COLLECTIVES:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if of is not None else None
        if members is not None:
            return described_as(members)
    words = [t for t in core_of(token) if t.lower_ not in DETERMINERS]
    prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")), None)
    if prep is not None and len(list(prep.subtree)) <= 8 and prep.i == token.i + 1:
        words += list(prep.subtree)
    return "".join(t.text_with_ws for t in words[:-1]) + words[-1].text if words else ""


def owned_core(token: Token) -> list[Token]:
    """The head's core after its last possessive, whose owner does not speak: "Channel 13’s Barak Ravid"."""
    core = core_of(token)
    marks = [k for k, t in enumerate(core) if t.tag_ == "POS" and t.i < token.i]
    return core[marks[-1] + 1:] if marks else core


def name_of(token: Token) -> str:
    """A proper name as written around its head, without titles ("Dr. Pasek" → "Pasek") or an owner before it."""
    words = [t for t in owned_core(token) if t.pos_ == "PROPN" or t.i == token.i]
    while words and words[0].lower_.rstrip(".") in NAME_TITLES:
        words = words[1:]
    return " ".join(t.text.strip("[]()") for t in words).strip()


def owner_of(subject: Token) -> Token:
    """Who speaks through a document: "its statement", "Trump's Twitter account", "one of Trump's tweets", a
    name after of / from / by ("a statement from the White House", "a description of NARA")."""
    carrier = subject
    if subject.lower_ in ("one", "some", "many") and any(c.lower_ == "of" for c in subject.children):
        of = next(c for c in subject.children if c.lower_ == "of")
        carrier = next((c for c in of.children if c.dep_ == "pobj"), subject)
    owner = document_owner(carrier)
    return owner if carrier.lemma_.lower() in CARRIERS and owner is not None else subject


def carrier_author(subject: Token, quoted, sentence_of) -> Token | None:
    """Who a definite document without an owner ("the letter states", "the statement said") comes from: the
    owner or the subject of the clause that brought it in, within three sentences ("Georgetown faculty
    members have sent Ryan a letter", "Trump said in a statement"); None for any other source. ``quoted``
    flags characters inside quotes; ``sentence_of`` maps a character offset to its sentence."""
    if subject.lemma_.lower() not in CARRIERS or not any(t.lower_ in ("the", "this", "that") for t in subject.lefts):
        return None
    first = sentence_of(subject.idx) - 3
    for token in reversed(subject.doc[:subject.sent.start]):
        if sentence_of(token.idx) < first:
            return None
        if token.lemma_.lower() != subject.lemma_.lower() or quoted[token.idx]:
            continue
        owner = owner_of(token)
        if owner.i != token.i:
            return owner
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted[c.idx]), None)
    return None


TITLE_WORDS = {"gov": "governor", "sen": "senator", "rep": "representative", "pres": "president", "gen": "general",
               "sec": "secretary", "amb": "ambassador", "lt": "lieutenant", "col": "colonel", "supt": "superintendent"}


def title_noun(token: Token) -> str:
    """A title as a noun: "Gov." → governor."""
    word = token.lower_.rstrip(".")
    return TITLE_WORDS.get(word, word)


def is_subject(doc: Doc | None, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and span.root.dep_ in SUBJECTS


def is_proper(token: Token) -> bool:
    """A proper noun as written (the small model tags "the president" PROPN too)."""
    return token.pos_ == "PROPN" and not token.text.islower()


# Nouns for what a poll or a study produced: "the poll results", "the Quinnipiac findings" stand for their source.
RESULT_NOUNS = {"result", "finding", "figure", "number", "data", "statistic"}
# Two names for one kind of document ("the survey" after "a Quinnipiac University poll").
SYNONYMS = {"survey": {"poll"}, "poll": {"survey"}, "study": {"report"}, "report": {"study"}}


def result_source(subject: Token) -> Token | None:
    """The compound that names what a result noun comes from ("the poll results" → poll, "the Quinnipiac
    results" → Quinnipiac), or None."""
    if subject.lemma_.lower() not in RESULT_NOUNS:
        return None
    compounds = [t for t in subject.lefts if t.dep_ in ("compound", "nmod", "amod") and t.pos_ in ("NOUN", "PROPN")]
    return compounds[-1] if compounds else None


def conjuncts(subject: Token) -> list[Token]:
    """The other nouns coordinated with a source ("Holder and other DOJ officials", "The president and his
    supporters", "Tomáš Hellebrandt and Paolo Mauro"): the speakers of the quote together with it."""
    found = []
    for token in subject.conjuncts:
        if token.i > subject.i and token.pos_ in ("NOUN", "PROPN") and token.dep_ == "conj":
            found.append(token)
    return found


def written(token: Token) -> str:
    """A conjunct as written, without what is coordinated after it ("his supporters")."""
    nested = {t.i for c in token.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return " ".join(t.text for t in token.subtree if t.i not in nested and not t.is_punct).strip()


def join_names(names: list[str]) -> str:
    """ "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# A share of people polled: "Forty-four percent of Americans say", "61% said" (not "a majority of senators", who vote).
SHARE_NOUNS = {"percent", "%", "percentage", "pct"}


def respondents(subject: Token) -> str | None:
    """A share of people polled as a source: "poll respondents (Americans)" ("Forty-four percent of Americans"),
    "poll respondents" when the group is not named ("61% said"); None for any other source."""
    if subject.lemma_.lower() not in SHARE_NOUNS and subject.text not in SHARE_NOUNS:
        return None
    if not any(c.dep_ == "nummod" or c.like_num for c in subject.lefts):
        return None
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is None or group.lemma_.lower() == "respondent":
        return "poll respondents"
    words = [t for t in core_of(group) if t.lower_ not in DETERMINERS]
    return f"poll respondents ({' '.join(t.text for t in words)})" if words else "poll respondents"


def counted_group(subject: Token) -> bool:
    """A definite plural that counts people just named: "the two economists", "both senators"."""
    return subject.tag_ == "NNS" and (
        any(c.dep_ == "nummod" and c.lower_ in ("two", "three", "2", "3") for c in subject.lefts)
        and any(c.lower_ in ("the", "these", "those") for c in subject.lefts)
        or any(c.lower_ == "both" for c in subject.lefts))
