"""`doctor()`: is this machine ready for the course? Taught in 00_start_here."""
from __future__ import annotations

import time
from typing import Any

from . import models, runtime

__all__ = ["diagnose", "doctor"]


def diagnose(name: str | None = None) -> dict[str, Any]:
    """Versions, checkpoint shape, attention outputs, network and load time, as a dict."""
    import torch

    report: dict[str, Any] = {"versions": runtime.versions(), "checkpoint": models.describe_checkpoint(name)}
    report["online"] = models.hub_reachable()
    report["fast_mode"] = runtime.fast_mode()
    start = time.perf_counter()
    try:
        tokenizer = models.load_tokenizer(name)
        model = models.load_model(name=name)
    except OSError as exc:
        report["error"] = str(exc)
        return report
    report["load_seconds"] = time.perf_counter() - start
    config = model.config
    report["shape"] = {
        "layers": config.num_hidden_layers, "hidden": config.hidden_size, "heads": config.num_attention_heads,
        "vocab": config.vocab_size, "parameters": sum(p.numel() for p in model.parameters()),
    }
    batch = tokenizer("BERT reads both directions.", return_tensors="pt")
    with torch.no_grad():
        attentions = model(**batch, output_attentions=True).attentions
    works = attentions is not None and len(attentions) == config.num_hidden_layers and attentions[0] is not None
    if works:
        rows = attentions[0].sum(-1)
        works = bool(torch.allclose(rows, torch.ones_like(rows), atol=1e-4))
    report["attention_ok"] = works
    report["attention_shape"] = tuple(attentions[0].shape) if works else None
    return report


def doctor(name: str | None = None) -> dict[str, Any]:
    """Print a readable health report of the course environment and return it."""
    report = diagnose(name)
    print("BERT Lab doctor")
    print("  versions   :", " · ".join(f"{k} {v}" for k, v in report["versions"].items()))
    print("  checkpoint :", report["checkpoint"])
    if "error" in report:
        print("  PROBLEM    :", report["error"])
    else:
        s = report["shape"]
        print(f"  shape      : {s['layers']} layers · hidden {s['hidden']} · {s['heads']} heads · "
              f"vocab {s['vocab']:,} · {s['parameters'] / 1e6:.1f}M parameters")
        status = f"ok, one (batch, heads, T, T) = {report['attention_shape']} tensor per layer"
        print("  attentions :", status if report["attention_ok"] else "NOT available (load with attn_implementation='eager')")
        print(f"  load time  : {report['load_seconds']:.1f} s")
    print("  network    :", "online (Hugging Face Hub reachable)" if report["online"] else "offline (the packaged model still works)")
    print("  fast mode  :", "on (BERT_LAB_FAST=1: small data, few steps)" if report["fast_mode"] else "off (learner mode)")
    return report
