"""Text reuse: which articles share passages, and which one most likely copied which.

Functions over the ``articles`` table. Words are normalised (lower case, no
punctuation, British spellings folded into American ones) so that "Defence"
and "Defense", curly and straight quotes do not break a match. Then:

- **containment** of a target article B in a source A: the share of B's word
  5-grams (shingles) that also occur in A, |S(A) ∩ S(B)| / |S(B)| (directional);
- **alignment**: the shared passages themselves, grown from shared 5-gram
  seeds and tolerating small changes (a word replaced, a few inserted or
  dropped), as character spans in each article's ``articles.text``;
- **derivation**: a METER-style label per article (Clough et al. 2002):
  wholly, partially or not derived from another article of the corpus, and
  which one it most likely derives from.

All pairs are compared in small corpora; above ``lsh_min_articles`` articles the
candidate pairs come from MinHash LSH over paragraph chunks (``datasketch``'s
MinHash permutations, banded with numpy), which finds copies, rewrites and
excerpts without comparing every pair, and only those are compared and
aligned. Outputs are sorted, so they are deterministic.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

SHINGLE_SIZE = 5  # words per shingle (passim's n-gram size)
SEED_SIZE = 4  # words a passage must share exactly to start
MAX_GAP = 4  # words each side may change, insert or drop inside a passage
RESYNC = 2  # words that must match again after a gap (fixed: _extend checks two)
MIN_PASSAGE_WORDS = 8  # shorter shared runs are set phrases, not reuse ("the Islamic State group said")
WHOLLY, PARTIALLY = 0.8, 0.2  # shares of the target's words in passages shared with its source
SCREEN = 0.05  # pairs below this containment both ways are not aligned (nothing to align)
LSH_MIN_ARTICLES = 300  # from this size on, candidate pairs come from MinHash LSH
NUM_PERM, BANDS = 64, 16  # MinHash signature length and LSH bands (4 rows each: Jaccard threshold about 0.5)
CHUNK_SHINGLES = 20  # paragraphs are merged into chunks of at least this many shingles for LSH
MAX_BUCKET = 50  # an LSH bucket shared by more texts is boilerplate, not reuse
DATE_SLACK_DAYS = {"day": 0, "": 0, "approximate": 1, "month": 31, "year": 366}
WIRE = re.compile(r"\b(AP|Associated Press|Reuters|AFP|Agence France[- ]Presse|PA|Press Association|UPI|dpa|"
                  r"ANSA|EFE|Xinhua|TASS|ANI|PTI|Kyodo|Yonhap)\b")

_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPELLING = {"programme": "program", "programmes": "programs", "grey": "gray", "tyre": "tire", "tyres": "tires",
             "cheque": "check", "aluminium": "aluminum", "whilst": "while", "amongst": "among"}
_SUFFIXES = [  # (British ending, American ending, shortest word it applies to)
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1", 6),  # colour, favourite; not four, hour, your
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1", 6),  # organise, organisation
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1", 6),  # analyse
    (re.compile(r"ence$"), "ense", 6),  # defence, licence, offence
    (re.compile(r"([^aeiou])re(s)?$"), r"\1er\2", 5),  # centre, theatre, metre
    (re.compile(r"ogue(s)?$"), r"og\1", 6),  # catalogue, dialogue
    (re.compile(r"([aeiou])ll(ed|ing|er|ers)$"), r"\1l\2", 6),  # travelled, cancelling
]


# --- words and shingles ------------------------------------------------------------------------


@functools.lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str:
    """A word lower-cased, with common British spellings folded into American ones (defence → defense)."""
    word = word.lower()
    if word in _SPELLING:
        return _SPELLING[word]
    for pattern, replacement, shortest in _SUFFIXES:
        if len(word) >= shortest and pattern.search(word):
            return pattern.sub(replacement, word)
    return word


def word_spans(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Normalised words of ``text`` with the character offsets [start, end) of each in ``text``.

    Punctuation separates words and is otherwise ignored: "al-Baghdadi’s" is
    the three words al, baghdadi, s, whatever the apostrophe.
    """
    starts, ends = word_offsets(text)
    return words_of(text), starts, ends


