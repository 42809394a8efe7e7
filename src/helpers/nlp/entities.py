"""Entity canonicalisation: from raw NER spans to countable actors and places.

Raw NER output is not fit to count: the same actor appears as "Lavrov", "Sergey Lavrov" and "Mr Lavrov",
as "IS", "ISIS" and "Daesh"; the small model tags "Mayadeen" as a date, "n't" as a place and "Obama" as a
city. Spans that are no name are dropped first, with a rule recorded in the ``dropped_mentions`` table:
``no capital``, ``number``, ``stop word`` (a lone "It", "n't"), ``title only`` ("Senator"), ``not a name``
(":", "|", "@", "/" or a line break inside: "Historical Data: Political") and ``common word`` (a sentence's
first word that the corpus otherwise writes in lower case: "Content"). Then, in order, each recorded in
``mentions.rule``:

1. ``abbreviation``: "Deir Ezzor Military Council (DEMC)" makes "DEMC" mean the council in that article, when
   the abbreviation's letters appear in order in the name, its first letter starting a word (Schwartz &
   Hearst 2003): "DES MOINES, Iowa (AP)" does not make AP mean Iowa.
2. ``dateline credit``: "DES MOINES, Iowa (AP)", "Washington (CNN)": the agency or outlet that filed the
   story, an organisation.
3. ``alias``: the editable alias table (``data/aliases.csv``), with its type; a trailing "group", "province",
   "city" … is tried without it.
4. ``short name``: a short form ("Obama", "Mr. Comey", "Blasey Ford") is the article's one full name that ends
   with it; across the corpus (:func:`corpus_mentions`) ``name variant``, ``corpus short name`` and
   ``ambiguous short name`` follow (see :mod:`helpers.nlp.names`).
5. ``gazetteer``: a span labelled GPE, LOC or NORP, or with no name label, that the gazetteer knows and that
   the article never presents as a person is a place ("New York City" keeps its "City"). A span the model
   labels PERSON or ORG is never made a place by the gazetteer.
6. ``as written``: otherwise the name as written, without "the", titles and possessives.

The type (person, organisation, group, place, other) comes from the alias table when it has one, else from a
vote over the entity's mentions in the article: the model's labels (a two-word PERSON name weighs 2), a
personal title before the name (Mr, Sen. …, 3), a known first name (0.5), the gazetteer (1.5), a word of
organisations' names after the first word ("Nashua Telegraph": 2.5, 2 after a first name) and a last word that
names a law or treaty ("Defense of Marriage Act", "… Agreement": other, 3). Over a
corpus, the entity's votes in every article are added with a weight of ``CORPUS_TYPE_WEIGHT`` for their
shares, so that "Donald Trump", labelled ORG in one article, stays the person he is everywhere else.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS

from helpers.config import CORPUS_TYPE_WEIGHT
from helpers.lexicons import load_lexicon
from helpers.nlp import gazetteer, names
from helpers.nlp.aliases import DEFAULT_ALIASES, AliasTable, default_aliases
from helpers.nlp.linking import (
    LINKED,
    PARTICLES,
    Candidate,
    CaseStats,
    PersonEvidence,
    link_corpus,
    resolve_short_names,
)
from helpers.nlp.names import PERSON_TITLES, name_key, strip_title
from helpers.schema import LABEL_TYPES
from helpers.text import GENERIC_TAILS, normalize_name

__all__ = ["DEFAULT_ALIASES", "AliasTable", "article_mentions", "corpus_mentions", "default_aliases", "name_key"]

TYPE_PRIORITY = {name: rank for rank, name in enumerate(("person", "place", "organisation", "group", "other"))}
# Labels of spans kept only when they look like a place the model mislabelled ("Mayadeen" as a DATE).
NUMERIC_LABELS = ("DATE", "TIME", "CARDINAL")
GAZETTEER_LABELS = ("GPE", "LOC", "NORP", "", *NUMERIC_LABELS)
CALENDAR_WORDS = {name.casefold() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                               *calendar.day_name, *calendar.day_abbr)} | {
    "spring", "summer", "autumn", "fall", "winter", "today", "tonight", "yesterday", "tomorrow", "morning",
    "afternoon", "evening", "night", "week", "weekend", "month", "year", "decade", "century", "ramadan", "eid",
    "christmas", "easter"}
# Last words of the names of laws, treaties and amendments ("Affordable Care Act", "Paris Agreement").
LAW_WORDS = {"act", "acts", "agreement", "treaty", "accord", "accords", "amendment", "amendments", "protocol",
             "statute", "bill"}
NOT_IN_NAMES = re.compile(r"[:|@#/=<>{}\[\]\n]|https?|www\.")
CONTRACTION = re.compile(r"^(n[’']t|[’'](s|re|ve|ll|d|m))$", re.IGNORECASE)
DATELINE = re.compile(r"^[\"“']?[A-Z][\w.’'-]*(?:[ ,]+[A-Z][\w.’'-]*){0,5}[ ,]*\($")


def article_mentions(features: dict, aliases: AliasTable) -> list[dict]:
    """Canonical mentions in one article, from its parse features (see :func:`helpers.nlp.doc_features`).

    Returns one dict per mention: ``sentence_id``, ``start_char``, ``end_char``, ``text`` (as written),
    ``label`` (spaCy's, empty when only the alias table found it), ``entity``, ``entity_type`` and ``rule``.
    Spurious spans are left out (see :func:`corpus_mentions` to get them).
    """
    stats = CaseStats([features.get("tokens", [])])
    candidates, _ = _article_rules(features, aliases, stats, PersonEvidence([features], aliases))
    return _rows(candidates, _types(candidates, aliases))


def corpus_mentions(features: Mapping[str, dict], aliases: AliasTable) -> tuple[list[dict], list[dict]]:
    """Mentions of every article (``article_id`` → parse features), names linked across the corpus.

    ``features`` is read twice, one article at a time, so it may load each article's features on demand.
    Returns (mentions, dropped): the mention dicts of :func:`article_mentions` with an ``article_id``, and
    the spurious spans left out, each with its ``rule``.
    """
    stats, evidence = CaseStats(), PersonEvidence((), aliases)
    for article in features.values():
        stats.add(article.get("tokens", []))
        evidence.add(article)
    articles, dropped = {}, []
    for article_id, article in features.items():
        articles[article_id], spurious = _article_rules(article, aliases, stats, evidence)
        dropped += [{"article_id": article_id, "sentence_id": c.sentence_id, "text": c.text, "label": c.label,
                     "rule": c.rule, "start_char": c.start, "end_char": c.end} for c in spurious]
    link_corpus(articles, stats, evidence)
    corpus_votes: dict[str, Counter] = defaultdict(Counter)
    for candidates in articles.values():
        for c in candidates:
            corpus_votes[c.entity].update(_votes(c))
    rows = []
    for article_id, candidates in articles.items():
        rows += [{"article_id": article_id, **row}
                 for row in _rows(candidates, _types(candidates, aliases, corpus_votes))]
    return rows, dropped


# --- the rules of one article --------------------------------------------------------------------


def _article_rules(features: dict, aliases: AliasTable, stats: CaseStats,
                   evidence: PersonEvidence) -> tuple[list[Candidate], list[Candidate]]:
    """An article's candidates with their entity and rule decided inside the article, and its dropped spans."""
    candidates, dropped = _candidates(features, aliases, stats)
    sentences = features["sentences"]
    local_abbreviations = _abbreviations(candidates, sentences, aliases)
    credits = _dateline_credits(candidates, sentences, local_abbreviations)
    for c in candidates:
        if c.name in local_abbreviations:
            c.entity, c.rule = local_abbreviations[c.name], "abbreviation"
        elif id(c) in credits:
            c.entity, c.rule = aliases.canonical(c.name) or strip_title(c.name), "dateline credit"
        elif aliases.canonical(c.name):
            c.entity, c.rule = aliases.canonical(c.name), "alias"
    resolve_short_names(candidates, aliases, stats, evidence)
    for c in candidates:
        if c.entity:
            continue
        tail_less = GENERIC_TAILS.sub("", c.name)
        if c.label in GAZETTEER_LABELS and not evidence.is_person(c.name) and (
                _looks_like_place(c.name) or _looks_like_place(tail_less)):
            place = c.name if _looks_like_place(c.name) else tail_less
            c.entity, c.rule = (place.title() if place.isupper() and len(place) > 4 else place), "gazetteer"
        else:
            c.entity, c.rule = strip_title(c.name), "as written"
    return candidates, dropped


def _candidates(features: dict, aliases: AliasTable, stats: CaseStats) -> tuple[list[Candidate],
                                                                               list[Candidate]]:
    """NER spans worth counting plus alias matches, without overlaps (longest first, alias-backed on ties)."""
    found, dropped = [], []
    ner_labels = {}
    sentence_starts = {i: s["start"] for i, s in enumerate(features["sentences"])}
    for e in features["entities"]:
        ner_labels[(e["start"], e["end"])] = e["label"]
        name = normalize_name(e["text"])
        known = aliases.canonical(name) is not None
        if not (e["label"] in LABEL_TYPES or known or (e["label"] in NUMERIC_LABELS and not _is_number_or_date(name)
                                                       and _looks_like_place(name))):
            continue
        candidate = Candidate(e["start"], e["end"], e["text"], e["label"], e["sentence_id"], e["before"], known)
        reason = "" if known else _spurious(name, e["text"], stats,
                                            e["start"] <= sentence_starts.get(e["sentence_id"], -1) + 1)
        if reason:
            candidate.rule = reason
            dropped.append(candidate)
        else:
            found.append(candidate)
    for sentence_id, sentence in enumerate(features["sentences"]):
        for start, end in aliases.scan(sentence["text"]):
            start, end = sentence["start"] + start, sentence["start"] + end
            text = sentence["text"][start - sentence["start"]:end - sentence["start"]]
            found.append(Candidate(start, end, text, ner_labels.get((start, end), ""), sentence_id, "", True))
    kept: list[Candidate] = []
    taken: set[int] = set()  # character positions already covered by a kept candidate
    for candidate in sorted(found, key=lambda c: (-(c.end - c.start), not c.from_alias, c.start)):
        span = range(candidate.start, candidate.end)
        if not any(position in taken for position in span):
            kept += _owner_and_person(candidate)
            taken.update(span)
    for c in kept:
        c.name = normalize_name(c.text)
        words = c.name.split()
        inner = [i for i, w in enumerate(words[:-1]) if re.search(r"[’']s?$", w)]
        if inner and not c.from_alias:  # "David Brooks' Times": the name ends at the possessive
            c.name = normalize_name(" ".join(words[:inner[0] + 1]))
            words = c.name.split()
        if len(words) > 2 and c.start <= sentence_starts.get(c.sentence_id, -1) + 1 and stats.sentence_word(words[0]):
            c.name = " ".join(words[1:])  # "Lawyer Gene Schaerr" at a sentence's start
        c.titles = names.titles_of(c.name, c.before)
        c.first_named = (c.label == "ORG" and len(words) == 2 and words[0][:1].isupper()
                         and words[0].casefold() not in PARTICLES | {"san", "santa", "saint"}  # "Al Qaeda"
                         and names.first_name_gender(c.name) != "unknown" and stats.proper(words[1]))
    return sorted(kept, key=lambda c: c.start), dropped


OWNED_PERSON = re.compile(r"(?<=\w)[’']s?\s+(?=[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+$)")


def _owner_and_person(c: Candidate) -> list[Candidate]:
    """A span that runs from a possessive into a person's full name ("Vox’s Anna North", "Fox News’ Chris
    Wallace") as two mentions: the owner, and the person (labelled PERSON) whose first name is known; any other
    span as it is ("David Brooks' Times" ends at the possessive later)."""
    found = None if c.from_alias else OWNED_PERSON.search(c.text)
    if found is None or not names.known_first_name(c.text[found.end():].split()[0]):
        return [c]
    written = c.text[:found.end()].rstrip()  # "Vox’s"
    owner = Candidate(c.start, c.start + len(written), written, "" if c.label == "PERSON" else c.label, c.sentence_id,
                      c.before, False)
    person = Candidate(c.start + found.end(), c.end, c.text[found.end():], "PERSON", c.sentence_id,
                       c.before + c.text[:found.end()], False)
    return [owner, person]


def _spurious(name: str, text: str, stats: CaseStats, sentence_initial: bool) -> str:
    """The rule that drops a span that is no name, or "" for a name."""
    words = name.split()
    if not name or CONTRACTION.match(name.strip()):
        return "stop word"
    if NOT_IN_NAMES.search(text.strip()):
        return "not a name"
    if len(words) >= 5 and all(w[:1].isupper() for w in words):
        return "not a name"  # a run of capitalised words with no "of", "and": a chart legend, a menu
    if not any(ch.isupper() for ch in name):
        return "no capital"
    if all(like_num(w.strip(".,%$")) or not any(ch.isalpha() for ch in w) for w in words):
        return "number"
    if len(words) == 1 and name.casefold() in STOP_WORDS and not (name.isupper() and len(name) <= 3):
        return "stop word"
    if len(words) == 1 and names.title_word(name) in PERSON_TITLES:
        return "title only"
    if len(words) == 1 and sentence_initial and name[1:].islower() and stats.common_word(name):
        return "common word"
    return ""


def schwartz_hearst(short: str, long: str) -> bool:
    """True when ``short`` can abbreviate ``long``: its letters in order, the first one starting a word.

    The test of Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions".
    """
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].casefold()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].casefold() != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i, s = i - 1, s - 1
    return True


