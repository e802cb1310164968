"""Fine-tune on a whole dataset from the command line: `python -m bertviz_lite.train TASK [options]`.

TASK is sst2, mrpc, conll2003, squad or swag (see `bertviz_lite.tasks`); the defaults are the course recipes of
07-10. The same command runs on a CPU, one GPU (`python -m ...` or `accelerate launch -m ...`), several GPUs
(`accelerate launch --multi_gpu --num_processes N -m ...`) or several CPU processes
(`torchrun --nproc_per_node N -m ...`). It shows a progress bar, scores the dev split after each epoch, saves a
checkpoint (Accelerate `save_state` plus the step) after each epoch, and at the end writes `metrics.json` (95 %
intervals) and `model/` (weights + tokenizer, loadable by `transformers.pipeline` for the tasks that have one).
The steps are the course loop's (`training.train_step`, `Monitor`, `make_accelerator`); this module adds the
epoch checkpoints and `--resume`. Bad arguments exit with status 2 and one line saying what to change.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .tasks import TASKS, Task, score_split

__all__ = ["UsageError", "build_parser", "load_splits", "load_model", "run", "main"]


class UsageError(Exception):
    """A bad argument or input: its message is the one line the CLI prints before exiting with status 2."""


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m bertviz_lite.train` (every default of a recipe is None: the task's own)."""
    parser = argparse.ArgumentParser(
        prog="python -m bertviz_lite.train", description="Fine-tune a BERT checkpoint on one task; write "
        "metrics.json, a model folder and a checkpoint per epoch into --output.")
    parser.add_argument("task", choices=sorted(TASKS), help="which dataset and head")
    parser.add_argument("--data", help="folder (or http(s) URL of a folder) holding the split files under their "
                        "public names; default: the course data in data/")
    parser.add_argument("--checkpoint", help="hub name or local folder to start from; default: $BERT_LAB_CHECKPOINT, "
                        "else the packaged all-MiniLM-L6-v2")
    parser.add_argument("--epochs", type=_positive(int), help="passes over the training split")
    parser.add_argument("--lr", type=_positive(float), help="peak learning rate")
    parser.add_argument("--batch-size", type=_positive(int), help="examples per step and process")
    parser.add_argument("--max-length", type=_positive(int), help="tokens per example (QA: per window)")
    parser.add_argument("--negative-every", type=_positive(int), help="squad: train on 1 in N windows that lack "
                        "the answer (1 keeps all)")
    parser.add_argument("--max-steps", type=_positive(int), help="stop after this many optimizer steps")
    parser.add_argument("--mixed-precision", choices=("auto", "no", "bf16"), default="auto",
                        help="auto: bf16 where the CPU/GPU has it, no: fp32")
    parser.add_argument("--limit", type=_positive(int), help="use a random sample of N examples of each split "
                        "(a quick check)")
    parser.add_argument("--test", action="store_true", help="require a labelled test split and score it "
                        "(without the flag it is scored when present and labelled)")
    parser.add_argument("--seed", type=int, default=0, help="initial weights of the new head, dropout masks and shuffling order")
    parser.add_argument("--output", type=Path, help="run folder; default: runs/TASK")
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint in --output")
    return parser


def _source(data_arg: str | None, task: Task, split: str) -> str | None:
    """What the loader reads: None (course data), the folder, or the URL of the split's public file."""
    if data_arg is None or not data_arg.startswith(("http://", "https://")):
        return data_arg
    from .data import SPLIT_FILES

    return data_arg.rstrip("/") + "/" + SPLIT_FILES[task.dataset][split][-1]


