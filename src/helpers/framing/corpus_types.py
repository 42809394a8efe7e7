"""Source types across a corpus: a speaker an article leaves "other" takes the type the other articles give them."""

from __future__ import annotations

from collections import Counter

import pandas as pd


def with_corpus_types(quotes: pd.DataFrame) -> pd.DataFrame:
    """A named speaker typed "other" in an article takes the type most of their quotes have elsewhere in the
    corpus (evidence "corpus: …"), a lone surname that of the corpus's one typed speaker with it; one type per
    speaker and article still."""
    if quotes.empty:
        return quotes
    named = quotes["speaker"].map(lambda s: any(w[:1].isupper() for w in str(s).split()))  # not "statement"
    known = quotes[named & ~quotes["speaker_type"].isin(["other", "unattributed"])]
    best = {}
    for speaker, part in known.groupby("speaker"):
        counts = Counter(part["speaker_type"])
        kind = max(counts, key=lambda k: (counts[k], k))
        evidence = part.loc[part["speaker_type"] == kind, "type_evidence"].mode().iloc[0]
        best[speaker] = (kind, f"corpus: {evidence} ({part['article_id'].nunique()} articles)")
    by_surname: dict[str, list[str]] = {}
    for speaker in best:
        if len(speaker.split()) > 1:
            by_surname.setdefault(speaker.split()[-1], []).append(speaker)
    for speaker in set(quotes.loc[named & (quotes["speaker_type"] == "other"), "speaker"]) - set(best):
        full = by_surname.get(speaker, []) if len(speaker.split()) == 1 else []
        if len(full) == 1:  # "Cornyn", unnamed in its article, is the corpus's one typed "John Cornyn"
            best[speaker] = (best[full[0]][0], f"{best[full[0]][1]} as {full[0]}")
    table = quotes.copy()
    unknown = (table["speaker_type"] == "other") & table["speaker"].isin(best) & named
    table.loc[unknown, "type_evidence"] = table.loc[unknown, "speaker"].map(lambda s: best[s][1])
    table.loc[unknown, "speaker_type"] = table.loc[unknown, "speaker"].map(lambda s: best[s][0])
    return table
