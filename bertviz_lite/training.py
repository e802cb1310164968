"""The course's one training loop (on Hugging Face Accelerate) and the loaders and evaluators it uses.

Taught in 07_sequence_classification: `default_loss`, `train_step` and `fit` are written in that notebook's cells
and saved here unchanged (tests/test_notebook_sync.py keeps them equal); 04 and 08-10 call them. The rest
(`TrainConfig`, precision and device helpers, evaluators; `History`/`Monitor` from `monitor`, loaders from
`batches`) is bookkeeping the notebooks use without re-deriving it.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader
from transformers import get_scheduler

from .batches import make_loader, pad_collate
from .monitor import History, Monitor
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

    Raises ValueError when the model returns no loss (no `labels` in the batch, or a model without a head such as
    `BertModel`, whose output has no `.loss`): pass `compute_loss=` to `fit`.
    Taught in 07_sequence_classification.
    """
    loss = getattr(model(**batch), "loss", None)  # a model without a head (BertModel) has no .loss at all
    if loss is None:
        raise ValueError("the model returned no loss: put `labels` in the batch, use a Bert*For* model or pass compute_loss= to fit")
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
