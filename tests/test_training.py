"""Specification of bertviz_lite.training: the fine-tuning loop, its parameter groups and its loaders."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from bertviz_lite import monitor as monitor_module
from bertviz_lite import training
from bertviz_lite.training import (
    History,
    TrainConfig,
    fit,
    make_evaluator,
    make_loader,
    pad_collate,
    param_groups,
    predict,
    resolve_precision,
)

transformers = pytest.importorskip("transformers")


def tiny_config(**overrides: object) -> transformers.BertConfig:
    settings = dict(vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                    intermediate_size=64, max_position_embeddings=64, num_labels=2)
    settings.update(overrides)
    return transformers.BertConfig(**settings)


def tiny_classifier(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return transformers.BertForSequenceClassification(tiny_config())


def toy_task(n: int = 192, seed: int = 0) -> tuple[dict, list[int]]:
    """Label = which of two marker tokens (10 or 11) opens the sentence; the rest is noise of varying length."""
    rng = random.Random(seed)
    ids, labels = [], []
    for _ in range(n):
        label = rng.randint(0, 1)
        body = [rng.randint(20, 99) for _ in range(rng.randint(2, 10))]
        ids.append([1, 10 + label, *body, 2])
        labels.append(label)
    return {"input_ids": ids, "attention_mask": [[1] * len(s) for s in ids]}, labels


def test_param_groups_is_the_one_taught_in_06() -> None:
    from bertviz_lite import optim

    assert param_groups is optim.param_groups  # re-exported for callers of training.param_groups


def test_pad_collate_pads_ids_masks_and_token_labels() -> None:
    batch = pad_collate([{"input_ids": [1, 5, 2], "attention_mask": [1, 1, 1], "labels": [0, 3, 0]},
                         {"input_ids": [1, 2], "attention_mask": [1, 1], "labels": [0, 1]}])
    assert batch["input_ids"].tolist() == [[1, 5, 2], [1, 2, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert batch["labels"].tolist() == [[0, 3, 0], [0, 1, -100]]


def test_pad_collate_handles_choices_and_float_labels() -> None:
    batch = pad_collate([{"input_ids": [[1, 2], [1, 7, 2]], "labels": 1},
                         {"input_ids": [[1, 2], [1, 2]], "labels": 0}], pad_token_id=9)
    assert batch["input_ids"].shape == (2, 2, 3) and batch["input_ids"][1, 0].tolist() == [1, 2, 9]
    assert batch["labels"].dtype == torch.long
    floats = pad_collate([{"input_ids": [1], "labels": [1.0, 0.0]}, {"input_ids": [1], "labels": [0.0, 1.0]}])
    assert floats["labels"].dtype == torch.float32 and floats["labels"].shape == (2, 2)


def test_make_loader_rejects_mismatched_labels_and_drops_offsets() -> None:
    enc, labels = toy_task(8)
    with pytest.raises(ValueError, match="labels"):
        make_loader(enc, labels[:-1])
    batch = next(iter(make_loader({**enc, "offset_mapping": [[(0, 0)]] * 8}, labels, batch_size=4)))
    assert set(batch) == {"input_ids", "attention_mask", "labels"} and batch["labels"].shape == (4,)


def test_fit_learns_a_toy_task_and_fills_the_history() -> None:
    enc, labels = toy_task()
    train = make_loader(enc, labels, batch_size=16, shuffle=True)
    config = TrainConfig(epochs=6, lr=2e-3, log_every=5, mixed_precision="no")
    history = fit(tiny_classifier(), train, config, evaluate=make_evaluator(make_loader(enc, labels, 64)),
                  live_plot=False)
    steps = 6 * len(train)
    assert isinstance(history, History)
    assert history.steps == list(range(1, steps + 1)) and len(history.losses) == len(history.lrs) == steps
    assert sum(history.losses[-6:]) / 6 < 0.5 * sum(history.losses[:6]) / 6, "loss should fall"
    assert [e["epoch"] for e in history.evals] == [1, 2, 3, 4, 5, 6] and history.evals[-1]["accuracy"] > 0.95
    assert history.evals[-1]["loss"] < history.evals[0]["loss"]
    assert history.seconds > 0 and history.examples_per_second > 0
    assert history.device == "cpu · fp32"


def test_fit_warms_up_then_decays_and_honours_max_steps() -> None:
    enc, labels = toy_task(64)
    config = TrainConfig(epochs=5, lr=1e-3, warmup_ratio=0.25, max_steps=8, mixed_precision="no")
    evaluate = make_evaluator(make_loader(enc, labels, 64))
    history = fit(tiny_classifier(), make_loader(enc, labels, 16, shuffle=True), config, evaluate, live_plot=False)
    assert len(history.steps) == 8
    peak = history.lrs.index(max(history.lrs))
    assert history.lrs[0] == 0.0 and peak == 2 and history.lrs[-1] < history.lrs[peak]
    assert max(history.lrs) == pytest.approx(1e-3)
    assert [(e["epoch"], e["step"]) for e in history.evals] == [(1, 4), (2, 8)]  # 4 batches per epoch


def test_fit_is_reproducible_with_a_seed_and_leaves_eval_mode() -> None:
    enc, labels = toy_task(64)
    loader = make_loader(enc, labels, 16, shuffle=True)
    runs = []
    for _ in range(2):
        model = tiny_classifier()
        runs.append(fit(model, loader, TrainConfig(epochs=2, seed=3, mixed_precision="no"), live_plot=False).losses)
        assert not model.training
    assert runs[0] == runs[1]
    other = fit(tiny_classifier(), loader, TrainConfig(epochs=2, seed=4, mixed_precision="no"),
                live_plot=False).losses
    assert other != runs[0]


def test_fit_uses_the_compute_loss_hook() -> None:
    enc, labels = toy_task(64)
    calls = []

    def doubled(model: nn.Module, batch: dict) -> torch.Tensor:  # a loss model(**batch).loss does not give
        loss = 2 * model(**batch).loss
        calls.append(loss.item())
        return loss

    loader = make_loader(enc, labels, 16, shuffle=True)
    recipe = {"epochs": 1, "weight_decay": 0.0, "max_grad_norm": None, "mixed_precision": "no"}
    hooked = fit(tiny_classifier(), loader, TrainConfig(lr=1e-3, **recipe), compute_loss=doubled, live_plot=False)
    plain = fit(tiny_classifier(), loader, TrainConfig(lr=1e-3, **recipe), live_plot=False)
    assert hooked.losses == calls and len(calls) == 4
    # Adam is invariant to the loss scale (up to eps), so 2x the loss gives the plain run's steps: the hook's
    # loss is the one that was differentiated, not only recorded
    assert hooked.losses == pytest.approx([2 * v for v in plain.losses], rel=1e-4)


def test_fit_without_labels_asks_for_compute_loss() -> None:
    enc, _ = toy_task(16)
    with pytest.raises(ValueError, match="compute_loss"):
        fit(tiny_classifier(), make_loader(enc, batch_size=8), TrainConfig(epochs=1), live_plot=False)


def test_fit_runs_the_forward_pass_in_bf16_when_asked() -> None:
    enc, labels = toy_task(32)
    seen = []

    def spy(model: nn.Module, batch: dict) -> torch.Tensor:
        seen.append(torch.is_autocast_enabled("cpu") and torch.get_autocast_dtype("cpu") == torch.bfloat16)
        return model(**batch).loss

    for precision, expected in (("bf16", True), ("no", False)):
        seen.clear()
        history = fit(tiny_classifier(), make_loader(enc, labels, 16), TrainConfig(epochs=1, mixed_precision=precision),
                      compute_loss=spy, live_plot=False)
        assert seen == [expected, expected]
        assert history.device == ("cpu · bf16 autocast" if expected else "cpu · fp32")
    model = tiny_classifier()
    fit(model, make_loader(enc, labels, 16), TrainConfig(epochs=1, mixed_precision="bf16"), live_plot=False)
    assert all(p.dtype == torch.float32 for p in model.parameters())  # weights stay fp32 (mixed precision)


def test_resolve_precision_and_config_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    cpu = torch.device("cpu")
    assert resolve_precision("no", cpu) == "no" and resolve_precision("bf16", cpu) == "bf16"
    monkeypatch.setattr(training, "_cpu_has_bf16", lambda: False)
    assert resolve_precision("auto", cpu) == "no"
    monkeypatch.setattr(training, "_cpu_has_bf16", lambda: True)
    assert resolve_precision("auto", cpu) == "bf16"
    assert resolve_precision("auto", torch.device("mps")) == "no"
    with pytest.raises(ValueError, match="mixed_precision"):
        resolve_precision("fp16", cpu)
    for bad in ({"mixed_precision": "fp8"}, {"lr": 0.0}, {"epochs": 0}, {"warmup_ratio": 1.0}, {"max_steps": 0}):
        with pytest.raises(ValueError, match=f"TrainConfig.{next(iter(bad))}"):
            TrainConfig(**bad)  # type: ignore[arg-type]


class _FirstOnly(nn.Module):
    """A fake classifier: right on the example whose marker token is 10 at position 1, wrong everywhere else."""

    def forward(self, input_ids: torch.Tensor, labels: torch.Tensor | None = None, **_: object) -> object:
        right = input_ids[:, 1] == 10
        wrong = labels if labels is not None else torch.zeros_like(right, dtype=torch.long)
        predicted = torch.where(right, wrong, 1 - wrong)
        logits = nn.functional.one_hot(predicted, 2).float() * 4  # (B, 2)
        return transformers.modeling_outputs.SequenceClassifierOutput(logits=logits)


def one_right(n: int) -> tuple[dict, list[int]]:
    ids = [[1, 10 if i == 0 else 11, 2] for i in range(n)]
    return {"input_ids": ids}, [i % 2 for i in range(n)]


@pytest.mark.parametrize("batch_size", [1, 3, 7, 64])
def test_evaluator_and_predict_count_every_example_once(batch_size: int) -> None:
    enc, labels = one_right(7)
    loader = make_loader(enc, labels, batch_size)
    metrics = make_evaluator(loader)(_FirstOnly())
    assert metrics["accuracy"] == pytest.approx(1 / 7)
    predictions, references = predict(_FirstOnly(), loader)
    assert references.tolist() == labels and (predictions == references).tolist() == [True] + [False] * 6


def test_evaluator_counts_token_labels_and_skips_ignored_positions() -> None:
    model = tiny_classifier()
    model.eval()
    enc, labels = toy_task(10)
    token_model = transformers.BertForTokenClassification(tiny_config())
    token_labels = [[-100] + [i % 2] * (len(ids) - 2) + [-100] for i, ids in enumerate(enc["input_ids"])]
    metrics = make_evaluator(make_loader(enc, token_labels, 4))(token_model)
    token_model.eval()
    correct = counted = 0
    with torch.no_grad():
        for ids, row in zip(enc["input_ids"], token_labels):
            pred = token_model(input_ids=torch.tensor([ids])).logits[0].argmax(-1)
            keep = torch.tensor(row) != -100
            correct += int((pred[keep] == torch.tensor(row)[keep]).sum())
            counted += int(keep.sum())
    assert metrics["accuracy"] == pytest.approx(correct / counted)


_TWO_PROCESSES = """
import torch, transformers
from torch import nn
from accelerate import Accelerator
from bertviz_lite.training import make_evaluator, make_loader, predict

