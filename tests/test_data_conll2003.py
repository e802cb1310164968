"""Specification of the BERT Lab course copy of CoNLL-2003 (English NER).

The files in data/conll2003/ must be readable by any loader of the public
CoNLL-2003 files: `-DOCSTART- -X- -X- O` document markers, one token per line
as `token POS chunk NER`, and a blank line after every sentence.
Only the standard library is used here.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "conll2003"
SPLITS = ("train", "valid", "test")
MIN_SENTENCES = {"train": 520, "valid": 160, "test": 160}
DOCSTART = "-DOCSTART- -X- -X- O"
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
NER_TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ENTITY_TYPES}
CHUNK_TYPES = {"NP", "VP", "PP", "ADJP", "ADVP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP"}
PENN_POS = {
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
    "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO",
    "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB",
    "$", "#", "''", "``", '"', "(", ")", ",", ".", ":", "NN|SYM",
}


# ---------------------------------------------------------------- helpers

def read_text(split: str) -> str:
    return (DATA / f"{split}.txt").read_text(encoding="utf-8")


def parse(text: str) -> list[list[list[tuple[str, str, str, str]]]]:
    """Text of a CoNLL-2003 file -> documents -> sentences -> rows."""
    docs: list[list[list[tuple[str, str, str, str]]]] = []
    sentence: list[tuple[str, str, str, str]] = []
    for line in text.split("\n"):
        if line == DOCSTART:
            docs.append([])
        elif line == "":
            if sentence:
                docs[-1].append(sentence)
                sentence = []
        else:
            token, pos, chunk, ner = line.split(" ")
            sentence.append((token, pos, chunk, ner))
    if sentence:
        docs[-1].append(sentence)
    return docs


def sentences(split: str) -> list[list[tuple[str, str, str, str]]]:
    return [s for doc in parse(read_text(split)) for s in doc]


def bio_errors(tags: list[str]) -> list[str]:
    """IOB2 violations: an I-X that does not follow B-X or I-X."""
    errors = []
    prev = "O"
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            errors.append(f"position {i}: {tag} after {prev}")
        prev = tag
    return errors


def entities(tags: list[str]) -> list[tuple[str, int]]:
    """(type, length) of every entity in an IOB2 tag sequence."""
    found = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + tag[2:]:
                j += 1
            found.append((tag[2:], j - i))
    return found


def entity_counts(split: str) -> Counter:
    counts: Counter = Counter()
    for sent in sentences(split):
        for etype, _ in entities([row[3] for row in sent]):
            counts[etype] += 1
    return counts


# ------------------------------------------------------- the helpers work

def test_bio_checker_rejects_inside_tag_after_outside():
    assert bio_errors(["O", "I-PER"]) != []


def test_bio_checker_rejects_inside_tag_of_another_type():
    assert bio_errors(["B-ORG", "I-LOC"]) != []


def test_bio_checker_accepts_well_formed_sequence():
    assert bio_errors(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]) == []


def test_parser_reads_documents_and_sentences():
    text = f"{DOCSTART}\n\nEU NNP B-NP B-ORG\n. . O O\n\n{DOCSTART}\n\nHi UH B-INTJ O\n\n"
    docs = parse(text)
    assert [len(d) for d in docs] == [1, 1]
    assert docs[0][0][0] == ("EU", "NNP", "B-NP", "B-ORG")


# ---------------------------------------------------------------- format

@pytest.mark.parametrize("split", SPLITS)
def test_file_starts_with_docstart_and_blank_line(split):
    assert read_text(split).startswith(DOCSTART + "\n\n")


@pytest.mark.parametrize("split", SPLITS)
def test_every_docstart_is_followed_by_a_blank_line(split):
    lines = read_text(split).split("\n")
    for i, line in enumerate(lines):
        if line.startswith("-DOCSTART-"):
            assert line == DOCSTART, f"line {i + 1}: {line!r}"
            assert lines[i + 1] == "", f"line {i + 2} should be blank"


@pytest.mark.parametrize("split", SPLITS)
def test_every_token_line_has_four_space_separated_columns(split):
    for i, line in enumerate(read_text(split).split("\n")):
        if line and line != DOCSTART:
            cols = line.split(" ")
            assert len(cols) == 4 and all(cols), f"line {i + 1}: {line!r}"


@pytest.mark.parametrize("split", SPLITS)
def test_file_ends_with_a_blank_line_after_the_last_sentence(split):
    text = read_text(split)
    assert text.endswith("\n\n") and not text.endswith("\n\n\n")


@pytest.mark.parametrize("split", SPLITS)
def test_no_tabs_or_carriage_returns(split):
    text = read_text(split)
    assert "\t" not in text and "\r" not in text


# ----------------------------------------------------------------- sizes

@pytest.mark.parametrize("split", SPLITS)
def test_split_has_minimum_number_of_sentences(split):
    assert len(sentences(split)) >= MIN_SENTENCES[split]


@pytest.mark.parametrize("split", SPLITS)
def test_documents_hold_between_5_and_20_sentences(split):
    sizes = [len(doc) for doc in parse(read_text(split))]
    assert sizes and all(5 <= s <= 20 for s in sizes), sizes


@pytest.mark.parametrize("etype", ENTITY_TYPES)
def test_train_has_at_least_100_mentions_of_each_entity_type(etype):
    assert entity_counts("train")[etype] >= 100


@pytest.mark.parametrize("split", ["valid", "test"])
def test_evaluation_splits_contain_every_entity_type(split):
    counts = entity_counts(split)
    assert all(counts[t] >= 30 for t in ENTITY_TYPES), counts


@pytest.mark.parametrize("etype", ENTITY_TYPES)
def test_train_has_multi_token_entities_of_each_type(etype):
    lengths = [n for s in sentences("train") for t, n in entities([r[3] for r in s]) if t == etype]
    assert sum(n > 1 for n in lengths) >= 20


def test_train_has_datelines_and_uppercase_headlines():
    sents = sentences("train")
    datelines = [s for s in sents if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s[-1][0])]
    headlines = [s for s in sents if sum(r[0].isupper() for r in s) >= 3 and all(
        not r[0].isalpha() or r[0].isupper() for r in s)]
    assert len(datelines) >= 50 and len(headlines) >= 50


# ------------------------------------------------------------ tag sets

@pytest.mark.parametrize("split", SPLITS)
def test_ner_tags_are_iob2_entity_tags(split):
    used = {row[3] for s in sentences(split) for row in s}
    assert used <= NER_TAGS, used - NER_TAGS


@pytest.mark.parametrize("split", SPLITS)
def test_chunk_tags_are_iob2_phrase_tags(split):
    used = {row[2] for s in sentences(split) for row in s}
    bad = {t for t in used if t != "O" and not (t[:2] in ("B-", "I-") and t[2:] in CHUNK_TYPES)}
    assert not bad, bad


@pytest.mark.parametrize("split", SPLITS)
def test_pos_tags_are_penn_treebank_tags(split):
    used = {row[1] for s in sentences(split) for row in s}
    assert used <= PENN_POS, used - PENN_POS


@pytest.mark.parametrize("split", SPLITS)
def test_numbers_are_tagged_cd_and_punctuation_has_its_own_tag(split):
    for s in sentences(split):
        for token, pos, _, _ in s:
            if re.fullmatch(r"\d+(,\d{3})*(\.\d+)?", token):
                assert pos == "CD", (token, pos)
            if token in {",", "."}:
                assert pos == token, (token, pos)


# ------------------------------------------------------- well-formedness

@pytest.mark.parametrize("split", SPLITS)
def test_ner_tags_are_well_formed_bio(split):
    for n, s in enumerate(sentences(split)):
        assert not bio_errors([r[3] for r in s]), (n, " ".join(r[0] for r in s))


@pytest.mark.parametrize("split", SPLITS)
def test_chunk_tags_are_well_formed_bio(split):
    for n, s in enumerate(sentences(split)):
        assert not bio_errors([r[2] for r in s]), (n, " ".join(r[0] for r in s))


@pytest.mark.parametrize("split", SPLITS)
def test_no_sentence_starts_inside_an_entity_or_chunk(split):
    for s in sentences(split):
        assert s[0][3] == "O" or s[0][3].startswith("B-")
        assert s[0][2] == "O" or s[0][2].startswith("B-")


# ---------------------------------------------------------- duplicates

@pytest.mark.parametrize("split", SPLITS)
def test_no_duplicate_sentences_within_a_split(split):
    texts = Counter(" ".join(r[0] for r in s) for s in sentences(split))
    dupes = [t for t, c in texts.items() if c > 1]
    assert not dupes, dupes[:5]


def test_no_sentence_is_shared_between_splits():
    seen: dict[str, str] = {}
    for split in SPLITS:
        for s in sentences(split):
            text = " ".join(r[0] for r in s)
            assert seen.setdefault(text, split) == split, (text, seen[text], split)


# ------------------------------------------------------------ datasheet

def datasheet() -> str:
    """The CoNLL-2003 section of data/README.md."""
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## CoNLL-2003")
    end = readme.find("\n## ", start + 1)
    return readme[start + 1:end if end != -1 else None]


def test_datasheet_starts_with_a_level_two_heading():
    assert re.match(r"## \S", datasheet())


def test_datasheet_reports_the_sentence_count_of_each_split():
    sheet = datasheet()
    for split in SPLITS:
        row = next((line for line in sheet.splitlines() if line.startswith(f"| {split}")), "")
        assert f"| {len(sentences(split))} |" in row, (split, row)


def test_datasheet_reports_the_train_entity_counts():
    sheet = datasheet()
    counts = entity_counts("train")
    row = next((line for line in sheet.splitlines() if line.startswith("| train")), "")
    for etype in ENTITY_TYPES:
        assert f"| {counts[etype]} |" in row, (etype, row)
