"""Source types: what kind of source each speaker is, from what the article says about them.

Three editable lexicons in ``data/lexicons/``, read as one table by :func:`load_source_types`:

* ``source_types.csv``: canonical entities with their type (the example corpus's actors);
* ``source_roles.csv``: about a thousand titles and role nouns ("Foreign Minister", "spokeswoman",
  "professor", "police", "witnesses", "officials") with the type each says, and whether the role *defers*
  to the body named with it ("a spokeswoman for the Red Cross" is the Red Cross's);
* ``organisation_types.csv``: words in organisations' names ("University", "Police", "News", "Inc") and
  well-known names, for the type of a body.

The types adapt the occupations of the Global Media Monitoring Project (GMMP, WACC 2020; ``docs/methods.md``):
government/official, politician, military, police/security, judiciary/legal, expert/academic, NGO/monitor,
business, media, religious, militant group, citizen/witness, celebrity/sports, anonymous, other.

A speaker gets **one type per article**, from the most specific evidence, recorded in ``type_evidence``:
an unnamed official or source in the speaker phrase ("US officials": anonymous) > an entity row > a role in
the speaker phrase or around any mention of the speaker in the article (a title before the name, an
appositive after or before it, a party tag "(R-Texas)") > the category of a named organisation > a country
or city speaking (its government) > a deferring role with no body named. With none, the type is "other".
Across a corpus (:func:`with_corpus_types`), a speaker left "other" takes the type the other articles give
them. The gender of people quoted comes from :mod:`helpers.nlp.gender`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from helpers.lexicons import load_lexicon, term_words
from helpers.nlp.gender import article_genders, doc_tokens

SOURCE_TYPES = ("government/official", "politician", "military", "police/security", "judiciary/legal",
                "expert/academic", "NGO/monitor", "business", "media", "religious", "militant group",
                "citizen/witness", "celebrity/sports", "anonymous", "other")
PARTY_TAG = re.compile(r"^\s*[(,]?\s*[RDI]\s*[-–.,]\s*[A-Z][a-z]")
WORD = re.compile(r"[a-z0-9]+|'s\b")
PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "with", "for", "from", "by", "as", "while", "when",
                "since", "speaking", "asked", "according", "but", "and", "meanwhile", "still", "yet", "however"}


def load_source_types(folder: str | Path | None = None) -> pd.DataFrame:
    """The three source-type lexicons as one table: term, match (entity, role or organisation), source_type,
    defers ("yes"/"no"), reason, and the term's ``words``; rows keep their file order."""
    entities = load_lexicon("source_types", folder)
    entities = entities[entities["match"] == "entity"].assign(defers="no")
    roles = load_lexicon("source_roles", folder).assign(match="role")
    organisations = load_lexicon("organisation_types", folder).assign(match="organisation", defers="no")
    table = pd.concat([entities, roles, organisations], ignore_index=True)
    table["words"] = [tuple(w for w in term_words(t.replace("’", "'")) if w not in ("-", "."))
                      for t in table["term"]]
    bad = table.loc[~table["source_type"].isin(SOURCE_TYPES), "source_type"]
    if len(bad):
        raise ValueError(f"unknown source type {bad.iloc[0]!r} in the source-type lexicons")
    return table


@functools.cache
def _default() -> pd.DataFrame:
    return load_source_types()


_INDEXES: dict[int, tuple[pd.DataFrame, dict]] = {}


def _lookup(types: pd.DataFrame | None) -> dict:
    """The lexicon's rows indexed by their first word (roles, organisations) and by term (entities)."""
    types = _default() if types is None else types
    found = _INDEXES.get(id(types))
    if found is None or found[0] is not types:
        index: dict = {"role": {}, "organisation": {}}
        for row in types.itertuples():
            if row.match in index and row.words:
                index[row.match].setdefault(row.words[0], []).append(row)
        for by_first in (index["role"], index["organisation"]):
            for rows in by_first.values():
                rows.sort(key=lambda r: -len(r.words))
        index["entity"] = {r.term.casefold(): r for r in types[types["match"] == "entity"].itertuples()}
        index["role words"] = {w for r in types[types["match"] == "role"].itertuples() for w in r.words}
        index["anonymous heads"] = {r.words[-1] for r in types[types["source_type"] == "anonymous"].itertuples()
                                    if len(r.words) == 1}
        found = _INDEXES[id(types)] = (types, index)
    return found[1]


def _words(text: str) -> list[str]:
    return WORD.findall(str(text).lower().replace("’", "'"))


