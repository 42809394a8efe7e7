"""Who is a person, and which full name a short form stands for: inside an article, then across the corpus.

The evidence is counted over the whole corpus (or the one article being read): how often a name is
labelled PERSON or written after a personal title, against other labels (:class:`PersonEvidence`), and how
the corpus writes each word (:class:`CaseStats`: "Said" in "Said Tillerson" is the verb at a sentence's
start, not a first name). The rules themselves are in :mod:`helpers.nlp.names`; this module applies them to
an article's candidate mentions (:func:`resolve_short_names`) and to the corpus (:func:`link_corpus`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from helpers.config import NAME_DOMINANCE
from helpers.nlp import gazetteer, names
from helpers.nlp.aliases import AliasTable
from helpers.nlp.names import name_key, strip_title
from helpers.text import normalize_name

PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "del", "der", "van", "von", "la", "le", "st"}
LINKED = ("short name", "corpus short name", "dominant full name", "name variant")


@dataclass
class Candidate:
    """A span that may be counted as a mention, with what the rules decided about it."""

    start: int
    end: int
    text: str
    label: str
    sentence_id: int
    before: str
    from_alias: bool
    name: str = ""
    entity: str = ""
    rule: str = ""
    titles: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)  # the full names an ambiguous short form may stand for
    first_named: bool = False  # an ORG span "Firstname Surname" (see entities._candidates)


def key(name: str) -> str:
    """A name's identifying words, joined ("Sen. Elizabeth Warren" → "elizabeth warren")."""
    return " ".join(names.name_words(name))


class CaseStats:
    """How a corpus writes each word: lower case, or capitalised inside a sentence (from the tokens)."""

    def __init__(self, token_lists: Iterable[list[dict]] = ()):
        self.lower, self.capital = Counter(), Counter()
        for sentences in token_lists:
            self.add(sentences)

    def add(self, sentences: list[dict]) -> None:
        """Count the words of one more article (its ``tokens`` feature)."""
        for sentence in sentences:
            for i, word in enumerate(sentence["text"]):
                if word.islower():
                    self.lower[word] += 1
                elif i > 0 and word[:1].isupper() and sentence["text"][i - 1] not in ("“", '"', "‘", "'", ":"):
                    self.capital[word.casefold()] += 1

    def mostly_lower(self, word: str) -> bool:
        """True for a word written in lower case at least three times as often as capitalised inside a sentence."""
        return self.lower[word.casefold()] >= 3 * max(1, self.capital[word.casefold()])

    def proper(self, name: str) -> bool:
        """True when every word of ``name`` is (almost) never written in lower case: 2 % at most."""
        return all(self.lower[w.casefold()] <= 0.02 * self.capital[w.casefold()] for w in name.split())

    def sentence_word(self, word: str) -> bool:
        """A word capitalised only because it starts the sentence ("Said Tillerson", "Lawyer Gene Schaerr"):
        mostly written in lower case, and not a first name unless twenty times more often lower case."""
        lower, capital = self.lower[word.casefold()], self.capital[word.casefold()]
        return self.mostly_lower(word) and (not names.known_first_name(word) or lower >= 20 * max(1, capital))

    def common_word(self, word: str) -> bool:
        """True for a word written in lower case and never capitalised inside a sentence."""
        return self.lower[word.casefold()] > 0 and self.capital[word.casefold()] == 0


