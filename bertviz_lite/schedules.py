"""Learning-rate schedules drawn by `transformers.get_scheduler` itself, step by step.

`schedule_names()` reads the names from the installed transformers (`SchedulerType`); `lr_curve` runs the real
scheduler on a dummy optimizer and records the learning rate of every optimizer step; `plot_schedules` draws
several curves (warmup end and peak marked); `schedule_explorer` is the thin widget on top, reused by the
course explorer. Taught in 06_optimization.
"""
from __future__ import annotations

import html
import inspect
from collections.abc import Sequence
from functools import cache
from typing import Any

__all__ = [
    "schedule_names",
    "is_metric_driven",
    "schedule_parameters",
    "default_kwargs",
    "lr_curve",
    "plot_schedules",
    "schedule_explorer",
]

# Arguments that `get_scheduler` fills itself (or that only resume a run): never schedule-specific knobs.
_MANAGED = {"optimizer", "num_warmup_steps", "num_training_steps", "last_epoch"}


def _dummy_optimizer(base_lr: float) -> Any:
    """An SGD optimizer over one scalar parameter: the scheduler only reads and writes its learning rate."""
    import torch

    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base_lr)


def _all_names() -> list[str]:
    """Every scheduler name of the installed transformers, in its own order."""
    from transformers import SchedulerType

    return [member.value for member in SchedulerType]


@cache
def is_metric_driven(name: str) -> bool:
    """True when the scheduler's `step()` needs a metric (e.g. reduce_lr_on_plateau): no curve from steps alone."""
    from transformers import get_scheduler

    _check_name(name)
    try:
        scheduler = get_scheduler(name, _dummy_optimizer(1.0), num_warmup_steps=1, num_training_steps=10,
                                  scheduler_specific_kwargs=default_kwargs(name, 10, 1))
    except (TypeError, ValueError):
        return False  # cannot build it with defaults; the step-driven path will explain what is missing
    required = [p for p in inspect.signature(scheduler.step).parameters.values()
                if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return bool(required)


def schedule_names(step_driven_only: bool = True) -> list[str]:
    """Scheduler names read from `transformers.SchedulerType`; by default only those drawable from step counts."""
    return [n for n in _all_names() if not (step_driven_only and is_metric_driven(n))]


def _check_name(name: str) -> None:
    if not isinstance(name, str) or name not in _all_names():
        raise ValueError(f"unknown schedule {name!r}: this transformers knows {', '.join(_all_names())}.")


def _check_steps(num_training_steps: int, num_warmup_steps: int) -> None:
    """Step counts a schedule can be drawn for: 0 <= warmup < total (else the peak LR is never reached)."""
    for label, value in (("num_training_steps", num_training_steps), ("num_warmup_steps", num_warmup_steps)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{label} must be an int, got {value!r}.")
    if num_training_steps < 1:
        raise ValueError(f"num_training_steps must be >= 1, got {num_training_steps}.")
    if not 0 <= num_warmup_steps < num_training_steps:
        raise ValueError(f"num_warmup_steps must lie in [0, num_training_steps - 1] = [0, {num_training_steps - 1}], "
                         f"got {num_warmup_steps}: with warmup as long as training the LR never reaches its peak.")


def schedule_parameters(name: str) -> dict[str, Any]:
    """The schedule-specific keyword arguments of `name` and their defaults (`inspect.Parameter.empty` = required)."""
    from transformers.optimization import TYPE_TO_SCHEDULER_FUNCTION, SchedulerType

    _check_name(name)
    function = TYPE_TO_SCHEDULER_FUNCTION[SchedulerType(name)]
    return {p.name: p.default for p in inspect.signature(function).parameters.values()
            if p.name not in _MANAGED and p.kind is not p.VAR_KEYWORD}


def default_kwargs(name: str, num_training_steps: int, num_warmup_steps: int = 0) -> dict[str, Any]:
    """Sensible values for schedule arguments that have no usable default (decay steps, minimum LR)."""
    params = schedule_parameters(name)
    defaults: dict[str, Any] = {}
    if "num_decay_steps" in params and params["num_decay_steps"] is inspect.Parameter.empty:
        # warmup → stable → decay: decay over the last 20 % of the steps left after warmup
        defaults["num_decay_steps"] = max(1, round(0.2 * max(num_training_steps - num_warmup_steps, 1)))
    if "min_lr" in params and "min_lr_rate" in params:
        defaults["min_lr_rate"] = 0.1  # the cosine ends at 10 % of the peak instead of 0
    return defaults


def lr_curve(name: str, num_training_steps: int, num_warmup_steps: int = 0, base_lr: float = 1.0,
             **scheduler_specific_kwargs: Any) -> list[float]:
    """The learning rate used by optimizer steps 0 … n-1 (a list of n floats), from `transformers.get_scheduler`.

    Args:
        name: a step-driven name of `schedule_names()`.
        num_training_steps: n >= 1.
        num_warmup_steps: 0 <= w < n.
        base_lr: the peak learning rate (1.0 gives the multiplier).
        **scheduler_specific_kwargs: the schedule's own knobs (`schedule_parameters(name)`), e.g. num_cycles.

    Raises:
        ValueError: unknown or metric-driven name, step counts outside the ranges above, knobs the schedule
        does not take, or values transformers refuses.

    Source: `transformers.get_scheduler`. Taught in 06_optimization.
    """
    from transformers import get_scheduler

    _check_name(name)
    if is_metric_driven(name):
        raise ValueError(f"{name!r} follows a metric (its step() needs e.g. the validation loss), so it has no "
                         f"curve from step counts alone. Step-driven schedules: {', '.join(schedule_names())}.")
    _check_steps(num_training_steps, num_warmup_steps)
    params = schedule_parameters(name)
    unknown = sorted(set(scheduler_specific_kwargs) - set(params))
    if unknown:
        raise ValueError(f"{name!r} does not take {', '.join(unknown)}; it takes: {', '.join(params) or 'nothing'}.")
    kwargs = scheduler_specific_kwargs
    if not ({"min_lr", "min_lr_rate"} & set(kwargs)):  # the minimum LR may be given either way: keep the user's
        kwargs = {**default_kwargs(name, num_training_steps, num_warmup_steps), **kwargs}
    else:
        kwargs = {**{k: v for k, v in default_kwargs(name, num_training_steps, num_warmup_steps).items()
                     if k != "min_lr_rate"}, **kwargs}
    optimizer = _dummy_optimizer(base_lr)
    try:
        scheduler = get_scheduler(name, optimizer, num_warmup_steps=num_warmup_steps,
                                  num_training_steps=num_training_steps, scheduler_specific_kwargs=kwargs or None)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"cannot build schedule {name!r} with {kwargs}: {exc}") from None
    rates = []
    for _ in range(num_training_steps):
        rates.append(float(optimizer.param_groups[0]["lr"]))  # the LR this optimizer step uses
        optimizer.step()
        scheduler.step()
    return rates


_LINE_STYLES = ("-", "--", "-.", ":")


def plot_schedules(schedules: Sequence[str | tuple[str, dict[str, Any]]], num_training_steps: int,
                   num_warmup_steps: int = 0, base_lr: float = 1.0, ax: Any = None, title: str | None = None,
                   legend: bool = True) -> Any:
    """Draw several schedules (names, or (name, kwargs) pairs) on one axes; mark warmup end and peak LR.

    Each curve gets its own colour AND line style (later ones thinner and dashed), so curves that coincide stay
    visible. Returns the Figure. Raises ValueError as `lr_curve` does, or for an empty `schedules`.
    """
    import matplotlib.pyplot as plt

    if not schedules:
        raise ValueError("schedules is empty: give at least one schedule name.")
    curves = []
    for item in schedules:  # compute every curve first: a bad one raises before anything is drawn
        name, kwargs = (item, {}) if isinstance(item, str) else item
        curves.append((name, kwargs, lr_curve(name, num_training_steps, num_warmup_steps, base_lr, **kwargs)))
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 3.6), dpi=100)
    else:
        fig = ax.figure
    for i, (name, kwargs, rates) in enumerate(curves):
        label = name if not kwargs else f"{name} ({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
        line, = ax.plot(range(num_training_steps), rates, label=label, lw=2.4 - 1.6 * i / max(1, len(curves)),
                        ls=_LINE_STYLES[i % len(_LINE_STYLES)])
        peak = max(range(num_training_steps), key=rates.__getitem__)
        ax.plot([peak], [rates[peak]], "o", color=line.get_color(), ms=5)
    if num_warmup_steps > 0:
        ax.axvline(num_warmup_steps, color="grey", ls="--", lw=1, label=f"warmup end (step {num_warmup_steps})")
    ax.axhline(base_lr, color="grey", ls=":", lw=1, label=f"peak LR = {base_lr:g} (dots: where each peaks)")
    ax.set(title=title or f"Learning-rate schedules ({num_training_steps} steps)", xlabel="optimizer step",
           ylabel="learning rate")
    ax.tick_params(labelsize=8)
    if legend:
        ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    return fig


