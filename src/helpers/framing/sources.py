"""Source types: what kind of source each speaker is, from what the article says about them.

Three editable lexicons in ``data/lexicons/``, read as one table by :func:`load_source_types`
(:mod:`helpers.framing.source_lexicons`):

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
a share of a poll's respondents ("73 percent", "71 percent of respondents, including 49 percent of
Republicans": citizen/witness) or an unnamed official or source in the speaker phrase ("US officials":
anonymous) > an entity row > a role in the speaker phrase or around any mention of the speaker in the article
(a title before the name, an appositive after or before it, a party tag "(R-Texas)", "consumers such as …")
> the category of a named organisation > a country or city speaking (its government) > a deferring role with
no body named. In an unnamed phrase the first head wins ("US officials and Syrian activists": the officials;
"The president and his supporters": the president). A public-sounding title takes the type of the non-state
body named with it ("NRA President", "NFL Commissioner", "president of the NRA"), a current affiliation
wins over a former role ("a former intelligence officer now with the Brookings Institution"), and a short
speaker the attribution left unresolved ("Cornyn") is typed as the article's one person it names. With none,
the type is "other". Across a corpus (:func:`with_corpus_types`), a named speaker left "other" takes the
type the other articles give them. The gender of people quoted comes from :mod:`helpers.nlp.gender`.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from helpers.framing.corpus_types import with_corpus_types
from helpers.framing.source_lexicons import (
    SOURCE_TYPES,
    _find,
    _lookup,
    _organisation_type,
    _words,
    entity_source_type,
    keyword_source_type,
    load_source_types,
    organisation_type,
)

__all__ = ["SOURCE_TYPES", "entity_source_type", "keyword_source_type", "load_source_types", "organisation_type",
           "source_type", "speaker_types", "with_corpus_types"]
from helpers.nlp.gender import article_genders, doc_tokens
from helpers.nlp.names import candidates

PARTY_TAG = re.compile(r"^\s*[(,]?\s*[RDI]\s*[-–.,]\s*[A-Z][a-z]")
# A share of the people a poll asked: "73 percent", "nearly 60% of Democratic voters", "a majority of Americans".
_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
           r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)")
POLL_SHARE = re.compile(
    r"^\s*(?:(?:nearly|about|almost|only|just|some|over|under|roughly|around|fully|another|more than|fewer than|"
    r"less than)\s+)?(?:[\d.,]+\s*(?:%|percent|per cent)|"
    + _NUMBER + r"(?:[- ]" + _NUMBER + r")?\s+(?:percent|per cent)"
    r"|(?:(?:a|the)\s+(?:slim\s+|large\s+|narrow\s+|clear\s+)?majority|majorities|half|(?:one|two)[- ]thirds?|"
    r"three[- ]quarters|a\s+(?:third|quarter))(?=\s+(?:of|surveyed|polled|questioned)\b))(?!\w)",
    re.IGNORECASE)
CONJUNCT = re.compile(r"\s(?:and|or|as well as|along with|together with)\s|,|&", re.IGNORECASE)
NOW_WITH = re.compile(r"\b(?:now|currently)\s+(?:with|at)\s+(.+)", re.IGNORECASE)
# A portfolio inside a body, not the body: "vice president of government affairs at the group March for Life".
PORTFOLIO = re.compile(r"\b(?:government|governmental|public|legislative|congressional|external|corporate|regulatory|"
                       r"political|community|federal|state|international|media)\s+(?:affairs|relations)\b",
                       re.IGNORECASE)
# An age in an appositive ("Jeffrey Hobbs, 49, of Ochlocknee"): how news writing presents ordinary people.
AGE = re.compile(r"^\s*\d{1,3}\s*$")
AGED = re.compile(r"^\s*,\s*(\d{1,3})\s*(?:,|$)")
# The group a name is an example of: "consumers such as Natalie McCasling", "House Republicans, including Duncan
# Hunter of California, Steve King of Iowa and Mike Kelly" (earlier names of the list in between).
_LISTED = r"(?:[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,4}(?:,\s+and\s+|,\s+|\s+and\s+))"
EXAMPLE = re.compile(r"([A-Za-z-]+),?\s+(?:such as|like|including)\s+" + _LISTED + r"{0,6}(?:[A-Z][a-z]{0,3}\.\s+)?$")
# A plural title shared by a list of names: "Sens. Harry Reid and Patrick Leahy", "Reps. A, B and C".
SHARED_TITLE = re.compile(r"\b(Sens\.|Senators|Reps\.|Representatives|Govs\.|Governors|Drs\.|Doctors|Professors|"
                          r"Justices|Generals|Gens\.)\s+" + _LISTED + r"{1,6}$")
PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "with", "for", "from", "by", "as", "while", "when",
                "since", "speaking", "asked", "according", "but", "and", "meanwhile", "still", "yet", "however"}


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
        inside = row.entity_type == "place" and re.search(r"[A-Z][\w.&'’-]*\s+$", phrase[:max(position, 0)])
        if position >= 0 and row.entity != speaker and not inside:
            found.append((position, row.entity, row.entity_type))
    return [(entity, kind) for _, entity, kind in sorted(set(found))]


def _from_role(phrase: str, last: bool, speaker: str, mentions, index, named: bool) -> tuple | None:
    """(specificity, type, evidence) from the role nouns of one phrase about the speaker, or None."""
    now = NOW_WITH.search(phrase) if not last else None
    if now:  # "a former intelligence officer now with the Brookings Institution"
        for name, kind in _organisations(now.group(1), speaker, mentions):
            found = _organisation_type(name, index)[0]
            if found and kind != "place":
                return 4, found, f"now with {name}"
        words = _find(now.group(1), "organisation", index)
        if words:
            return 4, words[0].source_type, f"now with '{words[0].term}'"
    marked = _find(phrase, "role", index, with_possessives=True)
    if not last and any(not p for _, p in marked):
        marked = [(r, p) for r, p in marked if not p]  # "the president's lawyer" is a lawyer
    roles = [r for r, _ in marked]
    if not roles and not last and re.match(r"\s*(?:with|of|from|at)\b", phrase):  # "Sheila Krumholz, with the …"
        for name, _ in _organisations(phrase, speaker, mentions):
            found = _organisation_type(name, index)[0]
            if found:
                return 3, found, f"with {name}"
    if not roles and last and re.search(r"\w['’]s?\s*$", phrase):  # "CNN’s Jake Tapper", "Vox’s Andrew Prokop"
        owner = re.split(r"[,;:()\"“”]", phrase)[-1]
        for name, kind in _organisations(owner, speaker, mentions):
            found = _organisation_type(name, index)[0]
            if found and kind != "place":
                return 3, found, f"of {name}"
        words = _find(owner, "organisation", index)
        if words:
            return 3, words[-1].source_type, f"of '{words[-1].term}'"
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
        words = _find(PORTFOLIO.sub(" ", phrase), "organisation", index)  # "of government affairs at …"
        if words:
            return 4, words[0].source_type, f"'{role.term}' of '{words[0].term}'"
        places = [name for name, kind in bodies if kind == "place"]
        if places:  # "a spokesman for Pakistan": its government; "the Mexican president": a politician
            own = role.source_type if role.source_type not in ("other", "anonymous") else "government/official"
            return 4, own, f"'{role.term}' of {places[0]}"
        fallback = "government/official" if anonymous else role.source_type
        return (2, fallback, f"'{role.term}' (no body named)") if fallback != "other" else None
    if role.source_type in ("politician", "government/official"):
        body = _body_of_title(phrase, role, last, speaker, mentions, index)
        if body:
            return 4, body[0], f"'{role.term}' of {body[1]}"
    return 4, role.source_type, f"'{role.term}'"


NON_STATE = ("NGO/monitor", "business", "media", "celebrity/sports", "expert/academic", "religious")


def _body_of_title(phrase: str, role, last: bool, speaker: str, mentions, index: dict) -> tuple[str, str] | None:
    """(type, name) of a non-state body a public-sounding title belongs to: "NRA President", "NFL Commissioner",
    "president of the NRA"; None when the title names no such body next to it."""
    at = phrase.lower().replace("’", "'").find(role.term)
    if at < 0:
        return None
    near = re.split(r"[,;:()\[\]—–\"“”]|\s-\s", phrase[:at])[-1] if last else phrase[at + len(role.term):]
    if not last and not re.match(r"s?(?:\s+and\s+[a-z-]+)?\s+(?:of|for|at)\s", near):
        return None
    for name, kind in _organisations(near, speaker, mentions):
        found = _organisation_type(name, index)[0]
        if kind != "place" and found in NON_STATE:
            return found, name
    words = [w for w in _find(near, "organisation", index) if w.source_type in NON_STATE]
    return (words[0].source_type, f"'{words[0].term}'") if words else None


def _speaker_evidence(speaker: str, phrases: list[str], contexts: list[tuple[str, bool]],
                      mentions: pd.DataFrame | None, index: dict) -> tuple[int, str, str]:
    """(specificity, type, evidence) for one speaker: the most specific evidence, the speaker phrases first."""
    candidates = []
    row = index["entity"].get(str(speaker).casefold()) if speaker else None
    if row is not None:
        candidates.append((5, row.source_type, f"entity row '{row.term}'"))
    for phrase in phrases:
        share = _poll_share(phrase, index) or _poll_share(speaker, index)
        if share:
            candidates.append(share)
            continue
        named = _person_named(speaker, phrase, mentions)
        parts = _phrase_parts(phrase, speaker, mentions)
        age = next((AGED.match(part) for part, last in parts if not last and AGED.match(part)), None)
        if age:  # "Jeffrey Hobbs, 49, of Ochlocknee": weaker than any role the phrase gives
            candidates.append((1, "citizen/witness", f"age '{age.group(1)}' and no role"))
        for part, last in parts:
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
        if AGE.match(phrase) and not last:  # the weakest evidence: any role, body or place wins over it
            candidates.append((1, "citizen/witness", f"age '{phrase.strip()}' and no role"))
    kind = _entity_type(speaker, mentions)
    if speaker and kind in ("organisation", "group"):
        found, term = _organisation_type(speaker, index)
        if found:
            candidates.append((3, found, f"organisation name: '{term}'"))
        roles = _find(speaker, "role", index) if kind == "group" else []
        if roles and roles[-1].source_type not in ("other", "anonymous"):  # "the California Democrat"
            candidates.append((3, roles[-1].source_type, f"group '{roles[-1].term}'"))
    if speaker and kind == "place":
        candidates.append((2, "government/official", "a place speaking (its government)"))
    if not candidates:
        return 0, "other", ""
    best = max(candidates, key=lambda c: c[0])  # max keeps the first of equals: phrases before contexts
    return best


def _poll_share(phrase: str, index: dict) -> tuple | None:
    """(6, type, evidence) for a share of a poll's respondents ("73 percent", "71 percent of respondents, including
    49 percent of Republicans"): citizens, or the role its "of …" names when that is a profession ("60 percent of
    economists"); a party or no role is the public's."""
    found = POLL_SHARE.match(str(phrase))
    if not found:
        return None
    rest = re.match(r"\s*of\s+([^,;(]+)", phrase[found.end():])
    roles = _find(rest.group(1), "role", index) if rest else []
    kind = roles[0].source_type if roles else ""
    if kind in ("", "other", "politician", "anonymous", "government/official"):
        return 6, "citizen/witness", f"a share of poll respondents: '{phrase.strip()[:40]}'"
    return 6, kind, f"a share of '{roles[0].term}'"