class PersonEvidence:
    """How often each name is labelled PERSON, titled, labelled otherwise, or written inside a sentence."""

    def __init__(self, features: Iterable[dict], aliases: AliasTable):
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.aliases = aliases
        for article in features:
            self.add(article)

    def add(self, article: dict) -> None:
        """Count the entities of one more article (its parse features)."""
        starts = {s["start"] for s in article["sentences"]}
        for e in article["entities"]:
            name = normalize_name(e["text"])
            counts = self.counts[key(name)]
            counts[e["label"]] += 1
            counts["inside"] += e["start"] not in starts
            if names.titles_of(name, e["before"]) or \
                    self.aliases.types.get(self.aliases.canonical(name) or "") == "person":
                counts["title"] += 1

    def is_person(self, name: str) -> bool:
        """A name presented as a person: labelled PERSON or titled at least as often as labelled anything else."""
        counts = self.counts.get(key(name), Counter())
        other = max(counts["GPE"] + counts["LOC"], counts["ORG"], counts["NORP"], counts["FAC"])
        return counts["PERSON"] + counts["title"] > 0 and counts["PERSON"] + counts["title"] >= other

    def is_group(self, name: str) -> bool:
        """A name labelled NORP (a nationality, religious or political group) more often than PERSON or titled."""
        counts = self.counts.get(key(name), Counter())
        return counts["NORP"] > counts["PERSON"] + counts["title"]

    def is_other(self, name: str) -> bool:
        """A name the corpus labels, and never mostly as a person ("White House")."""
        counts = self.counts.get(key(name))
        return bool(counts) and sum(v for k, v in counts.items() if k != "inside") > 0 and not self.is_person(name)

    def valid_full_name(self, name: str, stats: CaseStats, *, labelled: bool = True) -> bool:
        """A person's full name: two or more capitalised words (particles aside), no possessive, presented as a
        person, and starting with an initial, a first name or a word the corpus does not write in lower case;
        a name only ever seen at a sentence's start must not start with a common word ("Said Tillerson")."""
        words = strip_title(name).split()
        if len(words) < 2 or re.search(r"[’']s\b", name):
            return False
        if labelled and not self.is_person(name) or not labelled and not names.known_first_name(words[0]):
            return False
        if not all(w.strip("\"“”'‘’(")[:1].isupper() or w.split("-")[0].casefold() in PARTICLES for w in words):
            return False
        first_name = names.known_first_name(words[0].strip(".,"))
        if not first_name and self.is_group(words[-1]) or any(
                self.is_other(" ".join(words[i:])) for i in range(1, len(words) - 1)):
            return False  # "Hill Democrats", "Obama White House"
        if words[-1].isupper() and len(words[-1]) > 1 and self.is_other(words[-1]):
            return False  # "Obama EPA", "Trump DOJ": a body the corpus names by its acronym, not a surname
        if names.INITIAL.match(words[0]):
            return True
        if stats.mostly_lower(words[0].strip(".,")):
            return first_name and self.counts[key(name)]["inside"] > 0
        return True


def resolve_short_names(candidates: list[Candidate], aliases: AliasTable, stats: CaseStats,
                        evidence: PersonEvidence) -> None:
    """Short forms become the article's one full name of a person that ends with them (whatever their label:
    the small model often labels a lone surname ORG), unless they name a country or a group.

    Full names that are spellings of one person ("James Comey", "Jim Comey") count as one candidate.
    """
    full_names = Counter(c.entity or strip_title(c.name) for c in candidates if c.rule in ("", "alias")
                         and (evidence.valid_full_name(c.entity or c.name, stats)
                              or aliases.types.get(c.entity) == "person" and names.is_full_name(c.entity)))
    # A first name makes a full name even when the model labels it ORG ("Morgan Ortagus"), for a short form
    # the article presents as a person.
    weak = Counter(c.entity or strip_title(c.name) for c in candidates if c.rule in ("", "alias")
                   and evidence.valid_full_name(c.entity or c.name, stats, labelled=False))
    by_key, weak_by_key = defaultdict(set), defaultdict(set)
    for full in full_names:
        by_key[name_key(full)].add(full)
    for full in weak:
        weak_by_key[name_key(full)].add(full)
    suffixed = defaultdict(set)  # "Richard Bush III" is the article's candidate for "Bush" when nobody else is
    for full in full_names:
        base = names.without_suffix(names.name_words(full))
        if base != names.name_words(full) and names.name_words(full)[-1] not in ("jr", "sr"):  # a father may exist
            suffixed[base[-1]].add(full)
    for c in candidates:
        if c.entity or is_country(c):
            continue
        found = names.candidates(c.name, by_key.get(name_key(c.name), ()), c.titles)
        if not found and len(names.name_words(c.name)) == 1:
            found = sorted(f for f in suffixed.get(name_key(c.name), ())
                           if names.ends_with(names.without_suffix(names.name_words(f)), names.name_words(c.name)))
        if not found and evidence.is_person(c.name):
            found = names.candidates(c.name, weak_by_key.get(name_key(c.name), ()), c.titles)
            full_names.update({f: weak[f] for f in found})
        spellings = names.variant_links(Counter({f: full_names[f] for f in found}))
        found = sorted({spellings.get(f, f) for f in found})
        if len(found) == 1:
            c.entity, c.rule = found[0], "short name"
        elif len(found) > 1:
            c.entity, c.rule, c.options = strip_title(c.name), "ambiguous short name", found


