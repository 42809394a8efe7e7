"""Gender agreement for pronouns: the evidence an article itself gives of a person's gender.

Only the text's own evidence, as the gold guideline annotates it: Mr./Ms./Mrs. before a name, a
gendered role noun beside it ("spokeswoman Jennifer Rodstrom"), the first he/she after it in its
sentence, and "X said he …". First names are never used (a first-name table belongs to the entity
rules). :mod:`helpers.framing.attribution` uses it so that "he" does not go to a woman.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from helpers.framing.speech import SUBJECTS

if TYPE_CHECKING:
    from helpers.framing.attribution import MentionIndex

PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
TITLE_GENDER = {"mr": "male", "mr.": "male", "sir": "male", "lord": "male", "mrs": "female", "mrs.": "female",
                "ms": "female", "ms.": "female", "miss": "female", "dame": "female", "lady": "female"}
ROLE_GENDER = {**{w: "male" for w in ("spokesman", "chairman", "congressman", "businessman", "councilman",
                                      "assemblyman", "anchorman", "king", "prince", "father", "son", "husband",
                                      "brother", "uncle", "grandfather", "boyfriend", "actor", "nephew")},
               **{w: "female" for w in ("spokeswoman", "chairwoman", "congresswoman", "businesswoman",
                                        "councilwoman", "assemblywoman", "anchorwoman", "queen", "princess",
                                        "mother", "daughter", "wife", "sister", "aunt", "grandmother", "girlfriend",
                                        "actress", "niece")}}


def gender_evidence(doc: Doc, mentions: MentionIndex) -> dict[str, str]:
    """Each person's gender as the article shows it ("male", "female"); absent when none or mixed.

    Evidence: Mr./Ms. before a name; for people, a gendered role noun beside the name (spokeswoman) and
    the first he/she after it in its sentence before another person; for any name the entity rules did
    not call a place, "X said he …" (the pronoun subject of what X's verb reports).
    """
    votes: dict[str, set[str]] = {}
    people = [i for i in range(len(mentions.starts)) if mentions.types[i] == "person"]
    for i in range(len(mentions.starts)):
        if mentions.types[i] == "place":
            continue
        entity, start, end = str(mentions.entities[i]), int(mentions.starts[i]), int(mentions.ends[i])
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]] + [t.lower_ for t in span[:-1]]
        evidence = [TITLE_GENDER[w] for w in before[-2:] if w in TITLE_GENDER]
        root = span.root
        if root.dep_ in SUBJECTS:
            reported = [c for c in root.head.children if c.dep_ == "ccomp"]
            evidence += [PRONOUN_GENDER[t.lower_] for c in reported for t in c.children
                         if t.dep_ in SUBJECTS and t.lower_ in ("he", "she")]
        if mentions.types[i] == "person":
            around = before + [t.lower_ for t in doc[span.end:span.end + 4]]
            evidence += [ROLE_GENDER[w] for w in around if w in ROLE_GENDER]
            later = [int(mentions.starts[j]) for j in people if mentions.starts[j] > start
                     and mentions.entities[j] != entity]
            sent_end = min(span.sent.end, len(doc))
            pronoun = next((t for t in doc[span.end:sent_end] if t.lower_ in PRONOUN_GENDER
                            and t.idx < min(later, default=len(doc.text))), None)
            if pronoun is not None:
                evidence.append(PRONOUN_GENDER[pronoun.lower_])
        votes.setdefault(entity, set()).update(evidence)
    return {entity: next(iter(found)) for entity, found in votes.items() if len(found) == 1}