def words_of(text: str) -> list[str]:
    """The normalised words of ``text`` (:func:`word_spans` without the offsets)."""
    return [normalize_word(w) for w in _WORD.findall(str(text))]


@functools.lru_cache(maxsize=500_000)
def _raw_word_id(word: str) -> int:
    return _word_hash(normalize_word(word))


def ids_and_offsets(text: str) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """:func:`word_ids` of the words of ``text`` and their :func:`word_offsets`, in one pass (fast)."""
    parts = _WORD_SPLIT.split(str(text))
    bounds = np.concatenate([[0], np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))])
    words = parts[1::2]
    return np.fromiter(map(_raw_word_id, words), dtype=np.uint64, count=len(words)), (bounds[1:-1:2], bounds[2::2])


def word_offsets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Character offsets [start, end) of each word of ``text`` (the words of :func:`words_of`)."""
    parts = _WORD_SPLIT.split(str(text))  # separator, word, separator, word, …, separator
    bounds = np.concatenate([[0], np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))])
    return bounds[1:-1:2], bounds[2::2]


@functools.lru_cache(maxsize=500_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def word_ids(words: list[str]) -> np.ndarray:
    """A stable 64-bit hash of each word."""
    return np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))


def shingle_hashes(words: list[str] | np.ndarray, n: int = SHINGLE_SIZE) -> np.ndarray:
    """A stable 64-bit hash of each word n-gram of ``words`` (or their :func:`word_ids`), in text order
    (one for a text shorter than n)."""
    if not len(words):
        return np.zeros(0, dtype=np.uint64)
    ids = words if isinstance(words, np.ndarray) else word_ids(words)
    n = min(n, len(ids))
    hashes = np.zeros(len(ids) - n + 1, dtype=np.uint64)
    for k in range(n):
        hashes = hashes * np.uint64(0x100000001B3) + ids[k:len(ids) - n + 1 + k]  # wraps modulo 2**64
    return _fmix64(hashes)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spreads the bits of each value."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingles(words: list[str], n: int = SHINGLE_SIZE) -> set[int]:
    """The set of word n-grams of ``words``, as stable hashes (a text shorter than n words has one)."""
    return set(shingle_hashes(words, n).tolist())


def containment(source: set, target: set) -> float:
    """Containment of ``target`` in ``source``: |S(source) ∩ S(target)| / |S(target)|; 0 for an empty target."""
    return len(source & target) / len(target) if target else 0.0


# --- alignment ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A passage shared by two texts, as word positions [start, end) in each, and the words matched exactly."""

    target_start: int
    target_end: int
    source_start: int
    source_end: int
    n_matched: int


def _extend(t: np.ndarray, s: np.ndarray, i: int, j: int, step: int, max_gap: int,
            t_list: list[int], s_list: list[int]) -> tuple[int, int, int]:
    """Walk from target word i and source word j (word ids) in direction ``step`` (+1/-1) while the texts match.

    A mismatch is tolerated when both texts match again (``RESYNC`` words)
    within ``max_gap`` words on each side. Returns the last matched positions
    (i, j) and the number of words matched on the way. ``t_list`` and
    ``s_list`` are ``t`` and ``s`` as lists (faster to index one by one).
    """
    matched, last_i, last_j = 0, i - step, j - step
    m, n = len(t), len(s)
    while 0 <= i < m and 0 <= j < n:
        room = min(m - i, n - j) if step > 0 else min(i, j) + 1
        a = t[i:i + room] if step > 0 else t[i - room + 1:i + 1][::-1]
        b = s[j:j + room] if step > 0 else s[j - room + 1:j + 1][::-1]
        differ = np.flatnonzero(a != b)
        run = int(differ[0]) if len(differ) else room
        if run:
            matched += run
            i, j = i + step * run, j + step * run
            last_i, last_j = i - step, j - step
            if run == room:
                break
        jump = None
        for gap in range(1, 2 * max_gap + 1):
            for di in range(max(0, gap - max_gap), min(gap, max_gap) + 1):
                a0, b0 = i + step * di, j + step * (gap - di)
                a1, b1 = a0 + step, b0 + step  # RESYNC = 2 words: this one and the next
                if 0 <= a0 < m and 0 <= a1 < m and 0 <= b0 < n and 0 <= b1 < n \
                        and t_list[a0] == s_list[b0] and t_list[a1] == s_list[b1]:
                    jump = (a0, b0)
                    break
            if jump:
                break
        if jump is None:
            break
        i, j = jump
    return last_i, last_j, matched


