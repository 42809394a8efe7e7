"""Aligning two texts: the passages they share, exactly or nearly, grown from shared word n-grams."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from helpers.config import MAX_GAP, MIN_PASSAGE_WORDS, SEED_SIZE
from helpers.reuse.text import shingle_hashes, word_ids


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

    A mismatch is tolerated when both texts match again (two words)
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
                a1, b1 = a0 + step, b0 + step  # two words must match again: this one and the next
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
