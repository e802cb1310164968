"""BERT's two pretraining tasks in one import: data (`pretraining_data`), heads (`pretraining_heads`), cache (`course_mlm`).

Taught in 04_pretraining_mlm_nsp. The training itself runs in the shared loop, `training.fit(...,
compute_loss=pretraining_loss)`; `load_course_mlm()` gives later notebooks (11_explorer) the model 04 saved.
"""
from __future__ import annotations

from .course_mlm import (
    BUILD_COMMAND,
    CourseModelMissing,
    course_mlm_dir,
    course_mlm_info,
    load_course_mlm,
    save_course_mlm,
)
from .pretraining_data import (
    NSPPair,
    PretrainingBatches,
    corpus_tokenizer,
    encode_pair,
    make_batch,
    make_nsp_pairs,
    mask_tokens,
    masking_counts,
    split_documents,
    truncate_pair,
)
from .pretraining_heads import (
    evaluate_pretraining,
    fill_mask,
    is_next_probability,
    load_with_info,
    plot_pretraining_curves,
    pretraining_loss,
    pretraining_losses,
    tiny_bert_config,
    unigram_top_k,
)

__all__ = [
    "split_documents", "corpus_tokenizer", "mask_tokens", "masking_counts", "NSPPair", "make_nsp_pairs",
    "truncate_pair", "encode_pair", "make_batch", "PretrainingBatches",
    "tiny_bert_config", "pretraining_losses", "pretraining_loss", "evaluate_pretraining", "unigram_top_k",
    "fill_mask", "is_next_probability", "load_with_info", "plot_pretraining_curves",
    "BUILD_COMMAND", "CourseModelMissing", "course_mlm_dir", "course_mlm_info", "save_course_mlm", "load_course_mlm",
]
