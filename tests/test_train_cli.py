"""The training CLI (`python -m bertviz_lite.train`): one process, two CPU processes, resume, bad arguments.

Runs are tiny (a few steps on a sample of the course data) so the whole file stays well under two minutes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bertviz_lite import train
from bertviz_lite.tasks import TASKS

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}


def cli(*args: str, processes: int = 1, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    launcher = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(processes)] if processes > 1 else []
    return subprocess.run([sys.executable, *launcher, "-m", "bertviz_lite.train", *args], capture_output=True,
                          text=True, timeout=240, cwd=cwd, env=ENV if processes > 1 else {**ENV, "OMP_NUM_THREADS": "2"})


def metrics(folder: Path) -> dict:
    return json.loads((folder / "metrics.json").read_text())


def test_one_process_writes_metrics_and_a_model_that_pipeline_loads(tmp_path: Path) -> None:
    from transformers import pipeline

    run = cli("sst2", "--limit", "24", "--batch-size", "8", "--max-steps", "2", "--output", str(tmp_path / "run"))
    assert run.returncode == 0, run.stderr[-2000:]
    found = metrics(tmp_path / "run")
    assert found["steps"] == 2 and found["processes"] == 1 and found["resumed_from_step"] is None
    assert found["dev"]["examples"] == 24 and found["test"]["examples"] == 24  # the course test split is labelled
    low, high = found["dev"]["accuracy_ci"]
    assert low < found["dev"]["accuracy"] < high
    assert [e["epoch"] for e in found["epochs"]] == [1] and len(found["losses"]) == 2
    assert "training:" in run.stderr and "100%" in run.stderr  # the progress bar finished
    assert "dev (24 examples): accuracy" in run.stdout
    classify = pipeline("text-classification", model=str(tmp_path / "run" / "model"))
    predicted = classify(["a warm , funny film .", "a dull mess ."])
    assert {p["label"] for p in predicted} <= {"negative", "positive"}


def test_two_cpu_processes_count_every_dev_example_once_and_write_one_model(tmp_path: Path) -> None:
    # 25 dev pairs: two processes with batches of 32 see 13 + 12, and Accelerate pads the short shard by
    # repeating an example; gather_for_metrics must drop that copy.
    out = tmp_path / "run"
    run = cli("mrpc", "--limit", "25", "--batch-size", "4", "--max-steps", "2", "--output", str(out), processes=2)
    assert run.returncode == 0, run.stderr[-2000:]
    found = metrics(out)
    assert found["processes"] == 2 and found["device"].endswith("2 processes")
    assert found["dev"]["examples"] == 25 and found["epochs"][-1]["examples"] == 25
    assert round(found["dev"]["accuracy"] * 25, 9) == round(found["dev"]["accuracy"] * 25)  # k of 25, not of 26
    assert run.stdout.count("dev (25 examples)") == 1  # only the main process reports
    assert sorted(p.name for p in (out / "model").glob("*.safetensors")) == ["model.safetensors"]
    assert [p.name for p in (out / "checkpoints").iterdir()] == ["step-0000002"]


def test_resume_continues_from_the_saved_step(tmp_path: Path) -> None:
    out = tmp_path / "run"
    common = ("swag", "--limit", "16", "--batch-size", "8", "--max-length", "48", "--output", str(out))
    first = cli(*common, "--epochs", "1")
    assert first.returncode == 0, first.stderr[-2000:]
    before = metrics(out)
    assert before["steps"] == 2 and [p.name for p in (out / "checkpoints").iterdir()] == ["step-0000002"]
    (out / "metrics.json").unlink()
    again = cli(*common, "--epochs", "2", "--resume")
    assert again.returncode == 0, again.stderr[-2000:]
    after = metrics(out)
    assert "resuming from step 2 of 4" in again.stdout
    assert after["resumed_from_step"] == 2 and after["steps"] == 4
    assert after["losses"][:2] == before["losses"]  # the first two steps are the saved ones, not re-run
    assert [e["epoch"] for e in after["epochs"]] == [1, 2]
    assert [p.name for p in (out / "checkpoints").iterdir()] == ["step-0000004"]  # only the latest is kept


def test_a_crashed_run_resumes_to_the_result_of_an_uninterrupted_one(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import accelerate

    args = ["swag", "--limit", "16", "--batch-size", "8", "--max-length", "48", "--epochs", "2"]
    assert train.main([*args, "--output", str(tmp_path / "straight")]) == 0

    def crash(self: accelerate.Accelerator) -> None:  # the first barrier comes right after epoch 1's checkpoint
        raise KeyboardInterrupt("simulated crash")

    with monkeypatch.context() as patched:
        patched.setattr(accelerate.Accelerator, "wait_for_everyone", crash)
        with pytest.raises(KeyboardInterrupt):
            train.main([*args, "--output", str(tmp_path / "crashed")])
    assert [p.name for p in (tmp_path / "crashed" / "checkpoints").iterdir()] == ["step-0000002"]
    assert train.main([*args, "--output", str(tmp_path / "crashed"), "--resume"]) == 0
    resumed, straight = metrics(tmp_path / "crashed"), metrics(tmp_path / "straight")
    # weights, AdamW moments, LR schedule, RNG states and shuffling order restored: the same steps, the same model
    assert resumed["resumed_from_step"] == 2 and resumed["losses"] == pytest.approx(straight["losses"], abs=1e-6)
    assert resumed["dev"]["accuracy"] == straight["dev"]["accuracy"]


def test_the_seed_fixes_the_whole_run(tmp_path: Path) -> None:
    args = ["swag", "--limit", "16", "--batch-size", "8", "--max-length", "48", "--max-steps", "2"]
    for name in ("a", "b"):
        assert train.main([*args, "--output", str(tmp_path / name)]) == 0
    assert metrics(tmp_path / "a")["losses"] == metrics(tmp_path / "b")["losses"]  # the new head's init included


@pytest.mark.parametrize("task", ["conll2003", "squad"])
def test_span_and_token_tasks_train_and_score(task: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = train.main([task, "--limit", "12", "--batch-size", "4", "--max-steps", "1", "--output", str(tmp_path)])
    assert code == 0, capsys.readouterr().err[-2000:]
    found = metrics(tmp_path)
    primary = TASKS[task].primary
    assert found["dev"]["examples"] == 12
    assert 0 <= found["dev"][f"{primary}_ci"][0] <= found["dev"][primary] <= found["dev"][f"{primary}_ci"][1] <= 1


def _glue_sst2(folder: Path, test_header: bool) -> Path:
    folder.mkdir()
    (folder / "train.tsv").write_text("sentence\tlabel\na fine film .\t1\na bad film .\t0\n")
    (folder / "dev.tsv").write_text("sentence\tlabel\ngood .\t1\n")
    if test_header:
        (folder / "test.tsv").write_text("index\tsentence\n0\tfine .\n")
    return folder


def _config_folder(folder: Path, kind: str) -> Path:
    from transformers import BertConfig, GPT2Config

    config = GPT2Config(n_layer=1) if kind == "gpt2" else BertConfig(
        num_labels=3, architectures=["BertForSequenceClassification"])
    config.save_pretrained(folder)
    return folder


def _only_train(tmp: Path) -> Path:
    folder = tmp / "mrpc"
    folder.mkdir()
    (folder / "train.tsv").write_text("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA b.\tA b.\n")
    return folder


BAD = {
    "unknown task": (lambda tmp: ["sentiment"], "invalid choice: 'sentiment'"),
    "epochs 0": (lambda tmp: ["sst2", "--epochs", "0"], "argument --epochs: must be > 0"),
    "missing data path": (lambda tmp: ["sst2", "--data", str(tmp / "nowhere")], "does not exist"),
    "missing split": (lambda tmp: ["squad", "--test"], "no usable test split for squad"),
    "missing dev file": (lambda tmp: ["mrpc", "--data", str(_only_train(tmp))], "no usable dev split for mrpc"),
    "unlabelled test split": (lambda tmp: ["sst2", "--test", "--data", str(_glue_sst2(tmp / "glue", True))],
                              "test split of sst2 is unlabelled"),
    "no head for the task": (lambda tmp: ["swag", "--checkpoint", str(_config_folder(tmp / "gpt2", "gpt2"))],
                             "has no MultipleChoice head"),
    "head of another shape": (lambda tmp: ["sst2", "--checkpoint", str(_config_folder(tmp / "three", "bert"))],
                              "already has a SequenceClassification head with 3 labels"),
    "resume without checkpoint": (lambda tmp: ["sst2", "--resume", "--output", str(tmp / "empty")],
                                  "--resume: no checkpoint"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_argument_gives_one_line_and_status_2(case: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    make_args, expected = BAD[case]
    args = make_args(tmp_path)
    if "--output" not in args:
        args += ["--output", str(tmp_path / "out")]
    try:
        code = train.main(args)
    except SystemExit as stop:  # argparse errors
        code = stop.code
    err = capsys.readouterr().err
    error_lines = [line for line in err.splitlines() if "error:" in line]
    assert code == 2 and len(error_lines) == 1 and expected in error_lines[0], err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing trained, nothing written


def test_a_finished_run_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "metrics.json").write_text("{}")
    assert train.main(["sst2", "--output", str(tmp_path)]) == 2
    assert "already holds a run" in capsys.readouterr().err


def test_squad_training_windows_keep_every_answer_and_one_in_k_of_the_others() -> None:
    import dataclasses

    from bertviz_lite import models

    task, tokenizer = TASKS["squad"], models.load_tokenizer()
    frame = task.load(None, "train").head(40)
    every = task.encode(tokenizer, frame, dataclasses.replace(task.recipe, negative_every=1), train=True)
    some = task.encode(tokenizer, frame, dataclasses.replace(task.recipe, negative_every=3), train=True)
    empty = [s == 0 for s in every["start_positions"]]
    assert 0 < sum(empty) < len(empty)  # the sample has both kinds of window
    assert sum(s != 0 for s in some["start_positions"]) == len(empty) - sum(empty)
    assert sum(s == 0 for s in some["start_positions"]) == -(-sum(empty) // 3)
    assert {len(v) for v in some.values()} == {len(some["input_ids"])}  # every column filtered alike


def test_the_readme_states_each_task_recipe_as_the_cli_runs_it() -> None:
    rows = {line.split("|")[1].strip(" `"): line for line in (ROOT / "README.md").read_text().splitlines()
            if line.startswith("| `") and "epochs" in line}
    for name, task in TASKS.items():
        r = task.recipe
        expected = [f"lr {r.lr:.0e}".replace("e-0", "e-"), f"{r.epochs} epochs", f"batch {r.batch_size}", f"max_length {r.max_length}"]
        assert all(part in rows.get(name, "") for part in expected), (name, expected, rows.get(name))