def _find(text: str, kind: str, index: dict, with_possessives: bool = False) -> list:
    """Rows of ``kind`` (role or organisation) whose words occur in ``text``, longest first, without overlaps;
    a plural finds its singular ("senators" → senator)."""
    words, found, i = _words(text), [], 0
    possessive: set[int] = set()

    def same(row) -> bool:
        part = words[i:i + len(row.words)]
        if len(part) != len(row.words):
            return False
        last = len(part) - 1
        return all(w == t or k == last and w.removesuffix("s") == t
                   for k, (w, t) in enumerate(zip(part, row.words, strict=True)))

    while i < len(words):
        rows = index[kind].get(words[i], []) + index[kind].get(words[i].removesuffix("s"), [])
        row = next((r for r in sorted(rows, key=lambda r: -len(r.words)) if same(r)), None)
        if row is None:
            i += 1
        else:
            found.append(row)
            if words[i + len(row.words):i + len(row.words) + 1] == ["'s"]:  # "the president's lawyer"
                possessive.add(len(found) - 1)
            i += len(row.words)
    if with_possessives:
        return [(row, n in possessive) for n, row in enumerate(found)]
    return found


def organisation_type(name: str, types: pd.DataFrame | None = None) -> tuple[str, str]:
    """(type, term) of a body from its name: an entity row, else the first organisation row (file order) whose
    words are in the name; ("", "") when none."""
    return _organisation_type(name, _lookup(types))


def _organisation_type(name: str, index: dict) -> tuple[str, str]:
    row = index["entity"].get(str(name).casefold())
    if row is not None:
        return row.source_type, row.term
    found = _find(name, "organisation", index)
    if not found:
        return "", ""
    first = min(found, key=lambda r: r.Index)
    return first.source_type, first.term


def entity_source_type(entity: str, types: pd.DataFrame | None = None) -> str:
    """The source type an entity row of ``source_types.csv`` gives a canonical entity; "" when none."""
    row = _lookup(types)["entity"].get(str(entity).casefold())
    return "" if row is None else str(row.source_type)


def keyword_source_type(text: str, types: pd.DataFrame | None = None) -> str:
    """The source type of the last role noun in ``text`` ("the monitor" → NGO/monitor); "" when none."""
    found = _find(text, "role", _lookup(types))
    return "" if not found or found[-1].source_type == "other" else str(found[-1].source_type)


def source_type(speaker: str, speaker_text: str, types: pd.DataFrame | None = None,
                mentions: pd.DataFrame | None = None) -> str:
    """A speaker's source type from the speaker phrase alone (no article context); see :func:`speaker_types`."""
    if not speaker and not speaker_text:
        return "unattributed"
    evidence = _speaker_evidence(speaker, [speaker_text], [], mentions, _lookup(types))
    return evidence[1]


# --- one speaker of one article -----------------------------------------------------------------


def _person_named(speaker: str, phrase: str, mentions: pd.DataFrame | None) -> bool:
    if mentions is None or mentions.empty:
        return False
    people = mentions[mentions["entity_type"] == "person"]
    return bool(speaker in set(people["entity"]) or any(t in phrase for t in set(people["text"])))


def _organisations(phrase: str, speaker: str, mentions: pd.DataFrame | None) -> list[tuple[str, str]]:
    """(name, entity type) of the bodies named in a phrase, in order of appearance."""
    if mentions is None or mentions.empty:
        return []
    found = []
    for row in mentions[mentions["entity_type"].isin(["organisation", "group", "place"])].itertuples():
        position = phrase.find(row.text)
        if position >= 0 and row.entity != speaker:
            found.append((position, row.entity, row.entity_type))
    return [(entity, kind) for _, entity, kind in sorted(set(found))]


