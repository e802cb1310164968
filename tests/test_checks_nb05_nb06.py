"""The exercise checks of 05 and 06 accept the reference solutions, reject typical mistakes, and spot stubs.

The checks keep private answer keys: none of them imports the package helper a learner could call instead.
"""
from __future__ import annotations

import ast
import inspect

import numpy as np
import pytest
from scipy.stats import binomtest
from torch import nn

from bertviz_lite import checks
from bertviz_lite.checks import nb05, nb06


@pytest.mark.parametrize("module", [nb05, nb06])
def test_checks_do_not_use_package_helpers_as_answer_keys(module) -> None:
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):  # `from . import CheckFailed` is fine; `from ..features` is not
            assert node.level <= 1 and not (node.module or "").startswith("bertviz_lite"), ast.dump(node)
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("bertviz_lite") for a in node.names)


# ---- 5.1 content mean --------------------------------------------------------------------------------------
def content_mean(h, m, s):
    keep = (m.bool() & ~s.bool()).unsqueeze(-1).float()
    return (h * keep).sum(1) / keep.sum(1)


@pytest.mark.parametrize("mistake", [
    lambda h, m, s: h.mean(1),  # padding and specials averaged in
    lambda h, m, s: (h * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True),  # masked mean, specials kept
    lambda h, m, s: (h * (1 - s).unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True),  # wrong count
    lambda h, m, s: h[:, 1:-1].mean(1),  # drops first and last column, not [SEP] of short rows
])
def test_content_mean_check(mistake) -> None:
    assert checks.ex5_1(content_mean)
    assert not checks.ex5_1(mistake)
    assert "not solved" in repr(checks.ex5_1(lambda h, m, s: None))


# ---- 5.2 McNemar -------------------------------------------------------------------------------------------
def mcnemar_p(a, b):
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    n01, n10 = int((a & ~b).sum()), int((~a & b).sum())
    return 1.0 if n01 + n10 == 0 else binomtest(n01, n01 + n10, 0.5).pvalue


@pytest.mark.parametrize("mistake", [
    lambda a, b: binomtest(int(np.sum(a)), len(a), 0.5).pvalue,  # ignores pairing
    lambda a, b: binomtest(int(np.sum(np.asarray(a) & ~np.asarray(b, bool))), len(a), 0.5).pvalue,  # n = all
    lambda a, b: binomtest(max(1, int(np.sum(np.asarray(a, bool) & ~np.asarray(b, bool)))),
                           max(1, int(np.sum(np.asarray(a) != np.asarray(b)))), 0.5, alternative="greater").pvalue,
])
def test_mcnemar_check(mistake) -> None:
    assert checks.ex5_2(mcnemar_p)
    assert not checks.ex5_2(mistake)


def test_majority_check() -> None:
    assert checks.ex5_3(lambda tr, ev: float(np.mean(np.asarray(ev) == np.bincount(tr).argmax())))
    assert not checks.ex5_3(lambda tr, ev: 0.5)
    assert not checks.ex5_3(lambda tr, ev: float(np.mean(np.asarray(ev) == np.bincount(ev).argmax())))  # eval majority


# ---- 6.1 AdamW ---------------------------------------------------------------------------------------------
def test_adamw_check() -> None:
    def reference(p, g, m, v, t, lr, wd):
        p = p * (1 - lr * wd)
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        return p - lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8), m, v

    def coupled(p, g, m, v, t, lr, wd):  # Adam + L2: the classic mistake
        return reference(p, g + wd * p, m, v, t, lr, 0.0)

    def no_bias_correction(p, g, m, v, t, lr, wd):
        p = p * (1 - lr * wd)
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        return p - lr * m / (v.sqrt() + 1e-8), m, v

    def in_place(p, g, m, v, t, lr, wd):
        out = reference(p, g, m, v, t, lr, wd)
        p.copy_(out[0])
        return out

    assert checks.ex6_1(reference)
    for mistake in (coupled, no_bias_correction, in_place):
        assert not checks.ex6_1(mistake)


# ---- 6.2 a schedule transformers lacks ---------------------------------------------------------------------
def warmup_then_exponential(s, w, t, final):
    return s / w if s < w else final ** ((s - w) / max(1, t - w))


@pytest.mark.parametrize("mistake", [
    lambda s, w, t, f: s / w if s < w else f ** ((s - w) / (t - 1 - w)) if t - 1 > w else 1.0,  # ends early
    lambda s, w, t, f: (s + 1) / w if s < w else f ** ((s - w) / max(1, t - w)),  # warmup off by one
    lambda s, w, t, f: s / w if s < w else 1 - (1 - f) * (s - w) / max(1, t - w),  # linear, not geometric
    lambda s, w, t, f: f ** (s / t),  # no warmup (also divides by w = 0 nowhere)
])
def test_exponential_schedule_check(mistake) -> None:
    assert checks.ex6_2(warmup_then_exponential)
    assert not checks.ex6_2(mistake)
    assert "not solved" in repr(checks.ex6_2(lambda s, w, t, f: None))


# ---- 6.3 what the name rule misplaces ----------------------------------------------------------------------
def misplaced_by_name(model: nn.Module, keys) -> set[str]:
    by_type = {f"{prefix}.{n}".lstrip(".") for prefix, mod in model.named_modules()
               for n, _ in mod.named_parameters(recurse=False) if isinstance(mod, nn.LayerNorm) or n == "bias"}
    by_name = {n for n, _ in model.named_parameters() if any(k in n for k in keys)}
    return by_type ^ by_name


@pytest.mark.parametrize("mistake", [
    lambda model, keys: {n for n, _ in model.named_parameters() if any(k in n for k in keys)},  # the rule itself
    lambda model, keys: misplaced_by_name(model, keys) - {"bias_proj.weight"},  # only misses, not false spares
    lambda model, keys: {n for n, _ in model.named_parameters() if "norm" in n.lower() or "ln" in n},
])
def test_misplaced_check(mistake) -> None:
    assert checks.ex6_3(misplaced_by_name)
    assert not checks.ex6_3(mistake)
    assert "not solved" in repr(checks.ex6_3(lambda model, keys: None))


def test_stubs_that_return_none_do_not_raise() -> None:
    for result in (checks.ex5_1(lambda *a: None), checks.ex5_2(lambda *a: None), checks.ex6_1(lambda *a: None)):
        assert not result and "not solved" in repr(result)
