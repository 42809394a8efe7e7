"""Scoring extracted quotes against a hand-annotated gold set, as the Gender Gap Tracker scores its own.

Two gold formats, both read by tests, benchmarks and the framing notebook and passed in (nothing here knows
where they are):

* the example corpus's ``quotes.csv`` (article_id, quote, speaker): :func:`evaluate` matches by shared words;
* a gold set with the Gender Gap Tracker's conventions (``quotes_allsides.csv``: quote as written, kind
  direct / mixed / indirect, speaker as written and canonical): :func:`score_ggt` locates every gold quote
  in the article's text and matches by characters. An extracted quote matches a gold quote when it covers
  more than 30 % of the gold quote's characters (lenient) or more than 80 % (strict), one-to-one, gold
  quotes taken in reading order; *exact* when both spans are the same up to punctuation and spaces.
  Speakers are scored on the lenient matches: by phrase (the speaker as written shares a word with the
  annotated source as written) and by canonical name (last words compared: "Trump" = "Donald J. Trump").
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.text import words

# Gender Gap Tracker (docs/methods.md): quotes at 0.3 and 0.8 span overlap, and speakers, on 98 articles.
GGT_FIGURES = {"precision": 0.846, "recall": 0.827, "f1": 0.837, "speaker_accuracy": (0.865, 0.874)}
GGT_PUBLISHED = {"precision (lenient)": 0.846, "recall (lenient)": 0.827, "F1 lenient": 0.837,
                 "precision (strict)": 0.770, "recall (strict)": 0.752, "F1 strict": 0.761,
                 "speaker (phrase)": "0.865–0.874"}
SPEECH_KINDS = ("direct", "mixed", "indirect")
LENIENT, STRICT = 0.3, 0.8
_EDGE = " \t\n\"'“”‘’«»,.;:!?()[]—–-"
_NAME_SUFFIX = re.compile(r"[\s,]+(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_FUNCTION_WORDS = {"the", "a", "an", "of", "for", "and", "in", "at", "on", "to", "'s", "’s"}


def _words(text: str) -> list[str]:
    return [w.casefold() for w in words(str(text))]


def overlap(a: str, b: str) -> float:
    """Shared words of two quotes over the longer one's words (0 to 1)."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    common = sum((pd.Series(words_a).value_counts().combine(pd.Series(words_b).value_counts(), min,
                                                             fill_value=0)).clip(lower=0))
    return float(common) / max(len(words_a), len(words_b))


def match_gold(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> pd.DataFrame:
    """One-to-one matches of extracted quotes to gold quotes in the same article, best overlap first.

    Returns one row per gold quote and per unmatched extracted quote: ``gold``,
    ``found``, ``overlap``, ``gold_speaker``, ``found_speaker``, ``speaker_ok``.
    """
    pairs = []
    for article_id, part in gold.groupby("article_id"):
        mine = found[found["article_id"] == article_id]
        for g, gold_row in part.iterrows():
            for f, found_row in mine.iterrows():
                score = overlap(gold_row["quote"], found_row["quote"])
                if score >= threshold:
                    pairs.append((score, g, f))
    used_g, used_f, rows = set(), set(), []
    for score, g, f in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g in used_g or f in used_f:
            continue
        used_g.add(g)
        used_f.add(f)
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": found.at[f, "quote"],
                     "overlap": score, "gold_speaker": gold.at[g, "speaker"], "found_speaker": found.at[f, "speaker"],
                     "speaker_ok": _same(gold.at[g, "speaker"], found.at[f, "speaker"])})
    for g in gold.index.difference(list(used_g)):
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": "", "overlap": 0.0,
                     "gold_speaker": gold.at[g, "speaker"], "found_speaker": "", "speaker_ok": False})
    for f in found.index.difference(list(used_f)):
        if found.at[f, "article_id"] in set(gold["article_id"]):
            rows.append({"article_id": found.at[f, "article_id"], "gold": "", "found": found.at[f, "quote"],
                         "overlap": 0.0, "gold_speaker": "", "found_speaker": found.at[f, "speaker"],
                         "speaker_ok": False})
    return pd.DataFrame(rows, columns=["article_id", "gold", "found", "overlap", "gold_speaker", "found_speaker",
                                       "speaker_ok"])