def align_words(source: list[str], target: list[str], seed: int = SEED_SIZE, max_gap: int = MAX_GAP,
                min_words: int = MIN_PASSAGE_WORDS, source_ids: np.ndarray | None = None,
                target_ids: np.ndarray | None = None) -> list[Passage]:
    """Passages of ``target`` also in ``source`` (normalised word lists), in target order, not overlapping in target.

    Seeds are ``seed``-grams the two share; each grows both ways, across
    small differences (see :func:`_extend`). Passages need ``min_words``
    words matched exactly. Order-free: reordered paragraphs are found too.
    """
    source_ids = word_ids(source) if source_ids is None else source_ids  # precomputed: faster, words unused
    target_ids = word_ids(target) if target_ids is None else target_ids
    if len(source_ids) < seed or len(target_ids) < seed:
        return []
    source_keys, target_keys = shingle_hashes(source_ids, seed), shingle_hashes(target_ids, seed)
    source_list, target_list = source_keys.tolist(), target_keys.tolist()
    s_ids, t_ids = source_ids.tolist(), target_ids.tolist()
    common = set(source_list).intersection(target_list)
    index: dict[int, list[int]] = {}
    for j, key in enumerate(source_list):
        if key in common:
            index.setdefault(key, []).append(j)
    passages: list[Passage] = []
    covered_to = tried_to = 0
    for i in [i for i, key in enumerate(target_list) if key in common]:
        if i < covered_to or i < tried_to:  # inside a passage, or inside a run already too short to be one
            continue
        hits = index[target_list[i]]
        best = None
        for j in hits[:8]:  # a phrase repeated in the source: keep the longest passage
            end_i, end_j, forward = _extend(target_ids, source_ids, i, j, 1, max_gap, t_ids, s_ids)
            start_i, start_j, backward = _extend(target_ids, source_ids, i - 1, j - 1, -1, max_gap, t_ids, s_ids)
            if start_i > i - 1 or start_i < covered_to:  # nothing matched backwards, or it runs into the last one
                start_i, start_j, backward = i, j, 0
            found = Passage(start_i, end_i + 1, start_j, end_j + 1, forward + backward)
            if best is None or found.n_matched > best.n_matched:
                best = found
        if best.n_matched >= min_words:
            passages.append(best)
            covered_to = best.target_end
        else:
            tried_to = best.target_end
    return passages


def shared_word_count(passages: Iterable[Passage], side: str = "target") -> int:
    """Words of one side (``target`` or ``source``) inside the passages, each word counted once."""
    spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in passages)
    total, reach = 0, 0
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


# --- candidate pairs ---------------------------------------------------------------------------


