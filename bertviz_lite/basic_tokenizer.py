"""The first steps of BERT's basic tokenizer, as 01_tokenization writes them: clean the text, space out CJK.

Taught in 01_tokenization (each function is written in a notebook cell, checked against the fast tokenizer's
normalizer, then saved here). `tokens` and the explorer use them to explain what the tokenizer did to a text.
"""
from __future__ import annotations

import unicodedata

__all__ = ["clean_text", "is_cjk", "space_cjk"]


def clean_text(text: str) -> str:
    """Whitespace -> ' '; NUL, U+FFFD and control/format characters (category C*) removed.

    Same length as `text` minus the removed characters (each whitespace character stays one space), as BERT's
    normalizer does with `clean_text=True`. Taught in 01_tokenization.
    """
    out = []
    for ch in text:
        if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif ch in "\x00\ufffd" or unicodedata.category(ch).startswith("C"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def is_cjk(ch: str) -> bool:
    """True when the one character `ch` is a CJK ideograph: in the Unicode blocks of BERT's `_is_chinese_char`.

    Kana (U+3040-U+30FF) and Hangul (U+AC00-U+D7AF) are not in these blocks. Raises ValueError unless `ch` is
    exactly one character. Source: google-research/bert tokenization.py. Taught in 01_tokenization.
    """
    if len(ch) != 1:
        raise ValueError(f"is_cjk takes one character, got {len(ch)}: {ch[:20]!r}")
    blocks = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
              (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
    return any(low <= ord(ch) <= high for low, high in blocks)


def space_cjk(text: str) -> str:
    """`text` with a space on each side of every CJK ideograph, so each becomes a word. Taught in 01_tokenization."""
    return "".join(f" {ch} " if is_cjk(ch) else ch for ch in text)
