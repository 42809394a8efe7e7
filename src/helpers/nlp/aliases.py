"""The editable alias table (``data/aliases.csv``): many names of one actor or place, with its type.

A corpus folder's own ``aliases.csv`` wins over the suite's table (:meth:`AliasTable.for_corpus`). Aliases
of four letters or fewer, or written in capitals, match case-sensitively ("IS" is not "is").
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.config import ALIASES_FILE
from helpers.schema import ENTITY_TYPES
from helpers.text import GENERIC_TAILS

DEFAULT_ALIASES = ALIASES_FILE


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
