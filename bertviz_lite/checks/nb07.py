"""Checks for the exercises of 07_sequence_classification."""
from __future__ import annotations

from collections.abc import Callable

from . import CheckFailed, NotSolved, exercise, expect, expect_close


@exercise("7.1")
def ex7_1(single_label_loss: Callable[..., object]) -> str:
    """`single_label_loss(logits, labels)` equals `F.cross_entropy` (mean over the batch)."""
    import torch
    import torch.nn.functional as F

    generator = torch.Generator().manual_seed(7)
    cases = [(torch.randn(4, 2, generator=generator), torch.tensor([0, 1, 1, 0])),
             (torch.randn(3, 5, generator=generator) * 10, torch.tensor([4, 0, 2])),
             (torch.tensor([[1000.0, -1000.0]]), torch.tensor([1]))]  # large logits: stay stable
    for i, (logits, labels) in enumerate(cases, 1):
        got = single_label_loss(logits.clone(), labels.clone())
        if got is None:
            raise NotSolved("your function returned None: return a scalar tensor.")
        expect_close(got, F.cross_entropy(logits, labels), f"case {i} (logits of shape {tuple(logits.shape)})",
                     atol=1e-4)
    return "your loss matches F.cross_entropy, even for very large logits."


@exercise("7.2")
def ex7_2(problem_type_for: Callable[..., object]) -> str:
    """`problem_type_for(num_labels, labels)` follows BertForSequenceClassification's rule."""
    import torch

    cases = [(1, torch.tensor([0.5, 1.5]), "regression"),
             (1, torch.tensor([0, 1]), "regression"),
             (2, torch.tensor([0, 1]), "single_label_classification"),
             (5, torch.tensor([3, 4], dtype=torch.int32), "single_label_classification"),
             (3, torch.tensor([[1.0, 0.0, 1.0]]), "multi_label_classification")]
    for num_labels, labels, expected in cases:
        got = problem_type_for(num_labels, labels)
        if got is None:
            raise NotSolved("your function returned None: return one of the three strings.")
        if got != expected:
            raise CheckFailed(f"num_labels={num_labels}, labels of dtype {labels.dtype}: expected {expected!r}, "
                              f"got {got!r}.")
    return "you choose the loss exactly as the model does."


@exercise("7.3")
def ex7_3(freeze_all_but_top: Callable[..., object]) -> str:
    """`freeze_all_but_top(model, k)` leaves only the top k layers, pooler and classifier trainable."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, num_labels=2)
    for k in (0, 1, 3):
        torch.manual_seed(0)
        model = BertForSequenceClassification(config)
        got = freeze_all_but_top(model, k)
        if got is None:
            raise NotSolved("your function returned None: return the number of trainable parameters.")
        should_train = [model.bert.pooler, model.classifier, *model.bert.encoder.layer[3 - k:]] if k else \
            [model.bert.pooler, model.classifier]
        expected_ids = {id(p) for m in should_train for p in m.parameters()}
        wrong = [name for name, p in model.named_parameters() if p.requires_grad != (id(p) in expected_ids)]
        expect(not wrong, f"k={k}: requires_grad is wrong for {wrong[:3]}{' ...' if len(wrong) > 3 else ''}.")
        expected = sum(p.numel() for p in model.parameters() if id(p) in expected_ids)
        expect(int(got) == expected, f"k={k}: expected {expected:,} trainable parameters, you returned {int(got):,}.")
    return "embeddings and lower layers frozen, top layers and head trainable, counts right."
