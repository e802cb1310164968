"""Specification of bertviz_lite.training: the fine-tuning loop, its parameter groups and its loaders."""
from __future__ import annotations

import random

import pytest
import torch
from torch import nn

from bertviz_lite.training import (
    History,
    TrainConfig,
    fit,
    make_evaluator,
    make_loader,
    pad_collate,
    param_groups,
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


def test_param_groups_split_by_module_type_not_by_name() -> None:
    class OddLayerNorm(nn.Module):  # a LayerNorm whose weight is not called "weight"
        def __init__(self) -> None:
            super().__init__()
            self.gamma = nn.Parameter(torch.ones(4))

    model = nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4), OddLayerNorm(), nn.Linear(4, 2, bias=False))
    decay, no_decay = param_groups(model, weight_decay=0.1)
    assert decay["weight_decay"] == 0.1 and no_decay["weight_decay"] == 0.0
    assert {id(p) for p in decay["params"]} == {id(model[0].weight), id(model[3].weight)}
    assert {id(p) for p in no_decay["params"]} == {id(model[0].bias), id(model[1].weight), id(model[1].bias),
                                                   id(model[2].gamma)}


def test_param_groups_on_bert_cover_every_trainable_parameter_once() -> None:
    model = tiny_classifier()
    model.bert.embeddings.requires_grad_(False)
    decay, no_decay = param_groups(model, 0.01)
    grouped = [id(p) for p in decay["params"] + no_decay["params"]]
    trainable = [id(p) for p in model.parameters() if p.requires_grad]
    assert sorted(grouped) == sorted(trainable)
    norms = [m for m in model.modules() if isinstance(m, nn.LayerNorm)]
    assert all(id(m.weight) in map(id, no_decay["params"]) for m in norms[1:])  # embeddings' LN is frozen
    assert all(p.dim() == 2 for p in decay["params"])  # only matrices decay in BERT


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
    config = TrainConfig(epochs=6, lr=2e-3, log_every=5)
    history = fit(tiny_classifier(), train, config, evaluate=make_evaluator(make_loader(enc, labels, 64)),
                  live_plot=False)
    steps = 6 * len(train)
    assert isinstance(history, History)
    assert history.steps == list(range(1, steps + 1)) and len(history.losses) == len(history.lrs) == steps
    assert sum(history.losses[-6:]) / 6 < 0.5 * sum(history.losses[:6]) / 6, "loss should fall"
    assert [e["epoch"] for e in history.evals] == [1, 2, 3, 4, 5, 6] and history.evals[-1]["accuracy"] > 0.95
    assert history.seconds > 0 and history.examples_per_second > 0


def test_fit_warms_up_then_decays_and_honours_max_steps() -> None:
    enc, labels = toy_task(64)
    config = TrainConfig(epochs=5, lr=1e-3, warmup_ratio=0.25, max_steps=8)
    history = fit(tiny_classifier(), make_loader(enc, labels, 8, shuffle=True), config, live_plot=False)
    assert len(history.steps) == 8
    peak = history.lrs.index(max(history.lrs))
    assert history.lrs[0] == 0.0 and peak == 2 and history.lrs[-1] < history.lrs[peak]
    assert max(history.lrs) == pytest.approx(1e-3)


def test_fit_is_reproducible_with_a_seed_and_leaves_eval_mode() -> None:
    enc, labels = toy_task(64)
    loader = make_loader(enc, labels, 16, shuffle=True)
    runs = []
    for _ in range(2):
        model = tiny_classifier()
        runs.append(fit(model, loader, TrainConfig(epochs=2, seed=3), live_plot=False).losses)
        assert not model.training
    assert runs[0] == runs[1]
    other = fit(tiny_classifier(), loader, TrainConfig(epochs=2, seed=4), live_plot=False).losses
    assert other != runs[0]


def test_history_plot_has_titles_labels_and_fits_the_page() -> None:
    history = History(steps=[1, 2, 3], losses=[0.9, 0.7, 0.5], lrs=[1e-5] * 3,
                      evals=[{"epoch": 1, "step": 3, "accuracy": 0.8, "loss": 0.5}])
    fig = history.plot()
    assert fig.get_size_inches()[0] <= 8
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_legend() is not None
