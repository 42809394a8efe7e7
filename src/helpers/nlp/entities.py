"""Entity canonicalisation: from raw NER spans to countable actors and places.

Raw NER output is not fit to count: the same actor appears as "Lavrov",
"Sergey Lavrov" and "Mr Lavrov", as "IS", "ISIS" and "Daesh", and the small
model tags "Mayadeen" as a date. The rules here, applied in order and
recorded per mention in the ``rule`` column:

1. ``abbreviation``: "Deir Ezzor Military Council (DEMC)" makes "DEMC" mean the council in that article.
2. ``alias``: the editable alias table (``data/aliases.csv``) maps spellings and names of one actor or
   place to one entity, with its type; a trailing "group", "province", "city" … is tried without it.
3. ``gazetteer``: a span the gazetteer knows as a country or city is a place.
4. ``short name``: inside an article, a one-word name ("Lavrov", "al-Baghdadi's") is the longer name
   with the same last word ("Sergey Lavrov", "Abu Bakr al-Baghdadi").
5. ``as written``: otherwise the name as written, without "the" and possessives.

The type (person, organisation, group, place, other) comes from the alias
table when it has one, else from a vote over the article's mentions: the
model's labels, a personal title before the name (Mr, General …), full
names, and the gazetteer.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.lang.en.lex_attrs import like_num

from helpers.config import ALIASES_FILE
from helpers.nlp import gazetteer
from helpers.schema import ENTITY_TYPES, LABEL_TYPES
from helpers.text import GENERIC_TAILS, normalize_name

PERSON_TITLES = {
    "mr", "mrs", "ms", "dr", "president", "general", "gen", "minister", "sheikh", "king", "prince", "sen", "rep",
    "gov", "col", "colonel", "lt", "maj", "major", "commander", "leader", "spokesman", "spokeswoman", "ayatollah",
    "imam", "pope", "judge", "senator", "chancellor", "premier",
}
NAME_PREFIXES = re.compile(r"^(al|el|ad|as|an|ar|ash|at|az)-", re.IGNORECASE)
TYPE_PRIORITY = {name: rank for rank, name in enumerate(("person", "place", "organisation", "group", "other"))}
DEFAULT_ALIASES = ALIASES_FILE
# Labels of spans kept only when they look like a place the model mislabelled ("Mayadeen" as a DATE).
NUMERIC_LABELS = ("DATE", "TIME", "CARDINAL")
CALENDAR_WORDS = {name.casefold() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                               *calendar.day_name, *calendar.day_abbr)} | {
    "spring", "summer", "autumn", "fall", "winter", "today", "tonight", "yesterday", "tomorrow", "morning",
    "afternoon", "evening", "night", "week", "weekend", "month", "year", "decade", "century", "ramadan", "eid",
    "christmas", "easter"}


def name_key(name: str) -> str:
    """The last word of a name, without a title or an Arabic article prefix, case-folded."""
    words = [w for w in name.split() if w.rstrip(".").casefold() not in PERSON_TITLES]
    return NAME_PREFIXES.sub("", words[-1]).casefold() if words else ""


@dataclass
class AliasTable:
    """The editable table of aliases: alias → entity, type and (optionally) coordinates."""

    table: pd.DataFrame
    fingerprint: str = ""
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for row in self.table.itertuples():
            for alias in {row.alias, row.entity}:
                if self._case_sensitive(alias):
                    self._exact.setdefault(alias, row.entity)
                else:
                    self._folded.setdefault(alias.casefold(), row.entity)
        # An entity's type and coordinates come from its first row that has them (earlier tables win).
        self.types, self.coordinates = {}, {}
        for r in self.table.itertuples():
            if r.type:
                self.types.setdefault(r.entity, r.type)
            if r.lat and r.lon:
                self.coordinates.setdefault(r.entity, (float(r.lat), float(r.lon)))
        names = sorted(set(self.table["alias"]) | set(self.table["entity"]), key=len, reverse=True)
        exact = [re.escape(n) for n in names if self._case_sensitive(n)]
        folded = [re.escape(n) for n in names if not self._case_sensitive(n)]
        boundary = r"(?<![\w-])({})(?![\w-])"
        self._patterns = [re.compile(boundary.format("|".join(exact)))] if exact else []
        if folded:
            self._patterns.append(re.compile(boundary.format("|".join(folded)), re.IGNORECASE))

    @staticmethod
    def _case_sensitive(alias: str) -> bool:
        return len(alias) <= 4 or alias.replace(".", "").isupper()

    @classmethod
    def load(cls, *paths: str | Path) -> AliasTable:
        """Read alias tables (default ``data/aliases.csv``); columns alias, entity, type[, lat, lon, note].

        With several paths, an alias in an earlier table wins over the same alias in a later one.
        """
        tables, digest = [], hashlib.sha256()
        for path in map(Path, paths or (DEFAULT_ALIASES,)):
            digest.update(path.read_bytes())
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            missing = {"alias", "entity", "type"} - set(table.columns)
            if missing:
                raise ValueError(f"{path}: the alias table needs the columns {', '.join(sorted(missing))}")
            for column in ("lat", "lon", "note"):
                if column not in table.columns:
                    table[column] = ""
            table = table[["alias", "entity", "type", "lat", "lon", "note"]].map(str.strip)
            bad = table.loc[~table["type"].isin(("",) + ENTITY_TYPES), "type"]
            if len(bad):
                raise ValueError(f"{path}: unknown type {bad.iloc[0]!r}; use one of {', '.join(ENTITY_TYPES)}")
            tables.append(table[(table["alias"] != "") & (table["entity"] != "")])
        table = pd.concat(tables, ignore_index=True).drop_duplicates("alias", keep="first")
        return cls(table.reset_index(drop=True), digest.hexdigest()[:16])

    @classmethod
    def for_corpus(cls, raw_dir: str | Path | None) -> AliasTable:
        """The corpus folder's own ``aliases.csv`` (if any) over the suite's ``data/aliases.csv``."""
        own = Path(raw_dir) / "aliases.csv" if raw_dir else None
        return cls.load(own, DEFAULT_ALIASES) if own and own.exists() else cls.load(DEFAULT_ALIASES)

    def canonical(self, name: str) -> str | None:
        """The entity ``name`` stands for, trying it without a generic tail ("… group") too."""
        for candidate in (name, GENERIC_TAILS.sub("", name)):
            found = self._exact.get(candidate) or self._folded.get(candidate.casefold())
            if found:
                return found
        return None

    def scan(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every alias written in ``text`` (not inside hyphenated words)."""
        return [m.span() for pattern in self._patterns for m in pattern.finditer(text)]


