"""Checks for the exercises of 09_question_answering.

Each check compares the learner's function with a private reference written here (never with `bertviz_lite.qa`,
which the learner could import as the answer) on fixed cases that separate the right rule from common mistakes.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from . import NotSolved, exercise, expect

# (question tokens, context tokens, max_length, stride)
_WINDOW_CASES = [(5, 20, 64, 8), (5, 56, 64, 8), (5, 57, 64, 8), (7, 300, 64, 16), (12, 1000, 128, 32),
                 (10, 200, 40, 0), (3, 100, 24, 17), (9, 0, 32, 4)]


def _num_windows(question_tokens: int, context_tokens: int, max_length: int, stride: int) -> int:
    """Reference for 9.1: windows of `room` context tokens, each starting `room - stride` after the previous."""
    room = max_length - question_tokens - 3  # [CLS] question [SEP] context [SEP]
    if context_tokens <= room:
        return 1
    return 1 + math.ceil((context_tokens - room) / (room - stride))


def _answer_or_null(start_logits: Sequence[float], end_logits: Sequence[float], in_context: Sequence[bool],
                    max_len: int, threshold: float) -> tuple[int, int] | None:
    """Reference for 9.2: the best valid span, or None when [CLS]'s score beats it by more than `threshold`."""
    pairs = [(i, j) for i in range(len(in_context)) for j in range(i, min(i + max_len, len(in_context)))
             if in_context[i] and in_context[j]]
    best = max(pairs, key=lambda ij: float(start_logits[ij[0]]) + float(end_logits[ij[1]]))
    null = float(start_logits[0]) + float(end_logits[0])
    return None if null - (float(start_logits[best[0]]) + float(end_logits[best[1]])) > threshold else best


@exercise("9.1")
def ex9_1(num_windows: Callable[[int, int, int, int], int]) -> str:
    """`num_windows(question_tokens, context_tokens, max_length, stride)`: how many windows the tokenizer makes."""
    for q, c, m, s in _WINDOW_CASES:
        got = num_windows(q, c, m, s)
        if got is None:
            raise NotSolved("your function returned None: return a whole number of windows.")
        expected = _num_windows(q, c, m, s)
        expect(int(got) == expected,
               f"num_windows({q}, {c}, {m}, {s}): expected {expected}, got {got} (a window holds max_length minus "
               "the question minus 3 special tokens of context; each next window starts stride tokens before the "
               "previous one ends).")
    return "your window count matches the tokenizer's rule on every case."


@exercise("9.2")
def ex9_2(answer_or_null: Callable[..., tuple[int, int] | None]) -> str:
    """`answer_or_null(start_logits, end_logits, in_context, max_len, threshold)`: best span or None (no answer)."""
    import torch

    generator = torch.Generator().manual_seed(9)
    length = 12
    in_context = [4 <= i < length - 1 for i in range(length)]  # [CLS] q q q [SEP] context ... [SEP]
    for case in range(24):
        start, end = torch.randn(length, generator=generator), torch.randn(length, generator=generator)
        if case % 3 == 0:
            start[0], end[0] = start[0] + 3.0, end[0] + 3.0  # a confident "no answer"
        max_len, threshold = 1 + case % 4, [0.0, 1.0, -1.0][case % 3]
        got = answer_or_null(start, end, in_context, max_len, threshold)
        expected = _answer_or_null(start.tolist(), end.tolist(), in_context, max_len, threshold)
        if expected is None:
            expect(got is None, f"case {case} (threshold {threshold}): [CLS] scores {float(start[0] + end[0]):.2f}, "
                                f"more than the best span + threshold: expected None, got {got}.")
        else:
            expect(got is not None and tuple(int(g) for g in got) == expected,
                   f"case {case} (max_len={max_len}, threshold {threshold}): expected {expected}, got {got} (compare "
                   "start_logits[0] + end_logits[0] with the best valid span's score, minus the threshold).")
    return "your decoder answers or abstains exactly when the SQuAD 2.0 rule says so."
