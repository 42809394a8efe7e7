"""Reported speech: which tokens are reporting cues, who their source is, and what they report.

A *cue* is a verb of ``data/lexicons/reporting_verbs.csv`` outside quotation marks (or the phrase
"according to"). What it reports, its *content*, is found on spaCy's parse:

* a clausal complement: "X said (that) …", "…, said X", "asked whether …", "made clear that …",
  "expressed optimism that …" (a that-clause under the object noun);
* a parenthetical cue reports the clause it interrupts, cue included: "The best inequality-buster is
  economic growth, Milanovic says, but …", "As Trump said, …", "…, reports The New York Times";
* "according to X" reports the rest of its sentence;
* a naming verb with an object and a predicate: "called the process unfair", "described by X as …";
* any other complement (an object, an infinitive, a prepositional phrase: "vowed to retaliate to the
  'provocative gesture'", "accused Streep of 'inciting …'") counts only when it holds quoted words.

Negated cues ("did not say") and agentless passives ("was reported to") report nothing; a passive with
an agent ("described by the State Department as …") has the agent as its source. Findings verbs whose
subject is a document ("the poll shows …") are not speech.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Verbs that report what someone named something as: an object and its predicate are the content.
NAMING = {"call", "label", "brand", "dub", "term", "describe", "characterize", "characterise", "declare", "deem",
          "cast", "portray", "dismiss", "defend", "hail", "tout", "praise", "slam", "condemn", "criticize",
          "criticise"}
# Findings verbs, and the document nouns whose "findings" are not speech ("the poll shows …").
FINDINGS = {"show", "find", "suggest", "indicate", "imply", "reveal", "conclude", "estimate", "project"}
DOCUMENTS = {"poll", "polls", "survey", "surveys", "study", "studies", "data", "report", "reports", "research",
             "analysis", "figures", "results", "statistics", "numbers", "evidence", "record", "records", "test",
             "tests", "model", "models", "chart", "map", "review", "audit", "paper", "index"}
# Documents and channels through which their owner speaks ("its statement said").
CARRIERS = {"statement", "letter", "release", "memo", "message", "tweet", "post", "email", "website", "blog",
            "account", "note", "announcement", "filing", "lawsuit", "complaint", "brief", "transcript", "page",
            "feed", "video", "ad", "advertisement", "op-ed", "column", "editorial", "speech", "remarks", "testimony",
            "description"}
# Speech nouns with an owner and a that-clause ("Tusk's note that …"), as the verb they name.
NOMINAL = {"claim": "claim", "statement": "state", "assertion": "assert", "warning": "warn", "suggestion": "suggest",
           "promise": "promise", "note": "note", "announcement": "announce", "admission": "admit", "denial": "deny",
           "insistence": "insist", "argument": "argue", "complaint": "complain", "prediction": "predict",
           "pledge": "pledge", "vow": "vow", "threat": "threaten", "accusation": "accuse", "allegation": "allege",
           "charge": "charge", "remark": "remark", "comment": "comment", "contention": "contend",
           "declaration": "declare", "acknowledgment": "acknowledge", "acknowledgement": "acknowledge",
           "confirmation": "confirm", "revelation": "reveal", "explanation": "explain", "testimony": "testify",
           "observation": "observe", "recommendation": "recommend", "proposal": "propose", "demand": "demand",
           "concession": "concede", "boast": "boast", "reminder": "remind"}
_COMPLEMENTS = ("dobj", "xcomp", "oprd", "prep", "dative", "attr", "acomp", "advcl", "pcomp")


@dataclass
class Cue:
    """One reporting cue: its token, lexicon term, source token and the character span it reports."""

    token: Token
    term: str
    source: Token | None
    start: int
    end: int
    how: str  # clause, parenthetical, according, naming, object (the last counts only with quoted words)


def cue_name(verb: Token, cues: dict[str, str]) -> str | None:
    """The lexicon term a verb token stands for ("say", "call on", "make clear"), or None."""
    lemma = verb.lemma_.lower()
    if verb.i + 1 < len(verb.doc) and f"{lemma} {verb.nbor(1).lower_}" in cues:  # "made clear", however parsed
        return f"{lemma} {verb.nbor(1).lower_}"
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in cues:
            return f"{lemma} {child.lower_}"
    return lemma if lemma in cues else None


def is_acronym(token: Token) -> bool:
    """An all-capital word ("IS") that the small model may take for a verb: not to be trusted as one."""
    return len(token.text) > 1 and token.text.isupper() and token.pos_ in ("AUX", "VERB")


def agent_of(verb: Token) -> Token | None:
    """The "by X" of a passive verb, or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def is_cue(token: Token, cues: dict[str, str]) -> bool:
    """A reporting verb that reports: in the lexicon, not negated, not an agentless passive, not a finding."""
    if token.pos_ not in ("VERB", "AUX") or is_acronym(token) or cue_name(token, cues) is None:
        return False
    if any(c.dep_ == "neg" for c in token.children):
        return False
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "so":  # "so-called"
        return False
    if any(c.dep_ == "auxpass" for c in token.children) and agent_of(token) is None:
        return False
    if token.lemma_.lower() in FINDINGS:
        subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.lower_ in DOCUMENTS | {s.rstrip("s") for s in DOCUMENTS}:
            return False
    return True


