"""bertviz_lite.stats agrees with scipy and statsmodels, and answers edge cases with a value or a clear error."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest
from scipy.stats import bootstrap as scipy_bootstrap
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

from bertviz_lite import stats


@pytest.mark.parametrize("successes,total", [(0, 10), (1, 10), (5, 10), (10, 10), (172, 200), (689, 872), (1, 1)])
def test_wilson_matches_statsmodels_and_scipy(successes: int, total: int) -> None:
    ours = stats.wilson_interval(successes, total)
    low, high = proportion_confint(successes, total, alpha=0.05, method="wilson")
    assert ours.estimate == pytest.approx(successes / total)
    assert (ours.low, ours.high) == pytest.approx((low, high), abs=1e-12)
    ci = binomtest(successes, total).proportion_ci(confidence_level=0.95, method="wilson")
    assert (ours.low, ours.high) == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_wilson_other_confidence_is_narrower() -> None:
    wide, narrow = stats.wilson_interval(30, 50, 0.99), stats.wilson_interval(30, 50, 0.80)
    assert narrow.low > wide.low and narrow.high < wide.high
    low, high = proportion_confint(30, 50, alpha=0.2, method="wilson")
    assert (narrow.low, narrow.high) == pytest.approx((low, high), abs=1e-12)


@pytest.mark.parametrize("args,needle", [
    ((0, 0), "total"), ((-1, 5), "successes"), ((6, 5), "successes"),
])
def test_wilson_rejects_impossible_counts(args: tuple, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        stats.wilson_interval(*args)


@pytest.mark.parametrize("confidence", [0.0, 1.0, 1.5, -0.1])
def test_confidence_outside_zero_one_is_refused(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        stats.wilson_interval(3, 10, confidence)


def test_accuracy_interval_counts_flags() -> None:
    assert stats.accuracy_interval([True, False, True, True]) == stats.wilson_interval(3, 4)
    with pytest.raises(ValueError, match="total"):
        stats.accuracy_interval([])


def test_bootstrap_of_a_mean_agrees_with_scipy_percentile_bootstrap() -> None:
    rng = np.random.default_rng(1)
    scores = rng.uniform(0, 100, 300)
    ours = stats.bootstrap_interval(np.mean, scores, n_resamples=4000, seed=3)
    ref = scipy_bootstrap((scores,), np.mean, n_resamples=4000, method="percentile", random_state=3,
                          confidence_level=0.95).confidence_interval
    assert ours.estimate == pytest.approx(scores.mean())
    assert ours.low == pytest.approx(ref.low, abs=0.6) and ours.high == pytest.approx(ref.high, abs=0.6)
    assert ours.low < ours.estimate < ours.high


def test_bootstrap_resamples_arrays_together_and_is_seeded() -> None:
    truth = np.array([0, 1, 1, 0, 1] * 40)
    guess = truth.copy()
    guess[:30] = 1 - guess[:30]

    def accuracy(t: np.ndarray, g: np.ndarray) -> float:
        return float(np.mean(t == g))

    first = stats.bootstrap_interval(accuracy, truth, guess, seed=7)
    assert first == stats.bootstrap_interval(accuracy, truth, guess, seed=7)
    assert first.estimate == pytest.approx(170 / 200)
    assert first.low < 0.85 < first.high


def test_bootstrap_takes_lists_of_objects() -> None:
    sentences = [["B-PER"], ["O"], ["B-LOC", "O"]] * 20
    result = stats.bootstrap_interval(lambda s: float(np.mean([len(x) for x in s])), sentences, seed=0)
    assert 1.0 <= result.low <= result.estimate <= result.high <= 2.0


@pytest.mark.parametrize("arrays,needle", [((), "at least one"), (([],), "empty"), (([1, 2], [1]), "one length")])
def test_bootstrap_rejects_bad_arrays(arrays: tuple, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        stats.bootstrap_interval(lambda *a: 0.0, *arrays)


def test_bootstrap_rejects_too_few_resamples() -> None:
    with pytest.raises(ValueError, match="n_resamples"):
        stats.bootstrap_interval(np.mean, [1.0, 2.0], n_resamples=10)


@pytest.mark.parametrize("a_only,b_only,both,neither", [(10, 3, 50, 7), (0, 5, 20, 2), (12, 12, 1, 1), (1, 0, 0, 0)])
def test_mcnemar_matches_statsmodels_exact(a_only: int, b_only: int, both: int, neither: int) -> None:
    a = [True] * a_only + [False] * b_only + [True] * both + [False] * neither
    b = [False] * a_only + [True] * b_only + [True] * both + [False] * neither
    ours = stats.mcnemar_test(a, b)
    ref = mcnemar([[both, a_only], [b_only, neither]], exact=True)
    assert (ours.a_only, ours.b_only) == (a_only, b_only)
    assert ours.p_value == pytest.approx(ref.pvalue, abs=1e-12)


def test_mcnemar_without_disagreement_is_one_and_shapes_must_match() -> None:
    assert stats.mcnemar_test([True, False], [True, False]) == stats.McNemarResult(0, 0, 1.0)
    with pytest.raises(ValueError, match="same examples"):
        stats.mcnemar_test([True], [True, False])


def test_paired_bootstrap_finds_a_real_gap_and_not_a_fake_one() -> None:
    rng = np.random.default_rng(0)
    refs = rng.integers(0, 2, 400)
    good = np.where(rng.random(400) < 0.9, refs, 1 - refs)
    bad = np.where(rng.random(400) < 0.7, refs, 1 - refs)

    def accuracy(p: np.ndarray, r: np.ndarray) -> float:
        return float(np.mean(p == r))

    gap = stats.paired_bootstrap(accuracy, good, bad, refs)
    assert gap.difference > 0.1 and gap.low > 0 and gap.p_value < 0.01
    same = stats.paired_bootstrap(accuracy, good, good, refs)
    assert same.difference == 0 and same.p_value == 1.0


def test_format_interval() -> None:
    assert stats.format_interval(stats.Interval(0.858, 0.831, 0.882)) == "85.8 % [83.1, 88.2]"
    assert stats.format_interval(stats.Interval(48.25, 43.0, 53.5), scale=1, unit="") == "48.2 [43.0, 53.5]"
