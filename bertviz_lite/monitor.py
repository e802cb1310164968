"""What one `fit` run records and shows: the History (losses, LRs, evaluations, timings) and the Monitor that
fills it, with a text progress bar and a live loss plot in notebooks.

Used by `bertviz_lite.training.fit` (taught in 07_sequence_classification); plain bookkeeping, not a lesson.
"""
from __future__ import annotations

import io
import itertools
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

__all__ = ["History", "Monitor"]


@dataclass
class History:
    """What `fit` saw: loss and LR per optimizer step, metrics per evaluation, wall time (s), training speed
    (examples per second, evaluation excluded) and the device it ran on (e.g. "cpu · bf16 autocast")."""

    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    examples_per_second: float = 0.0
    device: str = ""

    def plot(self, title: str = "Fine-tuning") -> Any:
        """Training loss per step (raw and smoothed, eval loss as dots) and the eval metrics; returns the Figure.

        With fewer than two evaluations the metrics go in the loss panel's title instead of a one-point panel.
        """
        from matplotlib.figure import Figure

        metrics = sorted({k for e in self.evals for k in e if k not in ("step", "epoch", "loss")})
        two_panels = len(self.evals) >= 2 and bool(metrics)
        fig = Figure(figsize=(8, 3.2) if two_panels else (5.5, 3.2), layout="constrained")
        axes = fig.subplots(1, 2) if two_panels else [fig.subplots()]
        ax_loss = axes[0]
        if self.steps:
            window = max(1, len(self.losses) // 20)
            ax_loss.plot(self.steps, self.losses, color="tab:blue", alpha=0.3 if window > 1 else 1.0,
                         label="training loss per step")
            if window > 1:
                sums = [0.0, *torch.tensor(self.losses, dtype=torch.float64).cumsum(0).tolist()]
                smooth = [(sums[i + 1] - sums[max(0, i + 1 - window)]) / min(window, i + 1)
                          for i in range(len(self.losses))]
                ax_loss.plot(self.steps, smooth, color="tab:blue", label=f"mean of last {window} steps")
        evals_with_loss = [(e["step"], e["loss"]) for e in self.evals if "loss" in e]
        if evals_with_loss:
            ax_loss.plot(*zip(*evals_with_loss), "o", color="tab:orange", label="evaluation loss")
        last = "" if two_panels or not self.evals else " · eval " + ", ".join(
            f"{name} {self.evals[-1][name]:.3f}" for name in metrics if name in self.evals[-1])
        ax_loss.set(title=f"{title}: loss{last}", xlabel="optimizer step", ylabel="loss")
        ax_loss.legend(loc="upper right", fontsize=8)
        if two_panels:
            ax_eval = axes[1]
            for name, style in zip(metrics, itertools.cycle(["o-", "s--", "^:", "d-."])):
                points = [(e["step"], e[name]) for e in self.evals if name in e]
                ax_eval.plot(*zip(*points), style, label=name)
            ax_eval.set(title=f"{title}: evaluation", xlabel="optimizer step", ylabel="metric value",
                        xlim=(0, self.steps[-1] + 1 if self.steps else 1))
            ax_eval.legend(loc="lower right", fontsize=8)
        for ax in axes:
            ax.tick_params(labelsize=8)
        return fig


class _DisplayFile:
    """A file-like target for tqdm that shows the bar's latest text in one notebook output (so the stored output
    is the finished bar, not a widget frozen at 0 %)."""

    def __init__(self) -> None:
        self.display_id: str | None = None

    def write(self, text: str) -> None:
        """Show `text` (the bar's latest state) in the one output, replacing the previous text."""
        from IPython.display import display, update_display

        text = text.strip("\r\n")
        if not text:
            return
        if self.display_id is None:
            self.display_id = display({"text/plain": text}, raw=True, display_id=True).display_id
        else:
            update_display({"text/plain": text}, raw=True, display_id=self.display_id)

    def flush(self) -> None:
        """Nothing is buffered."""


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and "IPKernelApp" in shell.config


class Monitor:
    """The bookkeeping of one `fit` run: fills the History, drives a tqdm bar and a live loss plot.

    In a notebook the bar is text in one output (updated in place) and the plot one PNG (dpi 100) redrawn every
    `log_every` steps and after each evaluation; elsewhere the bar goes to stderr and there is no plot. Only the
    main process shows anything (`enabled=False` elsewhere). Training time excludes the evaluations.
    """

    def __init__(self, total: int, device: str, live_plot: bool = True, enabled: bool = True,
                 log_every: int = 10) -> None:
        from tqdm.std import tqdm

        notebook = enabled and _in_notebook()
        self.history = History(device=device)
        self.total, self.log_every, self.examples, self.train_seconds = total, log_every, 0, 0.0
        self.live_plot, self.plot_handle = live_plot and notebook, None
        self.bar = tqdm(total=total, desc="training", unit="step", disable=not enabled, mininterval=0.5,
                        file=_DisplayFile() if notebook else None, ascii=False)
        self.start = self.mark = time.perf_counter()

    @property
    def steps(self) -> int:
        """Optimizer steps done so far."""
        return len(self.history.losses)

    def step(self, loss: float, lr: float, batch: Mapping[str, Any]) -> None:
        """Record one optimizer step (its loss, the LR it used, the batch's examples)."""
        now = time.perf_counter()
        self.train_seconds += now - self.mark
        self.mark = now
        self.history.steps.append(self.steps + 1)
        self.history.losses.append(loss)
        self.history.lrs.append(lr)
        self.examples += int(next(iter(batch.values())).shape[0])
        self.bar.update(1)
        if self.steps % self.log_every == 0 or self.steps == self.total:
            self.bar.set_postfix(loss=f"{loss:.3f}", refresh=False)
            self._draw()

    def evaluated(self, epoch: int, metrics: Mapping[str, float]) -> None:
        """Record the metrics of the evaluation that ran after `epoch`; its time is not training time."""
        self.history.evals.append({"epoch": epoch, "step": self.steps, **metrics})
        self.mark = time.perf_counter()
        self._draw()

    def finish(self) -> History:
        """Close the bar, set the timings and return the History."""
        self.bar.close()
        self.history.seconds = time.perf_counter() - self.start
        self.history.examples_per_second = self.examples / max(self.train_seconds, 1e-9)
        self._draw()
        return self.history

    def _draw(self) -> None:
        if not self.live_plot:
            return
        from IPython.display import Image, display

        buffer = io.BytesIO()
        self.history.plot().savefig(buffer, format="png", dpi=100)
        image = Image(data=buffer.getvalue(), format="png")
        if self.plot_handle is None:
            self.plot_handle = display(image, display_id=True)
        else:
            self.plot_handle.update(image)
