"""Candidate pairs for text reuse: every pair in a small corpus, MinHash LSH over paragraph chunks in a large one."""

from __future__ import annotations

import itertools
import re

import numpy as np

from helpers.config import CHUNK_SHINGLES, LSH_BANDS, LSH_MIN_ARTICLES, MAX_BUCKET, NUM_PERM
from helpers.reuse.text import fmix64, shingle_hashes, word_offsets, words_of

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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
                    lsh_min_articles: int = LSH_MIN_ARTICLES, num_perm: int = NUM_PERM, bands: int = LSH_BANDS,
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
            keys = fmix64(keys * np.uint64(0x100000001B3) + column)  # the band's rows as one key
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
