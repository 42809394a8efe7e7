"""The gender the text gives the people it names, as the Gender Gap Tracker reports who is quoted.

For each person of an article (an entity of type person in ``mentions``), in this order:

1. **titles and gendered role nouns** written with the name: "Mr.", "Ms.", "Mrs.", "Sir" before it, or a
   gendered role noun before it or in an appositive after it ("Congresswoman Ilhan Omar", "Jane Doe, a
   spokeswoman for …", "his wife, Melania");
2. **pronouns that refer to the person**: a he/him/his/himself or she/her/hers/herself counts for a person
   when that person is the only one named in the sentence before the pronoun and the
   ``PRONOUN_WINDOW_SENTENCES`` sentences before it; the text's pronouns decide when one gender has at least
   two thirds of them;
3. **the first name**, in gender-guesser's table of first names (only names it gives as clearly female or
   male; a lone surname has none).

Otherwise "unknown": the suite never guesses. The evidence is kept beside the result (``gender_evidence``).
This is how the text presents a person, not who the person is; names are a weak proxy, worse for names
outside the table's (mostly European and American) sources, and the text's evidence is read by proximity,
not understanding.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from helpers.config import PRONOUN_WINDOW_SENTENCES
from helpers.nlp.names import FEMALE_TITLES, MALE_TITLES, first_name_gender, title_word

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
FEMALE_ROLES = {"spokeswoman", "congresswoman", "chairwoman", "businesswoman", "assemblywoman", "councilwoman",
                "actress", "waitress", "wife", "widow", "mother", "daughter", "sister", "grandmother", "granddaughter",
                "aunt", "niece", "girlfriend", "fiancee", "queen", "princess", "duchess", "countess", "nun", "woman",
                "girl", "lady", "mom", "stepmother", "sportswoman", "policewoman", "heiress", "first lady"}
MALE_ROLES = {"spokesman", "congressman", "chairman", "businessman", "assemblyman", "councilman", "alderman",
              "husband", "widower", "father", "son", "brother", "grandfather", "grandson", "uncle", "nephew",
              "boyfriend", "fiance", "king", "prince", "duke", "earl", "monk", "man", "boy", "dad", "stepfather",
              "sportsman", "policeman", "fireman", "cameraman", "frontman"}
ARTICLES = {"a", "an", "the", "his", "her", "their", "its", "former", "then", "now", "also"}


def doc_tokens(doc) -> list[dict]:
    """A parsed Doc's words per sentence, as :func:`helpers.nlp.parse.doc_features` stores them (``text``,
    ``start``), so that a Doc and the parse cache give the same evidence."""
    sentences = [s for s in doc.sents if not s.text.isspace()]
    return [{"text": [t.text for t in s if not t.is_space], "start": [t.idx for t in s if not t.is_space]}
            for s in sentences]


def article_genders(tokens: list[dict], mentions: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """Each person of one article → (gender, evidence): "female", "male" or "unknown", and why.

    ``tokens`` are the article's words per sentence (``text`` and ``start`` lists); ``mentions`` its rows of
    the ``mentions`` table.
    """
    if mentions is None or mentions.empty:
        return {}
    people = mentions[mentions["entity_type"] == "person"]
    if people.empty:
        return {}
    words = [(s, w, start) for s, sentence in enumerate(tokens)
             for w, start in zip(sentence["text"], sentence["start"], strict=True)]
    starts = [w[2] for w in words]
    spans = sorted(zip(people["start_char"], people["end_char"], people["entity"], strict=True))
    marks: dict[str, Counter] = defaultdict(Counter)
    position = 0
    for start, end, entity in spans:
        while position < len(starts) and starts[position] < start:
            position += 1
        before = [w[1] for w in words[max(0, position - 2):position] if w[0] == _sentence(words, position)]
        for word in before[-1:]:
            _mark(marks[entity], word, "title")
        for word in before[-2:]:
            _mark(marks[entity], word, "role noun", roles_only=True)
        after = position
        while after < len(starts) and starts[after] < end:
            after += 1
        appositive = [w[1] for w in words[after:after + 6] if w[0] == _sentence(words, position)]
        if appositive[:1] == [","]:
            for word in appositive[1:]:
                if word.lower() not in ARTICLES:
                    _mark(marks[entity], word, "role noun", roles_only=True)
                    break
    pronouns = _pronoun_votes(words, spans)
    decided = {}
    for entity in sorted(set(people["entity"])):
        decided[entity] = _decide(entity, marks[entity], pronouns[entity])
    return decided


def _sentence(words: list, position: int) -> int:
    return words[min(position, len(words) - 1)][0] if words else 0


def _mark(counts: Counter, word: str, kind: str, roles_only: bool = False) -> None:
    lower = title_word(word)
    if not roles_only and not word[:1].isupper():
        return  # "we will miss Charles": a title is capitalised
    if not roles_only and lower in MALE_TITLES - {"father", "brother"}:
        counts[("male", f"{kind} '{word}'")] += 1
    elif not roles_only and lower in FEMALE_TITLES - {"sister"}:
        counts[("female", f"{kind} '{word}'")] += 1
    elif roles_only and lower in MALE_ROLES:
        counts[("male", f"{kind} '{word}'")] += 1
    elif roles_only and lower in FEMALE_ROLES:
        counts[("female", f"{kind} '{word}'")] += 1


def _pronoun_votes(words: list, spans: list) -> dict[str, Counter]:
    """Pronouns counted for the one person named in their sentence before them and the sentences just before."""
    votes: dict[str, Counter] = defaultdict(Counter)
    named = [(s_start, entity) for s_start, _, entity in spans]
    sentence_start = {}
    for s, _, start in words:
        sentence_start.setdefault(s, start)
    quoted = False
    for s, word, start in words:
        if word in ('"', "“", "”"):
            quoted = word == "“" or (word == '"' and not quoted)
            continue
        gender = PRONOUNS.get(word.lower())
        if gender is None or quoted:
            continue
        window = sentence_start.get(max(0, s - PRONOUN_WINDOW_SENTENCES), 0)
        candidates = {entity for at, entity in named if window <= at < start}
        if len(candidates) == 1:
            votes[candidates.pop()][gender] += 1
    return votes


def _decide(entity: str, marks: Counter, pronouns: Counter) -> tuple[str, str]:
    genders = {gender for gender, _ in marks}
    if len(genders) == 1:
        gender = genders.pop()
        examples = sorted({evidence for g, evidence in marks if g == gender})[:2]
        return gender, "; ".join(examples)
    total = pronouns["male"] + pronouns["female"]
    if total:
        gender = max(("male", "female"), key=lambda g: pronouns[g])
        if 3 * pronouns[gender] >= 2 * total:
            return gender, f"pronouns ({pronouns['male']} he/him/his, {pronouns['female']} she/her)"
    found = first_name_gender(entity)
    if found != "unknown":
        return found, f"first name '{entity.split()[0]}' (gender-guesser)"
    return "unknown", "no evidence in the text; first name not in the table" if total == 0 and not marks else \
        "conflicting evidence"
