"""Checks for the exercises of 06_optimization (private reference answers, no package helper as key)."""
from __future__ import annotations

import math
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


def _reference_warmup_exponential(step: int, num_warmup_steps: int, num_training_steps: int,
                                  final_ratio: float) -> float:
    """Private reference: linear warmup 0 → 1, then a geometric fall with p = (s − w) / (T − w): final_ratio ** p."""
    if step < num_warmup_steps:
        return step / num_warmup_steps
    return final_ratio ** ((step - num_warmup_steps) / max(1, num_training_steps - num_warmup_steps))


@exercise("6.2")
def ex6_2(warmup_then_exponential: Callable[[int, int, int, float], float]) -> str:
    """`warmup_then_exponential(step, warmup, total, final_ratio)`: a schedule transformers does not ship."""
    import torch

    for total, warmup, final in ((20, 5, 0.01), (12, 0, 0.1), (9, 3, 0.5), (2, 1, 0.01)):
        for step in range(total):
            want = _reference_warmup_exponential(step, warmup, total, final)
            got = warmup_then_exponential(step, warmup, total, final)
            if got is None:
                raise NotSolved("your function returned None: return the multiplier, a float in (0, 1].")
            if not math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12):
                part = "warmup" if step < warmup else "decay"
                raise CheckFailed(f"step {step} of {total} ({part}; warmup {warmup}, final_ratio {final}): "
                                  f"expected {want:.6f}, got {float(got):.6f}.")
    # it must also drive a real scheduler: LambdaLR calls it with the step number only
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=2.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: warmup_then_exponential(s, 3, 10, 0.1))
    rates = []
    for _ in range(10):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    expect_close(rates, [2.0 * _reference_warmup_exponential(s, 3, 10, 0.1) for s in range(10)],
                 "the learning rates of LambdaLR driven by your multiplier")
    return "your schedule plugs into torch's LambdaLR: warmup, then a geometric fall to final_ratio."


def _reference_misplaced(model: Any, keys: tuple[str, ...]) -> set[str]:
    """Private reference: names where the substring rule and the module-type rule disagree."""
    from torch import nn

    by_type = set()
    for prefix, module in model.named_modules():
        for name, _ in module.named_parameters(recurse=False):
            if isinstance(module, nn.LayerNorm) or name == "bias":
                by_type.add(f"{prefix}.{name}" if prefix else name)
    by_name = {n for n, _ in model.named_parameters() if any(k in n for k in keys)}
    return by_type ^ by_name


def _odd_model() -> Any:
    from torch import nn

    class Odd(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(10, 8)
            self.LayerNorm = nn.LayerNorm(8)  # BERT's own attribute name: both rules agree here
            self.ln_f = nn.LayerNorm(8)  # GPT-2 style name: the name rule misses its weight
            self.bias_proj = nn.Linear(8, 8)  # a weight MATRIX whose name contains "bias"
            self.blocks = nn.ModuleList([nn.Sequential(nn.LayerNorm(8), nn.Linear(8, 8)) for _ in range(2)])
            self.head = nn.Linear(8, 2, bias=False)

    return Odd()


@exercise("6.3")
def ex6_3(misplaced_by_name: Callable[[Any, tuple[str, ...]], set[str]]) -> str:
    """`misplaced_by_name(model, keys)`: names a substring rule puts in the wrong weight-decay group."""
    from torch import nn

    model = _odd_model()
    for keys in (("bias", "LayerNorm.weight"), ("bias", "norm")):
        expected = _reference_misplaced(model, keys)
        got = misplaced_by_name(model, keys)
        if got is None:
            raise NotSolved("your function returned None: return a set of parameter names.")
        got = set(got)
        missing, extra = sorted(expected - got), sorted(got - expected)
        expect(not missing, f"with keys {keys}, these are misplaced by the name rule but missing: {missing}.")
        expect(not extra, f"with keys {keys}, the two rules agree on these (not misplaced): {extra}.")
    bert_like = nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4))
    expect(set(misplaced_by_name(bert_like, ("bias", "1.weight"))) == set(),
           "on a model where the name rule happens to be right, return an empty set.")
    return "the name rule misses `ln_f.weight` and norms inside Sequential, and wrongly spares `bias_proj.weight`."