def _same(a, b) -> bool:
    return str(a or "").strip().casefold() == str(b or "").strip().casefold()


def evaluate(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> dict[str, float]:
    """Precision, recall and F1 of quote spans at ``threshold`` word overlap, and speaker accuracy on matches."""
    matches = match_gold(found, gold, threshold)
    matched = matches[(matches["gold"] != "") & (matches["found"] != "")]
    n_found = int(found["article_id"].isin(set(gold["article_id"])).sum())
    precision = len(matched) / n_found if n_found else 0.0
    recall = len(matched) / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = float(matched["speaker_ok"].mean()) if len(matched) else 0.0
    return {"quotes_gold": len(gold), "quotes_found": n_found, "matched": len(matched), "precision": precision,
            "recall": recall, "f1": f1, "speaker_accuracy": speaker}


def load_gold(path: str | Path) -> pd.DataFrame:
    """A hand-annotated gold set as text columns (empty strings, never NaN)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def compare_with_ggt(scores: dict[str, float]) -> pd.DataFrame:
    """Our scores beside the Gender Gap Tracker's published ones (quotes at 0.3 overlap; speakers)."""
    rows = []
    for measure in ("precision", "recall", "f1", "speaker_accuracy"):
        published = GGT_FIGURES[measure]
        shown = (f"{published[0]:.1%} to {published[1]:.1%}" if isinstance(published, tuple)
                 else f"{published:.1%}")
        rows.append({"measure": measure, "this suite": f"{scores[measure]:.1%}", "Gender Gap Tracker": shown})
    return pd.DataFrame(rows)


# --- the Gender Gap Tracker's conventions: characters, lenient and strict --------------------------


def _squeezed(text: str, *, drop: bool = False) -> tuple[str, np.ndarray]:
    """``text`` with every run of whitespace folded to one space (``drop``: left out), and each kept
    character's offset."""
    kept, offsets, space = [], [], False
    for i, char in enumerate(text):
        if char.isspace():
            if not space and not drop:
                kept.append(" ")
                offsets.append(i)
            space = True
        else:
            kept.append(char)
            offsets.append(i)
            space = False
    return "".join(kept), np.array(offsets + [len(text)], dtype=int)


def locate(quotes: list[str], text: str) -> list[tuple[int, int] | None]:
    """(start, end) in ``text`` of each quote, in reading order; whitespace-insensitive, None when absent.

    A quote is looked for from the previous quote's start on (so that repeated words find their
    own occurrence), then anywhere; failing that, with all whitespace left out (the cleaner puts a
    space back between glued sentences: "the polls.The" in the raw file).
    """
    squeezed, offsets = _squeezed(text)
    bare, bare_offsets = _squeezed(text, drop=True)
    spans, since = [], 0
    for quote in quotes:
        needle = " ".join(str(quote).split())
        at = squeezed.find(needle, since) if needle else -1
        if at < 0 and needle:
            at = squeezed.find(needle)
        if at < 0 and needle:
            compact = "".join(needle.split())
            at_bare = bare.find(compact)
            if at_bare >= 0:
                start, end = int(bare_offsets[at_bare]), int(bare_offsets[at_bare + len(compact) - 1]) + 1
                since = int(np.searchsorted(offsets, start))
                spans.append((start, end))
                continue
        if at < 0:
            spans.append(None)
            continue
        since = at
        spans.append((int(offsets[at]), int(offsets[at + len(needle) - 1]) + 1))
    return spans


def _core(text: str) -> str:
    return " ".join(str(text).split()).strip(_EDGE)


def last_name(name: str) -> str:
    """The last word of a canonical name, casefolded, without accents, possessive or Jr./Sr. ("" for none).

    A description's head stands for it ("critics of the bill" → critics, on both sides: "Department of
    Justice" → department), and a parenthesis is dropped. Accents are spelling, not identity: "Calderon" (as
    one outlet writes it) is "Calderón".
    """
    name = re.sub(r"\s*\([^)]*\)", "", str(name or "")).strip()
    name = re.split(r"\s+(?:of|for|from|at|in|on|with|who|that)\s+", name)[0]
    name = _NAME_SUFFIX.sub("", name)
    tokens = _words(re.sub(r"[’']s$", "", name))
    if not tokens:
        return ""
    return "".join(c for c in unicodedata.normalize("NFKD", tokens[-1]) if not unicodedata.combining(c))


def same_speaker(gold: str, found: str) -> bool:
    """Canonical speakers compared as the GGT compares people: by last name; an acronym matches the
    name it abbreviates ("IRS", "Internal Revenue Service"); a plural matches its singular."""
    a, b = last_name(gold), last_name(found)
    if not a or not b:
        return False
    if a == b or a.rstrip("s") == b.rstrip("s"):
        return True
    short, long_ = sorted([str(gold).strip(), str(found).strip()], key=len)
    words_ = [w for w in re.split(r"[\s-]+", long_) if w[:1].isalpha()]
    return short.isupper() and len(words_) > 1 and short in {"".join(w[0].upper() for w in words_),
                                                             "".join(w[0] for w in words_ if w[0].isupper())}


def same_phrase(gold_text: str, found_text: str) -> bool:
    """The speaker as written shares a word (not a function word) with the annotated source phrase."""
    gold_words = set(_words(gold_text)) - _FUNCTION_WORDS
    return bool(gold_words & (set(_words(found_text)) - _FUNCTION_WORDS))


def ggt_matches(found: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str], *,
                articles: list[str] | None = None) -> pd.DataFrame:
    """Every gold quote and every extracted quote of the gold articles, paired one-to-one.

    ``found`` has the ``quotes`` table's columns; ``gold`` has ``article_id, kind, quote, speaker_text,
    speaker`` (and anything else, kept); ``texts`` maps article ids to ``articles.text``. Each gold quote,
    in reading order, takes the unused extracted quote that covers most of its characters. Returns the
    gold rows with ``gold_start, gold_end, found_index, coverage, exact`` and extracted rows left over
    (``found_index`` set, no gold). ``articles`` are the annotated articles, some maybe without any
    quote (default: the gold's).
    """
    rows = []
    found = found.reset_index(drop=True)
    articles = sorted(set(gold["article_id"]) if articles is None else set(articles))
    for article_id in articles:
        part = gold[gold["article_id"] == article_id]
        text = texts.get(article_id, "")
        mine = found[found["article_id"] == article_id].sort_values("start_char")
        spans = locate(list(part["quote"]), text)
        order = sorted(range(len(part)), key=lambda i: (spans[i] or (len(text), 0))[0])
        used: set = set()
        for i in order:
            g = part.iloc[i].to_dict()
            span = spans[i]
            best, coverage = None, 0.0
            if span is not None:
                length = max(1, span[1] - span[0])
                for f, row in mine.iterrows():
                    if f in used:
                        continue
                    shared = min(span[1], row["end_char"]) - max(span[0], row["start_char"])
                    if shared / length > coverage:
                        best, coverage = f, shared / length
            if best is not None and coverage > LENIENT:
                used.add(best)
            else:
                best, coverage = None, max(coverage, 0.0)
            exact = best is not None and _core(text[span[0]:span[1]]) == _core(found.at[best, "quote"])
            rows.append({**g, "gold_start": span[0] if span else -1, "gold_end": span[1] if span else -1,
                         "found_index": best, "coverage": coverage, "exact": exact})
        for f in mine.index.difference(list(used)):
            rows.append({"article_id": article_id, "found_index": f, "coverage": 0.0, "exact": False})
    table = pd.DataFrame(rows, columns=list(gold.columns) + ["gold_start", "gold_end", "found_index", "coverage",
                                                             "exact"])
    for column in ("found_quote", "found_kind", "found_speaker", "found_speaker_text"):
        source = column.removeprefix("found_")
        table[column] = [found.at[f, source] if pd.notna(f) else "" for f in table["found_index"]]
    table["speaker_phrase_ok"] = [_phrase_ok(r) for r in table.itertuples()]
    table["speaker_name_ok"] = [same_speaker(r.speaker, r.found_speaker) if isinstance(r.quote, str) else False
                                for r in table.itertuples()]
    return table