def _abbreviations(candidates: list[Candidate], sentences: list[dict], aliases: AliasTable) -> dict[str, str]:
    """Abbreviations an article defines, as in "Deir Ezzor Military Council (DEMC)"."""
    defined = {}
    for c in candidates:
        sentence = sentences[c.sentence_id]
        after = sentence["text"][c.end - sentence["start"]:]
        match = re.match(r"\s*\(([A-Z][A-Z0-9]{1,7})\)", after)
        if match and match[1] != c.name and schwartz_hearst(match[1], c.name):
            defined[match[1]] = aliases.canonical(c.name) or strip_title(c.name)
    return defined


def _dateline_credits(candidates: list[Candidate], sentences: list[dict], abbreviations: dict) -> set[int]:
    """Candidates that credit an agency or outlet after a dateline's place: "Washington (CNN)"."""
    credits = set()
    for previous, c in zip(candidates, candidates[1:], strict=False):
        if c.name in abbreviations or previous.sentence_id != c.sentence_id:
            continue
        sentence = sentences[c.sentence_id]
        before = sentence["text"][:c.start - sentence["start"]].rstrip()
        after = sentence["text"][c.end - sentence["start"]:].lstrip()
        if after.startswith(")") and DATELINE.match(before) and (
                previous.label in ("GPE", "LOC") or _looks_like_place(previous.name)):
            credits.add(id(c))
    return credits


