"""Who said it: the speaker of a quote, resolved to a canonical entity inside one article.

The source token (a cue's subject, agent or "according to" object, see :mod:`helpers.framing.speech`)
stands for a phrase, resolved with the article's ``mentions`` (whose canonical ``entity`` links names
across the corpus):

* a **name**: the mention at the phrase's head; an appositive name wins over a role noun ("a spokeswoman
  for Trump hotels, Jennifer Rodstrom" → Jennifer Rodstrom); a dateline is never a speaker
  ("WASHINGTON — President Obama said" → Obama); a relative pronoun is its antecedent ("Paul, who said");
  a name the mentions missed is taken as written, without its title ("Dr. Pasek" → Pasek);
* a **short name** is linked inside the article to the full name it shortens ("Palmiter" after "David
  Palmiter"), from the mentions and the earlier speakers;
* a **pronoun** goes to the latest speaker of a compatible type within two sentences, else the nearest
  earlier mention within three (people for he/she; organisations and groups for it/they), possessives
  last, else the nearest one however far; he/she must agree with the person's gender evidence in the
  article, when there is any: Mr./Ms., gendered role nouns next to the name (spokeswoman, chairman), and
  the first he/she after the name. Before that, centering (:mod:`helpers.framing.centering`): he/she is
  the subject of the last sentence's main verb when it agrees, or what that sentence's own he/she stood
  for; "they" is the last sentence's plural subject ("critics … They claimed") or two people just named
  together; "I" outside quotes is the author an opinion piece names in its closing bio;
* a **common noun**: a definite short phrase ("the aide", "the president", "the monitor") goes to the
  earlier speaker with that noun, the person with that title ("President Obama"), or the entity whose
  name holds it or whose source type its keyword names (not when a name or adjective qualifies it: "the
  Russian foreign ministry" is not Russia); "the group", "the agency" is the organisation named within
  three sentences; "the Texas governor" after a quote of Perry goes on for Perry; otherwise the source
  is the phrase itself, without its article ("a senior GOP aide" → senior GOP aide). A date parsed as
  the subject leaves the name it holds ("Trump last year said").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Token

from helpers.framing.agreement import PRONOUN_GENDER, gender_evidence
from helpers.framing.centering import (
    ORGANISATION_NOUNS,
    author_of,
    beside,
    conjoined_names,
    initials,
    main_subject,
    plural_subject,
    previous_sentence,
    role_of_speaker,
)
from helpers.framing.sources import entity_source_type, keyword_source_type
from helpers.framing.speech import DOCUMENTS, SUBJECTS

PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("organisation", "group", "place"),
            "they": ("organisation", "group", "person"), "we": ("organisation", "group")}
NAME_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "sen", "rep", "gov", "gen", "prof",
               "president", "senator", "governor", "mayor", "judge", "justice", "secretary", "minister", "rev"}
POSSESSIVE = {"its": "it", "his": "he", "her": "she", "their": "they", "our": "we"}
# Documents and channels through which their owner speaks ("its statement said").
CARRIERS = {"statement", "letter", "release", "memo", "message", "tweet", "post", "email", "website", "blog",
            "account", "note", "announcement", "filing", "lawsuit", "complaint", "brief", "transcript", "page",
            "feed", "video", "ad", "advertisement", "op-ed", "column", "editorial", "speech", "remarks", "testimony"}
RELATIVE = {"who", "that", "which", "whom"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "one", "another", "some"}


@dataclass
class MentionIndex:
    """An article's mentions as arrays, for lookups by character offset."""

    starts: np.ndarray
    ends: np.ndarray
    entities: np.ndarray
    types: np.ndarray
    possessive: np.ndarray

    @classmethod
    def of(cls, mentions: pd.DataFrame | None) -> MentionIndex:
        if mentions is None or mentions.empty:
            empty = np.array([], dtype=object)
            return cls(np.array([], dtype=int), np.array([], dtype=int), empty, empty, np.array([], dtype=bool))
        m = mentions.sort_values("start_char")
        return cls(m["start_char"].to_numpy(), m["end_char"].to_numpy(), m["entity"].to_numpy(dtype=object),
                   m["entity_type"].to_numpy(dtype=object), m["text"].str.contains(r"[’']s?$", regex=True).to_numpy())

    def inside(self, start: int, end: int) -> list[int]:
        return [i for i in range(len(self.starts)) if self.starts[i] < end and self.ends[i] > start]

    def at(self, token: Token) -> int | None:
        hits = [i for i in range(len(self.starts)) if self.starts[i] <= token.idx < self.ends[i]]
        return hits[0] if hits else None


