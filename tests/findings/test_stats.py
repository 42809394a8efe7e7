"""The statistics helpers against values computed by hand, by enumeration, from a textbook, and by scipy."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy import stats

from helpers.findings.stats import benjamini_hochberg, bootstrap_ratio, permutation_difference, ratio


def test_the_permutation_test_on_three_against_three_articles_is_exact():
    # Pooled shares 1,0,1 | 0,0,0: of the 20 ways to pick group A's three articles, 4 hold both 1s (the
    # observed difference 2/3 or more): one-sided p = 4/20, two-sided 2 × 0.2.
    result = permutation_difference([1, 0, 1], [1, 1, 1], [0, 0, 0], [1, 1, 1])
    assert result.difference == pytest.approx(2 / 3)
    assert result.p == pytest.approx(0.4)


def test_the_permutation_test_of_a_ratio_matches_every_relabelling_enumerated():
    # Anonymous quotes / quotes of 4 + 3 articles with unequal numbers of quotes: enumerate all 35 splits.
    num = np.array([2, 0, 3, 1, 0, 0, 1], dtype=float)
    den = np.array([4, 2, 5, 3, 6, 2, 4], dtype=float)
    observed = ratio(num[:4], den[:4]) - ratio(num[4:], den[4:])
    null = []
    for chosen in itertools.combinations(range(7), 4):
        rest = [i for i in range(7) if i not in chosen]
        null.append(ratio(num[list(chosen)], den[list(chosen)]) - ratio(num[rest], den[rest]))
    null = np.array(null)
    eps = 1e-12
    expected = min(1.0, 2 * min(np.mean(null >= observed - eps), np.mean(null <= observed + eps)))
    result = permutation_difference(num[:4], den[:4], num[4:], den[4:])
    assert result.difference == pytest.approx(observed)
    assert result.ratio == pytest.approx(ratio(num[:4], den[:4]) / ratio(num[4:], den[4:]))
    assert result.p == pytest.approx(expected)


def test_benjamini_hochberg_on_the_textbook_p_values():
    # Benjamini & Hochberg (1995), section 4: 15 p-values, four rejected at 0.05.
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
         0.6528, 0.7590, 1.0000]
    # q_i = min over j ≥ i of p_j · 15 / j, worked by hand
    q_by_hand = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182,
                 0.714875, 0.753231, 0.813214, 1.0]
    q = benjamini_hochberg(p)
    assert q == pytest.approx(q_by_hand, abs=1e-6)
    assert int((q < 0.05).sum()) == 4


def test_benjamini_hochberg_counts_only_the_comparisons_tested():
    q = benjamini_hochberg([0.01, np.nan, 0.04])
    assert np.isnan(q[1])
    assert q[[0, 2]] == pytest.approx([0.02, 0.04])


def test_the_bootstrap_interval_is_scipys_paired_bootstrap_of_the_ratio_and_holds_the_value():
    rng = np.random.default_rng(1)
    den = rng.integers(1, 12, 60).astype(float)
    num = rng.binomial(den.astype(int), 0.2).astype(float)
    mine = bootstrap_ratio(num, den, resamples=999, seed=7)

    def statistic(n, d, axis=-1):
        return n.sum(axis=axis) / d.sum(axis=axis)

    theirs = stats.bootstrap((num, den), statistic, paired=True, vectorized=True, n_resamples=999,
                             method="percentile", batch=200, rng=np.random.default_rng(7)).confidence_interval
    assert mine.value == pytest.approx(num.sum() / den.sum())
    assert (mine.low, mine.high) == pytest.approx((theirs.low, theirs.high))
    assert mine.low < mine.value < mine.high
    assert mine.n_articles == 60


def test_the_same_seed_gives_the_same_interval_and_articles_without_denominator_are_left_out():
    first = bootstrap_ratio([1, 0, 2, 0, 1, 3], [4, 0, 5, 3, 2, 6])
    assert first == bootstrap_ratio([1, 0, 2, 0, 1, 3], [4, 0, 5, 3, 2, 6])
    assert first.n_articles == 5
    assert first.value == pytest.approx(7 / 20)


def test_one_article_or_identical_articles_give_the_value_as_its_own_interval():
    one = bootstrap_ratio([3], [10])
    assert (one.value, one.low, one.high, one.n_articles) == (0.3, 0.3, 0.3, 1)
    alike = bootstrap_ratio([1, 2, 3], [10, 20, 30])
    assert alike.low == alike.high == pytest.approx(0.1)
    nothing = bootstrap_ratio([0, 0], [0, 0])
    assert np.isnan(nothing.value) and nothing.n_articles == 0