# --- types -------------------------------------------------------------------------------------------


def _votes(c: Candidate) -> Counter:
    """What one mention says about its entity's type."""
    votes = Counter()
    kind = LABEL_TYPES.get(c.label)
    if kind:
        votes[kind] += 0.5 if c.label == "NORP" else 2 if kind == "person" and " " in c.name else 1
    if c.titles:
        votes["person"] += 3
    if c.rule in LINKED:
        votes["person"] += 3  # linked to a person's full name
    if c.rule == "gazetteer":
        votes["place"] += 1.5
    if c.rule == "dateline credit":
        votes["organisation"] += 10
    if names.first_name_gender(c.name) != "unknown" and c.label in ("PERSON", "ORG", ""):
        votes["person"] += 0.5
    if c.first_named:  # "Eliza Collins", "Salomon Melgen" labelled ORG: a first name and a word never in lower case
        votes["person"] += 1.5
    later = c.name.casefold().split()[1:]
    if " " in c.name and (set(later) | {w.removesuffix("s") for w in later}) & _organisation_words():
        # "Nashua Telegraph", "Washington Examiner", "Abbott Labs" (a plural too): a word of organisations' names
        # outweighs a PERSON label unless the name starts with a first name
        votes["organisation"] += 2 if names.known_first_name(c.name.split()[0]) else 2.5
    if " " in c.name and c.name.split()[-1].casefold() in LAW_WORDS and c.label not in ("PERSON", "GPE", "LOC"):
        votes["other"] += 3  # "Defense of Marriage Act", "North American Free Trade Agreement": a law or treaty
    return votes