def load_splits(task: Task, data_arg: str | None, want_test: bool, limit: int | None) -> dict[str, Any]:
    """{"train", "dev", and "test" when present and labelled} DataFrames; UsageError naming what is missing.

    `limit` keeps a random sample (seed 0) of that many rows per split. A missing train or dev split is an error;
    a missing or unlabelled test split is skipped, or an error when `want_test`.
    """
    from .data import DataFormatError

    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be >= 1 rows per split, got {limit}")
    if data_arg is not None and not data_arg.startswith(("http://", "https://")) and not Path(data_arg).is_dir():
        what = "is a file" if Path(data_arg).is_file() else "does not exist"
        raise UsageError(f"--data {data_arg} {what}: give the folder that holds the {task.dataset} split files")
    splits: dict[str, Any] = {}
    for split in ("train", "dev", "test"):
        try:
            frame = task.load(_source(data_arg, task, split), split)
        except (FileNotFoundError, ValueError) as exc:
            if split == "test" and not want_test and not isinstance(exc, DataFormatError):
                continue
            reason = str(exc).splitlines()[0]
            raise UsageError(f"no usable {split} split for {task.name}: {reason}") from None
        task.check_tags(frame, split)
        if not task.labelled(frame):
            if split == "test" and not want_test:
                continue
            raise UsageError(f"the {split} split of {task.name} is unlabelled (e.g. GLUE's public test files): "
                             "it cannot be scored" + ("; drop --test" if split == "test" else ""))
        if limit is not None and limit < len(frame):
            frame = frame.sample(n=limit, random_state=0).reset_index(drop=True)
        splits[split] = frame
    return splits


def load_model(task: Task, checkpoint: str | None) -> tuple[Any, Any]:
    """(model with the task's head, tokenizer) from `checkpoint`; UsageError when the checkpoint cannot get it.

    Errors: no such checkpoint; an architecture `transformers` has no `task.head` class for; a checkpoint that
    already carries this head with a different number of labels.
    """
    import transformers
    from transformers.models.auto import modeling_auto

    from . import models

    resolved = models.resolve_checkpoint(checkpoint)
    try:
        if Path(resolved).expanduser().is_dir() or not models.hub_reachable():
            config = transformers.AutoConfig.from_pretrained(str(Path(resolved).expanduser()) if Path(
                resolved).expanduser().is_dir() else resolved, local_files_only=True)
        else:
            config = transformers.AutoConfig.from_pretrained(resolved)
    except (OSError, ValueError) as exc:
        raise UsageError(f"checkpoint {models.describe_checkpoint(checkpoint)}: {str(exc).splitlines()[0]}") from None
    mapping = getattr(modeling_auto, _HEAD_MAPPINGS[task.head])
    if config.model_type not in mapping:
        raise UsageError(f"checkpoint {models.describe_checkpoint(checkpoint)} is a {config.model_type!r} model, "
                         f"which has no {task.head} head in transformers: pick a BERT-like checkpoint")
    kwargs: dict[str, Any] = {}
    if task.labels is not None:
        has_head = any(a.endswith(f"For{task.head}") for a in (config.architectures or []))
        if has_head and config.num_labels != len(task.labels):
            raise UsageError(f"checkpoint {models.describe_checkpoint(checkpoint)} already has a {task.head} head "
                             f"with {config.num_labels} labels, {task.name} needs {len(task.labels)}: start from "
                             "a checkpoint without that head (e.g. the base model)")
        kwargs = {"num_labels": len(task.labels), "id2label": dict(enumerate(task.labels)),
                  "label2id": {label: i for i, label in enumerate(task.labels)}}
    auto_class = getattr(transformers, f"AutoModelFor{task.head}")
    model = models.load_model(auto_class, checkpoint, cache=False, attn_implementation="sdpa", **kwargs)
    return model, models.load_tokenizer(checkpoint)


_HEAD_MAPPINGS = {"SequenceClassification": "MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES",
                  "TokenClassification": "MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES",
                  "QuestionAnswering": "MODEL_FOR_QUESTION_ANSWERING_MAPPING_NAMES",
                  "MultipleChoice": "MODEL_FOR_MULTIPLE_CHOICE_MAPPING_NAMES"}


def _checkpoints(output: Path) -> list[Path]:
    return sorted((output / "checkpoints").glob("step-*"))