HEAD_END = re.compile(r"\s(?:to|of|for|at|with|from|in|on|by|who|which|that|whose|including)\s", re.IGNORECASE)


def _phrase_parts(phrase: str, speaker: str, mentions: pd.DataFrame | None) -> list[tuple[str, bool]]:
    """Where to look for the speaker's role in the speaker phrase: around the name when it names them (the
    words after it first: "Jim Walsh, a former congressman who …"), else the unnamed speaker's head noun and the
    phrase's first head, before any conjunction, preposition or relative clause ("Aides to the former president",
    "The president and his supporters")."""
    written = [] if mentions is None or mentions.empty or not speaker else sorted(
        set(mentions.loc[mentions["entity"] == speaker, "text"]), key=len, reverse=True)
    for name in written:
        at = phrase.find(name)
        if at >= 0:
            return [(phrase[at + len(name):], False), (phrase[:at], True)]
    head = CONJUNCT.split(HEAD_END.split(phrase)[0])[0]  # the first head wins: "US officials and Syrian activists"
    if speaker and (mentions is None or mentions.empty or speaker not in set(mentions["entity"])):
        return [(speaker, True), (head, True)]  # the attribution's own head noun ("her mother calling into CNN")
    return [(head, True), (phrase, True)]


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
        appositive = re.match(r"^\s*(\([^)]*\))?\s*,\s*(?:(\d{1,3})\s*,\s*)?([^,.;:\"“”()]{2,120})", after)
        if appositive:  # an age first ("Jeffrey Hobbs, 49, a farmer"): both
            found += [(appositive.group(2), False)] if appositive.group(2) else []
            found.append((appositive.group(3), False))
        if PARTY_TAG.match(after):
            found.append((after[:15], False))
        clause = re.split(r"[,;:(\[—–\"“”]|\b(?:and|said|says|told)\b", before)[-1].split()
        title = []
        while clause and (clause[-1][:1].isupper() or _words(clause[-1])[:1] and _words(clause[-1])[0] in
                          index["role words"] | {"of", "'s", "the"}) and len(title) < 6:
            title.insert(0, clause.pop())  # the title right before the name: "White House press secretary"
        if title:
            found.append((" ".join(title), True))
        example = EXAMPLE.search(before[-250:])
        if example:  # "consumers such as Natalie McCasling", "House Republicans, including …, Steve King and Mike …"
            found.append((example.group(1), True))
        shared = SHARED_TITLE.search(before[-250:])
        if shared:  # "Democratic Sens. Harry Reid and Patrick Leahy": the plural title is Leahy's too
            found.append((shared.group(1), True))
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
    resolved = {s: _article_entity(s, mentions) for s in set(table["speaker"]) if s}
    known = set() if mentions is None or mentions.empty else set(mentions["entity"])
    for speaker, part in table.groupby("speaker", sort=False):
        if speaker:
            entity = resolved[speaker]  # "Cornyn" the attribution left short: the article's "John Cornyn"
            if entity == speaker and " and " in speaker and speaker not in known:  # a group: typed by its first
                entity = _article_entity(re.split(r",\s|\s+and\s+", speaker)[0], mentions)
            decided[speaker] = _speaker_evidence(entity, list(dict.fromkeys(part["speaker_text"])),
                                                 _contexts(doc, mentions, entity, index), mentions, index)
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
    entities = [resolved.get(s, s) for s in table["speaker"]]
    table["speaker_gender"] = [genders.get(s, ("unknown", ""))[0] if s in people else "" for s in entities]
    table["gender_evidence"] = [genders.get(s, ("", ""))[1] if s in people else "" for s in entities]
    return table


def _article_entity(speaker: str, mentions: pd.DataFrame | None) -> str:
    """The article's entity a speaker stands for: itself when it is one, else the entity of the mention written
    like it, else the article's one person whose full name ends with it ("Cornyn" → "John Cornyn")."""
    if mentions is None or mentions.empty or speaker in set(mentions["entity"]):
        return speaker
    written = mentions.loc[mentions["text"] == speaker, "entity"]
    if len(written):
        return str(written.mode().iloc[0])
    people = set(mentions.loc[mentions["entity_type"] == "person", "entity"])
    found = candidates(speaker, people) if speaker[:1].isupper() else []
    return found[0] if len(found) == 1 else speaker
