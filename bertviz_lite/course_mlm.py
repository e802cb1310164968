"""The course's own tiny pretrained BERT, kept in the cache folder for later notebooks (11_explorer).

Notebook 04_pretraining_mlm_nsp trains it and saves it here; loading never trains: a missing model raises
`CourseModelMissing`, which says how to build it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from torch import nn

__all__ = ["BUILD_COMMAND", "CourseModelMissing", "course_mlm_dir", "course_mlm_info", "save_course_mlm",
           "load_course_mlm"]

BUILD_COMMAND = "make execute NB=04_pretraining_mlm_nsp.ipynb"


class CourseModelMissing(FileNotFoundError):
    """The course MLM has not been built yet: run notebook 04 (or `BUILD_COMMAND`) once."""


def course_mlm_dir() -> Path:
    """Folder of the course's own pretrained tiny BERT: `bertviz_lite.data.cache_dir() / "course-mlm"`."""
    from .data import cache_dir

    return cache_dir() / "course-mlm"


def course_mlm_info() -> dict[str, Any]:
    """The recipe and results saved with the course MLM (`course_mlm.json`); raises CourseModelMissing if absent."""
    path = course_mlm_dir() / "course_mlm.json"
    if not path.exists():
        raise CourseModelMissing(
            f"The course MLM is not built yet (nothing in {course_mlm_dir()}). Run notebook "
            f"04_pretraining_mlm_nsp.ipynb top to bottom, or `{BUILD_COMMAND}` from the project folder; "
            "it trains the tiny BERT in a few minutes and saves it there.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CourseModelMissing(
            f"The course MLM in {course_mlm_dir()} is damaged (course_mlm.json is not readable JSON: {exc}). "
            f"Build it again with notebook 04_pretraining_mlm_nsp.ipynb or `{BUILD_COMMAND}`.") from None


def save_course_mlm(model: nn.Module, tokenizer: Any, info: dict[str, Any], overwrite: bool = True) -> bool:
    """Write model, tokenizer and `info` (recipe, scores) to `course_mlm_dir()`; False if it kept an existing one.

    Written to a staging folder first, then moved into place: readers never see a half-written model.
    """
    folder = course_mlm_dir()
    if (folder / "course_mlm.json").exists() and not overwrite:
        return False
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    (staging / "course_mlm.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.replace(folder)
    return True


def load_course_mlm(model_class: type | None = None) -> tuple[nn.Module, Any]:
    """(model, tokenizer) of the course's tiny BERT (default `BertForMaskedLM`), in eval mode with eager attention.

    Never trains: raises CourseModelMissing (a FileNotFoundError) naming notebook 04 and `BUILD_COMMAND` when the
    model has not been built. `model_class=BertForPreTraining` keeps the NSP head too.
    """
    from transformers import AutoTokenizer, BertForMaskedLM
    from transformers.utils import logging

    course_mlm_info()  # raises with the build instructions when missing
    folder = course_mlm_dir()
    level = logging.get_verbosity()
    logging.set_verbosity_error()  # the NSP head is "unexpected" for BertForMaskedLM: expected, not news
    try:
        model = (model_class or BertForMaskedLM).from_pretrained(folder, attn_implementation="eager")
    finally:
        logging.set_verbosity(level)
    return model.eval(), AutoTokenizer.from_pretrained(folder)
