"""Uncertainty for the course's scores: 95 % intervals and paired comparisons.

Every score a notebook reports is an estimate from a few hundred examples; these helpers say how far it could
move. Wilson intervals for accuracies (Wilson 1927), percentile bootstrap intervals for any metric (Efron &
Tibshirani 1993), McNemar's exact test and a paired bootstrap for two models scored on the same examples
(Dietterich 1998; Koehn 2004). Checked against scipy and statsmodels in tests/test_stats.py.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "Interval",
    "McNemarResult",
    "PairedResult",
    "wilson_interval",
    "accuracy_interval",
    "bootstrap_interval",
    "mcnemar_test",
    "paired_bootstrap",
    "format_interval",
]


class Interval(NamedTuple):
    """A point estimate with the low and high ends of its confidence interval (same units as the estimate)."""

    estimate: float
    low: float
    high: float


class McNemarResult(NamedTuple):
    """Counts of examples only model A / only model B gets right, and the exact two-sided p-value."""

    a_only: int
    b_only: int
    p_value: float


class PairedResult(NamedTuple):
    """metric(A) − metric(B), its bootstrap interval, and the two-sided bootstrap p-value of "no difference"."""

    difference: float
    low: float
    high: float
    p_value: float


def _check_confidence(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}.")
    return confidence


def _z(confidence: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + _check_confidence(confidence) / 2))


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> Interval:
    """Wilson score interval of a proportion `successes / total` (Wilson 1927), as fractions in [0, 1].

    Defined at the edges (0 or `total` successes) where the normal-approximation interval collapses.
    Raises ValueError if `total` < 1, `successes` is outside [0, total], or `confidence` outside (0, 1).
    """
    if total < 1:
        raise ValueError(f"total must be at least 1 (an interval of no examples is undefined), got {total!r}.")
    if not 0 <= successes <= total:
        raise ValueError(f"successes must lie in [0, total={total}], got {successes!r}.")
    z = _z(confidence)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def accuracy_interval(correct: Any, confidence: float = 0.95) -> Interval:
    """Accuracy of a vector of per-example booleans `(N,)` with its Wilson interval (fractions)."""
    flags = np.asarray(correct, dtype=bool).ravel()
    return wilson_interval(int(flags.sum()), int(flags.size), confidence)


def _paired_arrays(arrays: Sequence[Any]) -> tuple[list[np.ndarray], int]:
    if not arrays:
        raise ValueError("give at least one array of per-example values to resample.")
    converted = [np.asarray(a, dtype=object) if not hasattr(a, "shape") else np.asarray(a) for a in arrays]
    sizes = {len(a) for a in converted}
    if len(sizes) != 1:
        raise ValueError(f"the arrays are resampled together, so they must have one length; got {sorted(sizes)}.")
    size = sizes.pop()
    if size < 1:
        raise ValueError("the arrays are empty: a bootstrap needs at least one example.")
    return converted, size


def _check_resamples(n_resamples: int) -> None:
    if n_resamples < 100:
        raise ValueError(f"n_resamples must be at least 100 for a 95 % interval, got {n_resamples!r}.")


def bootstrap_interval(metric: Callable[..., float], *arrays: Any, n_resamples: int = 1000,
                       confidence: float = 0.95, seed: int = 0) -> Interval:
    """Percentile bootstrap interval of `metric(*arrays)` (Efron & Tibshirani 1993), in the metric's own units.

    `arrays` are per-example sequences of one length N (sentences, questions …), resampled together by example
    index with replacement; `metric(*resampled)` returns a float. Raises ValueError for empty or unequal arrays.
    """
    _check_confidence(confidence)
    _check_resamples(n_resamples)
    data, size = _paired_arrays(arrays)
    rng = np.random.default_rng(seed)
    values = np.empty(n_resamples)
    for i in range(n_resamples):
        index = rng.integers(0, size, size)
        values[i] = metric(*(a[index] for a in data))
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return Interval(float(metric(*data)), float(low), float(high))


def mcnemar_test(correct_a: Any, correct_b: Any) -> McNemarResult:
    """McNemar's exact test for two classifiers scored on the same N examples (Dietterich 1998).

    `correct_a`, `correct_b`: per-example booleans `(N,)`. Only discordant examples count; with none the
    models cannot be told apart and the p-value is 1.0.
    """
    from scipy.stats import binomtest

    a = np.asarray(correct_a, dtype=bool).ravel()
    b = np.asarray(correct_b, dtype=bool).ravel()
    if a.shape != b.shape:
        raise ValueError(f"both models must be scored on the same examples: {a.size} vs {b.size} flags.")
    a_only, b_only = int((a & ~b).sum()), int((~a & b).sum())
    if a_only + b_only == 0:
        return McNemarResult(0, 0, 1.0)
    return McNemarResult(a_only, b_only, float(binomtest(a_only, a_only + b_only, 0.5).pvalue))


def paired_bootstrap(metric: Callable[[Any, Any], float], preds_a: Any, preds_b: Any, refs: Any,
                     n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0) -> PairedResult:
    """Paired bootstrap of metric(preds_a, refs) − metric(preds_b, refs) over the same examples (Koehn 2004).

    The p-value is twice the share of resamples whose difference falls on the other side of zero (capped at 1).
    """
    _check_confidence(confidence)
    _check_resamples(n_resamples)
    (pa, pb, ref), size = _paired_arrays([preds_a, preds_b, refs])
    rng = np.random.default_rng(seed)
    diffs = np.empty(n_resamples)
    for i in range(n_resamples):
        index = rng.integers(0, size, size)
        diffs[i] = metric(pa[index], ref[index]) - metric(pb[index], ref[index])
    observed = float(metric(pa, ref) - metric(pb, ref))
    tail = (1 - confidence) / 2
    low, high = np.quantile(diffs, [tail, 1 - tail])
    other_side = np.mean(diffs <= 0) if observed > 0 else np.mean(diffs >= 0)
    return PairedResult(observed, float(low), float(high), float(min(1.0, 2 * other_side)))


def format_interval(interval: Interval, scale: float = 100.0, digits: int = 1, unit: str = " %") -> str:
    """'85.8 % [83.1, 88.2]': the estimate and its interval times `scale`, rounded to `digits` decimals.

    Raises ValueError for `digits` that is not an int >= 0.
    """
    if not isinstance(digits, int) or digits < 0:
        raise ValueError(f"digits must be an int >= 0 (decimals shown), got {digits!r}.")
    est, low, high = (round(v * scale, digits) for v in interval)
    return f"{est:.{digits}f}{unit} [{low:.{digits}f}, {high:.{digits}f}]"
