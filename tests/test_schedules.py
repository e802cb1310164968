"""schedules: learning-rate curves come from transformers.get_scheduler itself, names from SchedulerType."""
from __future__ import annotations

import ast
import inspect
import math

import matplotlib
import pytest
import torch
from transformers import SchedulerType, get_scheduler

from bertviz_lite import schedules

matplotlib.use("Agg")
ALL_NAMES = [member.value for member in SchedulerType]


def reference_curve(name: str, total: int, warmup: int, base_lr: float, kwargs: dict) -> list[float]:
    """An independent run of get_scheduler: the LR used by each of `total` optimizer steps."""
    param = torch.nn.Parameter(torch.zeros(2))
    optimizer = torch.optim.AdamW([param], lr=base_lr)
    scheduler = get_scheduler(name, optimizer, num_warmup_steps=warmup, num_training_steps=total,
                              scheduler_specific_kwargs=kwargs)
    rates = []
    for _ in range(total):
        rates.append(scheduler.get_last_lr()[0])
        param.grad = torch.ones(2)
        optimizer.step()
        scheduler.step()
    return rates


def test_names_are_read_from_the_installed_transformers() -> None:
    assert schedules.schedule_names(step_driven_only=False) == ALL_NAMES
    step_driven = schedules.schedule_names()
    assert set(step_driven) < set(ALL_NAMES) and len(step_driven) >= 6


def test_no_schedule_name_is_hard_coded_in_the_module() -> None:
    tree = ast.parse(inspect.getsource(schedules))
    literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert not literals & set(ALL_NAMES), f"hard-coded names: {literals & set(ALL_NAMES)}"


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_step_driven_schedule_equals_get_scheduler(name: str) -> None:
    if schedules.is_metric_driven(name):
        pytest.skip("metric-driven: covered by the refusal test")
    total, warmup, base_lr = 40, 6, 3e-4
    kwargs = schedules.default_kwargs(name, total, warmup)
    got = schedules.lr_curve(name, total, warmup, base_lr)
    assert len(got) == total
    assert got == pytest.approx(reference_curve(name, total, warmup, base_lr, kwargs), rel=1e-12, abs=1e-15)
    assert max(got) == pytest.approx(base_lr, rel=1e-9)


@pytest.mark.parametrize("name", [n for n in ALL_NAMES if n not in schedules.schedule_names()])
def test_metric_driven_schedules_are_refused_clearly(name: str) -> None:
    with pytest.raises(ValueError, match="follows a metric"):
        schedules.lr_curve(name, 10)


def test_linear_warmup_then_decay_by_formula() -> None:
    total, warmup = 10, 4
    expected = [s / warmup if s < warmup else (total - s) / (total - warmup) for s in range(total)]
    assert schedules.lr_curve("linear", total, warmup) == pytest.approx(expected)


def test_specific_kwargs_are_passed_and_checked() -> None:
    one = schedules.lr_curve("cosine_with_restarts", 30, 0, num_cycles=1)
    three = schedules.lr_curve("cosine_with_restarts", 30, 0, num_cycles=3)
    assert one != three and three[10] == pytest.approx(1.0)
    curve = schedules.lr_curve("polynomial", 20, 0, power=2.0, lr_end=0.0)
    assert curve[10] == pytest.approx((1 - 10 / 20) ** 2)
    with pytest.raises(ValueError, match="does not take num_cycles"):
        schedules.lr_curve("linear", 10, num_cycles=2)
    with pytest.raises(ValueError, match="unknown schedule 'cosin'"):
        schedules.lr_curve("cosin", 10)
    with pytest.raises(ValueError, match="num_training_steps must be >= 1"):
        schedules.lr_curve("linear", 0)


def test_schedules_needing_extra_arguments_get_defaults_or_use_yours() -> None:
    wsd = schedules.lr_curve("warmup_stable_decay", 50, 5)
    assert wsd[5:40] == pytest.approx([1.0] * 35) and wsd[-1] < 0.5
    assert schedules.lr_curve("warmup_stable_decay", 50, 5, num_decay_steps=45)[20] < 1.0
    floor = schedules.lr_curve("cosine_with_min_lr", 100, 0)
    assert min(floor) == pytest.approx(0.1, abs=1e-3)  # default: end at 10 % of the peak
    own = schedules.lr_curve("cosine_with_min_lr", 100, 0, base_lr=2.0, min_lr=0.5)
    assert min(own) == pytest.approx(0.5, abs=1e-3)


