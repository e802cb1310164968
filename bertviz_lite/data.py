"""Loaders for the course datasets and the full public ones, in their real file formats.

Every loader takes `source=None` (the course file in `data/`), a file, a folder (then `split` picks the file)
or an http(s) URL (downloaded once into a cache folder). Taught in 05–10.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "DATA_DIR",
    "DataFormatError",
    "CONLL_ENTITY_TYPES",
    "SWAG_COLUMNS",
    "resolve_source",
    "load_sst2",
    "load_conll2003",
    "load_squad",
    "load_swag",
    "load_mrpc",
    "load_corpus",
    "iob1_to_bio",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CONLL_ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
SWAG_COLUMNS = ["video-id", "fold-ind", "startphrase", "sent1", "sent2", "gold-source",
                "ending0", "ending1", "ending2", "ending3", "label"]

# File names of each split, course files first, then the names of the public releases.
SPLIT_FILES: dict[str, dict[str, tuple[str, ...]]] = {
    "sst2": {"train": ("train.tsv",), "dev": ("dev.tsv",), "test": ("test.tsv",)},
    "conll2003": {"train": ("train.txt", "eng.train"), "dev": ("valid.txt", "eng.testa", "dev.txt"),
                  "test": ("test.txt", "eng.testb")},
    "squad": {"train": ("train-v1.1.json",), "dev": ("dev-v1.1.json",)},
    "swag": {"train": ("train.csv",), "dev": ("val.csv",), "test": ("test.csv",)},
    "mrpc": {"train": ("train.tsv", "msr_paraphrase_train.txt"), "dev": ("dev.tsv",),
             "test": ("msr_paraphrase_test.txt",)},
    "corpus": {"train": ("corpus.txt",)},
}
SPLIT_ALIASES = {"validation": "dev", "valid": "dev", "val": "dev", "testa": "dev", "testb": "test"}


class DataFormatError(ValueError):
    """A data file that does not have the expected format; the message names file, line and expectation."""


def _show(path: Path) -> str:
    """A path as the learner should see it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return path.name


def cache_dir() -> Path:
    """Folder for downloaded datasets: `$BERT_LAB_CACHE`, else `~/.cache/bert_lab`."""
    return Path(os.environ.get("BERT_LAB_CACHE", Path.home() / ".cache" / "bert_lab")).expanduser()


def _download(url: str) -> Path:
    """Download `url` once into the cache folder (with a progress bar) and return the local file."""
    from tqdm.auto import tqdm

    name = Path(url.split("?")[0]).name or "download"
    target = cache_dir() / "downloads" / f"{hashlib.sha1(url.encode()).hexdigest()[:12]}-{name}"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    try:
        with urllib.request.urlopen(url, timeout=15) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=f"download {name}") as bar:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    bar.update(len(chunk))
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise FileNotFoundError(
            f"Could not download {url} ({exc}). Check the address and your internet connection, "
            "or download the file yourself and pass its local path as source=..."
        ) from None
    partial.rename(target)
    return target


def resolve_source(dataset: str, source: str | os.PathLike | None = None, split: str = "train") -> Path:
    """The file to read for `dataset` and `split`, given a file, a folder, an URL or None (course data)."""
    split = SPLIT_ALIASES.get(split, split)
    names = SPLIT_FILES[dataset]
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        return _download(source)
    folder = DATA_DIR / dataset if source is None else Path(source).expanduser()
    if folder.is_file():
        return folder
    if not folder.exists():
        raise FileNotFoundError(f"{_show(folder)}: no such file or folder (expected a {dataset} file or folder).")
    if split not in names:
        raise ValueError(f"{dataset} has no split '{split}': choose one of {sorted(names)}.")
    for name in names[split]:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"{_show(folder)}: no {split} file for {dataset} (looked for {', '.join(names[split])})."
    )