def _from_role(phrase: str, last: bool, speaker: str, mentions, index, named: bool) -> tuple | None:
    """(specificity, type, evidence) from the role nouns of one phrase about the speaker, or None."""
    marked = _find(phrase, "role", index, with_possessives=True)
    if not last and any(not p for _, p in marked):
        marked = [(r, p) for r, p in marked if not p]  # "the president's lawyer" is a lawyer
    roles = [r for r, _ in marked]
    if not roles and not last and re.match(r"\s*(?:with|of|from|at)\b", phrase):  # "Sheila Krumholz, with the …"
        for name, _ in _organisations(phrase, speaker, mentions):
            found = _organisation_type(name, index)[0]
            if found:
                return 3, found, f"with {name}"
    if not roles:
        return None
    role = roles[-1] if last else roles[0]
    anonymous = role.source_type == "anonymous" or role.words[-1] in index["anonymous heads"]
    if anonymous and not named:
        return 6, "anonymous", f"unnamed '{role.term}' in '{phrase.strip()}'"
    if role.defers == "yes" or anonymous:
        bodies = _organisations(phrase, speaker, mentions)
        for name, kind in bodies:
            found = _organisation_type(name, index)[0]
            if found and kind != "place":
                return 4, found, f"'{role.term}' of {name}"
        words = _find(phrase, "organisation", index)
        if words:
            return 4, words[0].source_type, f"'{role.term}' of '{words[0].term}'"
        places = [name for name, kind in bodies if kind == "place"]
        if places:  # "a spokesman for Pakistan": its government
            return 4, "government/official", f"'{role.term}' of {places[0]}"
        fallback = "government/official" if anonymous else role.source_type
        return (2, fallback, f"'{role.term}' (no body named)") if fallback != "other" else None
    return 4, role.source_type, f"'{role.term}'"


def _speaker_evidence(speaker: str, phrases: list[str], contexts: list[tuple[str, bool]],
                      mentions: pd.DataFrame | None, index: dict) -> tuple[int, str, str]:
    """(specificity, type, evidence) for one speaker: the most specific evidence, the speaker phrases first."""
    candidates = []
    row = index["entity"].get(str(speaker).casefold()) if speaker else None
    if row is not None:
        candidates.append((5, row.source_type, f"entity row '{row.term}'"))
    for phrase in phrases:
        named = _person_named(speaker, phrase, mentions)
        for part, last in _phrase_parts(phrase, speaker, mentions):
            found = _from_role(part, last, speaker, mentions, index, named)
            if found:
                candidates.append(found)
                break
        else:
            kind, term = _organisation_type(phrase, index) if not named else ("", "")
            if kind:  # "Twitter", "USAToday": a body named in the phrase
                candidates.append((3, kind, f"organisation name: '{term}'"))
    for phrase, last in contexts:
        found = _from_role(phrase, last, speaker, mentions, index, True)
        if found and found[1] != "anonymous":
            candidates.append(found)
        if PARTY_TAG.match(phrase) and not last:
            candidates.append((4, "politician", f"party tag '{phrase.strip()[:12]}'"))
    kind = _entity_type(speaker, mentions)
    if speaker and kind in ("organisation", "group"):
        found, term = _organisation_type(speaker, index)
        if found:
            candidates.append((3, found, f"organisation name: '{term}'"))
    if speaker and kind == "place":
        candidates.append((2, "government/official", "a place speaking (its government)"))
    if not candidates:
        return 0, "other", ""
    best = max(candidates, key=lambda c: c[0])  # max keeps the first of equals: phrases before contexts
    return best


HEAD_END = re.compile(r"\s(?:to|of|for|at|with|from|in|on|by|who|which|that|whose|including)\s", re.IGNORECASE)


def _phrase_parts(phrase: str, speaker: str, mentions: pd.DataFrame | None) -> list[tuple[str, bool]]:
    """Where to look for the speaker's role in the speaker phrase: around the name when it names them (the
    words after it first: "Jim Walsh, a former congressman who …"), else its head, before any preposition
    or relative clause ("Aides to the former president")."""
    written = [] if mentions is None or mentions.empty or not speaker else sorted(
        set(mentions.loc[mentions["entity"] == speaker, "text"]), key=len, reverse=True)
    for name in written:
        at = phrase.find(name)
        if at >= 0:
            return [(phrase[at + len(name):], False), (phrase[:at], True)]
    return [(HEAD_END.split(phrase)[0], True), (phrase, True)]


def _entity_type(entity: str, mentions: pd.DataFrame | None) -> str:
    if not entity or mentions is None or mentions.empty:
        return ""
    found = mentions.loc[mentions["entity"] == entity, "entity_type"]
    return str(found.iloc[0]) if len(found) else ""


