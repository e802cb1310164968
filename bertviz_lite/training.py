"""A plain PyTorch fine-tuning loop (AdamW, no-decay groups, warmup, clipping) and the loaders it eats.

Taught in 07_sequence_classification; used again in 08, 09 and 10.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader

__all__ = [
    "param_groups",
    "TrainConfig",
    "History",
    "fit",
    "pad_collate",
    "make_loader",
    "make_evaluator",
]

# Keys a tokenizer may return that the model does not accept.
_NOT_MODEL_INPUTS = ("offset_mapping", "overflow_to_sample_mapping", "special_tokens_mask", "length")


def _is_layer_norm(module: nn.Module) -> bool:
    """nn.LayerNorm, or any class named like one (e.g. a hand-written `BertLayerNorm`)."""
    return isinstance(module, nn.LayerNorm) or type(module).__name__.endswith("LayerNorm")


def param_groups(model: nn.Module, weight_decay: float) -> list[dict]:
    """Two AdamW groups: decay on weights, none on biases and LayerNorm weights (found by module type, not name)."""
    decay: list[nn.Parameter] = []
    no_decay: list[nn.Parameter] = []
    seen: set[int] = set()
    for module in model.modules():
        norm = _is_layer_norm(module)
        for name, param in module.named_parameters(recurse=False):
            if not param.requires_grad or id(param) in seen:  # frozen, or tied and already placed
                continue
            seen.add(id(param))
            (no_decay if norm or name == "bias" else decay).append(param)
    return [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]


@dataclass
class TrainConfig:
    """The recipe of one fine-tuning run (defaults follow the BERT paper's fine-tuning advice)."""

    epochs: int = 2
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    schedule: str = "linear"
    max_grad_norm: float = 1.0
    max_steps: int | None = None
    seed: int = 0
    log_every: int = 10


@dataclass
class History:
    """What `fit` saw: loss and LR per optimizer step, metrics per evaluation, wall time, training speed (no eval)."""

    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    examples_per_second: float = 0.0

    def plot(self, title: str = "Fine-tuning") -> Any:
        """Training loss per step (raw, smoothed, eval loss as dots) and the other eval metrics; returns the Figure."""
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8, 3.2), layout="constrained")
        ax_loss, ax_eval = fig.subplots(1, 2)
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
        ax_loss.set(title=f"{title}: loss", xlabel="optimizer step", ylabel="loss")
        ax_loss.legend(loc="upper right", fontsize=8)
        metrics = sorted({k for e in self.evals for k in e if k not in ("step", "epoch", "loss")})
        for name in metrics:
            points = [(e["step"], e[name]) for e in self.evals if name in e]
            ax_eval.plot(*zip(*points), marker="o", label=name)
        ax_eval.set(title=f"{title}: evaluation", xlabel="optimizer step", ylabel="metric value")
        if self.steps:
            ax_eval.set_xlim(0, self.steps[-1] + 1)
        if metrics:
            ax_eval.legend(loc="lower right", fontsize=8)
        return fig


class _LivePlot:
    """Redraws `History.plot()` in one notebook output (an IPython display handle); silent outside notebooks."""

    def __init__(self, enabled: bool) -> None:
        self.handle = None
        if enabled:
            try:
                from IPython import get_ipython

                shell = get_ipython()
                enabled = shell is not None and "IPKernelApp" in shell.config
            except ImportError:
                enabled = False
        self.enabled = enabled

    def update(self, history: History) -> None:
        """Draw the current history into the notebook output, replacing the previous drawing."""
        if not self.enabled:
            return
        import io

        from IPython.display import Image, display

        buffer = io.BytesIO()
        history.plot().savefig(buffer, format="png", dpi=72)
        image = Image(data=buffer.getvalue(), format="png")
        if self.handle is None:
            self.handle = display(image, display_id=True)
        else:
            self.handle.update(image)


def _adamw(groups: list[dict], lr: float) -> torch.optim.Optimizer:
    """torch.optim.AdamW, fused when this torch supports it (as Trainer's default `adamw_torch_fused`)."""
    try:
        return torch.optim.AdamW(groups, lr=lr, fused=True)
    except (RuntimeError, TypeError, ValueError):
        return torch.optim.AdamW(groups, lr=lr)


def _batch_size(batch: Mapping[str, torch.Tensor]) -> int:
    first = next(iter(batch.values()))
    return int(first.shape[0])