def _read_text(path: Path) -> str:
    """File contents as text, with a UTF-8 byte-order mark removed."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"{_show(path)}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from None


def load_sst2(source: str | os.PathLike | None = None, split: str = "train") -> pd.DataFrame:
    """SST-2 TSV → DataFrame with columns `sentence, label` (label 0 negative, 1 positive).

    Reads `sentence<TAB>label` lines (optional GLUE header `sentence<TAB>label`). GLUE's public test file is
    unlabelled (`index<TAB>sentence`, with that header): its sentences load with `label` -1, which means
    "no label" — score on the dev split instead. Raises DataFormatError naming file and line on any other line.
    """
    path = resolve_source("sst2", source, split)
    lines = _read_text(path).splitlines()
    if lines and lines[0].lower().startswith("index\tsentence"):  # GLUE test split: no labels to read
        rows = []
        for number, line in enumerate(lines[1:], start=2):
            index, tab, sentence = line.partition("\t")
            if not line.strip():
                continue
            if not tab or not index.strip().isdigit():
                raise DataFormatError(f"{_show(path)}:{number}: expected 'index<TAB>sentence' (GLUE's unlabelled "
                                      f"test file), got {line[:60]!r}.")
            rows.append((sentence, -1))
    else:
        rows = []
        for number, line in enumerate(lines, start=1):
            if not line.strip() or (number == 1 and line.lower().startswith("sentence\t")):
                continue
            sentence, tab, label = line.rpartition("\t")
            if not tab or label.strip() not in {"0", "1"}:
                raise DataFormatError(
                    f"{_show(path)}:{number}: expected 'sentence<TAB>label' with label 0 or 1, got {line[:60]!r}."
                )
            rows.append((sentence, int(label)))
    if not rows:
        raise DataFormatError(f"{_show(path)}: no sentences found (expected 'sentence<TAB>label' lines).")
    return pd.DataFrame(rows, columns=["sentence", "label"])


def iob1_to_bio(tags: list[str]) -> list[str]:
    """Convert IOB1 tags (an entity may start with I-) to BIO; BIO input comes back unchanged."""
    bio, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        bio.append(tag)
        previous = tag
    return bio


def load_conll2003(source: str | os.PathLike | None = None, split: str = "train") -> pd.DataFrame:
    """CoNLL-2003 (`token POS chunk NER`, `-DOCSTART-`, IOB1 or BIO) → DataFrame `tokens, ner_tags` (BIO)."""
    path = resolve_source("conll2003", source, split)
    sentences: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        if tokens:
            sentences.append((tokens.copy(), iob1_to_bio(tags)))
            tokens.clear()
            tags.clear()

    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        fields = line.split()
        if not fields:
            close_sentence()
            continue
        if fields[0] == "-DOCSTART-":
            close_sentence()
            continue
        tag = fields[-1]
        if len(fields) < 2 or not (tag == "O" or (tag[:2] in {"B-", "I-"} and len(tag) > 2)):
            raise DataFormatError(
                f"{_show(path)}:{number}: expected 'token POS chunk NER' with an NER tag like O, B-PER, I-LOC; "
                f"got {line[:60]!r}."
            )
        tokens.append(fields[0])
        tags.append(tag)
    close_sentence()
    if not sentences:
        raise DataFormatError(f"{_show(path)}: no sentences found (expected CoNLL-2003 token lines).")
    return pd.DataFrame(sentences, columns=["tokens", "ner_tags"])


def _squad_rows(path: Path, payload: Any, misaligned: str) -> list[dict[str, Any]]:
    """Flatten SQuAD's nested `data → paragraphs → qas` into one row per question (see `load_squad`)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise DataFormatError(f"{_show(path)}: expected a JSON object with a 'data' list (SQuAD v1.1 layout).")
    rows = []
    for i, article in enumerate(payload["data"]):
        for j, paragraph in enumerate(article.get("paragraphs", [])):
            for k, qa in enumerate(paragraph.get("qas", [])):
                where = f"data[{i}].paragraphs[{j}].qas[{k}]"
                try:
                    answers = qa.get("answers", [])
                    row = {
                        "id": qa["id"], "title": article.get("title", ""), "context": paragraph["context"],
                        "question": qa["question"],
                        "answers": {"text": [a["text"] for a in answers],
                                    "answer_start": [int(a["answer_start"]) for a in answers]},
                    }
                except (KeyError, TypeError, ValueError) as exc:
                    raise DataFormatError(
                        f"{_show(path)}: {where}: expected 'id', 'question', paragraph 'context' and answers "
                        f"with 'text' and 'answer_start' (problem: {exc!r})."
                    ) from None
                context = row["context"]
                bad = [(t, a) for t, a in zip(row["answers"]["text"], row["answers"]["answer_start"])
                       if context[a:a + len(t)] != t or a < 0]
                if bad and misaligned == "raise":
                    text, start = bad[0]
                    raise DataFormatError(
                        f"{_show(path)}: {where} (question id {row['id']!r}): answer {text!r} has answer_start "
                        f"{start}, but the context holds {context[max(start, 0):max(start, 0) + len(text)]!r} there. "
                        "Fix the offset, or pass misaligned='skip' to leave such questions out."
                    )
                if not bad:
                    rows.append(row)
    return rows