def _contexts(doc, mentions: pd.DataFrame | None, entity: str, index: dict) -> list[tuple[str, bool]]:
    """What the article writes around each mention of ``entity``: (phrase, role is its last word?).

    The words before the name in its clause ("Senate Majority Leader"), an appositive after it (", a spokeswoman
    for the Red Cross,"), a party tag ("(R-Texas)"), and an appositive before it ("A spokeswoman for the Red
    Cross, Jennifer Rodstrom").
    """
    if mentions is None or mentions.empty or not entity:
        return []
    text, starts = doc.text, [t.idx for t in doc]
    found = []
    for row in mentions[mentions["entity"] == entity].itertuples():
        i = max(0, bisect.bisect_right(starts, row.start_char) - 1)
        sentence = doc[i].sent
        before = text[sentence.start_char:row.start_char]
        if not before.strip():  # the parser may end a sentence at a title: "President | Ellen Johnson Sirleaf"
            line = text[max(0, row.start_char - 60):row.start_char].rsplit("\n", 1)[-1]
            before = line if len(line.split()) <= 4 else ""
        after = text[row.end_char:sentence.end_char]
        appositive = re.match(r"^\s*(\([^)]*\))?\s*,\s*([^,.;:\"“”()]{2,120})", after)
        if appositive:
            found.append((appositive.group(2), False))
        if PARTY_TAG.match(after):
            found.append((after[:15], False))
        clause = re.split(r"[,;:(\[—–\"“”]|\b(?:and|said|says|told)\b", before)[-1].split()
        title = []
        while clause and (clause[-1][:1].isupper() or _words(clause[-1])[:1] and _words(clause[-1])[0] in
                          index["role words"] | {"of", "'s", "the"}) and len(title) < 6:
            title.insert(0, clause.pop())  # the title right before the name: "White House press secretary"
        if title:
            found.append((" ".join(title), True))
        earlier = re.match(r"^(.*?)([^,;:\"“”]{3,120}),\s*$", before)
        if earlier and earlier.group(2).strip().split()[0].lower() not in PREPOSITIONS:
            found.append((earlier.group(2), False))
    return found


def speaker_types(quotes: pd.DataFrame, doc, mentions: pd.DataFrame | None,
                  types: pd.DataFrame | None = None) -> pd.DataFrame:
    """``quotes`` (of one article) with ``speaker_type``, ``type_evidence``, ``speaker_gender`` and
    ``gender_evidence``: one type and one gender per speaker, "unattributed" for a quote without a speaker."""
    index = _lookup(types)
    table = quotes.copy()
    decided: dict[str, tuple[int, str, str]] = {}
    for speaker, part in table.groupby("speaker", sort=False):
        if speaker:
            decided[speaker] = _speaker_evidence(speaker, list(dict.fromkeys(part["speaker_text"])),
                                                 _contexts(doc, mentions, speaker, index), mentions, index)
    named = {} if mentions is None or mentions.empty else dict(zip(mentions["text"], mentions["entity"], strict=True))
    for written in set(table.loc[table["speaker"] == "", "speaker_text"]) & set(named) - set(decided):
        entity = named[written]  # "Pence" the attribution did not resolve, but the article names
        decided[written] = decided.get(entity) or _speaker_evidence(
            entity, [written], _contexts(doc, mentions, entity, index), mentions, index)
    evidence = [decided[s] if s else decided.get(w) or _speaker_evidence("", [w], [], mentions, index) if w
                else (0, "unattributed", "") for s, w in zip(table["speaker"], table["speaker_text"], strict=True)]
    table["speaker_type"] = [e[1] for e in evidence]
    table["type_evidence"] = [e[2] for e in evidence]
    genders = article_genders(doc_tokens(doc), mentions)
    people = set() if mentions is None or mentions.empty else set(
        mentions.loc[mentions["entity_type"] == "person", "entity"])
    table["speaker_gender"] = [genders.get(s, ("unknown", ""))[0] if s in people else "" for s in table["speaker"]]
    table["gender_evidence"] = [genders.get(s, ("", ""))[1] if s in people else "" for s in table["speaker"]]
    return table


def with_corpus_types(quotes: pd.DataFrame) -> pd.DataFrame:
    """A named speaker typed "other" in an article takes the type most of their quotes have elsewhere in the
    corpus (evidence "corpus: …"); one type per speaker and article still."""
    if quotes.empty:
        return quotes
    known = quotes[(quotes["speaker"] != "") & ~quotes["speaker_type"].isin(["other", "unattributed"])]
    best = {}
    for speaker, part in known.groupby("speaker"):
        counts = Counter(part["speaker_type"])
        kind = max(counts, key=lambda k: (counts[k], k))
        evidence = part.loc[part["speaker_type"] == kind, "type_evidence"].mode().iloc[0]
        best[speaker] = (kind, f"corpus: {evidence} ({part['article_id'].nunique()} articles)")
    table = quotes.copy()
    unknown = (table["speaker_type"] == "other") & table["speaker"].isin(best)
    table.loc[unknown, "type_evidence"] = table.loc[unknown, "speaker"].map(lambda s: best[s][1])
    table.loc[unknown, "speaker_type"] = table.loc[unknown, "speaker"].map(lambda s: best[s][0])
    return table
