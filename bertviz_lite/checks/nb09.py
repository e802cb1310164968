"""Checks for the exercises of 09_question_answering."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from . import CheckFailed, NotSolved, exercise, expect

_NORMALISE = ["The Eiffel Tower", "  an  apple,  a pear. ", "Ada's U.S.A. trip!", "THE END", "a", "1,850 km"]
_F1_CASES = [
    ("Ada Lovelace in 1850", ["Ada Lovelace"]),
    ("in 1850", ["Ada Lovelace", "1850"]),
    ("the the cat", ["a cat"]),
    ("blue whale", ["whale shark"]),
    ("the", ["a"]),
    ("Matterhorn", ["the Matterhorn", "Matterhorn peak"]),
]


@exercise("9.1")
def ex9_1(normalize: Callable[[str], str]) -> str:
    """`normalize(text)`: lower case, no punctuation, no articles a/an/the, single spaces."""
    from ..qa import normalize_answer

    for text in _NORMALISE:
        got = normalize(text)
        if got is None:
            raise NotSolved("your function returned None: return the normalised string.")
        expected = normalize_answer(text)
        expect(got == expected, f"normalize({text!r}): expected {expected!r}, got {got!r}.")
    return "your normalisation matches SQuAD's on every case."


@exercise("9.2")
def ex9_2(squad_f1: Callable[[str, Sequence[str]], float]) -> str:
    """`squad_f1(prediction, references)`: word-overlap F1 after normalisation, max over references."""
    from ..qa import f1

    for prediction, references in _F1_CASES:
        got = squad_f1(prediction, references)
        if got is None:
            raise NotSolved("your function returned None: return a float between 0 and 1.")
        expected = f1(prediction, references)
        if abs(float(got) - expected) > 1e-9:
            raise CheckFailed(f"squad_f1({prediction!r}, {references}): expected {expected:.4f}, got {float(got):.4f}"
                              " (normalise both sides, count shared words with Counter &, take the max).")
    return "your F1 matches SQuAD's on every case."


@exercise("9.3")
def ex9_3(best_span: Callable[..., tuple[int, int]]) -> str:
    """`best_span(start_logits, end_logits, in_context, max_len)` returns the best valid (start, end)."""
    import torch

    from ..qa import best_spans

    generator = torch.Generator().manual_seed(9)
    for case in range(20):
        length = 12
        start, end = torch.randn(length, generator=generator), torch.randn(length, generator=generator)
        in_context = [i >= 4 and i < length - 1 for i in range(length)]  # [CLS] q q [SEP] context... [SEP]
        max_len = 1 + case % 4
        offsets = [(i, i + 1) if ok else None for i, ok in enumerate(in_context)]
        top = best_spans(start, end, offsets, max_answer_length=max_len, n_best=1)[0]
        got = best_span(start, end, in_context, max_len)
        if got is None:
            raise NotSolved("your function returned None: return a (start, end) pair of token positions.")
        if tuple(int(g) for g in got) != (top.start, top.end):
            raise CheckFailed(f"case {case} (max_len={max_len}): expected {(top.start, top.end)}, got {tuple(got)}; "
                              "both ends must lie in the context, end >= start, end - start < max_len.")
    return "your decoder finds the best valid span in every case."
