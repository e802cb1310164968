"""Coloured WordPiece tokens grouped by word, with input ids, token type ids and attention mask.

Pure functions build an HTML string (every token HTML-escaped, inline CSS only) or a plain-text table; a thin
widget layer on top is the tokenizer playground. Taught in 01_tokenization.
"""
from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .basic_tokenizer import clean_text, is_cjk, space_cjk

__all__ = [
    "PALETTE",
    "TokenView",
    "Encoded",
    "token_views",
    "word_groups",
    "text_notes",
    "unknown_word_notes",
    "encode_for_display",
    "tokens_html",
    "tokens_text",
    "show_tokens",
    "playground",
]

# Light background colours, one per word (cycled); special tokens are grey, padding is faded.
PALETTE = ("#cfe3f7", "#fde2c4", "#d4efd0", "#f6d0d0", "#e3d7f2", "#f5e6b8", "#cdeeee", "#f3d5e9")
SPECIAL_COLOUR = "#dddddd"


@dataclass(frozen=True)
class TokenView:
    """One token as displayed: its text, id, type id, mask bit, word index and sequence (0 = A, 1 = B)."""

    token: str
    input_id: int
    token_type_id: int = 0
    attention_mask: int = 1
    word: int | None = None
    sequence: int | None = 0


@dataclass(frozen=True)
class Encoded:
    """A tokenized input ready to show: one `TokenView` per position and notes about the input."""

    views: tuple[TokenView, ...]
    notes: tuple[str, ...] = ()


def token_views(
    tokens: Sequence[str],
    input_ids: Sequence[int],
    token_type_ids: Sequence[int] | None = None,
    attention_mask: Sequence[int] | None = None,
    word_ids: Sequence[int | None] | None = None,
    sequence_ids: Sequence[int | None] | None = None,
) -> list[TokenView]:
    """Zip per-token lists (all of length T) into T `TokenView`s; missing lists get BERT's defaults."""
    n = len(tokens)
    columns = {"input_ids": input_ids, "token_type_ids": token_type_ids, "attention_mask": attention_mask,
               "word_ids": word_ids, "sequence_ids": sequence_ids}
    for name, column in columns.items():
        if column is not None and len(column) != n:
            raise ValueError(f"{name} has {len(column)} entries but there are {n} tokens: pass lists of equal length.")
    types = token_type_ids if token_type_ids is not None else [0] * n
    mask = attention_mask if attention_mask is not None else [1] * n
    words = word_ids if word_ids is not None else [None] * n
    seqs = sequence_ids if sequence_ids is not None else list(types)
    return [TokenView(str(t), int(i), int(ty), int(m), None if w is None else int(w), None if s is None else int(s))
            for t, i, ty, m, w, s in zip(tokens, input_ids, types, mask, words, seqs, strict=True)]


def word_groups(views: Sequence[TokenView]) -> list[list[int]]:
    """Positions grouped by word: consecutive tokens of the same (sequence, word); special tokens stand alone."""
    groups: list[list[int]] = []
    previous: tuple[int | None, int] | None = None
    for position, view in enumerate(views):
        key = None if view.word is None else (view.sequence, view.word)
        if key is not None and key == previous:
            groups[-1].append(position)
        else:
            groups.append([position])
        previous = key
    return groups


def _script(ch: str) -> str | None:
    """The script of a letter, from its Unicode name ('LATIN', 'CYRILLIC', 'HANGUL'...); None for a non-letter."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def text_notes(text: str) -> list[str]:
    """Notes on what BERT's normalizer does to `text`: removed control characters, CJK, kana/Hangul, mixed scripts."""
    notes: list[str] = []
    removed = len(text) - len(clean_text(text))  # clean_text keeps one space per whitespace character
    if removed:
        codes = sorted({f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch).startswith("C")
                        and ch not in "\t\n\r"} | ({"U+FFFD"} if "\ufffd" in text else set()))
        notes.append(f"{removed} invisible control or format character(s) ({', '.join(codes[:4])}) were removed: "
                     "BERT's normalizer deletes them before splitting, so they never become tokens.")
    cjk = sum(is_cjk(ch) for ch in text)
    if cjk:
        notes.append(f"{cjk} CJK ideograph(s): BERT puts a space around each, so every one is a word of its own.")
    scripts = {_script(ch) for ch in text}
    for script, change in (("HIRAGANA", "drops kana voicing marks (で becomes て)"),
                           ("KATAKANA", "drops kana voicing marks (ガ becomes カ)"),
                           ("HANGUL", "splits Hangul syllables into their letters (jamo)")):
        if script in scripts:
            notes.append(f"{script.title()} is not in BERT's CJK ranges: a run of it is one word that WordPiece "
                         f"splits into pieces (an uncased tokenizer's accent stripping also {change}).")
    for word in space_cjk(clean_text(text)).split():
        scripts = sorted({"KANA" if s in ("HIRAGANA", "KATAKANA") else s for s in map(_script, word) if s})
        if len(scripts) > 1:
            lookalike = " (look-alike letters of different scripts are different characters)" if "LATIN" in scripts \
                and ({"CYRILLIC", "GREEK"} & set(scripts)) else ""
            notes.append(f"The word {word[:30]!r} mixes {' and '.join(s.title() for s in scripts)} letters{lookalike}: "
                         "vocabulary pieces rarely span two scripts, so it splits where the script changes.")
            break
    return notes


