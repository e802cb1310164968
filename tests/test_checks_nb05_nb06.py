"""The exercise checks of 05 and 06 accept the reference solutions, reject typical mistakes, and spot stubs."""
from __future__ import annotations

import numpy as np
from torch import nn

from bertviz_lite import checks


def test_pooling_checks() -> None:
    def mean(h, m):
        mask = m.unsqueeze(-1).float()
        return (h * mask).sum(1) / mask.sum(1)

    def maximum(h, m):
        return h.masked_fill(m.unsqueeze(-1) == 0, float("-inf")).max(1).values

    assert checks.ex5_1(mean) and checks.ex5_2(maximum)
    assert not checks.ex5_1(lambda h, m: h.mean(1))  # padding averaged in
    assert not checks.ex5_2(lambda h, m: (h * m.unsqueeze(-1)).max(1).values)  # zeros win over negatives
    assert "not solved" in repr(checks.ex5_1(lambda h, m: None))


def test_majority_check() -> None:
    assert checks.ex5_3(lambda tr, ev: float(np.mean(np.asarray(ev) == np.bincount(tr).argmax())))
    assert not checks.ex5_3(lambda tr, ev: 0.5)


def test_adamw_check() -> None:
    def reference(p, g, m, v, t, lr, wd):
        p = p * (1 - lr * wd)
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        return p - lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8), m, v

    def coupled(p, g, m, v, t, lr, wd):  # Adam + L2: the classic mistake
        return reference(p, g + wd * p, m, v, t, lr, 0.0)

    assert checks.ex6_1(reference)
    assert not checks.ex6_1(coupled)


def test_schedule_and_no_decay_checks() -> None:
    def linear(s, w, t):
        return s / w if s < w else max(0.0, (t - s) / max(1, t - w))

    assert checks.ex6_2(linear) and not checks.ex6_2(lambda s, w, t: 1.0)

    def by_type(model: nn.Module) -> set[str]:
        return {f"{prefix}.{n}".lstrip(".") for prefix, mod in model.named_modules()
                for n, _ in mod.named_parameters(recurse=False) if isinstance(mod, nn.LayerNorm) or n == "bias"}

    def by_name(model: nn.Module) -> set[str]:
        return {n for n, _ in model.named_parameters() if "bias" in n or "LayerNorm.weight" in n}

    assert checks.ex6_3(by_type)
    assert not checks.ex6_3(by_name)