def minhash_signatures(hash_sets: list[np.ndarray], num_perm: int = NUM_PERM, seed: int = 1) -> np.ndarray:
    """MinHash signature (``num_perm`` uint32 values) of each array of shingle hashes, one row each.

    The same values as ``datasketch.MinHash(num_perm, seed)`` (its default
    affine32 scheme) fed the low 32 bits of each hash, computed for all sets
    at once with numpy. An empty set's row is all 2**32 - 1.
    """
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    sizes = np.array([len(h) for h in hash_sets])
    signatures = np.full((len(hash_sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    filled = np.flatnonzero(sizes)
    if not len(filled):
        return signatures
    values = np.concatenate([hash_sets[i] for i in filled]).astype(np.uint32)  # low 32 bits
    s1, m1, s2, m2, s3 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    values = values ^ (values >> s3)
    offsets = np.concatenate([[0], np.cumsum(sizes[filled])[:-1]])
    for k in range(num_perm):
        signatures[filled, k] = np.minimum.reduceat(values * a[k] + b[k], offsets)
    return signatures


def chunks(text: str, n_shingles: int, starts: np.ndarray | None = None,
           min_shingles: int = CHUNK_SHINGLES) -> np.ndarray:
    """For each shingle of ``text`` (by its first word, at character ``starts``), the chunk it belongs to.

    Chunks are paragraphs (blank-line separated), short ones merged with the
    next until a chunk has ``min_shingles`` shingles: an excerpt or a
    reordering keeps whole paragraphs, so its chunks stay identical.
    """
    starts = word_offsets(text)[0] if starts is None else starts
    breaks = np.array([m.start() for m in _PARAGRAPH_BREAK.finditer(str(text))], dtype=np.int64)
    paragraph = np.searchsorted(breaks, starts[:n_shingles])
    counts = np.bincount(paragraph, minlength=len(breaks) + 1).tolist()
    numbers, number, size = [], 0, 0
    for count in counts:
        if size >= min_shingles and count:
            number, size = number + 1, 0
        numbers.append(number)
        size += count
    return np.array(numbers, dtype=np.int64)[paragraph]


def candidate_pairs(texts: list[str], hashes: list[np.ndarray] | None = None,
                    lsh_min_articles: int = LSH_MIN_ARTICLES, num_perm: int = NUM_PERM, bands: int = BANDS,
                    max_bucket: int = MAX_BUCKET, starts: list[np.ndarray] | None = None) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of positions in ``texts`` worth comparing, sorted.

    Fewer than ``lsh_min_articles`` texts: every pair. Otherwise MinHash LSH
    (Broder 1997; Leskovec et al., *Mining of Massive Datasets*, ch. 3) over
    each text's chunks (:func:`chunks`): two texts are a candidate pair when
    one of their chunks agrees with one of the other's on all the rows of a
    band of the MinHash signatures, which is likely when the chunks' Jaccard
    similarity is above about (1/bands)^(bands/num_perm) (0.5 by default).
    Working on chunks rather than whole texts finds excerpts, whose
    similarity to the whole source is low. A bucket holding more than
    ``max_bucket`` texts is boilerplate shared by many (a newsletter footer),
    not reuse, and is skipped, as passim skips its most frequent n-grams.
    """
    n = len(texts)
    if n < lsh_min_articles:
        return list(itertools.combinations(range(n), 2))
    hashes = hashes if hashes is not None else [shingle_hashes(words_of(t)) for t in texts]
    hash_sets, owners = [], []
    for i, (text, found) in enumerate(zip(texts, hashes, strict=True)):
        if not len(found):
            continue
        chunk = chunks(text, len(found), None if starts is None else starts[i])
        bounds = np.flatnonzero(np.diff(chunk)) + 1
        for part in np.split(found, bounds):
            hash_sets.append(part)  # repeated shingles do not change a MinHash
            owners.append(i)
    owners_a = np.array(owners, dtype=np.int64)
    signatures = minhash_signatures(hash_sets, num_perm)
    rows = num_perm // bands
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        keys = np.zeros(len(signatures), dtype=np.uint64)
        for column in signatures[:, band * rows:(band + 1) * rows].T.astype(np.uint64):
            keys = _fmix64(keys * np.uint64(0x100000001B3) + column)  # the band's rows as one key
        _, bucket = np.unique(keys, return_inverse=True)
        members = np.unique(bucket.ravel().astype(np.int64) * len(texts) + owners_a)  # (bucket, text), once each
        member_bucket, member_text = np.divmod(members, len(texts))
        _, first, size = np.unique(member_bucket, return_index=True, return_counts=True)
        two = first[size == 2]
        pairs.update(zip(member_text[two].tolist(), member_text[two + 1].tolist(), strict=True))
        larger = (size > 2) & (size <= max_bucket)
        for start, count in zip(first[larger].tolist(), size[larger].tolist(), strict=True):
            pairs.update(itertools.combinations(member_text[start:start + count].tolist(), 2))
    return sorted(pairs)


# --- the tables --------------------------------------------------------------------------------


def compare_pairs(articles: pd.DataFrame, lsh_min_articles: int = LSH_MIN_ARTICLES) -> tuple[pd.DataFrame,
                                                                                                pd.DataFrame]:
    """Containment and shared passages for every candidate pair of ``articles`` (needs article_id, text).

    Returns (``reuse`` rows without labels, ``reuse_passages``): one row per
    ordered pair (source, target) in both directions, with ``containment``
    of the target in the source, ``shared_words`` (target words inside the
    shared passages) and ``share`` (those words over the target's words).
    """
    ids, texts = list(articles["article_id"]), [str(t) for t in articles["text"]]
    hashed, offsets = zip(*(ids_and_offsets(t) for t in texts), strict=True) if texts else ((), ())
    hashes = [shingle_hashes(w) for w in hashed]
    unique = [np.unique(h) for h in hashes]
    rows, passage_rows = [], []
    for a, b in candidate_pairs(texts, hashes, lsh_min_articles, starts=[o[0] for o in offsets]):
        common = len(np.intersect1d(unique[a], unique[b], assume_unique=True))
        c_ba, c_ab = common / max(len(unique[b]), 1), common / max(len(unique[a]), 1)
        passages = (align_words([], [], source_ids=hashed[a], target_ids=hashed[b])
                    if max(c_ab, c_ba) >= SCREEN or len(ids) < 50 else [])
        for (src, tgt, c, src_side, tgt_side) in ((a, b, c_ba, "source", "target"), (b, a, c_ab, "target", "source")):
            shared = shared_word_count(passages, tgt_side)
            rows.append({"source_id": ids[src], "target_id": ids[tgt], "containment": c, "shared_words": shared,
                         "share": shared / max(len(hashed[tgt]), 1), "n_passages": len(passages)})
            for number, p in enumerate(sorted(passages, key=lambda p: getattr(p, f"{tgt_side}_start"))):
                t0, t1 = getattr(p, f"{tgt_side}_start"), getattr(p, f"{tgt_side}_end")
                s0, s1 = getattr(p, f"{src_side}_start"), getattr(p, f"{src_side}_end")
                t_start, t_end = int(offsets[tgt][0][t0]), int(offsets[tgt][1][t1 - 1])
                passage_rows.append({
                    "source_id": ids[src], "target_id": ids[tgt], "passage_id": number,
                    "target_start": t_start, "target_end": t_end,
                    "source_start": int(offsets[src][0][s0]), "source_end": int(offsets[src][1][s1 - 1]),
                    "n_words": t1 - t0, "n_matched": p.n_matched, "text": texts[tgt][t_start:t_end],
                })
    reuse = pd.DataFrame(rows, columns=["source_id", "target_id", "containment", "shared_words", "share",
                                        "n_passages"])
    passages = pd.DataFrame(passage_rows, columns=["source_id", "target_id", "passage_id", "target_start",
                                                   "target_end", "source_start", "source_end", "n_words",
                                                   "n_matched", "text"])
    return (reuse.sort_values(["source_id", "target_id"]).reset_index(drop=True),
            passages.sort_values(["source_id", "target_id", "passage_id"]).reset_index(drop=True))


def label_for(share: float) -> str:
    """METER's three classes from the share of an article's words shared with its source."""
    if share >= WHOLLY:
        return "wholly derived"
    if share >= PARTIALLY:
        return "partially derived"
    return "not derived"


def is_wire_copy(article: pd.Series | dict) -> bool:
    """True when the article's dateline or outlet names a news agency (AP, Reuters, AFP …)."""
    return bool(WIRE.search(f"{article.get('dateline', '') or ''} | {article.get('outlet', '') or ''}"))


def earlier(a: dict, b: dict, share_a_in_b: float, share_b_in_a: float) -> tuple[bool, str]:
    """Whether article ``a`` is the original of ``b`` (rather than a copy of it), and the rule that decided.

    In order: publication dates, when they differ by more than their
    precision allows; wire copy (a dateline or outlet naming a news agency)
    before other outlets; the article less contained in the other (a copy
    usually cuts its source); the article id.
    """
    date_a, date_b = a.get("published"), b.get("published")
    if pd.notna(date_a) and pd.notna(date_b):
        slack = sum(DATE_SLACK_DAYS.get(x.get("date_precision", ""), 1) for x in (a, b))
        days = (pd.Timestamp(date_b) - pd.Timestamp(date_a)).days
        if abs(days) > slack:
            return days > 0, "earlier date"
    wire_a, wire_b = is_wire_copy(a), is_wire_copy(b)
    if wire_a != wire_b:
        return wire_a, "wire copy"
    if round(share_a_in_b, 6) != round(share_b_in_a, 6):
        return share_b_in_a > share_a_in_b, "less contained"
    return a["article_id"] < b["article_id"], "article id"


def derivation(articles: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """One row per article: its METER label, the article it most likely derives from, and why that one.

    A candidate source shares at least ``PARTIALLY`` of the article's words
    and is not itself judged a copy of the article (see :func:`earlier`);
    the most likely source shares the most words, earlier date first on ties.
    """
    info = {row["article_id"]: row for row in articles.to_dict("records")}
    share = {(r.source_id, r.target_id): r.share for r in reuse.itertuples()}
    found = []
    for article_id in sorted(info):
        candidates = []
        for r in reuse[(reuse["target_id"] == article_id) & (reuse["share"] >= PARTIALLY)].itertuples():
            original, rule = earlier(info[r.source_id], info[article_id], share.get((article_id, r.source_id), 0.0),
                                     r.share)
            if original:
                date = info[r.source_id].get("published")
                candidates.append((-r.share, pd.Timestamp(date) if pd.notna(date) else pd.Timestamp.max,
                                   r.source_id, r, rule))
        if candidates:
            _, _, source_id, r, rule = min(candidates)
            found.append({"article_id": article_id, "label": label_for(r.share), "source_id": source_id,
                          "share": r.share, "containment": r.containment, "shared_words": r.shared_words,
                          "decided_by": rule})
        else:
            found.append({"article_id": article_id, "label": "not derived", "source_id": "", "share": 0.0,
                          "containment": 0.0, "shared_words": 0, "decided_by": ""})
    return pd.DataFrame(found, columns=["article_id", "label", "source_id", "share", "containment", "shared_words",
                                        "decided_by"])


def reuse_tables(articles: pd.DataFrame, lsh_min_articles: int = LSH_MIN_ARTICLES) -> dict[str, pd.DataFrame]:
    """The ``reuse``, ``reuse_passages`` and ``derivation`` tables of ``articles``.

    ``reuse.label`` is the METER label of the target with respect to that
    source alone, and ``is_derivation`` marks the pair chosen in ``derivation``.
    """
    reuse, passages = compare_pairs(articles, lsh_min_articles)
    derived = derivation(articles, reuse)
    reuse["label"] = reuse["share"].map(label_for)
    chosen = set(zip(derived["source_id"], derived["article_id"], strict=True))
    reuse["is_derivation"] = [(s, t) in chosen for s, t in zip(reuse["source_id"], reuse["target_id"], strict=True)]
    return {"reuse": reuse, "reuse_passages": passages, "derivation": derived}


def containment_matrix(reuse: pd.DataFrame, article_ids: list[str], column: str = "containment") -> pd.DataFrame:
    """``column`` of ``reuse`` as a square table: rows are sources, columns targets (diagonal and missing: 0)."""
    matrix = reuse.pivot(index="source_id", columns="target_id", values=column)
    return matrix.reindex(index=article_ids, columns=article_ids).fillna(0.0)


def top_pair(reuse: pd.DataFrame) -> tuple[str, str] | None:
    """The (source, target) of the most telling pair: the chosen derivation sharing the most, else the top share."""
    if reuse.empty or reuse["share"].max() <= 0:
        return None
    ranked = reuse.sort_values(["is_derivation", "share", "source_id", "target_id"],
                               ascending=[False, False, True, True])
    row = ranked.iloc[0]
    return row["source_id"], row["target_id"]


def origins(derivation: pd.DataFrame) -> pd.DataFrame:
    """Each article's independent origin in the corpus: itself when not derived, else its source's origin.

    Returns article_id, label, origin_id and steps (derivations between the
    article and its origin, 0 for an original); a cycle stops at the article
    where it would repeat.
    """
    source = dict(zip(derivation["article_id"], derivation["source_id"], strict=True))
    rows = []
    for article_id, label in zip(derivation["article_id"], derivation["label"], strict=True):
        seen, current = [article_id], article_id
        while source.get(current) and source[current] not in seen:
            current = source[current]
            seen.append(current)
        rows.append({"article_id": article_id, "label": label, "origin_id": current, "steps": len(seen) - 1})
    return pd.DataFrame(rows, columns=["article_id", "label", "origin_id", "steps"]).sort_values(
        "article_id").reset_index(drop=True)
