"""Optimizer helpers: AdamW parameter groups (no weight decay on biases and LayerNorm parameters).

Taught in 06_optimization, where the function below is first written in a notebook cell and checked.
"""
from __future__ import annotations

from torch import nn

__all__ = ["param_groups"]


def param_groups(model: nn.Module, weight_decay: float) -> list[dict]:
    """Split the trainable parameters of `model` into two AdamW groups, found by module TYPE, not by name.

    Group 0: every other trainable tensor (weight matrices, embedding tables), with `weight_decay`.
    Group 1: biases (a parameter registered as `bias` on any module) and every parameter of an `nn.LayerNorm`,
    with weight decay 0.0. Frozen parameters (requires_grad=False) are left out; a tensor shared by two modules
    (tied embeddings) is placed once. A LayerNorm subclass counts (isinstance); a norm class that does not
    subclass `nn.LayerNorm` (e.g. a hand-written RMSNorm) is NOT detected — its weight lands in group 0.

    Args:
        model: any torch module.
        weight_decay: decay of group 0, a float >= 0 (BERT fine-tuning uses 0.01).

    Returns:
        `[{"params": [...], "weight_decay": weight_decay}, {"params": [...], "weight_decay": 0.0}]`, ready for
        `torch.optim.AdamW(groups, lr=...)`. Either list may be empty, not both.

    Raises:
        ValueError: `weight_decay` negative or not finite; `model` has no trainable parameter (AdamW would raise
        "optimizer got an empty parameter list" later, with less context).

    Source: the no-decay groups of the BERT reference code and of `transformers.Trainer`. Taught in 06_optimization.
    """
    if not (weight_decay >= 0.0 and weight_decay != float("inf")):
        raise ValueError(f"weight_decay must be a finite float >= 0, got {weight_decay!r}")
    decay, no_decay, seen = [], [], set()
    for module in model.modules():
        for name, param in module.named_parameters(recurse=False):
            if not param.requires_grad or id(param) in seen:  # frozen, or shared and already placed
                continue
            seen.add(id(param))
            skip = isinstance(module, nn.LayerNorm) or name == "bias"
            (no_decay if skip else decay).append(param)
    if not decay and not no_decay:
        raise ValueError(f"model has no trainable parameter (requires_grad=True); got a frozen {type(model).__name__}")
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