def _phrase_ok(row) -> bool:
    if not isinstance(row.quote, str):
        return False
    if row.speaker_text:
        return same_phrase(row.speaker_text, row.found_speaker_text)
    # no source phrase in the sentence (a quote that goes on): the carried-over speaker decides
    return same_speaker(row.speaker, row.found_speaker)


def score_ggt(found: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str], *,
              articles: list[str] | None = None) -> dict[str, float]:
    """Lenient, strict and exact precision / recall / F1 and speaker accuracy, with the GGT's conventions.

    Only extracted quotes of the annotated ``articles`` count (default: the gold's articles; pass them
    all when some have no quote); speaker accuracy is over the lenient matches.
    """
    articles = sorted(set(gold["article_id"]) if articles is None else set(articles))
    gold = gold[gold["kind"].isin(SPEECH_KINDS)]
    table = ggt_matches(found, gold, texts, articles=articles)
    is_gold = table["quote"].notna()
    n_gold = int(is_gold.sum())
    n_found = int(found["article_id"].isin(articles).sum())
    matched = table[is_gold & table["found_index"].notna()]
    scores: dict[str, float] = {"articles": len(articles), "gold": n_gold, "found": n_found}
    for name, hits in (("lenient", len(matched)), ("strict", int((matched["coverage"] > STRICT).sum())),
                       ("exact", int(matched["exact"].sum()))):
        precision = hits / n_found if n_found else 0.0
        recall = hits / n_gold if n_gold else 0.0
        scores[f"precision_{name}"] = precision
        scores[f"recall_{name}"] = recall
        scores[f"f1_{name}"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scores["speaker_phrase"] = float(matched["speaker_phrase_ok"].mean()) if len(matched) else 0.0
    scores["speaker_name"] = float(matched["speaker_name_ok"].mean()) if len(matched) else 0.0
    if "speaker_gender" in matched:  # the GGT's own concern: people (a gender annotated, even "unknown")
        people = matched[matched["speaker_gender"].fillna("") != ""]
        scores["speaker_name_people"] = float(people["speaker_name_ok"].mean()) if len(people) else 0.0
    for kind in SPEECH_KINDS:
        of_kind = table[is_gold & (table["kind"] == kind)]
        scores[f"recall_{kind}"] = float(of_kind["found_index"].notna().mean()) if len(of_kind) else 0.0
    return scores


def ggt_table(scores: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Named score sets (e.g. dev, test) beside the Gender Gap Tracker's published figures."""
    measures = {"precision (lenient)": "precision_lenient", "recall (lenient)": "recall_lenient",
                "F1 lenient": "f1_lenient", "precision (strict)": "precision_strict",
                "recall (strict)": "recall_strict", "F1 strict": "f1_strict", "F1 exact": "f1_exact",
                "speaker (phrase)": "speaker_phrase", "speaker (canonical name)": "speaker_name",
                "speaker (canonical name, people only)": "speaker_name_people"}
    rows = []
    for shown, key in measures.items():
        row = {"measure": shown}
        row.update({name: round(float(values[key]), 3) for name, values in scores.items() if key in values})
        row["Gender Gap Tracker (own test set)"] = GGT_PUBLISHED.get(shown, "")
        rows.append(row)
    return pd.DataFrame(rows)
