"""Article-level statistics: ratio estimates with bootstrap intervals, permutation tests, Benjamini-Hochberg.

News data comes in articles: the quotes, sentences and words of one article are not independent, so the
unit of every resampling here is the article. A share or rate is a *ratio estimator* over articles,
sum(numerator) / sum(denominator) (e.g. anonymous quotes / all quotes): resample articles and recompute it.
scipy does the work (``bootstrap``, ``permutation_test``, ``false_discovery_control``); both resampling
functions get a seeded generator, so the same data always give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from helpers.config import BOOTSTRAP_RESAMPLES, FINDINGS_LEVEL, FINDINGS_SEED, MIN_GROUP_ARTICLES, PERMUTATIONS

BATCH = 200  # resamples evaluated at once: bounds memory at 5,000 articles


@dataclass(frozen=True)
class Estimate:
    """A ratio over articles and its interval: ``value`` = sum(num) / sum(den) over ``n_articles`` articles."""

    value: float
    low: float
    high: float
    n_articles: int


@dataclass(frozen=True)
class Comparison:
    """Group A against group B: ``difference`` A − B, ``ratio`` A / B (NaN when B is 0), two-sided ``p``."""

    difference: float
    ratio: float
    p: float
    n_a: int
    n_b: int


def usable(num, den) -> tuple[np.ndarray, np.ndarray]:
    """The articles a ratio applies to: those with a positive denominator (an article with no quote says
    nothing about the share of anonymous quotes). Returns float arrays."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    keep = den > 0
    return num[keep], den[keep]


def ratio(num, den) -> float:
    """sum(num) / sum(den), NaN when the denominator sums to 0."""
    total = float(np.sum(den))
    return float(np.sum(num)) / total if total > 0 else float("nan")


def _ratio_of(num: np.ndarray, den: np.ndarray):
    """A vectorised statistic over article positions: positions (…, n) → sum(num) / sum(den) along the last axis."""

    def statistic(positions, axis=-1):
        at = np.asarray(positions).astype(int)
        return num[at].sum(axis=axis) / den[at].sum(axis=axis)

    return statistic


def bootstrap_ratio(num, den, *, resamples: int = BOOTSTRAP_RESAMPLES, level: float = FINDINGS_LEVEL,
                    seed: int = FINDINGS_SEED) -> Estimate:
    """The ratio sum(num)/sum(den) over articles with a percentile bootstrap interval (articles resampled).

    Articles with a zero denominator are dropped first. With no article the estimate is NaN; with one, or
    when every resample gives the same ratio, the interval is the estimate itself.
    """
    num, den = usable(num, den)
    value = ratio(num, den)
    if len(num) < 2 or np.allclose(num * den.sum(), den * num.sum()):  # one article, or every article alike
        return Estimate(value, value, value, len(num))
    result = stats.bootstrap((np.arange(len(num)),), _ratio_of(num, den), n_resamples=resamples,
                             confidence_level=level, method="percentile", vectorized=True, batch=BATCH,
                             rng=np.random.default_rng(seed))
    interval = result.confidence_interval
    return Estimate(value, float(interval.low), float(interval.high), len(num))


def permutation_difference(num_a, den_a, num_b, den_b, *, permutations: int = PERMUTATIONS,
                           seed: int = FINDINGS_SEED) -> Comparison:
    """Is ratio(A) − ratio(B) larger than shuffling the group labels of the articles gives? Two-sided.

    The articles (with a positive denominator) of both groups are pooled and their labels permuted, keeping
    the group sizes (``scipy.stats.permutation_test``, independent samples); exact when there are at most
    ``permutations`` distinct relabellings.
    """
    num_a, den_a = usable(num_a, den_a)
    num_b, den_b = usable(num_b, den_b)
    ra, rb = ratio(num_a, den_a), ratio(num_b, den_b)
    difference = ra - rb
    times = ra / rb if rb > 0 and ra >= 0 else float("nan")  # a ratio only of positive quantities
    comparison = Comparison(difference, times, float("nan"), len(num_a), len(num_b))
    if len(num_a) == 0 or len(num_b) == 0:
        return comparison
    num, den = np.concatenate([num_a, num_b]), np.concatenate([den_a, den_b])
    of = _ratio_of(num, den)

    def statistic(a, b, axis=-1):
        return of(a, axis) - of(b, axis)

    positions = np.arange(len(num))
    result = stats.permutation_test((positions[:len(num_a)], positions[len(num_a):]), statistic,
                                    permutation_type="independent", n_resamples=permutations, vectorized=True,
                                    batch=BATCH, alternative="two-sided", rng=np.random.default_rng(seed))
    return Comparison(difference, comparison.ratio, float(result.pvalue), len(num_a), len(num_b))


def enough(n_articles: int, minimum: int = MIN_GROUP_ARTICLES) -> bool:
    """Whether a group has enough articles to be compared."""
    return n_articles >= minimum


def benjamini_hochberg(pvalues) -> np.ndarray:
    """Benjamini-Hochberg q-values (``scipy.stats.false_discovery_control``); NaN p-values stay NaN and are
    not counted as comparisons."""
    p = np.asarray(pvalues, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    if tested.any():
        q[tested] = stats.false_discovery_control(p[tested], method="bh")
    return q
