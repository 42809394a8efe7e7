"""Words and shingles for text reuse: normalised words with their offsets, stable hashes, containment."""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np

from helpers.config import SHINGLE_SIZE

_WORD = re.compile(r"\w+")


_WORD_SPLIT = re.compile(r"(\w+)")


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
    return fmix64(hashes)


def fmix64(h: np.ndarray) -> np.ndarray:
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