def _train(model: Any, loader: Any, config: Any, evaluate: Any, output: Path, resume: Path | None,
           state: dict[str, Any], say: Any) -> tuple[Any, Any, dict[str, Any]]:
    """The course loop (`training.train_step` per batch, `Monitor` bar) plus a checkpoint after each epoch.

    Returns (History, accelerator, info). A checkpoint holds Accelerate's state (weights, AdamW moments, RNG
    states, the LR scheduler), the loader's shuffling generator and the History so far; `resume` restarts at its
    step, skipping the batches of the current epoch already done.
    """
    import torch
    from transformers import get_scheduler

    from .training import Monitor, autocast, describe_device, make_accelerator, param_groups, seed_run, train_step

    accelerator = make_accelerator()
    seed_run(config.seed, loader)
    optimizer = torch.optim.AdamW(param_groups(model, config.weight_decay), lr=config.lr, fused=True)
    wrapped, optimizer, batches = accelerator.prepare(model, optimizer, loader)
    per_epoch = len(batches)
    total = config.max_steps or config.epochs * per_epoch
    scheduler = get_scheduler(config.schedule, optimizer, math.ceil(config.warmup_ratio * total), total)
    accelerator.register_for_checkpointing(scheduler)
    monitor = Monitor(total, describe_device(accelerator, config.mixed_precision), live_plot=False,
                      enabled=accelerator.is_main_process, log_every=config.log_every)
    start = 0
    if resume is not None:
        saved = json.loads((resume / "trainer_state.json").read_text())
        mismatch = {k: (saved[k], v) for k, v in state.items() if saved.get(k) != v}
        if mismatch:
            monitor.bar.close()
            raise UsageError(f"the checkpoint in {resume.name} was made with a different run: "
                             + ", ".join(f"{k} {a} (now {b})" for k, (a, b) in mismatch.items()))
        start = saved["step"]
        if start >= total:
            monitor.bar.close()
            raise UsageError(f"the checkpoint is at step {start}, which already reaches the {total} steps asked: "
                             "raise --epochs or --max-steps to train longer")
        accelerator.load_state(str(resume))
        loader.generator.set_state(torch.load(resume / "loader_generator.pt"))
        for key in ("steps", "losses", "lrs", "evals"):
            setattr(monitor.history, key, saved["history"][key])
        monitor.examples, monitor.train_seconds = saved["examples"], saved["train_seconds"]
        monitor.bar.update(start)
        say(f"resuming from step {start} of {total} ({resume.name})")
    for epoch in range(start // per_epoch + 1, math.ceil(total / per_epoch) + 1):
        epoch_generator = loader.generator.get_state()  # before this epoch's shuffle
        skip = max(0, start - (epoch - 1) * per_epoch)
        wrapped.train()
        source = accelerator.skip_first_batches(batches, skip) if skip else batches
        monitor.mark = time.perf_counter()
        for batch in itertools.islice(source, total - monitor.steps):
            lr = scheduler.get_last_lr()[0]
            monitor.step(train_step(wrapped, batch, optimizer, scheduler, accelerator, config), lr, batch)
        wrapped.eval()
        with torch.no_grad(), autocast(accelerator, config.mixed_precision):
            monitor.evaluated(epoch, evaluate(accelerator.unwrap_model(wrapped)))
        finished = monitor.steps == epoch * per_epoch  # else max_steps ended mid-epoch: replay its shuffle
        folder = output / "checkpoints" / f"step-{monitor.steps:07d}"
        accelerator.save_state(str(folder))
        if accelerator.is_main_process:
            torch.save(loader.generator.get_state() if finished else epoch_generator, folder / "loader_generator.pt")
            history = {k: getattr(monitor.history, k) for k in ("steps", "losses", "lrs", "evals")}
            (folder / "trainer_state.json").write_text(json.dumps(
                {**state, "step": monitor.steps, "epoch": epoch, "history": history, "examples": monitor.examples,
                 "train_seconds": monitor.train_seconds}))
            for old in _checkpoints(output):
                if old != folder:
                    shutil.rmtree(old)
        accelerator.wait_for_everyone()
    history = monitor.finish()
    info = {"processes": accelerator.num_processes, "resumed_from_step": start if resume else None,
            "train_seconds": round(monitor.train_seconds, 2),
            "train_examples_per_second": round(monitor.examples * accelerator.num_processes
                                               / max(monitor.train_seconds, 1e-9), 2)}
    return history, accelerator, info


def _summary(name: str, scores: dict[str, Any]) -> str:
    from .stats import Interval, format_interval

    parts = [f"{metric} {format_interval(Interval(value, *scores[metric + '_ci']))}"
             for metric, value in scores.items() if metric + "_ci" in scores]
    return f"{name} ({scores['examples']} examples): " + ", ".join(parts)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Train and score one task as `args` (from `build_parser`) asks; return what metrics.json holds.

    Raises UsageError for bad arguments and inputs (the CLI turns it into one line and exit status 2).
    """
    import platform

    import accelerate
    import torch
    import transformers

    from . import models
    from .runtime import seed_everything
    from .training import TrainConfig, make_loader

    task = TASKS[args.task]
    main_process = os.environ.get("RANK", "0") == "0"

    def say(text: str) -> None:
        if main_process:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()

    output = args.output or Path("runs") / task.name
    found = _checkpoints(output)
    if args.resume and not found:
        raise UsageError(f"--resume: no checkpoint in {output / 'checkpoints'} to continue from")
    if not args.resume and (found or (output / "metrics.json").exists()):
        raise UsageError(f"{output} already holds a run: pass --resume to continue it, or another --output")
    recipe = dataclasses.replace(task.recipe, **{k: v for k, v in {
        "lr": args.lr, "epochs": args.epochs, "batch_size": args.batch_size, "max_length": args.max_length,
        "negative_every": args.negative_every}.items()
        if v is not None})
    splits = load_splits(task, args.data, args.test, args.limit)
    seed_everything(args.seed)  # the new head's initial weights, so that --seed fixes the whole run
    model, tokenizer = load_model(task, args.checkpoint)
    try:
        encoded = task.encode(tokenizer, splits["train"], recipe, train=True)
    except ValueError as exc:  # e.g. a max_length that leaves no room for a QA context
        raise UsageError(str(exc).splitlines()[0]) from None
    loader = make_loader(encoded, batch_size=recipe.batch_size, shuffle=True, seed=args.seed,
                         pad_token_id=tokenizer.pad_token_id or 0)
    config = TrainConfig(epochs=recipe.epochs, lr=recipe.lr, max_steps=args.max_steps, seed=args.seed,
                         mixed_precision=args.mixed_precision)
    say(f"{task.name}: {len(splits['train'])} training examples ({len(loader)} batches of {recipe.batch_size}), "
        f"dev {len(splits['dev'])}" + (f", test {len(splits['test'])}" if "test" in splits else ", no labelled test"))
    state = {"task": task.name, "batch_size": recipe.batch_size, "train_examples": len(splits["train"])}
    history, accelerator, info = _train(
        model, loader, config, lambda m: score_split(task, m, tokenizer, splits["dev"], recipe, intervals=False),
        output, found[-1] if args.resume else None, state, say)
    results = {split: score_split(task, model, tokenizer, splits[split], recipe) for split in ("dev", "test")
               if split in splits}
    metrics = {
        "task": task.name, "checkpoint": models.describe_checkpoint(args.checkpoint),
        "data": args.data or "course data", "date": time.strftime("%Y-%m-%d"),
        "recipe": {**dataclasses.asdict(recipe), "max_steps": args.max_steps, "seed": args.seed,
                   "weight_decay": config.weight_decay, "warmup_ratio": config.warmup_ratio,
                   "schedule": config.schedule, "mixed_precision": args.mixed_precision, "limit": args.limit},
        "device": history.device, "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "accelerate": accelerate.__version__},
        "steps": len(history.steps), **info, "train_examples": len(splits["train"]),
        "epochs": history.evals, "losses": history.losses, **results,
        "units": "scores are fractions in [0, 1]; *_ci are 95 % intervals (Wilson for accuracy, bootstrap else)",
    }
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        model.save_pretrained(output / "model")
        tokenizer.save_pretrained(output / "model")
        (output / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n")
    accelerator.wait_for_everyone()
    for split, scores in results.items():
        say(_summary(split, scores))
    say(f"{len(history.steps)} steps in {info['train_seconds']:.0f} s on {history.device} · wrote "
        f"{output / 'metrics.json'} and {output / 'model'}/")
    accelerator.end_training()  # destroys the process group; gloo threads left to interpreter exit can abort()
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse `argv`, run, and turn a UsageError into one line on stderr and exit status 2."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    import transformers

    transformers.logging.set_verbosity_error()  # no load report of the new head's weights
    transformers.logging.disable_progress_bar()  # no bars for loading and saving weights
    import torch

    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not torch.cuda.is_available():
        os.environ.setdefault("ACCELERATE_USE_CPU", "true")  # torchrun on CPUs: Accelerator(cpu=True), gloo
    try:
        run(args)
    except UsageError as exc:
        if os.environ.get("RANK", "0") == "0":
            sys.stderr.write(f"{parser.prog}: error: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