class FirstOnly(nn.Module):
    def forward(self, input_ids, labels=None, **_):
        predicted = torch.where(input_ids[:, 1] == 10, labels, 1 - labels)
        return transformers.modeling_outputs.SequenceClassifierOutput(logits=nn.functional.one_hot(predicted, 2).float())

loader = make_loader({"input_ids": [[1, 10 if i == 0 else 11, 2] for i in range(7)]}, [i % 2 for i in range(7)], 2)
accuracy = make_evaluator(loader)(FirstOnly())["accuracy"]
predictions, references = predict(FirstOnly(), loader)
if Accelerator().is_main_process:
    print(Accelerator().num_processes, round(accuracy * 7, 6), len(references), references.tolist())
Accelerator().wait_for_everyone()
Accelerator().end_training()  # destroy the process group: gloo threads left to exit time abort() under load
"""


def test_evaluation_gathers_each_example_once_across_two_processes(tmp_path: Path) -> None:
    script = tmp_path / "two.py"
    script.write_text(_TWO_PROCESSES)
    run = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", str(script)],
                         capture_output=True, text=True, timeout=180, cwd=tmp_path,
                         env={**os.environ, "OMP_NUM_THREADS": "1", "ACCELERATE_USE_CPU": "true"})
    assert run.returncode == 0, run.stderr[:1500] + " … " + run.stderr[-1500:]
    assert run.stdout.split("\n")[-2] == "2 1.0 7 [0, 1, 0, 1, 0, 1, 0]"  # 7 examples, not 8 (4 batches of 2)


def test_history_plot_has_titles_labels_and_fits_the_page() -> None:
    history = History(steps=[1, 2, 3], losses=[0.9, 0.7, 0.5], lrs=[1e-5] * 3,
                      evals=[{"epoch": 1, "step": 3, "accuracy": 0.8, "loss": 0.5}])
    fig = history.plot()
    assert len(fig.axes) == 1 and "accuracy 0.800" in fig.axes[0].get_title()  # no panel with one dot
    history.evals.append({"epoch": 2, "step": 3, "accuracy": 0.85, "loss": 0.4})
    fig = history.plot()
    assert len(fig.axes) == 2 and fig.get_size_inches()[0] <= 8
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_legend() is not None
        assert all(label.get_size() >= 8 for label in ax.get_xticklabels() + ax.get_yticklabels())


def test_fit_stays_fp32_after_a_bf16_accelerator_in_the_same_process() -> None:
    from accelerate import Accelerator
    from accelerate.state import AcceleratorState

    AcceleratorState._reset_state()
    Accelerator(mixed_precision="bf16")  # what Trainer(bf16=True) leaves behind
    enc, labels = toy_task(16)
    seen = []

    def spy(model: nn.Module, batch: dict) -> torch.Tensor:
        seen.append(torch.is_autocast_enabled("cpu"))
        return model(**batch).loss

    model = tiny_classifier()
    history = fit(model, make_loader(enc, labels, 8), TrainConfig(epochs=1, mixed_precision="no"), compute_loss=spy,
                  live_plot=False)
    assert seen == [False, False] and history.device == "cpu · fp32"
    assert "_original_forward" not in vars(model)  # Accelerate did not wrap the forward in autocast


def test_progress_text_in_a_notebook_ends_as_the_finished_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown: dict[str, str] = {}

    class Handle:
        display_id = "bar"

    def fake_display(data: dict, raw: bool = False, display_id: bool = False) -> Handle:
        shown["bar"] = data["text/plain"]
        return Handle()

    def fake_update(data: dict, raw: bool = False, display_id: str = "") -> None:
        shown[display_id] = data["text/plain"]

    monkeypatch.setattr(IPython.display, "display", fake_display)
    monkeypatch.setattr(IPython.display, "update_display", fake_update)
    monkeypatch.setattr(monitor_module, "_in_notebook", lambda: True)
    monitor = training.Monitor(total=3, device="cpu · fp32", live_plot=False)
    for step in range(3):
        monitor.step(0.5 - 0.1 * step, 1e-4, {"input_ids": torch.zeros(4, 3)})
    history = monitor.finish()
    assert "3/3" in shown["bar"] and "100%" in shown["bar"]  # the stored text is the finished bar, not 0 %
    assert history.losses == pytest.approx([0.5, 0.4, 0.3]) and history.device == "cpu · fp32"
    assert history.examples_per_second > 0


def test_make_loader_groups_by_length_reproducibly_and_wastes_less_padding() -> None:
    enc, labels = toy_task(256)
    grouped = make_loader(enc, labels, 16, shuffle=True, group_by_length=True)
    plain = make_loader(enc, labels, 16, shuffle=True)

    def padding(loader) -> int:
        return sum(int((b["attention_mask"] == 0).sum()) for b in loader)

    assert padding(grouped) < 0.5 * padding(plain)
    seen = sorted(int(i) for b in grouped for i in b["input_ids"][:, 1:3].flatten())  # every example still there
    assert len([b for b in grouped]) == len(plain) and len(seen) == 2 * 256
    grouped.generator.manual_seed(0)
    first = [b["input_ids"].tolist() for b in grouped]
    grouped.generator.manual_seed(0)
    assert [b["input_ids"].tolist() for b in grouped] == first  # the seed fixes the order
    with pytest.raises(ValueError, match="shuffle"):
        make_loader(enc, labels, 16, group_by_length=True)


def test_evaluation_does_not_change_the_training_run() -> None:
    enc, labels = toy_task(64)
    loader = make_loader(enc, labels, 16, shuffle=True)
    config = TrainConfig(epochs=2, lr=1e-3, mixed_precision="no")
    with_eval = fit(tiny_classifier(), loader, config, make_evaluator(make_loader(enc, labels, 32)), live_plot=False)
    without = fit(tiny_classifier(), loader, config, live_plot=False)
    assert with_eval.losses == without.losses  # dropout masks of epoch 2 do not depend on the evaluation