def is_country(c: Candidate) -> bool:
    """A GPE or LOC span the gazetteer knows as a country ("Jordan" is not Jim Jordan's short form)."""
    place = gazetteer.lookup(c.name) if c.label in ("GPE", "LOC") else None
    return place is not None and place.kind == "country"


def link_corpus(articles: dict[str, list[Candidate]], stats: CaseStats, evidence: PersonEvidence) -> None:
    """Spellings of one full name merged, then short forms linked across the corpus.

    A short form left as written links to the corpus's one full name that ends with it; with several, to the
    one named in at least ``NAME_DOMINANCE`` of the articles naming any of them; else it stays ambiguous.
    """
    full_names: Counter = Counter()
    for candidates in articles.values():
        full_names.update({c.entity for c in candidates if c.rule in ("as written", "alias", "short name")
                           and evidence.valid_full_name(c.entity, stats)})
    variants = names.variant_links(full_names)
    shorter = {}  # two-word short forms that look like full names: "Blasey Ford", "Tayyip Erdogan"
    by_last_word = defaultdict(list)  # a name can only end with a short form ending with the same word
    for f in full_names:
        if names.name_words(f):
            by_last_word[names.name_words(f)[-1]].append(f)
    for full in full_names:
        if len(names.name_words(full)) == 2:
            longer = sorted({variants.get(f, f) for f in by_last_word[names.name_words(full)[-1]]
                             if names.ends_with(names.name_words(f), names.name_words(full))})
            # a first name makes "Lamar Smith" a full name of its own: only a far more frequent longer name
            # ("Recep Tayyip Erdogan" for "Tayyip Erdogan") takes it over
            first = names.known_first_name(full.split()[0])
            uses = sum(n for f, n in full_names.items() if variants.get(f, f) in longer)
            if len(longer) == 1 and (not first or uses >= max(2, 2 * full_names[full])):
                shorter[full] = variants.get(longer[0], longer[0])
    by_key: dict[str, Counter] = defaultdict(Counter)
    for full, n in full_names.items():
        if full not in shorter:
            by_key[name_key(full)][variants.get(full, full)] += n
    for candidates in articles.values():
        titles = defaultdict(list)
        for c in candidates:
            if c.entity in shorter and c.rule in ("as written", "short name"):
                c.entity, c.rule = shorter[c.entity], "corpus short name"
            elif c.entity in variants and c.rule != "alias":
                c.entity, c.rule = variants[c.entity], "name variant" if c.rule == "as written" else c.rule
            titles[c.entity] += c.titles
        for c in candidates:
            if c.rule == "ambiguous short name":
                found = sorted({variants.get(f, f) for f in c.options})
            elif c.rule == "as written" and not is_country(c) and c.entity not in full_names \
                    and not evidence.is_group(c.name) and (evidence.is_person(c.name) or stats.proper(c.entity)):
                found = names.candidates(c.entity, by_key.get(name_key(c.entity), ()), titles[c.entity])
            else:
                continue
            counts = by_key.get(name_key(c.entity), Counter())
            if len(found) == 1:
                c.entity, c.rule = found[0], "corpus short name" if c.rule == "as written" else "short name"
            elif found and max(counts[f] for f in found) >= NAME_DOMINANCE * sum(counts[f] for f in found) > 0:
                c.entity, c.rule = max(found, key=lambda f: (counts[f], f)), "dominant full name"
            elif found:
                c.rule, c.options = "ambiguous short name", found
