"""Checks for the exercises of 11_explorer."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np

from . import CheckFailed, NotSolved, exercise, expect


@lru_cache(maxsize=1)
def _explorer() -> Any:
    from ..explorer import Explorer

    return Explorer()


def _got(value: Any, what: str) -> Any:
    if value is None:
        raise NotSolved(f"your function returned None: return {what}.")
    return value


@exercise("11.1")
def ex11_1(top_guess: Callable[[Any], str | None]) -> str:
    """`top_guess(result)` returns the MLM's best guess for the first [MASK] of an `Analysis`, or "" when there is none."""
    explorer = _explorer()
    for text in ("The cat sat on the [MASK].", "Paris is the [MASK] of France.", "I [MASK] you, [MASK] said."):
        result = explorer.analyze(text)
        got = _got(top_guess(result), "a string")
        expected = result.predictions[0].candidates[0][0]
        expect(got == expected, f"for {text!r} the best guess is {expected!r}, got {got!r} "
                                "(hint: result.predictions[0].candidates is sorted best first).")
    got = top_guess(explorer.analyze("No mask in this sentence."))
    expect(got in ("", None), f"a text without [MASK] has no guess: return \"\", got {got!r}.")
    return "you read the guesses the Mask tab shows."


@exercise("11.2")
def ex11_2(most_focused_head: Callable[[Any], tuple[int, int]]) -> str:
    """`most_focused_head(result)` returns (layer, head) of the head with the lowest mean attention entropy."""
    explorer = _explorer()
    for text in ("The cat sat on the mat.", "Tokenizers split unbelievably rare words into pieces."):
        result = explorer.analyze(text)
        got = _got(most_focused_head(result), "a (layer, head) pair")
        entropy = result.stats.entropy  # (layers, heads)
        expected = tuple(int(k) for k in np.unravel_index(np.argmin(entropy), entropy.shape))
        if tuple(int(k) for k in got) != expected:
            raise CheckFailed(f"for {text!r} expected {expected} (entropy {entropy[expected]:.2f} bits), got "
                              f"{tuple(got)}; hint: np.unravel_index(np.argmin(...), shape).")
    return "the lowest-entropy head is the one that looks at the fewest tokens."


@exercise("11.3")
def ex11_3(second_sentence_tokens: Callable[[Any], list[str]]) -> str:
    """`second_sentence_tokens(result)` returns the tokens of sentence B of a pair, without its final [SEP]."""
    explorer = _explorer()
    cases = [("The river bank was muddy.", "She sat on the bank."), ("Hello!", "Unbelievably rare words.")]
    for text, pair in cases:
        result = explorer.analyze(text, pair)
        got = _got(second_sentence_tokens(result), "a list of tokens")
        expected = explorer.tokenizer.tokenize(pair)
        expect(list(got) == expected, f"for the pair ({text!r}, {pair!r}) expected {expected}, got {list(got)}; "
                                      "hint: result.sentence_b_start.")
    return "sentence B starts at result.sentence_b_start and ends before the last [SEP]."