@functools.cache
def default_aliases() -> AliasTable:
    """The suite's own alias table, ``data/aliases.csv``."""
    return AliasTable.load()


@dataclass
class _Candidate:
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


def article_mentions(features: dict, aliases: AliasTable) -> list[dict]:
    """Canonical mentions in one article, from its parse features (see :func:`helpers.nlp.doc_features`).

    Returns one dict per mention: ``sentence_id``, ``start_char``, ``end_char``,
    ``text`` (as written), ``label`` (spaCy's, empty when only the alias table
    found it), ``entity``, ``entity_type`` and ``rule``.
    """
    candidates = _candidates(features, aliases)
    local_abbreviations = _abbreviations(candidates, features["sentences"], aliases)
    for c in candidates:
        c.name = normalize_name(c.text)
        if c.name in local_abbreviations:
            c.entity, c.rule = local_abbreviations[c.name], "abbreviation"
        elif aliases.canonical(c.name):
            c.entity, c.rule = aliases.canonical(c.name), "alias"
        elif _looks_like_place(c.name) or _looks_like_place(GENERIC_TAILS.sub("", c.name)):
            c.entity, c.rule = GENERIC_TAILS.sub("", c.name), "gazetteer"
    _resolve_short_names(candidates, aliases)
    for c in candidates:
        if not c.entity:
            c.entity, c.rule = _strip_title(c.name), "as written"
    types = _decide_types(candidates, aliases)
    return [
        {"sentence_id": c.sentence_id, "start_char": c.start, "end_char": c.end, "text": c.text, "label": c.label,
         "entity": c.entity, "entity_type": types[c.entity], "rule": c.rule}
        for c in candidates if c.entity
    ]