def _phrase(token: Token) -> tuple[int, int, str]:
    """The subject's phrase: its subtree, or its head with modifiers when the subtree is long."""
    left, right = token.left_edge.i, token.right_edge.i
    if right - left > 30:
        kept = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
        left, right = (kept[0].i if kept else token.i), token.i
    span = token.doc[left:right + 1]
    return span.start_char, span.end_char, span.text.strip().strip(" \"“”,;:").strip()


def _core(token: Token) -> list[Token]:
    """The head and the modifiers glued to its left ("senior GOP aide", "a Hezbollah-run media unit")."""
    kept = [token]
    for t in reversed(list(token.lefts)):
        if t.right_edge.i != kept[0].i - 1:
            break
        if t.dep_ not in ("compound", "amod", "nmod", "nummod", "poss") or t.lower_ in _DETERMINERS:
            break
        kept = list(t.subtree) + kept
    return kept


def _described(token: Token) -> str:
    """An unnamed source as the text describes it, without its article: "senior GOP aide", "spokesman for
    the US-led coalition" (a short for / of / at phrase kept)."""
    words = [t for t in _core(token) if t.lower_ not in _DETERMINERS]
    prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")), None)
    if prep is not None and len(list(prep.subtree)) <= 8 and prep.i == token.i + 1:
        words += list(prep.subtree)
    return "".join(t.text_with_ws for t in words[:-1]) + words[-1].text if words else ""


def _owned(token: Token) -> list[Token]:
    """The head's core after its last possessive, whose owner does not speak: "Channel 13’s Barak Ravid"."""
    core = _core(token)
    marks = [k for k, t in enumerate(core) if t.tag_ == "POS" and t.i < token.i]
    return core[marks[-1] + 1:] if marks else core


def _name(token: Token) -> str:
    """A proper name as written around its head, without titles ("Dr. Pasek" → "Pasek") or an owner before it."""
    words = [t for t in _owned(token) if t.pos_ == "PROPN" or t.i == token.i]
    while words and words[0].lower_.rstrip(".") in NAME_TITLES:
        words = words[1:]
    return " ".join(t.text.strip("[]()") for t in words).strip()


def _owner(subject: Token) -> Token:
    """Who speaks through a document: "its statement", "Trump's Twitter account", "one of Trump's tweets"."""
    carrier = subject
    if subject.lower_ in ("one", "some", "many") and any(c.lower_ == "of" for c in subject.children):
        of = next(c for c in subject.children if c.lower_ == "of")
        carrier = next((c for c in of.children if c.dep_ == "pobj"), subject)
    owner = next((c for c in carrier.children if c.dep_ == "poss"), None)
    return owner if carrier.lemma_.lower() in CARRIERS and owner is not None else subject


TITLE_WORDS = {"gov": "governor", "sen": "senator", "rep": "representative", "pres": "president", "gen": "general",
               "sec": "secretary", "amb": "ambassador", "lt": "lieutenant", "col": "colonel", "supt": "superintendent"}


def _title(token: Token) -> str:
    """A title as a noun: "Gov." → governor."""
    word = token.lower_.rstrip(".")
    return TITLE_WORDS.get(word, word)