def document_owner(carrier: Token) -> Token | None:
    """Who a document noun belongs to: its possessive ("its statement"), or a name after of / from / by
    ("a statement from the White House"); None when it has neither."""
    owner = next((c for c in carrier.children if c.dep_ == "poss"), None)
    if owner is None:
        prep = next((c for c in carrier.children if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "from", "by")
                     and c.i > carrier.i), None)
        named = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        owner = named if named is not None and named.pos_ == "PROPN" and not named.text.islower() else None
    return owner


def subject_of(verb: Token) -> Token | None:
    """The verb's source: its agent when passive, its subject; for "saying"/"adding", conjuncts and
    relative clauses, the subject of the verb they depend on."""
    agent = agent_of(verb)
    if agent is not None:
        return agent
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
        noun = verb.head  # "with sources saying", "a statement from the White House saying"
        qualifier = noun.dep_ == "pobj" and noun.head.head.pos_ not in ("VERB", "AUX")  # "familiar with the case"
        owned = document_owner(noun) is not None
        people = noun.tag_ in ("NNS", "NNPS") or noun.pos_ == "PROPN"  # not "the incident suggesting"
        if not qualifier and (people and noun.lemma_.lower() not in CARRIERS or owned):
            return noun
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        left = [c for c in subjects if c.i < current.i]
        subject = left[-1] if left else (subjects[0] if subjects else None)  # "co - authors": the nearest piece
        if subject is not None and not is_acronym(current):
            return subject
        if current.dep_ in ("advcl", "conj", "xcomp", "ccomp") and current.head is not current:
            current = current.head
        else:
            break
    left = [t for t in verb.sent if t.i < verb.i and t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN")]
    return left[-1] if left else None


def find_cues(doc: Doc, cues: dict[str, str], quoted) -> list[Cue]:
    """Every cue outside quotation marks (``quoted[char]`` is True inside them) with a content, in order."""
    found = []
    for token in doc:
        if quoted[token.idx]:
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and token.nbor(1).lower_ == "to":
            cue = _according(token)
        elif is_cue(token, cues):
            cue = _content(token, cue_name(token, cues) or "", cues)
        elif token.pos_ == "NOUN" and NOMINAL.get(token.lemma_.lower()) in cues:
            cue = _nominal(token, NOMINAL[token.lemma_.lower()])
        else:
            cue = None
        if cue is not None and cue.end > cue.start:
            found.append(cue)
    return found


def _according(token: Token) -> Cue | None:
    to = token.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = token.sent
    phrase_end = source.right_edge.i + 1
    if token.i == _first_word(sent).i:  # "According to X, …"
        tokens = [t for t in sent if t.i >= phrase_end]
    elif phrase_end >= _last_word(sent).i:  # "…, according to X."
        tokens = [t for t in sent if t.i < token.i]
    else:  # "X, according to Y, said …": the sentence around the phrase
        tokens = [t for t in sent if t.i < token.i or t.i >= phrase_end]
    return _cue(token, "according to", source, tokens, "according")


def _nominal(noun: Token, term: str) -> Cue | None:
    """ "Tusk's note that …", "his claim that …": a speech noun with its owner and a that-clause."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl", "appos") and c.i > noun.i
                   and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.lefts)), None)
    if owner is None or clause is None:
        return None
    return _cue(noun, term, owner, list(clause.subtree), "clause")


def _clauses(verb: Token, words: set[str]) -> list[Token]:
    """The clausal complements of a cue (also under its second word: "made clear that …")."""
    heads = [verb] + [c for c in verb.children if c.lower_ in words]
    clauses = [c for h in heads for c in h.children if c.dep_ == "ccomp" and c.lower_ not in words
               and not (is_acronym(c) and c.i > verb.i + 1)]
    if not clauses:  # "expressed optimism that …"; "reported 26 civilians killed"
        clauses = [c for c in verb.children if c.dep_ == "dobj" for c in c.children
                   if c.dep_ in ("acl", "ccomp") and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.lefts)]
        clauses = clauses or [c for c in verb.children if c.dep_ == "dobj"
                              and any(t.tag_ == "VBN" and t.dep_ == "acl" for t in c.children)]
    if not clauses:  # a that / whether / if clause the parse hung elsewhere in the cue's phrase
        marks = [t for t in verb.subtree if t.i > verb.i and t.dep_ == "mark" and t.lower_ in ("that", "whether", "if")
                 and t.head.i > t.i and t.head.dep_ in ("ccomp", "advcl", "relcl", "acl")]
        clauses = [marks[0].head] if marks else []
    return clauses


def _content(verb: Token, term: str, cues: dict[str, str]) -> Cue | None:
    source = subject_of(verb)
    words = set(term.split()[1:])
    clauses = _clauses(verb, words)
    if clauses:
        tokens = [t for t in _subtrees(clauses) if not (t.i == verb.i + 1 and t.lower_ in words)]
        if tokens[0].i > verb.i:  # reported clauses the parse hung on the cue: "…, and that …", "…, so …"
            more = [c for c in verb.children if c.i > tokens[-1].i and c.dep_ in ("conj", "advcl")
                    and not is_cue(c, cues) and not any(s.dep_ in SUBJECTS and s.pos_ == "PROPN" for s in c.children)]
            tokens = _subtrees(clauses + more)
            that = [t for t in verb.doc[verb.i + 1:tokens[0].i] if t.lower_ == "that"]
            if that:  # a misparse left the start of the clause outside it: "optimism that Trump … will exempt"
                tokens = [t for t in tokens if t.i > that[-1].i] if that[-1].i > tokens[0].i else \
                    list(verb.doc[that[0].i + 1:tokens[-1].i + 1])
        return _cue(verb, term, source, tokens, "clause")
    bare = not any(c.dep_ in ("dobj", "xcomp", "ccomp", "oprd", "attr") for c in verb.children)
    if bare and (verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark"
                                                                           for c in verb.children))):
        return _cue(verb, term, source, list(verb.sent), "parenthetical")
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in _COMPLEMENTS and c.lower_ not in words
               and not (c.dep_ == "prep" and c.lower_ in ("by", "on", "in", "at", "during", "after", "before"))]
    if not objects:
        return None
    naming = term == verb.lemma_.lower() in NAMING and any(
        c.dep_ in ("oprd", "xcomp", "ccomp", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
        or (c.dep_ == "dobj" and any(a.dep_ == "amod" and a.i > c.i for a in c.children)) for c in objects)
    wh = [c for c in verb.children if c.dep_ == "dobj" and c.tag_ in ("WP", "WDT")]
    if wh:  # "what Holder called a 'constitutional crisis'": the predicate alone
        objects = [c for c in objects if c.dep_ != "dobj"]
    return _cue(verb, term, source, _subtrees(objects), "naming" if naming and not wh else "object")


def _subtrees(heads: list[Token]) -> list[Token]:
    return sorted({t.i: t for head in heads for t in head.subtree}.values(), key=lambda t: t.i)


def _cue(token: Token, term: str, source: Token | None, tokens: list[Token], how: str) -> Cue | None:
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ("”", '"', "’", "»") or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return Cue(token, term, source, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), how)


def _first_word(sent) -> Token:
    return next((t for t in sent if not t.is_punct and not t.is_space), sent[0])


def _last_word(sent) -> Token:
    return next((t for t in reversed(sent) if not t.is_punct and not t.is_space), sent[-1])