def _candidates(features: dict, aliases: AliasTable) -> list[_Candidate]:
    """NER spans worth counting plus alias matches, without overlaps (longest first, alias-backed on ties)."""
    found = []
    ner_labels = {}
    for e in features["entities"]:
        ner_labels[(e["start"], e["end"])] = e["label"]
        name = normalize_name(e["text"])
        known = aliases.canonical(name) is not None
        if e["label"] in LABEL_TYPES or known or (e["label"] in NUMERIC_LABELS and not _is_number_or_date(name)
                                                   and _looks_like_place(name)):
            found.append(_Candidate(e["start"], e["end"], e["text"], e["label"], e["sentence_id"], e["before"], known))
    for sentence_id, sentence in enumerate(features["sentences"]):
        for start, end in aliases.scan(sentence["text"]):
            start, end = sentence["start"] + start, sentence["start"] + end
            text = sentence["text"][start - sentence["start"]:end - sentence["start"]]
            found.append(_Candidate(start, end, text, ner_labels.get((start, end), ""), sentence_id, "", True))
    found.sort(key=lambda c: (c.start, -(c.end - c.start), not c.from_alias))
    kept: list[_Candidate] = []
    taken: set[int] = set()  # character positions already covered by a kept candidate
    for candidate in sorted(found, key=lambda c: (-(c.end - c.start), not c.from_alias, c.start)):
        span = range(candidate.start, candidate.end)
        if not any(position in taken for position in span):
            kept.append(candidate)
            taken.update(span)
    return sorted(kept, key=lambda c: c.start)


def _abbreviations(candidates: list[_Candidate], sentences: list[dict], aliases: AliasTable) -> dict[str, str]:
    """Abbreviations an article defines, as in "Deir Ezzor Military Council (DEMC)"."""
    defined = {}
    for c in candidates:
        sentence = sentences[c.sentence_id]
        after = sentence["text"][c.end - sentence["start"]:]
        match = re.match(r"\s*\(([A-Z][A-Z0-9]{1,7})\)", after)
        if match and match[1] != normalize_name(c.text):
            name = normalize_name(c.text)
            defined[match[1]] = aliases.canonical(name) or _strip_title(name)
    return defined


def _resolve_short_names(candidates: list[_Candidate], aliases: AliasTable) -> None:
    """One-word names become the article's longer person name with the same last word."""
    full_names = defaultdict(set)
    for c in candidates:
        entity = c.entity or _strip_title(c.name)
        is_person = c.label == "PERSON" or aliases.types.get(entity) == "person"
        if is_person and len(entity.split()) >= 2:
            full_names[name_key(entity)].add(entity)
    for c in candidates:
        if c.rule in ("alias", "abbreviation", "gazetteer"):
            continue
        short = _strip_title(c.name)
        matches = full_names.get(name_key(short), set())
        if len(short.split()) == 1 and len(matches) == 1:
            c.entity, c.rule = next(iter(matches)), "short name"


def _looks_like_place(name: str) -> bool:
    """A capitalised name the gazetteer knows ("one" or "may" are GeoNames alternate names too)."""
    return len(name) >= 3 and name[:1].isupper() and not name.isdigit() and gazetteer.is_place(name)


def _is_number_or_date(name: str) -> bool:
    """True for "One", "Ten", "March", "Spring" …: number or calendar words that GeoNames also lists as places."""
    return any(like_num(word) or word.casefold() in CALENDAR_WORDS for word in re.findall(r"[\w-]+", name))


def _strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def _decide_types(candidates: list[_Candidate], aliases: AliasTable) -> dict[str, str]:
    """Each entity's type in this article: the alias table's, else a weighted vote of the evidence."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in candidates:
        kind = LABEL_TYPES.get(c.label)
        if kind:
            votes[c.entity][kind] += 0.5 if c.label == "NORP" else 2 if kind == "person" and " " in c.name else 1
        titles = c.before.split()[-1:] + c.name.split()[:1]
        if any(t.rstrip(".").casefold() in PERSON_TITLES for t in titles):
            votes[c.entity]["person"] += 3
        if c.rule == "gazetteer":
            votes[c.entity]["place"] += 1.5
    types = {}
    for entity in {c.entity for c in candidates}:
        if aliases.types.get(entity):
            types[entity] = aliases.types[entity]
        elif votes[entity]:
            types[entity] = max(votes[entity], key=lambda t: (votes[entity][t], -TYPE_PRIORITY[t]))
        else:
            types[entity] = "place" if _looks_like_place(entity) else "other"
    return types
