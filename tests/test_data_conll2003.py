"""Specification of the BERT Lab course copy of CoNLL-2003 (English NER).

The files in data/conll2003/ must be readable by any loader of the public
CoNLL-2003 files: `-DOCSTART- -X- -X- O` document markers, one token per line
as `token POS chunk NER`, and a blank line after every sentence.
Only the standard library is used here (entity F1 is computed by hand below; on
well-formed IOB2 tags it equals seqeval's default entity F1).
"""
from __future__ import annotations

import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "conll2003"
SPLITS = ("train", "valid", "test")
MIN_SENTENCES = {"train": 800, "valid": 250, "test": 250}
# the notebook fine-tunes 5 epochs on train within about two minutes on a 2-core laptop
MAX_TRAIN_TOKENS = 12_000
# shortcut ceilings: entity F1 on valid of two cheap taggers (see the datasheet)
LOOKUP_CEILING = 0.55
ALL_CAPITALISED_CEILING = 0.45
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


# ------------------------------------------------- source -> derived files

def test_column_files_are_built_from_the_markup_source(tmp_path):
    spec = importlib.util.spec_from_file_location("conll_build", DATA / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build._load_lexicon()
    for split in SPLITS:
        out = tmp_path / f"{split}.txt"
        build.write_columns(build.read_markup([DATA / "source" / f"{split}.markup"]), out)
        assert out.read_text(encoding="utf-8") == read_text(split), f"{split}.txt differs from source/{split}.markup"


def test_train_split_stays_small_enough_to_fine_tune_in_minutes():
    assert sum(len(s) for s in sentences("train")) <= MAX_TRAIN_TOKENS


# -------------------------------------------------------------- variety

def words_and_tags(split: str) -> list[tuple[list[str], list[str]]]:
    return [([r[0] for r in s], [r[3] for r in s]) for s in sentences(split)]


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of every entity; an I-X after O or another type opens one (conlleval's rule)."""
    found, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            found.add((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return found


def entity_f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    true = [(n, *e) for n, tags in enumerate(gold) for e in spans(tags)]
    pred = [(n, *e) for n, tags in enumerate(predicted) for e in spans(tags)]
    correct = len(set(true) & set(pred))
    return 2 * correct / (len(true) + len(pred)) if true or pred else 1.0


def test_entity_f1_helper_counts_exact_spans():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert entity_f1(gold, gold) == 1.0
    assert entity_f1(gold, [["B-PER", "O", "O", "B-LOC"]]) == 0.5


def most_frequent_type(split: str = "train") -> str:
    counts = Counter(t[2:] for _, tags in words_and_tags(split) for t in tags if t.startswith("B-"))
    return counts.most_common(1)[0][0]


def lookup_tagger(train: list[tuple[list[str], list[str]]], fallback: str):
    """Memorise each train word's most frequent tag; unseen capitalised words -> `fallback`; else O."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for words, tags in train:
        for word, tag in zip(words, tags):
            seen[word][tag] += 1

    def tag(words: list[str]) -> list[str]:
        return [seen[w].most_common(1)[0][0] if w in seen else ("I-" + fallback if w[:1].isupper() else "O")
                for w in words]

    return tag


def all_capitalised_tagger(fallback: str):
    """Every run of capitalised words is one entity of type `fallback`."""
    def tag(words: list[str]) -> list[str]:
        out, previous = [], "O"
        for word in words:
            previous = (("I-" if previous != "O" else "B-") + fallback) if word[:1].isupper() else "O"
            out.append(previous)
        return out

    return tag


def test_capitalised_word_lookup_stays_below_its_ceiling():
    """A memorising tagger must not solve the task: names in valid are mostly new, and words are ambiguous."""
    tagger = lookup_tagger(words_and_tags("train"), most_frequent_type())
    valid = words_and_tags("valid")
    score = entity_f1([t for _, t in valid], [tagger(w) for w, _ in valid])
    assert 0.2 < score <= LOOKUP_CEILING, score


def test_every_capitalised_word_is_an_entity_stays_below_its_ceiling():
    tagger = all_capitalised_tagger(most_frequent_type())
    valid = words_and_tags("valid")
    score = entity_f1([t for _, t in valid], [tagger(w) for w, _ in valid])
    assert score <= ALL_CAPITALISED_CEILING, score


@pytest.mark.parametrize("split", ["valid", "test"])
def test_most_evaluation_mentions_are_names_unseen_in_train(split):
    train_forms = {" ".join(w[a:b]) for w, t in words_and_tags("train") for a, b, _ in spans(t)}
    mentions = [" ".join(w[a:b]) for w, t in words_and_tags(split) for a, b, _ in spans(t)]
    unseen = sum(m not in train_forms for m in mentions)
    assert unseen / len(mentions) >= 0.5, unseen / len(mentions)


def test_train_has_capitalised_words_that_are_entities_in_one_place_and_not_in_another():
    kinds: dict[str, set[str]] = defaultdict(set)
    for words, tags in words_and_tags("train"):
        for word, tag in zip(words, tags):
            if word[:1].isupper() and word.isalpha():
                kinds[word].add(tag[2:] if tag != "O" else "O")
    entity_or_word = [w for w, k in kinds.items() if "O" in k and len(k) > 1]
    two_types = [w for w, k in kinds.items() if len(k - {"O"}) > 1]
    assert len(entity_or_word) >= 25 and len(two_types) >= 10, (len(entity_or_word), len(two_types))


def test_train_has_sentence_initial_entities_and_sports_results_tables():
    data = words_and_tags("train")
    initial = sum(tags[0] != "O" for _, tags in data)
    score_lines = [w for w, t in data if len(w) <= 12 and t.count("B-ORG") >= 1
                   and sum(bool(re.fullmatch(r"\d+", x)) for x in w) >= 2]
    assert initial >= 250 and len(score_lines) >= 50, (initial, len(score_lines))
