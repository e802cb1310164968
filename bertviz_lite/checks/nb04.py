"""Checks for the exercises of 04_pretraining_mlm_nsp."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect

_MASK_ID, _VOCAB = 4, 1000


def _masking_case() -> tuple[Any, Any]:
    """(400, 64) ids in [5, 1000): [CLS] (2) first, [SEP] (3) after 1–60 real tokens, [PAD] (0) after that."""
    import torch

    g = torch.Generator().manual_seed(7)
    ids = torch.randint(5, _VOCAB, (400, 64), generator=g)
    lengths = torch.randint(1, 61, (400,), generator=g)
    lengths[(lengths * 15) % 100 == 50] += 1  # no row where 15 % of it ends in exactly .5: no rounding quarrel
    positions = torch.arange(64).expand(400, 64)
    ids[:, 0] = 2
    ids[positions == lengths[:, None] + 1] = 3
    ids[positions > lengths[:, None] + 1] = 0
    special = (ids == 0) | (ids == 2) | (ids == 3)
    return ids, special


@exercise("4.1")
def ex4_1(mask_tokens_exact: Callable[..., Any]) -> str:
    """`mask_tokens_exact(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator)` → (masked, labels).

    Exactly max(1, round(0.15 × real tokens)) selected per row (create_pretraining_data.py), then 80/10/10.
    """
    import torch

    ids, special = _masking_case()
    original = ids.clone()
    result = mask_tokens_exact(ids, special, _MASK_ID, _VOCAB, torch.Generator().manual_seed(0))
    if result is None or (isinstance(result, tuple) and any(r is None for r in result)):
        raise NotSolved("your function returned None: return (masked_ids, labels).")
    masked, labels = result
    expect(torch.equal(ids, original), "do not change input_ids in place: work on input_ids.clone().")
    expect(tuple(masked.shape) == tuple(ids.shape) and tuple(labels.shape) == tuple(ids.shape),
           f"masked ids and labels must both have shape {tuple(ids.shape)}.")
    selected = labels != -100
    expect(not (selected & special).any(), "a special token ([CLS], [SEP] or [PAD]) was selected: never mask them.")
    expect(torch.equal(masked[~selected], ids[~selected]), "tokens that were not selected must stay unchanged.")
    expect(torch.equal(labels[selected], ids[selected]), "labels must hold the ORIGINAL id at every selected token.")
    for row, (n_real, n_selected) in enumerate(zip((~special).sum(1).tolist(), selected.sum(1).tolist())):
        want = max(1, round(0.15 * n_real))
        expect(n_selected == want, f"row {row} has {n_real} real tokens: select exactly max(1, round(0.15 × "
                                   f"{n_real})) = {want} of them, you selected {n_selected}.")
    n = selected.sum().item()
    as_mask = (selected & (masked == _MASK_ID)).sum().item() / n
    kept = (selected & (masked == ids)).sum().item() / n
    rand = 1 - as_mask - kept
    for name, got, want, band in (("[MASK]", as_mask, 0.8, 0.04), ("random token", rand, 0.1, 0.03),
                                  ("unchanged", kept, 0.1, 0.03)):
        expect(abs(got - want) < band, f"{got:.1%} of the selected tokens became {name}; expected about {want:.0%}.")
    return (f"exactly max(1, round(15 %)) per row, never zero; then {as_mask:.1%} [MASK] / {rand:.1%} random / "
            f"{kept:.1%} unchanged.")


@exercise("4.2")
def ex4_2(nsp_loss: Callable[[Any, Any], Any]) -> str:
    """`nsp_loss(logits (B, 2), labels (B,))` → the mean cross-entropy over every pair, label 0 and label 1."""
    import torch
    import torch.nn.functional as F

    g = torch.Generator().manual_seed(3)
    cases = {"every label 0 (all IsNext)": torch.zeros(8, dtype=torch.long),
             "every label 1 (all NotNext)": torch.ones(8, dtype=torch.long),
             "mixed labels": torch.tensor([0, 1, 1, 0, 0, 1, 0, 0])}
    for name, labels in cases.items():
        logits = torch.randn(8, 2, generator=g) * 2
        got = nsp_loss(logits, labels)
        if got is None:
            raise NotSolved("your function returned None: return the loss tensor.")
        expected = F.cross_entropy(logits, labels)
        got_value = float(got)
        if abs(got_value - expected.item()) > 1e-5:
            raise CheckFailed(f"for a batch with {name} your loss is {got_value:.4f}, expected {expected.item():.4f}"
                              " (mean over all pairs of -log p(true label)).")
    return "your NSP loss counts both labels and matches F.cross_entropy."


@exercise("4.3")
def ex4_3(tying_savings: Callable[[Any], int]) -> str:
    """`tying_savings(config)` → how many parameters weight tying saves in a `BertForPreTraining`."""
    from transformers import BertConfig, BertForPreTraining

    for vocab, hidden in ((100, 32), (250, 16)):
        counts = []
        for tie in (True, False):
            config = BertConfig(vocab_size=vocab, hidden_size=hidden, num_hidden_layers=1, num_attention_heads=2,
                                intermediate_size=2 * hidden, tie_word_embeddings=tie)
            counts.append(sum(p.numel() for p in BertForPreTraining(config).parameters()))
        got = tying_savings(config)
        if got is None:
            raise NotSolved("your function returned None: return an int.")
        expected = counts[1] - counts[0]
        if int(got) != expected:
            raise CheckFailed(f"for vocab {vocab} and hidden {hidden} tying saves {expected:,} parameters, "
                              f"you said {int(got):,}. Hint: untying gives the decoder its own weight AND its own bias.")
    return "tying saves vocab_size × (hidden_size + 1): the decoder reuses the word embeddings and the head bias."
