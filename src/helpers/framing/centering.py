"""Article context for speaker resolution (:mod:`helpers.framing.attribution`): who wrote an opinion
piece, what a sentence is about (centering: its main subject), and the words that describe a name.

* :func:`author_of`: the author an opinion piece names in its closing bio, the speaker of its "I";
* :func:`main_subject`: the subject of a sentence's main verb, which a pronoun in the next sentence most
  likely stands for ("Streep … devoted her remarks to … She accused the president-elect …");
* :func:`beside`: the words of a name's own phrase ("incoming counselor to the president Kellyanne Conway").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from helpers.framing.speech import SUBJECTS

if TYPE_CHECKING:
    from helpers.framing.attribution import MentionIndex


_BIO = re.compile(r"\s*(?:,[^.]{0,80},\s*)?(?:is|was|has been|writes|served)\b")


def author_of(text: str, mentions: MentionIndex) -> str:
    """The author an opinion piece names in its closing bio ("David A. Keene is opinion editor of The
    Washington Times."): a short last paragraph that opens with a person's name and "is"/"was"; else ""."""
    last = text.rstrip()
    start = max(last.rfind("\n"), 0)
    paragraph = last[start:]
    if not paragraph.strip() or len(paragraph.split()) > 60:
        return ""
    lead = start + len(paragraph) - len(paragraph.lstrip(" \n*—–-("))
    for i in range(len(mentions.starts)):
        if int(mentions.starts[i]) == lead and mentions.types[i] == "person":
            return str(mentions.entities[i]) if _BIO.match(text, int(mentions.ends[i])) else ""
    return ""


def beside(doc: Doc, span) -> list[Token]:
    """The words that describe a name in its own phrase: up to six before it and five after it in its
    sentence, stopping at a verb ("incoming counselor to the president Kellyanne Conway")."""
    before = []
    for token in reversed(doc[max(span.sent.start, span.start - 6):span.start]):
        if token.pos_ in ("VERB", "AUX"):
            break
        before.append(token)
    after = []
    for token in doc[span.end:min(span.sent.end, span.end + 5)]:
        if token.pos_ in ("VERB", "AUX"):
            break
        after.append(token)
    return before[::-1] + list(span) + after


def main_subject(doc: Doc, start: int, end: int) -> bool:
    """The span is the subject of its sentence's main verb, or a name in apposition to it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in SUBJECTS and root.head.i == root.sent.root.i


def previous_sentence(token: Token):
    """The sentence before ``token``'s, blank ones skipped (None for the first)."""
    start = token.sent.start
    while start > 0:
        sent = token.doc[start - 1].sent
        if not sent.text.isspace():
            return sent
        start = sent.start
    return None


def plural_subject(pronoun: Token, documents: set[str]) -> Token | None:
    """The active plural subject of the previous sentence's main verb, which "they" most likely stands for
    ("But critics were building a case against the bill. They claimed …"); not a document ("findings")."""
    sent = previous_sentence(pronoun)
    if sent is None:
        return None
    subject = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lemma_.lower() in documents:
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    return subject if plural else None


def conjoined_names(pronoun: Token, is_person, sentences: int = 2) -> list[Token]:
    """Two or more people named together ("Tomáš Hellebrandt and Paolo Mauro") in the last ``sentences``
    sentences or earlier in the pronoun's own: the heads of their names, the last such group."""
    previous = [previous_sentence(pronoun)]
    while len(previous) < sentences and previous[-1] is not None:
        previous.append(previous_sentence(previous[-1][0]))
    tokens = [t for sent in reversed(previous) if sent is not None for t in sent]
    tokens += [t for t in pronoun.sent if t.i < pronoun.i]
    groups = []
    for token in tokens:
        if token.pos_ == "PROPN" and token.dep_ != "conj":
            names = [token] + [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            if len(names) > 1 and any(is_person(t) for t in names):  # one typed otherwise is still a name here
                groups.append(names)
    return groups[-1] if groups else []


# Role nouns that a news story uses for a person it has just quoted by name ("…," the Texas governor continues).
PERSON_ROLES = {"governor", "senator", "president", "candidate", "mayor", "congressman", "congresswoman", "lawmaker",
                "minister", "secretary", "chairman", "chairwoman", "leader", "director", "chief", "ambassador",
                "judge", "lawyer", "attorney", "actor", "actress", "businessman", "businesswoman", "billionaire",
                "executive", "founder", "economist", "professor", "author", "commissioner", "nominee", "chancellor",
                "premier", "pope", "king", "queen", "prince", "general", "activist", "democrat", "republican",
                "representative", "host", "star", "singer", "writer", "former", "veteran", "politician", "official"}


def role_of_speaker(subject: Token) -> bool:
    """A definite singular role noun ("the Texas governor", "the former mayor") that may stand for the
    person last quoted."""
    return (subject.tag_ == "NN" and subject.lemma_.lower() in PERSON_ROLES
            and any(t.lower_ == "the" and t.dep_ == "det" for t in subject.lefts))
# Nouns that stand for an organisation just named ("the group", "the agency", "the union").
ORGANISATION_NOUNS = {"group", "organization", "organisation", "agency", "company", "firm", "union", "association",
                      "coalition", "network", "newspaper", "outlet", "charity", "nonprofit", "institute", "foundation",
                      "corporation", "party", "campaign"}


# Bodies named either way round: "Justice Department" is "Department of Justice" (DOJ).
INVERTED_BODIES = {"Department", "Ministry", "Office", "Bureau"}


def initials(name: str) -> set[str]:
    """An organisation's possible acronyms: its capitalised words' initials, with and without "of", and those
    of its other word order ("Justice Department" → DOJ, "Homeland Security Department" → DHS)."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) < 2:
        return set()
    every = "".join(w[0].upper() for w in words if w[0].isalpha())
    capital = "".join(w[0] for w in words if w[0].isupper())
    found = {every, capital}
    if words[-1] in INVERTED_BODIES and "of" not in words:
        found |= initials(" ".join([words[-1], "of", *words[:-1]]))
    return found
