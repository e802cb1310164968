"""optim.param_groups: no weight decay on biases and LayerNorm parameters, found by module type (taught in 06)."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from bertviz_lite import optim


class Block(nn.Module):
    """Names that defeat name matching: a norm called `norm`, a LayerNorm subclass, a tied weight."""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(10, 8)
        self.norm = nn.LayerNorm(8)
        self.inner = nn.Sequential(nn.Linear(8, 8), nn.LayerNorm(8))
        self.head = nn.Linear(8, 10, bias=False)
        self.head.weight = self.embed.weight  # tied: must be placed once


def names_of(model: nn.Module, group: dict) -> set[str]:
    ids = {id(p) for p in group["params"]}
    return {n for n, p in model.named_parameters() if id(p) in ids}


def test_groups_by_module_type() -> None:
    model = Block()
    decay, no_decay = optim.param_groups(model, 0.01)
    assert decay["weight_decay"] == 0.01 and no_decay["weight_decay"] == 0.0
    assert names_of(model, decay) == {"embed.weight", "inner.0.weight"}
    assert names_of(model, no_decay) == {"norm.weight", "norm.bias", "inner.0.bias", "inner.1.weight", "inner.1.bias"}
    assert len(decay["params"]) + len(no_decay["params"]) == len(list(model.parameters()))  # tied counted once


def test_groups_work_with_adamw_and_match_a_bert() -> None:
    from transformers import BertConfig, BertForSequenceClassification

    model = BertForSequenceClassification(BertConfig(vocab_size=20, hidden_size=16, num_hidden_layers=2,
                                                     num_attention_heads=2, intermediate_size=32))
    groups = optim.param_groups(model, 0.01)
    torch.optim.AdamW(groups, lr=1e-3)
    by_name = {n for n, _ in model.named_parameters() if n.endswith("bias") or "LayerNorm" in n}
    assert names_of(model, groups[1]) == by_name  # on BERT, names and types agree


@pytest.mark.parametrize(("freeze", "decay_count", "no_decay_count"), [
    (lambda m: None, 2, 5),
    (lambda m: m.embed.weight.requires_grad_(False), 1, 5),  # frozen tensors are left out
    (lambda m: [p.requires_grad_(False) for n, p in m.named_parameters() if n != "norm.bias"], 0, 1),
])
def test_partly_frozen_models(freeze, decay_count: int, no_decay_count: int) -> None:
    model = Block()
    freeze(model)
    decay, no_decay = optim.param_groups(model, 0.1)
    assert (len(decay["params"]), len(no_decay["params"])) == (decay_count, no_decay_count)


@pytest.mark.parametrize(("model", "weight_decay", "message"), [
    (nn.Linear(2, 2).requires_grad_(False), 0.01, "model has no trainable parameter"),
    (nn.ReLU(), 0.01, "model has no trainable parameter"),
    (nn.Linear(2, 2), -0.1, "weight_decay must be a finite float >= 0"),
    (nn.Linear(2, 2), float("nan"), "weight_decay must be a finite float >= 0"),
    (nn.Linear(2, 2), float("inf"), "weight_decay must be a finite float >= 0"),
])
def test_degenerate_inputs_raise_naming_the_parameter(model, weight_decay: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        optim.param_groups(model, weight_decay)


def test_zero_weight_decay_is_allowed() -> None:
    assert optim.param_groups(nn.Linear(2, 2), 0.0)[0]["weight_decay"] == 0.0