def fit(
    model: nn.Module,
    train_loader: Iterable[dict],
    config: TrainConfig,
    evaluate: Callable[[nn.Module], dict[str, float]] | None = None,
    live_plot: bool = True,
) -> History:
    """Fine-tune `model` on batches `model(**batch)` (labels included) and return the History; ends in eval mode."""
    from tqdm.auto import tqdm
    from transformers import get_scheduler

    torch.manual_seed(config.seed)  # dropout masks and the head's fresh init follow the seed
    generator = getattr(train_loader, "generator", None)
    if isinstance(generator, torch.Generator):
        generator.manual_seed(config.seed)  # same shuffling order on every run with this seed
    per_epoch = len(train_loader)  # type: ignore[arg-type]
    total = config.max_steps if config.max_steps is not None else config.epochs * per_epoch
    epochs = math.ceil(total / max(per_epoch, 1))

    # 1. optimizer: AdamW with no decay on biases and LayerNorm weights
    optimizer = _adamw(param_groups(model, config.weight_decay), config.lr)
    # 2. schedule: linear warmup to lr over warmup_ratio of the steps, then the chosen decay
    scheduler = get_scheduler(config.schedule, optimizer, num_warmup_steps=math.ceil(config.warmup_ratio * total),
                              num_training_steps=total)
    history, live = History(), _LivePlot(live_plot)
    examples, step, eval_seconds, start = 0, 0, 0.0, time.perf_counter()
    model.train()
    with tqdm(total=total, desc="fine-tuning", unit="step") as bar:
        for epoch in range(1, epochs + 1):
            for batch in train_loader:
                # 3. forward, backward, clip, step, schedule
                loss = model(**batch).loss
                loss.backward()
                if config.max_grad_norm:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
                history.lrs.append(scheduler.get_last_lr()[0])  # the LR this step used
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                examples += _batch_size(batch)
                history.steps.append(step)
                history.losses.append(loss.item())
                bar.update(1)
                if step % config.log_every == 0 or step == total:
                    bar.set_postfix(loss=f"{history.losses[-1]:.3f}")
                    live.update(history)
                if step >= total:
                    break
            # 4. evaluate once per epoch (and after the last step), in eval mode without gradients
            if evaluate is not None:
                model.eval()
                tick = time.perf_counter()
                with torch.no_grad():
                    metrics = evaluate(model)
                eval_seconds += time.perf_counter() - tick
                history.evals.append({"epoch": epoch, "step": step, **metrics})
                model.train()
                live.update(history)
            if step >= total:
                break
    history.seconds = time.perf_counter() - start
    history.examples_per_second = examples / max(history.seconds - eval_seconds, 1e-9)  # training speed only
    model.eval()
    return history


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


def make_loader(
    encodings: Mapping[str, Sequence[Any]],
    labels: Sequence[Any] | None = None,
    batch_size: int = 16,
    shuffle: bool = False,
    seed: int = 0,
    pad_token_id: int = 0,
) -> DataLoader:
    """A DataLoader of padded dict batches from unpadded tokenizer output (+ labels); shuffled with its own seed."""
    keys = [k for k in encodings if k not in _NOT_MODEL_INPUTS]
    count = len(encodings[keys[0]])
    examples = [{k: encodings[k][i] for k in keys} for i in range(count)]
    if labels is not None:
        labels = list(labels.tolist() if hasattr(labels, "tolist") else labels)
        if len(labels) != count:
            raise ValueError(f"{count} encoded examples but {len(labels)} labels: they must match one to one.")
        for example, label in zip(examples, labels):
            example["labels"] = label
    generator = torch.Generator().manual_seed(seed) if shuffle else None
    return DataLoader(examples, batch_size=batch_size, shuffle=shuffle, generator=generator,  # type: ignore[arg-type]
                      collate_fn=lambda feats: pad_collate(feats, pad_token_id))


def make_evaluator(loader: Iterable[dict]) -> Callable[[nn.Module], dict[str, float]]:
    """An `evaluate(model)` for `fit`: mean loss and accuracy of argmax(logits, -1) where labels != -100."""

    def evaluate(model: nn.Module) -> dict[str, float]:
        was_training = model.training
        model.eval()
        correct = counted = 0
        loss_sum, batches = 0.0, 0
        with torch.no_grad():
            for batch in loader:
                out = model(**batch)
                labels = batch["labels"]
                keep = labels != -100
                correct += int((out.logits.argmax(-1)[keep] == labels[keep]).sum())
                counted += int(keep.sum())
                loss_sum += float(out.loss)
                batches += 1
        model.train(was_training)
        return {"loss": loss_sum / max(batches, 1), "accuracy": correct / max(counted, 1)}

    return evaluate
