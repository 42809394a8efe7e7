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
  the subject leaves the name it holds ("Trump last year said");
* **several sources** coordinated speak together ("Holder and other DOJ officials", "The president and his
  supporters"); "the two economists" are the two people just named together; a share of people polled is
  their group ("Forty-four percent of Americans say" → poll respondents (Americans); "61% said" goes on for
  it); a result noun stands for what it comes from ("the poll results" → the poll, "the Quinnipiac results"
  → Quinnipiac); an organisation may be named by its first word ("Quinnipiac" → Quinnipiac University National
  Poll); "it" and "the group" skip names inside quoted words and names that only qualify a noun ("the US state
  department … It", "Immigration and Customs Enforcement agents").
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
from helpers.framing.phrases import (
    SYNONYMS,
    carrier_author,
    conjuncts,
    counted_group,
    described_as,
    is_proper,
    is_subject,
    join_names,
    name_of,
    owned_core,
    owner_of,
    phrase_of,
    respondents,
    result_source,
    title_noun,
    written,
)
from helpers.framing.sources import entity_source_type, keyword_source_type
from helpers.framing.speech import DOCUMENTS, SUBJECTS

PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("organisation", "group", "place"),
            "they": ("organisation", "group", "person"), "we": ("organisation", "group")}
POSSESSIVE = {"its": "it", "his": "he", "her": "she", "their": "they", "our": "we"}
RELATIVE = {"who", "that", "which", "whom"}


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


class SpeakerResolver:
    """Speaker resolution inside one article, in reading order (it remembers earlier speakers)."""

    def __init__(self, mentions: MentionIndex, sentence_of, types_lexicon: pd.DataFrame, doc: Doc | None = None,
                 quoted: np.ndarray | None = None):
        self.mentions = mentions
        self.sentence_of = sentence_of
        self.types_lexicon = types_lexicon
        self.history: list[tuple[int, str, str, str]] = []  # (sentence, entity, entity type, head noun)
        self.gender = gender_evidence(doc, mentions) if doc is not None else {}
        self.subject = [is_subject(doc, int(a), int(b)) for a, b in zip(mentions.starts, mentions.ends, strict=True)]
        self.quoted = quoted if quoted is not None else np.zeros(len(doc.text) + 1 if doc is not None else 0, bool)
        self.author = author_of(doc.text, mentions) if doc is not None else ""
        self.doc = doc

    def resolve(self, subject: Token | None, at: int) -> tuple[str, str]:
        """(canonical speaker or "", speaker as written) for a source token at character ``at``; sources
        coordinated with it speak together ("Holder and other DOJ officials")."""
        if subject is None:
            return "", ""
        if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":  # "Paul, who said …"
            subject = subject.head.head
        speaker, text = self._resolve(subject, at)
        others = [t for t in conjuncts(subject) if t.i != self._referent(subject).i]
        if not speaker or not others:
            return speaker, text
        names = [speaker]
        for token in others:
            entity = self._named(token, token.idx, token.idx + len(token.text))[0] if is_proper(token) else ""
            names.append(self.link(entity or name_of(token), at) if is_proper(token) else written(token))
        return self._remember(at, join_names(names), "group", subject), text

    def _resolve(self, subject: Token, at: int) -> tuple[str, str]:
        start, end, text = phrase_of(subject)
        source = result_source(subject)  # "the Quinnipiac results": the name they come from
        subject = source if source is not None and is_proper(source) else owner_of(subject)
        subject = self._referent(subject)
        author = carrier_author(subject, self.quoted, self.sentence_of)
        if author is not None:  # "the letter states" after "… has sent Ryan a letter"
            return self.resolve(author, at)[0], text
        polled = respondents(subject)
        if polled is not None:  # a share of people polled; "61% said" goes on for the group named before
            earlier = [e for _, e, kind, _ in reversed(self.history) if kind == "respondents"]
            polled = earlier[0] if polled == "poll respondents" and earlier else polled
            return self._remember(at, polled, "respondents", subject), text
        if counted_group(subject):  # "the two economists" after "Tomáš Hellebrandt and Paolo Mauro"
            names = conjoined_names(subject, self._person_at, sentences=4)
            if names:
                return self._remember(at, join_names([self.link(name_of(t), at) for t in names]), "group",
                                      subject), text
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
        if is_proper(subject) and name_of(subject):
            return self._remember(at, self.link(name_of(subject), at), "person", subject), text
        entity = self._nominal(subject, start)
        if entity:
            return self._remember(at, entity, self._type_of(entity), subject), text
        last = [e for said_in, e, kind, _ in self.history[-1:] if kind == "person"
                and self.sentence_of(at) - said_in <= 4]
        if last and role_of_speaker(subject):  # '"…," the Texas governor continues' after "says Perry"
            return self._remember(at, last[0], "person", subject), text
        return self._remember(at, described_as(subject), "group" if subject.tag_ in ("NNS", "NNPS") else "",
                              subject), text

    def _person_at(self, token: Token) -> bool:
        i = self.mentions.at(token)
        return token.ent_type_ == "PERSON" if i is None else self.mentions.types[i] == "person"

    def _referent(self, subject: Token) -> Token:
        """The name a role phrase stands for: its appositive or conjoined name, or the name it ends with
        ("a spokeswoman for Trump hotels, Jennifer Rodstrom"; "WASHINGTON — President Obama")."""
        if subject.ent_type_ in ("DATE", "TIME"):  # "Trump last year said", parsed with "year" as subject
            name = next((t for t in subject.lefts if is_proper(t) and t.ent_type_ not in ("DATE", "TIME")), None)
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
        core = {t.i for t in owned_core(subject)} | {subject.i}  # not the owner: "Vox’s Anna North"
        candidates = []
        for i in self.mentions.inside(start, end):
            span = subject.doc.char_span(int(self.mentions.starts[i]), int(self.mentions.ends[i]),
                                         alignment_mode="expand")
            if span is None or self.mentions.types[i] == "place" and not is_proper(subject):
                continue
            if subject.i in range(span.start, span.end):
                return str(self.mentions.entities[i]), str(self.mentions.types[i])
            if is_proper(subject) and any(t.i in core for t in span):
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
        if longer or len(words) > 1:
            return longer[0] if longer else name
        # an organisation by its first word ("Quinnipiac" → Quinnipiac University National Poll, "Pew")
        named = [str(self.mentions.entities[i]) for i in range(len(self.mentions.starts))
                 if self.mentions.starts[i] < at and self.mentions.types[i] == "organisation"]
        named = [e for e in named if len(e.split()) > 1 and e.split()[0].casefold() == last]
        return named[0] if named else name

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
                return " and ".join(self.link(name_of(t), at) for t in names)
        if gender is not None:
            here = [t for t in pronoun.sent if t.i < pronoun.i and t.dep_ in SUBJECTS and is_proper(t)
                    and self._person_at(t) and not self.quoted[t.idx]]
            for token in reversed(here):
                i = self.mentions.at(token)
                entity = self.link(str(self.mentions.entities[i]) if i is not None else name_of(token), at)
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
        earlier = [i for i in range(len(self.mentions.starts))  # not a name inside someone's quoted words
                   if self.mentions.starts[i] < at and self.mentions.types[i] in types
                   and not self.quoted[int(self.mentions.starts[i])]
                   and not (gender is None and self._modifier(i))  # "it" is the department, not "US" in it
                   and sentence - self.sentence_of(self.mentions.starts[i]) <= 3
                   and self._agrees(str(self.mentions.entities[i]), gender)]
        candidates = [(bool(self.mentions.possessive[i]), sentence - self.sentence_of(self.mentions.starts[i]),
                       not self.subject[i], -int(self.mentions.starts[i]), str(self.mentions.entities[i]))
                      for i in earlier]
        if "person" in types:  # a name the entity rules missed, as the subject of its clause ("Lauten apologized")
            candidates += [(False, sentence - self.sentence_of(t.idx), False, -t.idx, name_of(t))
                           for t in pronoun.doc[:pronoun.i] if t.dep_ in SUBJECTS and is_proper(t)
                           and self.mentions.at(t) is None and 1 <= sentence - self.sentence_of(t.idx) <= 3
                           and t.ent_type_ in ("", "PERSON") and not self.quoted[t.idx]
                           and not any(w.isupper() for w in name_of(t).split())
                           and self._agrees(name_of(t), gender)]
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
        if not common or not any(t.lower_ in ("the", "this", "that", "these", "those") or t.dep_ == "poss"
                                 for t in subject.lefts):
            return ""
        source = result_source(subject)  # "the poll results" stand for the poll
        noun = (source if source is not None else subject).lemma_.lower()
        modifiers = {t.lower_ for t in subject.lefts if t.dep_ in ("amod", "compound")
                     and (source is None or t.i != source.i)}
        nouns = {noun} | SYNONYMS.get(noun, set())
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
            titled = modifiers <= around and (any(title_noun(t) == noun for t in before)  # "President Obama", "Gov."
                                              or (self.mentions.types[i] == "person"
                                                  and any(t.lemma_.lower() == noun for t in window)))
            if titled or (nouns & set(str(self.mentions.entities[i]).lower().split()) and not modifiers):
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
            heads = [i for i in near if not self._modifier(i)]  # not "Immigration and Customs Enforcement agents"
            return str(self.mentions.entities[(heads or near)[0]]) if near else ""
        return ""

    def _modifier(self, i: int) -> bool:
        """The mention only qualifies another noun ("ICE agents"), so it is not what a noun phrase refers to."""
        span = self.doc.char_span(int(self.mentions.starts[i]), int(self.mentions.ends[i]), alignment_mode="expand")
        return span is not None and span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.i >= span.end