def unknown_word_notes(tokenizer: Any, words: Sequence[str]) -> list[str]:
    """Why each word (as the text spelled it) became [UNK]: too long for WordPiece, or a character without a piece.

    Uses the tokenizer's own normalizer, `max_input_chars_per_word` (100 for BERT) and vocabulary.
    """
    backend = getattr(tokenizer, "backend_tokenizer", None)
    model = getattr(backend, "model", None)
    limit = getattr(model, "max_input_chars_per_word", None)
    vocab = tokenizer.get_vocab()
    unk = tokenizer.unk_token
    prefix = getattr(model, "continuing_subword_prefix", "##") or ""
    notes: list[str] = []
    for word in dict.fromkeys(words):
        if unk not in tokenizer.tokenize(word):
            continue  # only words that really become [UNK] get an explanation
        normal = backend.normalizer.normalize_str(word) if backend is not None and backend.normalizer else word
        normal = normal.strip()
        shown = f"{word[:20]}…" if len(word) > 20 else word
        if limit is not None and len(normal) > limit:
            notes.append(f"{shown!r} ({len(normal)} characters) became {unk}: WordPiece gives {unk} for any word "
                         f"longer than the tokenizer's max_input_chars_per_word ({limit}).")
            continue
        missing = [ch for ch in dict.fromkeys(normal) if not ch.isspace() and ch not in vocab and prefix + ch not in vocab]
        if missing:
            chars = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:3])
            notes.append(f"{shown!r} became {unk}: the vocabulary has no piece for {chars}, and one missing "
                         "character makes the whole word unknown.")
        else:
            notes.append(f"{shown!r} became {unk}: WordPiece found no sequence of vocabulary pieces that spells it.")
    return notes


def encode_for_display(tokenizer: Any, text: str, text_pair: str | None = None, max_length: int = 512) -> Encoded:
    """Tokenize `text` (and `text_pair`) with truncation to `max_length` and explain anything unusual.

    The notes name the real cause: empty text, truncation (with how many tokens are dropped), removed control
    characters, CJK / kana / Hangul handling, mixed scripts, and why a word became [UNK] (too long for WordPiece,
    or a character the vocabulary lacks). Raises ValueError when `max_length` cannot hold the special tokens.
    Taught in 01_tokenization.
    """
    text = "" if text is None else str(text)
    pair = str(text_pair) if text_pair is not None and str(text_pair).strip() else None
    specials = 3 if pair is not None else 2
    if not isinstance(max_length, int) or max_length < specials + 1:
        raise ValueError(f"max_length must be an int of at least {specials + 1} ({specials} special tokens and one "
                         f"token of text), got {max_length!r}.")
    notes: list[str] = []
    if not text.strip():
        notes.append("The text is empty: BERT still gets [CLS] and [SEP]. Type some text to see its tokens.")
    full = len(tokenizer(text, pair, add_special_tokens=True, verbose=False)["input_ids"])
    encoding = tokenizer(text, pair, truncation=True, max_length=max_length, verbose=False,
                         return_offsets_mapping=bool(getattr(tokenizer, "is_fast", False)))
    if full > max_length:
        how = " (longest_first: the longer sentence loses more)" if pair else ""
        notes.append(f"The input has {full} tokens, more than the limit of {max_length}: it was truncated "
                     f"to {max_length}{how}, so {full - max_length} tokens are dropped.")
    for part in (text, pair or ""):
        notes += [note for note in text_notes(part) if note not in notes]
    tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"])
    unknown = [k for k, t in enumerate(tokens) if t == tokenizer.unk_token]
    if unknown and "offset_mapping" in encoding:
        sources, offsets = encoding.sequence_ids(), encoding["offset_mapping"]
        words = [(pair if sources[k] == 1 else text)[offsets[k][0]:offsets[k][1]] for k in unknown]
        notes += unknown_word_notes(tokenizer, words)
    elif unknown:
        notes.append(f"{len(unknown)} word(s) became {tokenizer.unk_token}: a character without a vocabulary "
                     "piece, or a word longer than WordPiece's limit.")
    views = token_views(tokens, encoding["input_ids"], encoding.get("token_type_ids"),
                        encoding.get("attention_mask"), encoding.word_ids(), encoding.sequence_ids())
    return Encoded(tuple(views), tuple(notes))