def test_plot_marks_warmup_and_peak() -> None:
    fig = schedules.plot_schedules(["linear", ("cosine_with_restarts", {"num_cycles": 2})], 100, 10, base_lr=1e-3)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() == "optimizer step" and ax.get_ylabel() == "learning rate"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("warmup end" in label for label in labels) and any("peak" in label for label in labels)
    assert fig.get_figwidth() <= 8
    assert math.isclose(max(ax.lines[0].get_ydata()), 1e-3)


def test_explorer_builds_and_maps_knobs() -> None:
    widget = schedules.schedule_explorer()
    assert widget.children
    assert schedules._explorer_kwargs("cosine_with_restarts", 2.5, 1.0, 0.1) == {"num_cycles": 2}
    assert schedules._explorer_kwargs("linear", 2.5, 2.0, 0.1) == {}


@pytest.mark.parametrize(("total", "warmup", "message"), [
    (0, 0, "num_training_steps must be >= 1"),
    (-5, 0, "num_training_steps must be >= 1"),
    (10, -1, r"num_warmup_steps must lie in \[0, num_training_steps - 1\] = \[0, 9\]"),
    (10, 10, "num_warmup_steps must lie in"),  # warmup as long as training: the peak is never reached
    (10, 25, "num_warmup_steps must lie in"),
    (10.0, 2, "num_training_steps must be an int"),
    (10, True, "num_warmup_steps must be an int"),
])
def test_step_counts_out_of_range_are_refused_by_name(total, warmup, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        schedules.lr_curve("linear", total, warmup)


@pytest.mark.parametrize("name", ["", "Linear", "cosine ", None, "reduce_lr"])
def test_unknown_names_are_refused_with_the_known_ones(name) -> None:
    with pytest.raises(ValueError, match="unknown schedule .*this transformers knows linear"):
        schedules.lr_curve(name, 10)


@pytest.mark.parametrize(("total", "warmup"), [(1, 0), (2, 1), (10, 9)])
def test_boundary_step_counts_give_a_curve_of_the_right_length(total: int, warmup: int) -> None:
    curve = schedules.lr_curve("linear", total, warmup)
    assert len(curve) == total and curve[warmup] == pytest.approx(1.0) and all(0.0 <= r <= 1.0 for r in curve)


def test_plot_refuses_an_empty_list_and_draws_distinguishable_lines() -> None:
    with pytest.raises(ValueError, match="schedules is empty"):
        schedules.plot_schedules([], 10)
    fig = schedules.plot_schedules(["linear", "polynomial", "cosine", "cosine_with_restarts"], 50, 5)
    curves = [line for line in fig.axes[0].lines if len(line.get_xdata()) == 50]
    styles = {(line.get_linestyle(), line.get_color()) for line in curves}
    assert len(styles) == 4
    assert all(t.get_fontsize() >= 8 for t in fig.axes[0].get_legend().get_texts())
    assert all(t.get_fontsize() >= 8 for t in fig.axes[0].get_xticklabels() + fig.axes[0].get_yticklabels())
    assert fig.dpi >= 100


def test_explorer_keeps_the_last_good_view_and_shows_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import ipywidgets

    cleared = []
    monkeypatch.setattr(ipywidgets.Output, "clear_output", lambda self, **kw: cleared.append(1))
    widget = schedules.schedule_explorer()
    controls = {c.description: c for box in widget.children[:2] for c in box.children}
    status = widget.children[2]
    assert len(cleared) == 1 and status.value == ""  # first view drawn
    controls["total steps"].value = 50  # warmup 100 > 50: cannot be drawn
    assert "num_warmup_steps must lie in" in status.value
    assert len(cleared) == 1  # the last good figure was not cleared
    controls["warmup"].value = 10
    assert status.value == "" and len(cleared) == 2
