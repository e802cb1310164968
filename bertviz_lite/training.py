"""The course's one training loop (on Hugging Face Accelerate) and the loaders and evaluators it uses.

Taught in 07_sequence_classification: `default_loss`, `train_step` and `fit` are written in that notebook's cells
and saved here unchanged (tests/test_notebook_sync.py keeps them equal); 04 and 08-10 call them. The rest
(`TrainConfig`, `History`, `Monitor`, precision and device helpers, loaders, evaluators) is bookkeeping the
notebooks use without re-deriving it.
"""
from __future__ import annotations

import io
import itertools
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader
from transformers import get_scheduler

from .optim import param_groups

__all__ = [
    "param_groups",
    "PRECISIONS",
    "TrainConfig",
    "History",
    "Monitor",
    "resolve_precision",
    "autocast",
    "make_accelerator",
    "describe_device",
    "seed_run",
    "default_loss",
    "train_step",
    "fit",
    "pad_collate",
    "make_loader",
    "make_evaluator",
    "predict",
]

PRECISIONS = ("auto", "no", "bf16")
# Keys a tokenizer may return that the model does not accept.
_NOT_MODEL_INPUTS = ("offset_mapping", "overflow_to_sample_mapping", "special_tokens_mask", "length")


@dataclass
class TrainConfig:
    """The recipe of one run; defaults follow the BERT paper's fine-tuning advice (Devlin et al. 2019, §A.3).

    epochs (>= 1) or max_steps (>= 1, wins when set) fix the number of optimizer steps; lr > 0 is the peak
    learning rate, reached after `warmup_ratio` (0 <= r < 1) of the steps, then `schedule` (any
    `transformers.get_scheduler` name) decays it; weight_decay >= 0 (not on biases and LayerNorm, see
    `bertviz_lite.optim.param_groups`); max_grad_norm clips the global gradient norm (0 or None: no clipping);
    mixed_precision is "auto" (bf16 where the CPU/GPU has bf16 arithmetic, see `resolve_precision`), "no" (fp32)
    or "bf16"; seed fixes dropout masks and the shuffling order; the bar and live plot refresh every `log_every`
    steps. Raises ValueError on a value outside these ranges.
    """

    epochs: int = 2
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    schedule: str = "linear"
    max_grad_norm: float | None = 1.0
    max_steps: int | None = None
    seed: int = 0
    log_every: int = 10
    mixed_precision: str = "auto"

    def __post_init__(self) -> None:
        checks = {"epochs": self.epochs >= 1, "lr": self.lr > 0, "weight_decay": self.weight_decay >= 0,
                  "warmup_ratio": 0 <= self.warmup_ratio < 1, "log_every": self.log_every >= 1,
                  "max_steps": self.max_steps is None or self.max_steps >= 1,
                  "max_grad_norm": self.max_grad_norm is None or self.max_grad_norm >= 0,
                  "mixed_precision": self.mixed_precision in PRECISIONS}
        ranges = {"epochs": ">= 1", "lr": "> 0", "weight_decay": ">= 0", "warmup_ratio": "in [0, 1)",
                  "log_every": ">= 1", "max_steps": "None or >= 1", "max_grad_norm": "None or >= 0",
                  "mixed_precision": f"one of {PRECISIONS}"}
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"TrainConfig.{name} must be {ranges[name]}, got {getattr(self, name)!r}")


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
        self.bar = tqdm(total=total, desc="fine-tuning", unit="step", disable=not enabled, mininterval=0.5,
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


@cache
def _cpu_has_bf16() -> bool:
    """True when the CPU has native bf16 arithmetic (x86 AVX512-BF16 or AMX tiles)."""
    cpu = torch.cpu
    return any(getattr(cpu, name, lambda: False)() for name in ("_is_avx512_bf16_supported",
                                                                 "_is_amx_tile_supported"))


def resolve_precision(mixed_precision: str, device: torch.device) -> str:
    """"no" or "bf16" for `device`: "auto" means bf16 on a CUDA GPU that supports it and on a CPU with
    AVX512-BF16/AMX (bf16 autocast was 1.3x faster per step there), fp32 ("no") elsewhere (older CPUs emulate
    bf16 slowly; Apple MPS stays fp32). Raises ValueError for a value outside PRECISIONS."""
    if mixed_precision not in PRECISIONS:
        raise ValueError(f"mixed_precision must be one of {PRECISIONS}, got {mixed_precision!r}")
    if mixed_precision != "auto":
        return mixed_precision
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "no"
    return "bf16" if device.type == "cpu" and _cpu_has_bf16() else "no"


def autocast(accelerator: Accelerator, mixed_precision: str) -> torch.autocast:
    """`torch.autocast` in bf16 on the accelerator's device when `mixed_precision` resolves to "bf16", else a
    disabled one (fp32). Weights, gradients and the optimizer stay fp32 either way (mixed precision)."""
    bf16 = resolve_precision(mixed_precision, accelerator.device) == "bf16"
    return torch.autocast(accelerator.device.type, dtype=torch.bfloat16, enabled=bf16)


def make_accelerator() -> Accelerator:
    """An `Accelerator` for the course loop: device CUDA, then Apple MPS, then CPU (several processes when started
    by `accelerate launch` or `torchrun`); its own mixed precision off, because `fit` applies bf16 itself with
    `autocast` (so "no" really means fp32). A `Trainer(bf16=True)` run earlier in the same process leaves
    Accelerate's shared state in bf16, which cannot be changed in place: that state is reset first, as
    `TrainingArguments` itself does before each Trainer."""
    from accelerate.state import AcceleratorState

    try:
        return Accelerator(mixed_precision="no")
    except ValueError:  # "AcceleratorState has already been initialized and cannot be changed"
        AcceleratorState._reset_state()
        return Accelerator(mixed_precision="no")


def describe_device(accelerator: Accelerator, mixed_precision: str) -> str:
    """E.g. "cpu · bf16 autocast", "cuda:0 · fp32", "cpu · fp32 · 2 processes" (what History.device holds)."""
    precision = "bf16 autocast" if resolve_precision(mixed_precision, accelerator.device) == "bf16" else "fp32"
    processes = f" · {accelerator.num_processes} processes" if accelerator.num_processes > 1 else ""
    return f"{accelerator.device} · {precision}{processes}"


def seed_run(seed: int, loader: Any) -> None:
    """Seed python, numpy and torch (dropout masks) and the loader's shuffling generator, if it has one."""
    from accelerate.utils import set_seed

    set_seed(seed)
    generator = getattr(loader, "generator", None)
    if isinstance(generator, torch.Generator):
        generator.manual_seed(seed)  # same shuffling order on every run with this seed


def default_loss(model: nn.Module, batch: Mapping[str, torch.Tensor]) -> torch.Tensor:
    """The loss every Bert*For* head computes when the batch holds `labels`: `model(**batch).loss` (a scalar).

    Raises ValueError when the model returns no loss (no `labels` in the batch): pass `compute_loss=` to `fit`.
    Taught in 07_sequence_classification.
    """
    loss = model(**batch).loss
    if loss is None:
        raise ValueError("the model returned no loss: put `labels` in the batch or pass compute_loss= to fit")
    return loss


def train_step(model: nn.Module, batch: Mapping[str, torch.Tensor], optimizer: torch.optim.Optimizer,
               scheduler: Any, accelerator: Accelerator, config: TrainConfig,
               compute_loss: Callable[[nn.Module, Any], torch.Tensor] = default_loss) -> float:
    """One optimizer step on one batch: forward (bf16 autocast if the config asks), backward, clip, AdamW step,
    schedule step; returns the batch's loss as a float. Taught in 07_sequence_classification."""
    with autocast(accelerator, config.mixed_precision):  # matrix products in bf16 where the hardware has them
        loss = compute_loss(model, batch)
    accelerator.backward(loss)  # loss.backward(); with several processes it also averages the gradients
    if config.max_grad_norm:
        accelerator.clip_grad_norm_(model.parameters(), config.max_grad_norm)  # clip the global norm
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    return loss.item()


def fit(model: nn.Module, train_loader: DataLoader, config: TrainConfig,
        evaluate: Callable[[nn.Module], dict[str, float]] | None = None, *,
        compute_loss: Callable[[nn.Module, Any], torch.Tensor] | None = None, live_plot: bool = True) -> History:
    """Train `model` on the batches of `train_loader` with the recipe `config`; return the History.

    Accelerate picks the device (CUDA, then Apple MPS, then CPU), moves model and batches there, and under
    `accelerate launch` / `torchrun` shards the batches and averages gradients across processes. AdamW without
    decay on biases and LayerNorm, linear warmup then `config.schedule`, clipping, bf16 autocast per
    `config.mixed_precision`. `evaluate(model) -> {metric: value}` runs after each epoch (and after the last step
    when `max_steps` ends mid-epoch) in eval mode without gradients. `compute_loss(model, batch) -> scalar`
    replaces `model(**batch).loss` (e.g. MLM + NSP in pretraining). The model ends in eval mode, on the device.
    Raises ValueError for an empty loader or a batch without labels (and no `compute_loss`).
    Taught in 07_sequence_classification; used in 04, 08, 09 and 10.
    """
    accelerator = make_accelerator()  # the device: CUDA, then Apple MPS, then CPU (one process per GPU if launched so)
    seed_run(config.seed, train_loader)  # same dropout masks and shuffling order on every run
    optimizer = torch.optim.AdamW(param_groups(model, config.weight_decay), lr=config.lr, fused=True)
    model, optimizer, loader = accelerator.prepare(model, optimizer, train_loader)  # to the device, sharded
    total = config.max_steps or config.epochs * len(loader)
    scheduler = get_scheduler(config.schedule, optimizer, math.ceil(config.warmup_ratio * total), total)  # warmup, all
    monitor = Monitor(total, describe_device(accelerator, config.mixed_precision), live_plot,
                      accelerator.is_main_process, config.log_every)
    for epoch in range(1, math.ceil(total / len(loader)) + 1):
        model.train()
        for batch in itertools.islice(loader, total - monitor.steps):
            lr = scheduler.get_last_lr()[0]  # the LR this step uses
            loss = train_step(model, batch, optimizer, scheduler, accelerator, config, compute_loss or default_loss)
            monitor.step(loss, lr, batch)
        if evaluate is not None:  # once per epoch, in eval mode, without gradients
            model.eval()
            with torch.no_grad(), autocast(accelerator, config.mixed_precision):
                monitor.evaluated(epoch, evaluate(model))
    model.eval()
    return monitor.finish()


def _pad(rows: Sequence[Any], value: int | float) -> torch.Tensor:
    """Pad nested int/float lists on their last axis to the longest row: (B, T) or (B, C, T)."""
    if rows and isinstance(rows[0], torch.Tensor):
        rows = [r.tolist() for r in rows]
    if not rows or not isinstance(rows[0], (list, tuple)):
        return torch.tensor(rows)
    if rows[0] and isinstance(rows[0][0], (list, tuple)):  # multiple choice: (B, C, T)
        width = max(len(seq) for row in rows for seq in row)
        return torch.tensor([[list(seq) + [value] * (width - len(seq)) for seq in row] for row in rows])
    width = max(len(row) for row in rows)
    return torch.tensor([list(row) + [value] * (width - len(row)) for row in rows])


def pad_collate(features: list[dict], pad_token_id: int = 0) -> dict[str, torch.Tensor]:
    """Dynamic padding of a list of examples: ids with `pad_token_id`, masks/types with 0, list labels with -100."""
    if not features:
        raise ValueError("features is empty: a batch needs at least one example.")
    batch: dict[str, torch.Tensor] = {}
    for key in features[0]:
        rows = [f[key] for f in features]
        if key == "input_ids":
            batch[key] = _pad(rows, pad_token_id)
        elif key == "labels":
            first = rows[0]
            is_float = isinstance(first, float) or (isinstance(first, (list, tuple)) and first
                                                    and isinstance(first[0], float))
            if is_float:  # regression targets or multi-hot vectors: same length, no padding
                batch[key] = torch.tensor(rows, dtype=torch.float32)
            else:  # class ids, or per-token labels padded with -100 (ignored by cross-entropy)
                batch[key] = _pad(rows, -100)
        else:
            batch[key] = _pad(rows, 0)
    return batch


class _Collate:
    """`pad_collate` with a fixed pad id, as a picklable object (DataLoader workers and Trainer can copy it)."""

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, features: list[dict]) -> dict[str, torch.Tensor]:
        return pad_collate(features, self.pad_token_id)


