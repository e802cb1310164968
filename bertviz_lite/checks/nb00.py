"""Checks for the exercises of 00_start_here."""
from __future__ import annotations

from collections.abc import Callable

from . import CheckFailed, NotSolved, exercise, expect


@exercise("0.1")
def ex0_1(count_embedding_parameters: Callable[[object], int]) -> str:
    """`count_embedding_parameters(model)` returns the number of parameters in `model.embeddings`."""
    from ..models import load_model

    model = load_model()
    got = count_embedding_parameters(model)
    if got is None:
        raise NotSolved("your function returned None: return an int.")
    expected = sum(p.numel() for p in model.embeddings.parameters())
    expect(int(got) == expected, f"expected {expected:,} parameters in model.embeddings, got {int(got):,}.")
    return f"{expected:,} of the model's parameters sit in the embeddings."


@exercise("0.2")
def ex0_2(token_count: Callable[[str], int]) -> str:
    """`token_count(text)` returns how many ids the tokenizer gives, [CLS] and [SEP] included."""
    from ..models import load_tokenizer

    tokenizer = load_tokenizer()
    cases = ["Hello!", "Unbelievably, tokenizers split rare words.", "naïve café 東京"]
    for text in cases:
        got = token_count(text)
        if got is None:
            raise NotSolved("your function returned None: return an int.")
        expected = len(tokenizer(text)["input_ids"])
        if got != expected:
            raise CheckFailed(f"for {text!r} expected {expected} tokens ([CLS] and [SEP] included), got {got}.")
    return "your counts match the tokenizer on every test sentence."
