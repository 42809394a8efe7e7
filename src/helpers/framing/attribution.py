"""Who said it: the speaker of a quote, resolved to a canonical entity inside one article.

The reporting verb's subject (or, for "saying"/"adding", the subject of the verb it depends on) is
resolved with the article's ``mentions``: the mention at the subject's head, else a person, else an
organisation, else the first one named in the subject phrase. A pronoun goes to the nearest compatible
full mention: the latest speaker of a compatible type within two sentences, else the nearest earlier
mention of a compatible type (people for he/she; organisations and groups for it/they), possessives
last. A common noun ("the monitor") goes to the nearest earlier entity whose name contains it or whose
source type its keyword names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from spacy.tokens import Token

from helpers.framing.sources import entity_source_type, keyword_source_type

PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("organisation", "group"),
            "they": ("organisation", "group", "person"), "we": ("organisation", "group"), "i": ("person",)}


SUBJECTS = ("nsubj", "nsubjpass", "csubj")


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


def _phrase(token: Token) -> tuple[int, int, str]:
    """The subject's phrase: its subtree, or its head with modifiers when the subtree is long."""
    left, right = token.left_edge.i, token.right_edge.i
    if right - left > 30:
        kept = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
        left, right = (kept[0].i if kept else token.i), token.i
    span = token.doc[left:right + 1]
    return span.start_char, span.end_char, span.text.strip(" \"“”,;:")


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for "saying"/"adding" and conjuncts, the subject of the verb they depend on."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None and not is_acronym(current):
            return subject
        if current.dep_ in ("advcl", "conj", "xcomp", "ccomp") and current.head is not current:
            current = current.head
        else:
            break
    left = [t for t in verb.sent if t.i < verb.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")]
    return left[-1] if left else None


class SpeakerResolver:
    """Speaker resolution inside one article, in reading order (it remembers earlier speakers)."""

    def __init__(self, mentions: MentionIndex, sentence_of, types_lexicon: pd.DataFrame):
        self.mentions = mentions
        self.sentence_of = sentence_of
        self.types_lexicon = types_lexicon
        self.history: list[tuple[int, str, str]] = []  # (sentence, entity, entity type)

    def resolve(self, subject: Token | None, at: int) -> tuple[str, str]:
        """(canonical speaker or "", speaker as written) for a subject token at character ``at``."""
        if subject is None:
            return "", ""
        start, end, text = _phrase(subject)
        found = self.mentions.inside(start, end)
        word = subject.text.lower()
        if found:
            head = [i for i in found if self.mentions.starts[i] <= subject.idx < self.mentions.ends[i]]
            people = [i for i in found if self.mentions.types[i] == "person"]
            organisations = [i for i in found if self.mentions.types[i] == "organisation"]
            chosen = (head or people or organisations or found)[0]
            entity = self.mentions.entities[chosen]
            self._remember(at, entity, self.mentions.types[chosen])
            return entity, text
        if subject.pos_ == "PRON" and word in PRONOUNS:
            same = [t for t in subject.sent if t.i < subject.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")]
            if word in ("it", "they") and same:  # "The government has yet to comment …, but it has slammed …"
                return self.resolve(same[-1], at)
            return self._antecedent(PRONOUNS[word], at), text
        entity = self._nominal(subject, start)
        if entity:
            self._remember(at, entity, self._type_of(entity))
        return entity, text

    def _remember(self, at: int, entity: str, kind: str) -> None:
        self.history.append((self.sentence_of(at), entity, kind))

    def _type_of(self, entity: str) -> str:
        hits = [i for i in range(len(self.mentions.entities)) if self.mentions.entities[i] == entity]
        return str(self.mentions.types[hits[0]]) if hits else ""

    def _antecedent(self, types: tuple[str, ...], at: int) -> str:
        sentence = self.sentence_of(at)
        for said_in, entity, kind in reversed(self.history):
            if sentence - said_in <= 2 and kind in types:
                return entity
        earlier = [i for i in range(len(self.mentions.starts))
                   if self.mentions.starts[i] < at and self.mentions.types[i] in types
                   and sentence - self.sentence_of(self.mentions.starts[i]) <= 3]
        ranked = sorted(earlier, key=lambda i: (bool(self.mentions.possessive[i]), -self.mentions.starts[i]))
        return str(self.mentions.entities[ranked[0]]) if ranked else ""

    def _nominal(self, subject: Token, start: int) -> str:
        """A common-noun subject ("the monitor", "the coalition") as the nearest earlier entity it names."""
        noun = subject.lemma_.lower()
        if subject.pos_ != "NOUN":
            return ""
        earlier = [i for i in range(len(self.mentions.starts)) if self.mentions.starts[i] < start][::-1]
        for i in earlier:
            if noun in str(self.mentions.entities[i]).lower().split():
                return str(self.mentions.entities[i])
        wanted = keyword_source_type(subject.text, self.types_lexicon)
        if wanted and wanted != "anonymous":
            for i in earlier:
                if entity_source_type(str(self.mentions.entities[i]), self.types_lexicon) == wanted:
                    return str(self.mentions.entities[i])
        return ""


def is_acronym(token: Token) -> bool:
    """An all-capital word ("IS") that the small model may take for a verb: not to be trusted as one."""
    return len(token.text) > 1 and token.text.isupper() and token.pos_ in ("AUX", "VERB")
