"""Checks for the exercises of 07_sequence_classification.

Every check keeps its own answer key (written here, not imported from `bertviz_lite.training` or `optim`), so a
learner cannot pass by calling the package.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect


def _tiny_classifier(layers: int = 3, seed: int = 0) -> Any:
    """A small BertForSequenceClassification without dropout (so two forward passes agree)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=layers, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, num_labels=2, hidden_dropout_prob=0.0,
                        attention_probs_dropout_prob=0.0)
    torch.manual_seed(seed)
    return BertForSequenceClassification(config)


@exercise("7.1")
def ex7_1(problem_type_for: Callable[..., object]) -> str:
    """`problem_type_for(num_labels, labels)` follows BertForSequenceClassification's rule."""
    import torch

    cases = [(1, torch.tensor([0.5, 1.5]), "regression"),
             (1, torch.tensor([0, 1]), "regression"),
             (2, torch.tensor([0, 1]), "single_label_classification"),
             (5, torch.tensor([3, 4], dtype=torch.int32), "single_label_classification"),
             (3, torch.tensor([[1.0, 0.0, 1.0]]), "multi_label_classification")]
    for num_labels, labels, expected in cases:
        got = problem_type_for(num_labels, labels)
        if got is None:
            raise NotSolved("your function returned None: return one of the three strings.")
        if got != expected:
            raise CheckFailed(f"num_labels={num_labels}, labels of dtype {labels.dtype}: expected {expected!r}, "
                              f"got {got!r}.")
    return "you choose the loss exactly as the model does."


@exercise("7.2")
def ex7_2(freeze_all_but_top: Callable[..., object]) -> str:
    """`freeze_all_but_top(model, k)` leaves only the top k layers, pooler and classifier trainable."""
    for k in (0, 1, 3):
        model = _tiny_classifier()
        got = freeze_all_but_top(model, k)
        if got is None:
            raise NotSolved("your function returned None: return the number of trainable parameters.")
        layers = list(model.bert.encoder.layer)
        should_train = [model.bert.pooler, model.classifier, *(layers[len(layers) - k:] if k else [])]
        expected_ids = {id(p) for m in should_train for p in m.parameters()}
        wrong = [name for name, p in model.named_parameters() if p.requires_grad != (id(p) in expected_ids)]
        expect(not wrong, f"k={k}: requires_grad is wrong for {wrong[:3]}{' ...' if len(wrong) > 3 else ''}.")
        expected = sum(p.numel() for p in model.parameters() if id(p) in expected_ids)
        expect(int(got) == expected, f"k={k}: expected {expected:,} trainable parameters, you returned {int(got):,}.")
    return "embeddings and lower layers frozen, top layers and head trainable, counts right."


def _toy_batch(size: int, seed: int) -> dict:
    import torch

    generator = torch.Generator().manual_seed(seed)
    ids = torch.randint(5, 100, (size, 9), generator=generator)
    mask = torch.ones_like(ids)
    mask[: size // 2, 6:] = 0  # some padding, so micro-batches differ in content
    return {"input_ids": ids, "attention_mask": mask, "labels": torch.randint(0, 2, (size,), generator=generator)}


@exercise("7.3")
def ex7_3(accumulated_step: Callable[..., object]) -> str:
    """`accumulated_step(model, micro_batches, optimizer)`: gradients of equal-size micro-batches accumulated into
    the gradient of the whole batch (mean loss), ONE optimizer step, gradients cleared; returns the mean loss."""
    import torch

    for parts, seed in ((4, 0), (2, 1)):
        full = _toy_batch(8, seed)
        micro = [{k: v[i::parts] for k, v in full.items()} for i in range(parts)]  # equal sizes
        yours, reference = _tiny_classifier(2, seed), _tiny_classifier(2, seed)
        yours.train(), reference.train()
        optimizer = torch.optim.SGD(yours.parameters(), lr=0.5)  # SGD: a wrongly scaled gradient shows at once
        got = accumulated_step(yours, micro, optimizer)
        if got is None:
            raise NotSolved("your function returned None: return the mean loss as a float.")
        expected_loss = reference(**full).loss  # the answer key: one step on the whole batch
        expected_loss.backward()
        torch.optim.SGD(reference.parameters(), lr=0.5).step()
        expect(abs(float(got) - expected_loss.item()) < 1e-5,
               f"{parts} micro-batches: return the mean loss of the whole batch ({expected_loss.item():.5f}), "
               f"got {float(got):.5f}.")
        gap = max((a - b).abs().max().item() for a, b in zip(yours.parameters(), reference.parameters()))
        expect(gap < 1e-5, f"{parts} micro-batches: after your step the weights differ from one step on the whole "
                           f"batch by up to {gap:.2g}. Divide each micro-batch loss by the number of "
                           "micro-batches, and step the optimizer once, after the last backward.")
        left = [n for n, p in yours.named_parameters() if p.grad is not None and p.grad.abs().sum() > 0]
        expect(not left, "gradients are left in .grad after the step: call optimizer.zero_grad() at the end.")
    return "your micro-batches add up to exactly one step on the whole batch."


@exercise("7.4")
def ex7_4(layerwise_lr_groups: Callable[..., object]) -> str:
    """`layerwise_lr_groups(model, lr, decay)`: AdamW groups with a learning rate per depth (layer-wise decay)."""
    import torch

    for layers, lr, decay in ((3, 1e-3, 0.5), (2, 2e-5, 0.9)):
        model = _tiny_classifier(layers)
        model.bert.encoder.layer[0].attention.output.dense.bias.requires_grad_(False)  # one frozen tensor
        groups = layerwise_lr_groups(model, lr, decay)
        if groups is None:
            raise NotSolved("your function returned None: return a list of {'params': [...], 'lr': ...} groups.")
        expected = {}  # the answer key: id(parameter) -> learning rate
        for module, depth in ((model.classifier, 0), (model.bert.pooler, 0),
                              *((layer, layers - i) for i, layer in enumerate(model.bert.encoder.layer)),
                              (model.bert.embeddings, layers + 1)):
            for p in module.parameters():
                if p.requires_grad:
                    expected[id(p)] = lr * decay ** depth
        names = {id(p): n for n, p in model.named_parameters()}
        seen: dict[int, float] = {}
        for group in groups:
            for p in group["params"]:
                expect(id(p) not in seen, f"{names.get(id(p), '?')} is in two groups: AdamW refuses that.")
                seen[id(p)] = float(group["lr"])
        missing = [names[i] for i in expected if i not in seen]
        expect(not missing, f"{len(missing)} trainable tensors are in no group, e.g. {missing[:2]}.")
        extra = [names.get(i, "?") for i in seen if i not in expected]
        expect(not extra, f"frozen tensors must stay out of the groups: {extra[:2]}.")
        for i, want in expected.items():
            expect(abs(seen[i] - want) <= 1e-12 + 1e-9 * want,
                   f"{layers} layers, lr={lr}, decay={decay}: {names[i]} gets lr {seen[i]:.3g}, expected {want:.3g} "
                   "(head: lr; top layer: lr·decay; each layer below one more ·decay; embeddings below the "
                   "bottom layer).")
        torch.optim.AdamW(groups, lr=lr)  # and AdamW takes them as they are
    return "every depth gets its own learning rate, every trainable tensor exactly once."
