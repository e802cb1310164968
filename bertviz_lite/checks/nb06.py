"""Checks for the exercises of 06_optimization."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect, expect_close


@exercise("6.1")
def ex6_1(adamw_update: Callable[..., Any]) -> str:
    """`adamw_update(param, grad, m, v, t, lr, weight_decay)` → (param, m, v) equal to torch.optim.AdamW's step."""
    import torch

    generator = torch.Generator().manual_seed(6)
    start = torch.randn(5, generator=generator)
    reference = torch.nn.Parameter(start.clone())
    optimizer = torch.optim.AdamW([reference], lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.3)
    param, m, v = start.clone(), torch.zeros(5), torch.zeros(5)
    for t in range(1, 6):
        grad = torch.randn(5, generator=generator) * 10 ** (t - 3)  # gradients of growing size
        reference.grad = grad.clone()
        optimizer.step()
        inputs = (param.clone(), grad.clone(), m.clone(), v.clone())
        result = adamw_update(*inputs, t, 0.1, 0.3)
        if result is None:
            raise NotSolved("your function returned None: return the tuple (param, m, v).")
        expect(isinstance(result, tuple) and len(result) == 3, "return a tuple of three tensors (param, m, v).")
        expect(torch.equal(inputs[0], param) and torch.equal(inputs[2], m), "do not modify the inputs in place.")
        param, m, v = (torch.as_tensor(x, dtype=torch.float32) for x in result)
        expect_close(param, reference.detach(), f"the parameter after step t={t} (compared with torch.optim.AdamW)",
                     atol=1e-6, rtol=1e-5)
    return "five steps identical to torch.optim.AdamW."


@exercise("6.2")
def ex6_2(warmup_then_linear: Callable[[int, int, int], float]) -> str:
    """`warmup_then_linear(step, warmup, total)` matches the `linear` schedule of transformers at every step."""
    from ..schedules import lr_curve

    for total, warmup in ((20, 5), (12, 0), (9, 3)):
        expected = lr_curve("linear", total, warmup)
        for step, want in enumerate(expected):
            got = warmup_then_linear(step, warmup, total)
            if got is None:
                raise NotSolved("your function returned None: return a float between 0 and 1.")
            if abs(float(got) - want) > 1e-9:
                raise CheckFailed(f"step {step} of {total} with {warmup} warmup steps: expected {want:.4f}, got {float(got):.4f}.")
    return "your multiplier equals get_scheduler('linear') at every step."


@exercise("6.3")
def ex6_3(no_decay_names: Callable[[Any], set[str]]) -> str:
    """`no_decay_names(model)`: names of biases and of every LayerNorm parameter, whatever the norm is called."""
    from torch import nn

    class Odd(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(10, 8)
            self.ln_f = nn.LayerNorm(8)
            self.blocks = nn.ModuleList([nn.Sequential(nn.LayerNorm(8), nn.Linear(8, 8)) for _ in range(2)])
            self.head = nn.Linear(8, 2, bias=False)

    model = Odd()
    expected = {"ln_f.weight", "ln_f.bias"} | {f"blocks.{i}.{j}" for i in range(2)
                                               for j in ("0.weight", "0.bias", "1.bias")}
    got = no_decay_names(model)
    if got is None:
        raise NotSolved("your function returned None: return a set of parameter names.")
    got = set(got)
    missing, extra = sorted(expected - got), sorted(got - expected)
    expect(not missing, f"these should get no weight decay but are missing: {missing}.")
    expect(not extra, f"these should be decayed (they are not biases or LayerNorm parameters): {extra}.")
    return "found by module type: `ln_f` and unnamed norms inside Sequential are caught."
