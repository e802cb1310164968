"""The loaders read the course files and the real public formats, and name the file and line of any problem."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from bertviz_lite import data

FIXTURES = Path(__file__).parent / "fixtures"


def test_sst2_reads_tsv_without_header_or_final_newline() -> None:
    frame = data.load_sst2(FIXTURES / "sst2_no_final_newline.tsv")
    assert list(frame.columns) == ["sentence", "label"]
    assert frame["label"].tolist() == [1, 0, 1]
    assert frame["sentence"].iloc[2] == "not bad at all , really ."


def test_sst2_skips_the_glue_header() -> None:
    frame = data.load_sst2(FIXTURES / "sst2_glue_header.tsv")
    assert frame["label"].tolist() == [0, 0]


def test_sst2_bad_label_names_file_and_line() -> None:
    with pytest.raises(data.DataFormatError, match=r"sst2_bad_label\.tsv:1: expected 'sentence<TAB>label'"):
        data.load_sst2(FIXTURES / "sst2_bad_label.tsv")


def test_folder_and_split_pick_the_public_file_names(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "conll_bio.txt", tmp_path / "eng.testa")
    frame = data.load_conll2003(tmp_path, split="validation")
    assert frame["tokens"].iloc[0][:2] == ["Lena", "Okafor"]


def test_missing_file_names_what_was_looked_for(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no test file for sst2 \(looked for test\.tsv\)"):
        data.load_sst2(tmp_path, split="test")
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        data.load_sst2(tmp_path / "nowhere.tsv")


def test_unknown_split_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"squad has no split 'test'"):
        data.load_squad(tmp_path, split="test")


def test_conll_iob1_becomes_bio() -> None:
    frame = data.load_conll2003(FIXTURES / "conll_iob1.txt")
    assert frame["ner_tags"].iloc[0] == ["B-ORG", "O", "B-MISC", "O", "O"]
    assert frame["ner_tags"].iloc[1] == ["B-PER", "I-PER", "O", "B-PER", "B-PER", "O"]


def test_conll_bio_is_kept_and_docstart_splits_sentences() -> None:
    frame = data.load_conll2003(FIXTURES / "conll_bio.txt")
    assert list(frame.columns) == ["tokens", "ner_tags"]
    assert len(frame) == 2
    assert frame["ner_tags"].iloc[0] == ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "O"]


def test_iob1_to_bio_is_idempotent_on_bio() -> None:
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert data.iob1_to_bio(tags) == tags


def test_conll_bad_tag_names_file_and_line() -> None:
    with pytest.raises(data.DataFormatError, match=r"conll_bad_tag\.txt:3: expected 'token POS chunk NER'"):
        data.load_conll2003(FIXTURES / "conll_bad_tag.txt")


def test_squad_is_flattened_with_answer_dicts() -> None:
    frame = data.load_squad(FIXTURES / "squad_small.json")
    assert list(frame.columns) == ["id", "title", "context", "question", "answers"]
    first = frame.iloc[0]
    start = first["answers"]["answer_start"][0]
    text = first["answers"]["text"][0]
    assert first["context"][start:start + len(text)] == text
    assert frame.iloc[1]["answers"] == {"text": ["Salt marshes", "Salt marshes"], "answer_start": [0, 0]}


def test_squad_errors_name_the_place() -> None:
    with pytest.raises(data.DataFormatError, match=r"squad_broken\.json:2: not valid JSON"):
        data.load_squad(FIXTURES / "squad_broken.json")
    with pytest.raises(data.DataFormatError, match=r"data\[0\]\.paragraphs\[0\]\.qas\[0\]: expected"):
        data.load_squad(FIXTURES / "squad_no_context.json")


def test_squad_question_without_answers_gets_empty_lists() -> None:
    frame = data.load_squad(FIXTURES / "squad_missing_answers_ok.json")
    assert frame.iloc[0]["answers"] == {"text": [], "answer_start": []}


def test_swag_keeps_the_real_columns_and_drops_the_unnamed_index() -> None:
    frame = data.load_swag(FIXTURES / "swag_small.csv")
    assert list(frame.columns) == data.SWAG_COLUMNS
    assert frame["label"].tolist() == [0, 1]
    assert frame["ending3"].iloc[1] == 'runs up the wall, "calmly".'


def test_swag_bad_header_names_missing_columns() -> None:
    with pytest.raises(data.DataFormatError, match=r"swag_bad_header\.csv:1: expected the SWAG header"):
        data.load_swag(FIXTURES / "swag_bad_header.csv")


def test_mrpc_reads_bom_and_stray_quotes() -> None:
    frame = data.load_mrpc(FIXTURES / "mrpc_glue.tsv")
    assert list(frame.columns) == ["label", "id1", "id2", "sentence1", "sentence2"]
    assert frame["label"].tolist() == [1, 0]
    assert frame["sentence1"].iloc[0] == 'The council said on Monday it "would review the plan.'
    assert frame["sentence2"].iloc[1] == 'Shares fell 5 percent in "early trading.'


def test_mrpc_bad_row_names_file_and_line() -> None:
    with pytest.raises(data.DataFormatError, match=r"mrpc_bad_row\.tsv:2: expected 5 tab-separated fields"):
        data.load_mrpc(FIXTURES / "mrpc_bad_row.tsv")


def test_corpus_is_a_list_of_documents_of_sentences() -> None:
    docs = data.load_corpus(FIXTURES / "corpus_small.txt")
    assert [len(d) for d in docs] == [2, 3]
    assert docs[1][0] == "Bread needs time."


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(data.DataFormatError, match="no sentences found"):
        data.load_corpus(tmp_path / "empty.txt")


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_bytes(b"caf\xe9 au lait\t1")
    with pytest.raises(data.DataFormatError, match=r"train\.tsv: not UTF-8"):
        data.load_sst2(tmp_path)


@pytest.fixture()
def local_server(tmp_path: Path):
    shutil.copy(FIXTURES / "sst2_no_final_newline.tsv", tmp_path / "train.tsv")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_is_downloaded_once_into_the_cache(local_server: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BERT_LAB_CACHE", str(tmp_path / "cache"))
    frame = data.load_sst2(f"{local_server}/train.tsv")
    assert len(frame) == 3
    cached = list((tmp_path / "cache" / "downloads").iterdir())
    assert len(cached) == 1
    (tmp_path / "train.tsv").unlink()  # the second call must not need the server's file
    assert len(data.load_sst2(f"{local_server}/train.tsv")) == 3


def test_unreachable_url_says_what_to_do(local_server: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BERT_LAB_CACHE", str(tmp_path / "cache"))
    with pytest.raises(FileNotFoundError, match="pass its local path as source"):
        data.load_sst2(f"{local_server}/missing.tsv")


@pytest.mark.parametrize("loader", [data.load_sst2, data.load_conll2003, data.load_squad, data.load_swag,
                                    data.load_mrpc])
def test_course_files_load_by_default(loader) -> None:
    frame = loader()
    assert len(frame) > 0


def test_course_corpus_loads_by_default() -> None:
    assert len(data.load_corpus()) > 0