def _explorer_kwargs(name: str, cycles: float, power: float, min_lr_rate: float) -> dict[str, Any]:
    """Map the explorer's knobs onto the arguments `name` accepts (knobs it does not take are dropped)."""
    params = schedule_parameters(name)
    wanted: dict[str, Any] = {"power": power, "min_lr_rate": min_lr_rate}
    if "num_cycles" in params:
        cycles_default = params["num_cycles"]
        wanted["num_cycles"] = max(1, round(cycles)) if isinstance(cycles_default, int) else cycles
    return {k: v for k, v in wanted.items() if k in params}


def schedule_explorer(base_lr: float = 5e-5) -> Any:
    """A widget: pick a schedule, warmup, total steps, cycles, power and minimum LR; the curve redraws.

    A setting that cannot be drawn (e.g. warmup >= total steps) shows its message above the plot and keeps the
    last good curve. Returns an `ipywidgets.VBox`. Taught in 06_optimization.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    names = schedule_names()
    name = widgets.Dropdown(options=names, value=names[0], description="schedule")
    total = widgets.IntSlider(value=1000, min=10, max=5000, step=10, description="total steps")
    warmup = widgets.IntSlider(value=100, min=0, max=1000, step=10, description="warmup")
    cycles = widgets.FloatSlider(value=0.5, min=0.5, max=5.0, step=0.5, description="cycles")
    power = widgets.FloatSlider(value=1.0, min=0.5, max=4.0, step=0.5, description="power")
    min_lr = widgets.FloatSlider(value=0.1, min=0.0, max=0.9, step=0.05, description="min-lr rate")
    out = widgets.Output()

    status = widgets.HTML(value="")

    def redraw(*_: Any) -> None:
        try:  # build the new figure first: on a bad setting the last good view stays and the message says why
            kwargs = _explorer_kwargs(name.value, cycles.value, power.value, min_lr.value)
            fig = plot_schedules([(name.value, kwargs)], total.value, warmup.value, base_lr)
        except Exception as exc:  # noqa: BLE001 - a widget callback must never raise
            status.value = f"<b>Cannot draw this setting:</b> {html.escape(str(exc))}"
            return
        status.value = ""
        with out:
            out.clear_output(wait=True)
            display(fig)
        plt.close(fig)  # shown once, inside the widget

    for control in (name, total, warmup, cycles, power, min_lr):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([name, total, warmup]), widgets.HBox([cycles, power, min_lr]), status, out])
