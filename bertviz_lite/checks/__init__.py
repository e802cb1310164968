"""Automatic checks for the exercises: `checks.ex4_2(your_function)` says solved, not yet, or what failed.

Checks of notebook NN live in `bertviz_lite/checks/nbNN.py`; `checks.exN_M` finds them by name.
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["CheckResult", "NotSolved", "CheckFailed", "exercise", "expect", "expect_close"]


class NotSolved(Exception):
    """The learner's code is still the stub (it raised NotImplementedError or returned None)."""


class CheckFailed(Exception):
    """The learner's code ran but gave a wrong answer; the message says which case and why."""


@dataclass(frozen=True)
class CheckResult:
    """Outcome of an exercise check; truthy when solved, so `assert checks.ex1_1(f)` works."""

    exercise: str
    solved: bool
    message: str

    def __bool__(self) -> bool:
        return self.solved

    def __repr__(self) -> str:
        mark = "✅ solved" if self.solved else "❌ not solved yet"
        return f"Exercise {self.exercise}: {mark}" + (f" — {self.message}" if self.message else "")


def exercise(label: str) -> Callable[[Callable[..., Any]], Callable[..., CheckResult]]:
    """Decorate a check body that raises `CheckFailed`/`NotSolved`; it then returns a `CheckResult`."""

    def decorate(body: Callable[..., Any]) -> Callable[..., CheckResult]:
        @functools.wraps(body)
        def run(*args: Any, **kwargs: Any) -> CheckResult:
            try:
                message = body(*args, **kwargs)
            except NotImplementedError:
                return CheckResult(label, False, "the stub still raises NotImplementedError: fill it in.")
            except NotSolved as exc:
                return CheckResult(label, False, str(exc))
            except CheckFailed as exc:
                return CheckResult(label, False, str(exc))
            except Exception as exc:  # the learner's code crashed: say where, do not raise
                return CheckResult(label, False, f"your code raised {type(exc).__name__}: {exc}")
            return CheckResult(label, True, message or "")

        return run

    return decorate


def expect(condition: bool, message: str) -> None:
    """Raise `CheckFailed(message)` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def expect_close(got: Any, expected: Any, what: str, atol: float = 1e-5, rtol: float = 1e-4) -> None:
    """Raise `CheckFailed` naming `what` unless `got` and `expected` are close (tensors, arrays or numbers)."""
    import torch

    if got is None:
        raise NotSolved(f"{what}: your function returned None.")
    got_t, expected_t = torch.as_tensor(got, dtype=torch.float64), torch.as_tensor(expected, dtype=torch.float64)
    if got_t.shape != expected_t.shape:
        raise CheckFailed(f"{what}: expected shape {tuple(expected_t.shape)}, got {tuple(got_t.shape)}.")
    if not torch.allclose(got_t, expected_t, atol=atol, rtol=rtol):
        gap = (got_t - expected_t).abs().max().item()
        raise CheckFailed(f"{what}: values differ from the expected ones (max |difference| = {gap:.3g}).")


def __getattr__(name: str) -> Callable[..., CheckResult]:
    """`ex4_2` → `bertviz_lite.checks.nb04.ex4_2`."""
    if name.startswith("ex") and "_" in name:
        number = name[2:].split("_", 1)[0]
        if number.isdigit():
            try:
                module = importlib.import_module(f"{__name__}.nb{int(number):02d}")
            except ModuleNotFoundError:
                raise AttributeError(f"no checks for notebook {int(number):02d}") from None
            if hasattr(module, name):
                return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no exercise check {name!r}")