def make_loader(
    encodings: Mapping[str, Sequence[Any]],
    labels: Sequence[Any] | None = None,
    batch_size: int = 16,
    shuffle: bool = False,
    seed: int = 0,
    pad_token_id: int = 0,
    group_by_length: bool = False,
) -> DataLoader:
    """A DataLoader of padded dict batches from unpadded tokenizer output (+ labels); shuffled with its own seed.

    `group_by_length=True` (needs `shuffle=True`) draws batches of similar length with `Trainer`'s own
    `LengthGroupedSampler` (random groups of 50 batches, sorted by length inside; in Trainer 5.23
    `train_sampling_strategy="group_by_length"`), so dynamic padding adds few pad tokens. Raises ValueError when
    `batch_size` < 1, the encodings are empty, labels and encodings differ in length, or `group_by_length` is
    asked without `shuffle`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if group_by_length and not shuffle:
        raise ValueError("group_by_length=True needs shuffle=True (it reorders the training batches)")
    keys = [k for k in encodings if k not in _NOT_MODEL_INPUTS]
    count = len(encodings[keys[0]]) if keys else 0
    if count == 0:
        raise ValueError("encodings hold no example: tokenize at least one text")
    examples = [{k: encodings[k][i] for k in keys} for i in range(count)]
    if labels is not None:
        labels = list(labels.tolist() if hasattr(labels, "tolist") else labels)
        if len(labels) != count:
            raise ValueError(f"{count} encoded examples but {len(labels)} labels: they must match one to one.")
        for example, label in zip(examples, labels):
            example["labels"] = label
    generator = torch.Generator().manual_seed(seed) if shuffle else None
    if group_by_length:
        from transformers.trainer_pt_utils import LengthGroupedSampler

        lengths = [int(torch.tensor(e["input_ids"]).numel()) for e in examples]  # tokens (all choices together)
        sampler = LengthGroupedSampler(batch_size, lengths=lengths, generator=generator)
        return DataLoader(examples, batch_size=batch_size, sampler=sampler, generator=generator,  # type: ignore[arg-type]
                          collate_fn=_Collate(pad_token_id))
    return DataLoader(examples, batch_size=batch_size, shuffle=shuffle, generator=generator,  # type: ignore[arg-type]
                      collate_fn=_Collate(pad_token_id))


def make_evaluator(loader: DataLoader) -> Callable[[nn.Module], dict[str, float]]:
    """An `evaluate(model)` for `fit`: mean cross-entropy per labelled position and accuracy of argmax(logits, -1)
    where labels != -100 (sequence labels (B,), choices (B,) or token labels (B, T)).

    Batches go to the Accelerate device; with several processes each sees its shard and `gather_for_metrics`
    collects per-example counts, dropping the copies Accelerate adds to even out the last batch, so every
    example counts exactly once. For classification heads (`.logits`), not regression.
    """

    def evaluate(model: nn.Module) -> dict[str, float]:
        accelerator = make_accelerator()
        was_training = model.training
        model.eval()
        totals = torch.zeros(3, dtype=torch.float64)  # correct, counted, loss sum
        # fork_rng: iterating a loader draws from torch's global generator, which would shift the dropout masks
        # of the training steps after this evaluation; with the fork, a run is the same with or without evaluation
        with torch.no_grad(), torch.random.fork_rng(devices=[]):
            for batch in accelerator.prepare(loader):
                if "labels" not in batch:
                    raise ValueError("the loader has no labels: build it with make_loader(encodings, labels) to evaluate")
                logits, labels = model(**batch).logits, batch["labels"]  # (B, C) / (B, T, C); (B,) / (B, T)
                keep = (labels != -100).reshape(len(labels), -1)
                hits = ((logits.argmax(-1) == labels).reshape(len(labels), -1) & keep).sum(1)
                losses = F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), labels.reshape(-1),
                                         ignore_index=-100, reduction="none").reshape(len(labels), -1).sum(1)
                per_example = torch.stack([hits.double(), keep.sum(1).double(), losses.double()], 1)  # (B, 3)
                totals += accelerator.gather_for_metrics(per_example).sum(0).cpu()
        model.train(was_training)
        correct, counted, loss_sum = totals.tolist()
        return {"loss": loss_sum / max(counted, 1), "accuracy": correct / max(counted, 1)}

    return evaluate


def predict(model: nn.Module, loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """Argmax predictions (N,) and labels (N,) of a sequence-level classifier over `loader`, in loader order, on
    the CPU, gathered across processes (each example once); labels are -1 when the batches have none.
    Eval mode, no gradients, fp32. Raises ValueError for token-level labels (use make_evaluator)."""
    accelerator = make_accelerator()
    was_training = model.training
    model.eval()
    predictions, references = [], []
    with torch.no_grad():
        for batch in accelerator.prepare(loader):
            logits = model(**batch).logits  # (B, C)
            labels = batch.get("labels", torch.full(logits.shape[:1], -1, device=logits.device))
            if labels.dim() != 1:
                raise ValueError(f"predict is for one label per example; got labels of shape {tuple(labels.shape)}")
            gathered = accelerator.gather_for_metrics(torch.stack([logits.argmax(-1), labels], 1))  # (B, 2)
            predictions.append(gathered[:, 0].cpu())
            references.append(gathered[:, 1].cpu())
    model.train(was_training)
    return torch.cat(predictions), torch.cat(references)
