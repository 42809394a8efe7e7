"""The source-type lexicons, read as one table and indexed for lookups (see :mod:`helpers.framing.sources`).

``source_types.csv`` (entities), ``source_roles.csv`` (titles and role nouns, with ``defers``) and
``organisation_types.csv`` (words of organisations' names and well-known names); :func:`organisation_type`
types a body from its name and :func:`keyword_source_type` a phrase from its last role noun.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from helpers.lexicons import load_lexicon, term_words

SOURCE_TYPES = ("government/official", "politician", "military", "police/security", "judiciary/legal",
                "expert/academic", "NGO/monitor", "business", "media", "religious", "militant group",
                "citizen/witness", "celebrity/sports", "anonymous", "other")
# Organisation acronyms that are also common words: they count only in capitals ("WHO", "ICE", "SEC").
CASED_TERMS = {"who", "ice", "sec", "un", "ap", "co", "us", "it", "aid"}
HEAD_OF_NAME = re.compile(r"\s(?:of|on|for|to|against|without|in)\s")
PREPOSITIONS = {"of", "on", "for", "to", "against", "without", "in"}
WORD = re.compile(r"[a-z0-9]+|'s\b")


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
    if kind == "organisation":  # "who" is the WHO only when written so
        kept = [n for n, row in enumerate(found) if row.term not in CASED_TERMS
                or re.search(rf"\b{re.escape(row.term.upper())}\b", str(text))]
        found, possessive = [found[n] for n in kept], {k for k, n in enumerate(kept) if n in possessive}
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
    head = HEAD_OF_NAME.split(str(name), maxsplit=1)
    if len(head) > 1 and not any(set(r.words) & PREPOSITIONS for r in found):
        # the head of a name comes before its first preposition: "Project on Government Oversight" is a project,
        # "Center for Public Integrity" a centre (a row with the preposition, "council on", still wins)
        found = _find(head[0], "organisation", index) or found
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
