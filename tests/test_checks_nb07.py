"""The exercise checks of 07 accept the reference solutions, reject typical mistakes, and spot stubs.

The checks keep private answer keys: none imports the package helper a learner could call instead.
"""
from __future__ import annotations

import ast
import inspect

import pytest
import torch

from bertviz_lite import checks
from bertviz_lite.checks import nb07


def test_checks_do_not_use_package_helpers_as_answer_keys() -> None:
    tree = ast.parse(inspect.getsource(nb07))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level <= 1 and not (node.module or "").startswith("bertviz_lite"), ast.dump(node)
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("bertviz_lite") for a in node.names)


def stub(*_: object) -> object:
    raise NotImplementedError


@pytest.mark.parametrize("check", [checks.ex7_1, checks.ex7_2, checks.ex7_3, checks.ex7_4])
def test_stubs_are_not_solved(check) -> None:
    result = check(stub)
    assert not result and "stub" in result.message


# ---- 7.1 problem type -------------------------------------------------------------------------------------
def problem_type_for(num_labels, labels):
    if num_labels == 1:
        return "regression"
    if labels.dtype in (torch.long, torch.int):
        return "single_label_classification"
    return "multi_label_classification"


@pytest.mark.parametrize("mistake", [
    lambda n, y: "single_label_classification" if n > 1 else "regression",  # ignores the dtype
    lambda n, y: "regression" if y.is_floating_point() and n == 1 else (
        "single_label_classification" if y.dtype == torch.long else "multi_label_classification"),  # int32 missed
    lambda n, y: "multi_label_classification" if y.dim() == 2 else "single_label_classification",  # no regression
])
def test_7_1_accepts_the_rule_and_rejects_shortcuts(mistake) -> None:
    assert checks.ex7_1(problem_type_for)
    assert not checks.ex7_1(mistake)


# ---- 7.2 freeze all but the top ----------------------------------------------------------------------------
def freeze_all_but_top(model, k):
    model.bert.requires_grad_(False)
    model.bert.pooler.requires_grad_(True)
    model.classifier.requires_grad_(True)
    layers = model.bert.encoder.layer
    for layer in layers[len(layers) - k:] if k > 0 else []:
        layer.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def freezes_bottom(model, k):  # top and bottom swapped
    model.bert.requires_grad_(False)
    model.bert.pooler.requires_grad_(True)
    for layer in model.bert.encoder.layer[:k]:
        layer.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def slice_bug(model, k):  # layers[-0:] is every layer: k = 0 trains the whole encoder
    model.bert.requires_grad_(False)
    model.bert.pooler.requires_grad_(True)
    for layer in model.bert.encoder.layer[-k:]:
        layer.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def counts_all(model, k):  # right freezing, wrong count
    freeze_all_but_top(model, k)
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("mistake", [freezes_bottom, slice_bug, counts_all])
def test_7_2_accepts_the_reference_and_rejects_mistakes(mistake) -> None:
    assert checks.ex7_2(freeze_all_but_top)
    assert not checks.ex7_2(mistake)


# ---- 7.3 gradient accumulation ------------------------------------------------------------------------------
def accumulated_step(model, micro_batches, optimizer):
    total = 0.0
    for batch in micro_batches:
        loss = model(**batch).loss / len(micro_batches)
        loss.backward()
        total += loss.item()
    optimizer.step()
    optimizer.zero_grad()
    return total


def unscaled(model, micro_batches, optimizer):  # sums the losses: k times the gradient
    total = 0.0
    for batch in micro_batches:
        loss = model(**batch).loss
        loss.backward()
        total += loss.item() / len(micro_batches)
    optimizer.step()
    optimizer.zero_grad()
    return total


def steps_each(model, micro_batches, optimizer):  # k small steps instead of one
    total = 0.0
    for batch in micro_batches:
        loss = model(**batch).loss / len(micro_batches)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        total += loss.item()
    return total


def keeps_gradients(model, micro_batches, optimizer):  # forgets zero_grad: the next step would add to these
    total = 0.0
    for batch in micro_batches:
        loss = model(**batch).loss / len(micro_batches)
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total


def returns_the_sum(model, micro_batches, optimizer):  # right step, wrong loss reported
    accumulated_step(model, micro_batches, optimizer)
    return sum(model(**b).loss.item() for b in micro_batches)


@pytest.mark.parametrize("mistake", [unscaled, steps_each, keeps_gradients, returns_the_sum])
def test_7_3_accepts_the_reference_and_rejects_mistakes(mistake) -> None:
    assert checks.ex7_3(accumulated_step)
    result = checks.ex7_3(mistake)
    assert not result
    assert "micro-batches" in result.message or "zero_grad" in result.message


# ---- 7.4 layer-wise learning-rate decay ----------------------------------------------------------------------
def layerwise_lr_groups(model, lr, decay):
    layers = model.bert.encoder.layer
    parts = [(model.classifier, 0), (model.bert.pooler, 0),
             *((layer, len(layers) - i) for i, layer in enumerate(layers)), (model.bert.embeddings, len(layers) + 1)]
    return [{"params": [p for p in module.parameters() if p.requires_grad], "lr": lr * decay ** depth}
            for module, depth in parts]


def off_by_one(model, lr, decay):  # the top layer keeps the full lr
    layers = model.bert.encoder.layer
    parts = [(model.classifier, 0), (model.bert.pooler, 0),
             *((layer, len(layers) - 1 - i) for i, layer in enumerate(layers)), (model.bert.embeddings, len(layers))]
    return [{"params": [p for p in m.parameters() if p.requires_grad], "lr": lr * decay ** d} for m, d in parts]


def forgets_embeddings(model, lr, decay):
    return [g for g in layerwise_lr_groups(model, lr, decay)
            if not any(p is model.bert.embeddings.word_embeddings.weight for p in g["params"])]


def keeps_frozen(model, lr, decay):  # frozen tensors sneak in
    groups = layerwise_lr_groups(model, lr, decay)
    groups[2]["params"] = list(model.bert.encoder.layer[0].parameters())
    return groups


def bottom_up(model, lr, decay):  # decays from the bottom: embeddings fastest
    layers = model.bert.encoder.layer
    parts = [(model.bert.embeddings, 0), *((layer, i + 1) for i, layer in enumerate(layers)),
             (model.bert.pooler, len(layers) + 1), (model.classifier, len(layers) + 1)]
    return [{"params": [p for p in m.parameters() if p.requires_grad], "lr": lr * decay ** d} for m, d in parts]


def whole_model_twice(model, lr, decay):
    groups = layerwise_lr_groups(model, lr, decay)
    return groups + [{"params": list(model.classifier.parameters()), "lr": lr}]


@pytest.mark.parametrize("mistake", [off_by_one, forgets_embeddings, keeps_frozen, bottom_up, whole_model_twice])
def test_7_4_accepts_the_reference_and_rejects_mistakes(mistake) -> None:
    assert checks.ex7_4(layerwise_lr_groups)
    assert not checks.ex7_4(mistake)