def _types(candidates: list[Candidate], aliases: AliasTable,
           corpus_votes: dict[str, Counter] | None = None) -> dict[str, str]:
    """Each entity's type in this article: the alias table's, else a weighted vote of the evidence."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in candidates:
        votes[c.entity].update(_votes(c))
    types = {}
    for entity in {c.entity for c in candidates}:
        score = Counter(votes[entity])
        corpus = (corpus_votes or {}).get(entity)
        if corpus:
            total = sum(corpus.values())
            for kind, n in corpus.items():
                score[kind] += CORPUS_TYPE_WEIGHT * n / total
        if aliases.types.get(entity):
            types[entity] = aliases.types[entity]
        elif score:
            types[entity] = max(score, key=lambda t: (score[t], -TYPE_PRIORITY[t]))
        else:
            types[entity] = "place" if _looks_like_place(entity) else "other"
    return types


def _rows(candidates: list[Candidate], types: dict[str, str]) -> list[dict]:
    return [{"sentence_id": c.sentence_id, "start_char": c.start, "end_char": c.end, "text": c.text,
             "label": c.label, "entity": c.entity, "entity_type": types[c.entity], "rule": c.rule}
            for c in candidates if c.entity]


@functools.cache
def _organisation_words() -> frozenset[str]:
    """One-word terms of ``data/lexicons/organisation_types.csv`` of three letters or more ("times", "university")."""
    terms = load_lexicon("organisation_types")["term"]
    return frozenset(t.casefold() for t in terms if " " not in t and len(t) >= 3)


def _looks_like_place(name: str) -> bool:
    """A capitalised name the gazetteer knows ("one" or "may" are GeoNames alternate names too)."""
    return len(name) >= 3 and name[:1].isupper() and not name.isdigit() and gazetteer.is_place(name)


def _is_number_or_date(name: str) -> bool:
    """True for "One", "Ten", "March", "Spring" …: number or calendar words that GeoNames also lists as places."""
    return any(like_num(word) or word.casefold() in CALENDAR_WORDS for word in re.findall(r"[\w-]+", name))