def _is_subject(doc: Doc | None, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and span.root.dep_ in SUBJECTS


def _proper(token: Token) -> bool:
    """A proper noun as written (the small model tags "the president" PROPN too)."""
    return token.pos_ == "PROPN" and not token.text.islower()


class SpeakerResolver:
    """Speaker resolution inside one article, in reading order (it remembers earlier speakers)."""

    def __init__(self, mentions: MentionIndex, sentence_of, types_lexicon: pd.DataFrame, doc: Doc | None = None,
                 quoted: np.ndarray | None = None):
        self.mentions = mentions
        self.sentence_of = sentence_of
        self.types_lexicon = types_lexicon
        self.history: list[tuple[int, str, str, str]] = []  # (sentence, entity, entity type, head noun)
        self.gender = gender_evidence(doc, mentions) if doc is not None else {}
        self.subject = [_is_subject(doc, int(a), int(b)) for a, b in zip(mentions.starts, mentions.ends, strict=True)]
        self.quoted = quoted if quoted is not None else np.zeros(len(doc.text) + 1 if doc is not None else 0, bool)
        self.author = author_of(doc.text, mentions) if doc is not None else ""

    def resolve(self, subject: Token | None, at: int) -> tuple[str, str]:
        """(canonical speaker or "", speaker as written) for a source token at character ``at``."""
        if subject is None:
            return "", ""
        if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":  # "Paul, who said …"
            subject = subject.head.head
        start, end, text = _phrase(subject)
        subject = _owner(subject)
        subject = self._referent(subject)
        entity, kind = self._named(subject, start, end)
        if entity:
            kind = "person" if subject.ent_type_ == "PERSON" else kind  # a person the entity rules typed otherwise
            return self._remember(at, self.link(entity, at), kind, subject), text
        word = POSSESSIVE.get(subject.lower_, subject.lower_)
        if subject.pos_ == "PRON":
            if word in ("i", "me", "my") and self.author and not self.quoted[subject.idx]:  # the author's own words
                return self._remember(at, self.author, "person", subject), text
            if word not in PRONOUNS:
                return "", text
            same = [t for t in subject.sent if t.i < subject.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")
                    and not self.quoted[t.idx]]
            if word in ("it", "they") and same:  # "The government has yet to comment …, but it has slammed …"
                return self.resolve(same[-1], at)
            entity = self._antecedent(subject, at)
            if entity and word in PRONOUN_GENDER:
                self.gender.setdefault(entity, PRONOUN_GENDER[word])
            return (self._remember(at, entity, self._type_of(entity), subject) if entity else ""), text
        if _proper(subject) and _name(subject):
            return self._remember(at, self.link(_name(subject), at), "person", subject), text
        entity = self._nominal(subject, start)
        if entity:
            return self._remember(at, entity, self._type_of(entity), subject), text
        last = [e for said_in, e, kind, _ in self.history[-1:] if kind == "person"
                and self.sentence_of(at) - said_in <= 4]
        if last and role_of_speaker(subject):  # '"…," the Texas governor continues' after "says Perry"
            return self._remember(at, last[0], "person", subject), text
        return self._remember(at, _described(subject), "group" if subject.tag_ in ("NNS", "NNPS") else "",
                              subject), text

    def _person_at(self, token: Token) -> bool:
        i = self.mentions.at(token)
        return token.ent_type_ == "PERSON" if i is None else self.mentions.types[i] == "person"

    def _referent(self, subject: Token) -> Token:
        """The name a role phrase stands for: its appositive or conjoined name, or the name it ends with
        ("a spokeswoman for Trump hotels, Jennifer Rodstrom"; "WASHINGTON — President Obama")."""
        if subject.ent_type_ in ("DATE", "TIME"):  # "Trump last year said", parsed with "year" as subject
            name = next((t for t in subject.lefts if _proper(t) and t.ent_type_ not in ("DATE", "TIME")), None)
            if name is not None:
                return name
        if subject.pos_ in ("PRON", "DET") or (self._person_at(subject) and not subject.text.isupper()):
            return subject
        for child in subject.children:
            if child.dep_ in ("appos", "conj") and child.pos_ == "PROPN" and self._person_at(child):
                return child
        words = [t for t in subject.subtree if not t.is_punct and not t.is_space]
        if words and words[-1].i > subject.i and words[-1].pos_ == "PROPN" and self._person_at(words[-1]):
            chain, token = [], words[-1]
            while token.i != subject.i and token.head.i != token.i:
                chain.append(token.dep_)
                token = token.head
            if not set(chain) & {"acl", "relcl", "advcl", "ccomp", "xcomp", "pcomp"}:
                return words[-1]
        return subject

    def _named(self, subject: Token, start: int, end: int) -> tuple[str, str]:
        """The entity a name-headed phrase names: the mention at its head, else one in its core."""
        core = {t.i for t in _owned(subject)} | {subject.i}  # not the owner: "Vox’s Anna North"
        candidates = []
        for i in self.mentions.inside(start, end):
            span = subject.doc.char_span(int(self.mentions.starts[i]), int(self.mentions.ends[i]),
                                         alignment_mode="expand")
            if span is None or self.mentions.types[i] == "place" and not _proper(subject):
                continue
            if subject.i in range(span.start, span.end):
                return str(self.mentions.entities[i]), str(self.mentions.types[i])
            if _proper(subject) and any(t.i in core for t in span):
                candidates.append(i)
        candidates = [i for i in candidates if self.mentions.types[i] != "place"]  # "Former U.S. Director"
        if candidates:
            return str(self.mentions.entities[candidates[-1]]), str(self.mentions.types[candidates[-1]])
        return "", ""

    def link(self, name: str, at: int) -> str:
        """A short name as the earlier full name it shortens in this article ("Palmiter" → "David Palmiter")."""
        words = name.split()
        if len(words) == 1 and name.isupper() and 2 <= len(name) <= 6:  # "the AP" → Associated Press
            earlier = [str(e) for e in self.mentions.entities[self.mentions.starts < at]]
            earlier += [entity for _, entity, _, _ in self.history]
            return next((e for e in earlier if name in initials(e)), name)
        if not words or len(words) > 2:
            return name
        last = words[-1].casefold()
        earlier = [str(self.mentions.entities[i]) for i in range(len(self.mentions.starts))
                   if self.mentions.starts[i] < at and self.mentions.types[i] == "person"]
        earlier += [entity for _, entity, kind, _ in self.history if kind == "person"]
        longer = [e for e in earlier if len(e.split()) > len(words) and e.split()[-1].casefold() == last
                  and all(w.casefold() in e.casefold() for w in words[:-1])]
        return longer[0] if longer else name

    def _remember(self, at: int, entity: str, kind: str, subject: Token) -> str:
        if entity:
            self.history.append((self.sentence_of(at), entity, kind, subject.lemma_.lower()))
        return entity

    def _type_of(self, entity: str) -> str:
        hits = [i for i in range(len(self.mentions.entities)) if self.mentions.entities[i] == entity]
        if hits:
            return str(self.mentions.types[hits[0]])
        return next((kind for _, e, kind, _ in reversed(self.history) if e == entity), "")

    def _agrees(self, entity: str, gender: str | None) -> bool:
        return gender is None or self.gender.get(entity, gender) == gender

    def _antecedent(self, pronoun: Token, at: int, depth: int = 0) -> str:
        """The entity a pronoun stands for, among those that agree with it in type and gender: a person
        subject earlier in its own sentence ("Cutter contradicted that, as she explained"); else one known
        to have its gender among the speakers of the last two sentences and the mentions of the last three;
        else the latest such speaker; else the nearest such mention."""
        word = POSSESSIVE.get(pronoun.lower_, pronoun.lower_)
        sentence, types, gender = self.sentence_of(at), PRONOUNS[word], PRONOUN_GENDER.get(word)
        if word == "they":
            plural = plural_subject(pronoun, DOCUMENTS | {"finding", "findings"})
            if plural is not None and not self.quoted[plural.idx]:
                return self.resolve(plural, at)[0]
            names = conjoined_names(pronoun, self._person_at)
            if names:
                return " and ".join(self.link(_name(t), at) for t in names)
        if gender is not None:
            here = [t for t in pronoun.sent if t.i < pronoun.i and t.dep_ in SUBJECTS and _proper(t)
                    and self._person_at(t) and not self.quoted[t.idx]]
            for token in reversed(here):
                i = self.mentions.at(token)
                entity = self.link(str(self.mentions.entities[i]) if i is not None else _name(token), at)
                if self.gender.get(entity) == gender:
                    return entity
            previous = self.sentence_of(pronoun.idx) - 1  # centering: the last sentence's subject, if it agrees
            subjects = [i for i in range(len(self.mentions.starts)) if self.mentions.types[i] == "person"
                        and self.sentence_of(int(self.mentions.starts[i])) == previous
                        and main_subject(pronoun.doc, int(self.mentions.starts[i]), int(self.mentions.ends[i]))]
            entities = [self.link(str(self.mentions.entities[i]), at) for i in subjects]
            if entities and self._agrees(entities[0], gender):
                return entities[0]
            sent = previous_sentence(pronoun)
            chained = next((c for c in sent.root.children if c.dep_ == "nsubj"), None) if sent is not None else None
            if (chained is not None and depth < 3 and chained.pos_ == "PRON" and not self.quoted[chained.idx]
                    and PRONOUN_GENDER.get(chained.lower_) == gender):  # "…, he decried … “…,” he said"
                return self._antecedent(chained, chained.idx, depth + 1)
        described = ("",) if word == "it" else ()  # a described source ("the ministry said … it added")
        agreeing = [(said_in, entity) for said_in, entity, kind, _ in reversed(self.history)
                    if self._agrees(entity, gender)
                    and (kind in types + described or (gender is not None and self.gender.get(entity) == gender))]
        speakers = [entity for said_in, entity in agreeing if sentence - said_in <= 2]
        known = [entity for said_in, entity in agreeing if sentence - said_in <= 4  # "Mrs May" before "the PM"
                 and gender is not None and self.gender.get(entity) == gender]
        if known or speakers:
            return (known or speakers)[0]
        earlier = [i for i in range(len(self.mentions.starts))
                   if self.mentions.starts[i] < at and self.mentions.types[i] in types
                   and sentence - self.sentence_of(self.mentions.starts[i]) <= 3
                   and self._agrees(str(self.mentions.entities[i]), gender)]
        candidates = [(bool(self.mentions.possessive[i]), sentence - self.sentence_of(self.mentions.starts[i]),
                       not self.subject[i], -int(self.mentions.starts[i]), str(self.mentions.entities[i]))
                      for i in earlier]
        if "person" in types:  # a name the entity rules missed, as the subject of its clause ("Lauten apologized")
            candidates += [(False, sentence - self.sentence_of(t.idx), False, -t.idx, _name(t))
                           for t in pronoun.doc[:pronoun.i] if t.dep_ in SUBJECTS and _proper(t)
                           and self.mentions.at(t) is None and 1 <= sentence - self.sentence_of(t.idx) <= 3
                           and t.ent_type_ in ("", "PERSON") and not self.quoted[t.idx]
                           and not any(w.isupper() for w in _name(t).split())
                           and self._agrees(_name(t), gender)]
        # the nearest sentence first, and in it a subject before other mentions (centering), possessives last
        if candidates:
            return self.link(min(candidates)[4], at)
        if agreeing:
            return agreeing[0][1]  # the latest agreeing speaker, however far back
        farther = [i for i in range(len(self.mentions.starts)) if self.mentions.starts[i] < at
                   and self.mentions.types[i] in types and self._agrees(str(self.mentions.entities[i]), gender)]
        return self.link(str(self.mentions.entities[farther[-1]]), at) if farther else ""  # the nearest, however far

    def _nominal(self, subject: Token, start: int) -> str:
        """A definite common-noun subject ("the monitor", "the aide", "the French president") as the earlier
        source it names: a speaker with that noun, a person with that title, an entity whose name holds it."""
        common = subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and subject.text.islower())
        if not common or not any(t.lower_ in ("the", "this") or t.dep_ == "poss" for t in subject.lefts):
            return ""
        noun = subject.lemma_.lower()
        modifiers = {t.lower_ for t in subject.lefts if t.dep_ in ("amod", "compound")}
        for _, entity, _, head in reversed(self.history):
            if head == noun and not modifiers and entity and entity.casefold() != noun:
                return entity
        earlier = [i for i in range(len(self.mentions.starts)) if self.mentions.starts[i] < start][::-1]
        doc = subject.doc
        for i in earlier:
            span = doc.char_span(int(self.mentions.starts[i]), int(self.mentions.ends[i]), alignment_mode="expand")
            if span is None:
                continue
            window = beside(doc, span)
            around = {t.lower_ for t in window}
            before = [t for t in doc[max(0, span.start - 1):span.end - 1] if t.text[:1].isupper()]
            titled = modifiers <= around and (any(_title(t) == noun for t in before)  # "President Obama", "Gov."
                                              or (self.mentions.types[i] == "person"
                                                  and any(t.lemma_.lower() == noun for t in window)))
            if titled or (noun in str(self.mentions.entities[i]).lower().split() and not modifiers):
                return self.link(str(self.mentions.entities[i]), start)
        named = any(t.pos_ in ("PROPN", "ADJ") for t in subject.lefts if t.dep_ in ("amod", "compound"))
        wanted = keyword_source_type(subject.text, self.types_lexicon)
        if wanted and wanted != "anonymous" and not named:  # "the Russian foreign ministry" is not Russia
            for i in earlier:
                if entity_source_type(str(self.mentions.entities[i]), self.types_lexicon) == wanted:
                    return str(self.mentions.entities[i])
        if noun in ORGANISATION_NOUNS and not named:  # "the group", "the news agency": the organisation just named
            sentence = self.sentence_of(start)
            near = [i for i in earlier if self.mentions.types[i] == "organisation"
                    and sentence - self.sentence_of(int(self.mentions.starts[i])) <= 3]
            return str(self.mentions.entities[near[0]]) if near else ""
        return ""
