"""Checks for the exercises of 01_tokenization."""
from __future__ import annotations

from collections.abc import Callable

from . import CheckFailed, NotSolved, exercise, expect

_TEXTS = ["Naïve tokenizers split UNBELIEVABLY long words!", "Crème brûlée, $5.", "東京 is big", "I ❤️ NLP",
          "  spaces   everywhere  "]


@exercise("1.1")
def ex1_1(token_texts: Callable[[str], list[str]]) -> str:
    """`token_texts(text)` returns the original substring of every non-special token (via offsets)."""
    from ..models import load_tokenizer

    tokenizer = load_tokenizer()
    for text in _TEXTS:
        got = token_texts(text)
        if got is None:
            raise NotSolved("your function returned None: return a list of strings.")
        encoding = tokenizer(text, return_offsets_mapping=True)
        expected = [text[start:end] for token, (start, end) in zip(encoding.tokens(), encoding["offset_mapping"],
                                                                  strict=True)
                    if token not in tokenizer.all_special_tokens]
        if list(got) != expected:
            raise CheckFailed(f"for {text!r} expected {expected}, got {list(got)} "
                              "(special tokens excluded, text exactly as in the original).")
    return "every token maps back to its characters, accents and capitals included."


@exercise("1.2")
def ex1_2(merge_pieces: Callable[[list[str]], list[str]]) -> str:
    """`merge_pieces(tokens)` glues `##` continuation pieces onto the previous word."""
    from ..models import load_tokenizer

    tokenizer = load_tokenizer()
    cases = {("un", "##believ", "##ably", "!"): ["unbelievably", "!"], (): [], ("##x",): ["##x"]}
    for text in ["Tokenization of embeddings is unbelievably fun.", "hyperparameters, transformers & co"]:
        words = [w for w, _ in tokenizer.backend_tokenizer.pre_tokenizer.pre_tokenize_str(
            tokenizer.backend_tokenizer.normalizer.normalize_str(text))]
        cases[tuple(tokenizer.tokenize(text))] = words
    for tokens, expected in cases.items():
        got = merge_pieces(list(tokens))
        if got is None:
            raise NotSolved("your function returned None: return a list of words.")
        expect(list(got) == expected, f"for {list(tokens)} expected {expected}, got {list(got)}.")
    return "pieces glue back into the words they came from."


@exercise("1.3")
def ex1_3(longest_first: Callable[[int, int, int], tuple[int, int]]) -> str:
    """`longest_first(len_a, len_b, max_length)` gives the kept lengths of a pair, as the fast tokenizer does."""
    from ..models import load_tokenizer

    tokenizer = load_tokenizer()
    cases = [(10, 4, 30), (10, 4, 12), (12, 3, 10), (3, 12, 10), (6, 6, 10), (5, 6, 8), (7, 7, 9), (20, 20, 23)]
    for len_a, len_b, max_length in cases:
        got = longest_first(len_a, len_b, max_length)
        if got is None:
            raise NotSolved("your function returned None: return a tuple (kept_a, kept_b).")
        types = tokenizer("cat " * len_a, "dog " * len_b, truncation="longest_first",
                          max_length=max_length)["token_type_ids"]
        expected = (types.count(0) - 2, types.count(1) - 1)
        expect(tuple(got) == expected, f"for len_a={len_a}, len_b={len_b}, max_length={max_length} the tokenizer "
                                       f"keeps {expected}, you returned {tuple(got)}.")
    return "your rule matches the fast tokenizer's longest_first truncation."
