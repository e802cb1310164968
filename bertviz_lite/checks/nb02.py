"""Checks for the exercises of 02_embeddings."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect_close


@exercise("2.1")
def ex2_1(mean_pair_similarity: Callable[[Any], float]) -> str:
    """`mean_pair_similarity(vectors)` is the mean cosine over all pairs of different rows of (n, d)."""
    import torch
    import torch.nn.functional as F

    generator = torch.Generator().manual_seed(2)
    cases = [torch.tensor([[1.0, 0.0], [0.0, 1.0]]), torch.tensor([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0]]),
             torch.randn(5, 16, generator=generator)]
    for vectors in cases:
        got = mean_pair_similarity(vectors.clone())
        if got is None:
            raise NotSolved("your function returned None: return a float.")
        n = vectors.shape[0]
        sims = F.cosine_similarity(vectors[:, None], vectors[None], dim=-1)
        expected = sims[~torch.eye(n, dtype=torch.bool)].mean().item()
        expect_close(float(got), expected, f"mean pair similarity of a {n}x{vectors.shape[1]} tensor")
    return "the diagonal (each row with itself) is left out, as it should be."


@exercise("2.2")
def ex2_2(embed: Callable[[Any, Any], Any]) -> str:
    """`embed(input_ids, token_type_ids)` rebuilds `model.embeddings` (eval mode) without calling it."""
    import torch

    from ..models import load_model, load_tokenizer

    tokenizer, model = load_tokenizer(), load_model()
    batch = tokenizer(["A short one.", "Embeddings add three tables."], ["Pair B.", "And normalise them."],
                      padding=True, return_tensors="pt")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise CheckFailed("you called model.embeddings(...): build the sum and the LayerNorm yourself.")

    model.embeddings.forward = refuse
    try:
        with torch.no_grad():
            got = embed(batch["input_ids"], batch["token_type_ids"])
    finally:
        del model.embeddings.forward  # back to the class's forward
    if got is None:
        raise NotSolved("your function returned None: return a (B, T, H) tensor.")
    with torch.no_grad():
        expected = model.embeddings(input_ids=batch["input_ids"], token_type_ids=batch["token_type_ids"])
    expect_close(got, expected, "embedding output (B, T, H)")
    return "your sum of three tables + LayerNorm equals model.embeddings."


@exercise("2.3")
def ex2_3(contextual_vector: Callable[[str, str], Any]) -> str:
    """`contextual_vector(sentence, word)` is the last hidden state at the first piece of `word`."""
    import torch

    from ..models import load_model, load_tokenizer

    tokenizer, model = load_tokenizer(), load_model()
    cases = [("The bank approved my loan.", "bank"), ("We sat on the river bank by the bank.", "bank"),
             ("Tokenization is unbelievably useful.", "unbelievably")]
    for sentence, word in cases:
        got = contextual_vector(sentence, word)
        if got is None:
            raise NotSolved("your function returned None: return a (hidden_size,) tensor.")
        batch = tokenizer(sentence, return_tensors="pt")
        first_piece = tokenizer(word, add_special_tokens=False)["input_ids"][0]
        position = batch["input_ids"][0].tolist().index(first_piece)
        with torch.no_grad():
            expected = model(**batch).last_hidden_state[0, position]
        if tuple(torch.as_tensor(got).shape) != tuple(expected.shape):
            raise CheckFailed(f"for {sentence!r} expected shape {tuple(expected.shape)}, got "
                              f"{tuple(torch.as_tensor(got).shape)}: drop the batch dimension.")
        expect_close(got, expected, f"vector of {word!r} in {sentence!r}", atol=1e-4)
    return "you found the right position and read its contextual vector."