def load_squad(source: str | os.PathLike | None = None, split: str = "train",
               misaligned: str = "raise") -> pd.DataFrame:
    """SQuAD v1.1 JSON → DataFrame `id, title, context, question, answers` (answers: {text, answer_start} lists).

    Every answer must sit at its `answer_start` in the context. A question with an answer that does not (a wrong
    offset) raises DataFormatError naming the file, the question id and what the context holds at that offset;
    `misaligned="skip"` leaves such questions out instead. Questions without answers (SQuAD 2.0 style) load with
    empty lists.
    """
    if misaligned not in ("raise", "skip"):
        raise ValueError(f"misaligned={misaligned!r}: choose 'raise' (default) or 'skip'.")
    path = resolve_source("squad", source, split)
    try:
        payload = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"{_show(path)}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
    rows = _squad_rows(path, payload, misaligned)
    if not rows:
        raise DataFormatError(f"{_show(path)}: no questions found (expected SQuAD v1.1 'qas').")
    return pd.DataFrame(rows, columns=["id", "title", "context", "question", "answers"])


def load_swag(source: str | os.PathLike | None = None, split: str = "train") -> pd.DataFrame:
    """SWAG CSV (unnamed index column) → DataFrame with the real SWAG columns."""
    path = resolve_source("swag", source, split)
    try:
        frame = pd.read_csv(io.StringIO(_read_text(path)), index_col=0, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataFormatError(f"{_show(path)}: not a readable CSV ({exc}).") from None
    needed = [c for c in SWAG_COLUMNS if c != "label" or split != "test"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataFormatError(
            f"{_show(path)}:1: expected the SWAG header ',{','.join(SWAG_COLUMNS)}'; missing {missing}."
        )
    if "label" in frame.columns:
        bad = ~frame["label"].astype(str).isin(["0", "1", "2", "3"])
        if bad.any():
            line = int(bad.to_numpy().nonzero()[0][0]) + 2
            raise DataFormatError(f"{_show(path)}:{line}: expected label 0, 1, 2 or 3.")
        frame["label"] = frame["label"].astype(int)
    if frame.empty:
        raise DataFormatError(f"{_show(path)}: no rows found (expected SWAG lines after the header).")
    return frame.reset_index(drop=True)


def load_mrpc(source: str | os.PathLike | None = None, split: str = "train") -> pd.DataFrame:
    """GLUE MRPC TSV (BOM, stray quotes: read with quoting off) → DataFrame `label, id1, id2, sentence1, sentence2`."""
    path = resolve_source("mrpc", source, split)
    lines = _read_text(path).splitlines()
    if not lines or not lines[0].startswith("Quality"):
        raise DataFormatError(f"{_show(path)}:1: expected the header 'Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String'.")
    rows = []
    for number, fields in enumerate(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        if not fields:
            continue
        if len(fields) != 5 or fields[0] not in {"0", "1"}:
            raise DataFormatError(
                f"{_show(path)}:{number}: expected 5 tab-separated fields 'label id1 id2 sentence1 sentence2' "
                f"with label 0 or 1, got {len(fields)} field(s)."
            )
        rows.append((int(fields[0]), fields[1], fields[2], fields[3], fields[4]))
    if not rows:
        raise DataFormatError(f"{_show(path)}: no sentence pairs found (expected lines after the header).")
    return pd.DataFrame(rows, columns=["label", "id1", "id2", "sentence1", "sentence2"])


def load_corpus(source: str | os.PathLike | None = None) -> list[list[str]]:
    """Pretraining text (one sentence per line, blank line between documents) → list of documents."""
    path = DATA_DIR / "corpus" if source is None else source
    if isinstance(path, str) and path.startswith(("http://", "https://")):
        files = [_download(path)]
    else:
        path = Path(path).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"{_show(path)}: no such file or folder (expected a pretraining text file).")
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        if not files:
            raise FileNotFoundError(f"{_show(path)}: no .txt files in this folder.")
    documents: list[list[str]] = []
    for file in files:
        current: list[str] = []
        for line in _read_text(file).splitlines() + [""]:
            if line.strip():
                current.append(line.strip())
            elif current:
                documents.append(current)
                current = []
    if not documents:
        raise DataFormatError(f"{_show(files[0])}: no sentences found (expected one sentence per line).")
    return documents
