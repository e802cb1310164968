"""Checks for the exercises of 11_explorer: two new head statistics for the dashboard.

Each check keeps its own reference answer (below, private) and tests the learner's function on random attention
patterns with fixed seeds, on a degenerate input and on a bad argument.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import CheckFailed, NotSolved, exercise, expect

Statistic = Callable[..., Any]


def _attention(layers: int, heads: int, t: int, seed: int) -> np.ndarray:
    """Random attention (layers, heads, t, t): every row a probability distribution (a Dirichlet draw)."""
    rng = np.random.default_rng(seed)
    return rng.dirichlet(np.full(t, 0.5), size=(layers, heads, t))


def _previous_token_reference(attention: np.ndarray) -> np.ndarray:
    t = attention.shape[-1]
    if t < 2:
        return np.zeros(attention.shape[:2])
    rows = np.arange(1, t)
    return attention[:, :, rows, rows - 1].mean(-1)


def _cross_reference(attention: np.ndarray, b: int) -> np.ndarray:
    return attention[:, :, :b, b:].sum(-1).mean(-1)


def _as_array(value: Any, shape: tuple[int, int], what: str) -> np.ndarray:
    if value is None:
        raise NotSolved(f"your function returned None: return {what}.")
    got = np.asarray(value, dtype=float)
    if got.shape != shape:
        raise CheckFailed(f"expected an array of shape (layers, heads) = {shape}, got shape {got.shape}.")
    if not np.isfinite(got).all():
        raise CheckFailed("your array holds NaN or infinity: every head needs a defined value.")
    return got


@exercise("11.1")
def ex11_1(previous_token_share: Statistic) -> str:
    """`previous_token_share(attention)`: (layers, heads, T, T) → (layers, heads), the mean weight a query puts on
    the token just before it, averaged over the queries that have one (positions 1..T-1); 0 when T = 1."""
    for layers, heads, t, seed in ((2, 3, 7, 0), (1, 4, 12, 1), (3, 2, 2, 2)):
        attention = _attention(layers, heads, t, seed)
        got = _as_array(previous_token_share(attention), (layers, heads), "a (layers, heads) array")
        expected = _previous_token_reference(attention)
        if not np.allclose(got, expected, atol=1e-6):
            nxt = attention[:, :, np.arange(t - 1), np.arange(1, t)].mean(-1)
            hint = ("that is the weight on the NEXT token: the previous one is column i - 1 of row i"
                    if np.allclose(got, nxt, atol=1e-6) else
                    "average over the T - 1 queries that have a previous token (query 0 has none)")
            raise CheckFailed(f"for random attention of shape {attention.shape} head (0, 0) should be "
                              f"{expected[0, 0]:.4f}, got {got[0, 0]:.4f}: {hint}.")
    one = _as_array(previous_token_share(np.ones((2, 2, 1, 1))), (2, 2), "a (layers, heads) array")
    expect(np.allclose(one, 0.0), "with one token no query has a previous token: return 0 for every head, not NaN.")
    return "a head that mostly reads the previous token scores near 1; add it to the dashboard's statistics."


@exercise("11.2")
def ex11_2(cross_sentence_share: Statistic) -> str:
    """`cross_sentence_share(attention, sentence_b_start)`: for the queries of sentence A (positions
    0..b-1), the total weight on the keys of sentence B (positions b..T-1), averaged over those queries;
    (layers, heads). Raises ValueError naming `sentence_b_start` unless 1 <= b <= T - 1."""
    for layers, heads, t, b, seed in ((2, 3, 9, 5, 3), (1, 2, 6, 1, 4), (2, 2, 5, 4, 5)):
        attention = _attention(layers, heads, t, seed)
        got = _as_array(cross_sentence_share(attention, b), (layers, heads), "a (layers, heads) array")
        expected = _cross_reference(attention, b)
        if not np.allclose(got, expected, atol=1e-6):
            if np.allclose(got, attention[:, :, b:, :b].sum(-1).mean(-1), atol=1e-6):
                hint = "that is B → A: rows are queries (A), columns are keys (B)"
            elif np.allclose(got, attention[:, :, :b, b:].mean(-1).mean(-1), atol=1e-6):
                hint = "sum the weights over B's keys (a share of each row), then average over A's queries"
            else:
                hint = "sentence A is rows 0..b-1 (with [CLS] and its [SEP]), sentence B is columns b..T-1"
            raise CheckFailed(f"for shape {attention.shape} and sentence_b_start={b}, head (0, 0) should be "
                              f"{expected[0, 0]:.4f}, got {got[0, 0]:.4f}: {hint}.")
    attention = _attention(1, 1, 6, 6)
    for bad in (0, 6, -1):
        try:
            cross_sentence_share(attention, bad)
        except ValueError as error:
            expect("sentence_b_start" in str(error), f"the ValueError for sentence_b_start={bad} should name "
                                                      "the parameter sentence_b_start.")
        else:
            raise CheckFailed(f"sentence_b_start={bad} with T = 6 leaves a sentence empty: raise ValueError "
                              "naming sentence_b_start and its range 1..T-1.")
    return "the heads that mix the two sentences are the ones a pair task (MRPC, QA) relies on."