def _colour(view: TokenView, word_number: int) -> str:
    return SPECIAL_COLOUR if view.word is None else PALETTE[word_number % len(PALETTE)]


def tokens_html(views: Sequence[TokenView], notes: Sequence[str] = (), title: str | None = None) -> str:
    """HTML (inline CSS, every token escaped): one coloured card per token, cards of a word side by side."""
    parts = ['<div style="font-family:monospace;font-size:12px;line-height:1.3">']
    if title:
        parts.append(f'<div style="font-weight:bold;margin-bottom:4px">{html.escape(title)}</div>')
    for note in notes:
        parts.append(f'<div style="color:#8a4b00;margin-bottom:4px">⚠ {html.escape(note)}</div>')
    parts.append('<div style="display:flex;flex-wrap:wrap;gap:8px 10px;align-items:flex-start">')
    word_number = -1
    for group in word_groups(views):
        if views[group[0]].word is not None:
            word_number += 1
        parts.append('<div style="display:flex;gap:1px">')
        for position in group:
            view = views[position]
            border = "2px solid #555" if view.sequence == 1 else "1px solid #999"
            faded = "opacity:0.45;" if view.attention_mask == 0 else ""
            parts.append(
                f'<div style="background:{_colour(view, word_number)};border:{border};{faded}'
                f'padding:2px 4px;text-align:center;border-radius:3px" title="position {position}: id '
                f'{view.input_id}, token type {view.token_type_id}, attention mask {view.attention_mask}">'
                f'<div style="font-weight:bold">{html.escape(view.token)}</div>'
                f'<div>{view.input_id}</div><div style="color:#555">{view.token_type_id} · '
                f'{view.attention_mask}</div></div>'
            )
        parts.append("</div>")
    parts.append("</div>")
    parts.append('<div style="color:#555;margin-top:4px">under each token: id, then token type · attention mask'
                 " | colour = word (grey: special token) · thick border = sentence B · faded = padding</div></div>")
    return "".join(parts)


def tokens_text(views: Sequence[TokenView], notes: Sequence[str] = ()) -> str:
    """A plain-text table (one line per token: position, token, id, type, mask, word) for exports and logs."""
    lines = [f"note: {note}" for note in notes]
    width = max([5] + [len(v.token) for v in views])
    lines.append(f"{'pos':>3}  {'token':<{width}}  {'id':>6}  type  mask  word")
    for position, view in enumerate(views):
        word = "-" if view.word is None else f"{'AB'[view.sequence or 0]}{view.word}"
        lines.append(f"{position:>3}  {view.token:<{width}}  {view.input_id:>6}  {view.token_type_id:>4}  "
                     f"{view.attention_mask:>4}  {word}")
    return "\n".join(lines)


def show_tokens(tokenizer: Any, text: str, text_pair: str | None = None, max_length: int = 512) -> Any:
    """`IPython.display.HTML` of the coloured tokens of `text` (and `text_pair`)."""
    from IPython.display import HTML

    encoded = encode_for_display(tokenizer, text, text_pair, max_length)
    return HTML(tokens_html(encoded.views, encoded.notes))


def playground(tokenizer: Any, text: str = "Tokenizers split unbelievably rare words.", text_pair: str = "",
               max_length: int = 512) -> Any:
    """Tokenizer playground widget: two text boxes (second optional) → coloured tokens, ids, type ids, mask.

    Raises ValueError at once for a `max_length` that cannot hold the special tokens; later input problems are
    shown in the widget, which keeps its last good view. Taught in 01_tokenization.
    """
    import ipywidgets as widgets

    if not isinstance(max_length, int) or max_length < 4:
        raise ValueError(f"max_length must be an int of at least 4 (room for a pair's 3 special tokens), got {max_length!r}.")

    first = widgets.Textarea(value=text, description="text", continuous_update=False,
                             layout=widgets.Layout(width="95%"))
    second = widgets.Text(value=text_pair, description="pair (opt.)", continuous_update=False,
                          layout=widgets.Layout(width="95%"))
    view = widgets.HTML()

    message = widgets.HTML()

    def update(_: Any = None) -> None:
        try:
            encoded = encode_for_display(tokenizer, first.value, second.value, max_length)
        except Exception as error:  # a widget callback shows the problem and keeps the last good view
            message.value = f'<span style="color:#a00">{html.escape(f"{type(error).__name__}: {error}")}</span>'
            return
        message.value = ""
        view.value = tokens_html(encoded.views, encoded.notes, title=f"{len(encoded.views)} tokens")

    first.observe(update, names="value")
    second.observe(update, names="value")
    update()
    return widgets.VBox([first, second, message, view])
