"""`python -m bench.nlu_eval`: measure NLU pipelines the same way, and choose by measurement.

For each Rasa config given (the chosen `nlu/rasa/config.yml` for `make nlu-eval`, every
`nlu/pipelines/*.yml` for `make nlu-compare`):

1. trains it on all of `nlu/rasa/data/` (wall time, model size), unless `--model` gives
   the model already built for it;
2. starts the real server (`returnee nlu-serve`): start-up time, resident memory, and the
   latency of each parse of the held-out file (`nlu/eval/heldout.tsv`) and the dev file;
3. scores the full stack (`understand()`: lexicon, rules, model, crisis vote) on both
   files: accuracy, macro F1, crisis recall, false alarms, per variety, and the model's
   calibration (no confident wrong answers);
4. 5-fold cross-validation on the training data: trains on four folds, parses the fifth
   in-process (`nlu/scripts/rasa_parse.py`), scores the full stack and draws the crisis
   threshold curve; the chosen threshold keeps crisis recall at 1.0 with fewest alarms.

Figures are printed and written to bench/results/nlu/<config>.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import network_guard

from bench.machine import machine_facts
from bench.nlu import bench_client, memory, rasa_server
from bench.stats import latency_summary
from nlu.client import ParseResult, parse_rasa_json
from nlu.evaluate import (
    Labelled,
    by_variety,
    calibration,
    choose_threshold,
    folds,
    load_labelled,
    outcomes,
    scores,
    summary_line,
    threshold_curve,
)
from nlu.examples import load_marked, nlu_yaml, plain_text
from nlu.lexicon import match_crisis
from nlu.understand import CRISIS_THRESHOLD, model_text
from tests.helpers import REPO

RESULTS = REPO / "bench" / "results" / "nlu"
DATA = REPO / "nlu" / "rasa" / "data"
DOMAIN = REPO / "nlu" / "rasa" / "domain.yml"
EVAL = {"heldout": REPO / "nlu/eval/heldout.tsv", "dev": REPO / "nlu/eval/dev.tsv"}
RASA = REPO / ".venv-rasa" / "bin"
ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "RASA_MAX_CACHE_SIZE": "0",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONPATH": str(REPO / "nlu" / "components"),
}  # the project's own Rasa components


def train(config: Path, data: Path, out: Path, name: str, log: Path) -> tuple[Path, float]:
    """`rasa train nlu` on `data`; the model and the wall seconds it took."""
    began = time.perf_counter()
    with log.open("ab") as sink:
        subprocess.run(
            [str(RASA / "rasa"), "train", "nlu", "--config", str(config), "--domain", str(DOMAIN),
             "--nlu", str(data), "--out", str(out), "--fixed-model-name", name,
             "--num-threads", "2"],
            check=True, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, **ENV},
        )  # fmt: skip
    return out / f"{name}.tar.gz", time.perf_counter() - began


def parse_in_process(model: Path, texts: list[str], work: Path) -> list[ParseResult]:
    """Parse texts with `model` loaded in the Rasa environment (no server)."""
    source, target = work / "texts.jsonl", work / "parses.jsonl"
    source.write_text("".join(json.dumps(model_text(t)) + "\n" for t in texts), encoding="utf-8")
    subprocess.run(
        [str(RASA / "python"), str(REPO / "nlu/scripts/rasa_parse.py"), str(model), str(source),
         str(target)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, **ENV},
    )  # fmt: skip
    lines = target.read_text(encoding="utf-8").splitlines()
    pairs = zip(texts, lines, strict=True)
    return [parse_rasa_json(text, json.loads(line)) for text, line in pairs]


def served(model: Path, log: Path) -> dict[str, Any]:
    """Start the real server on `model`; score both files through it; time every parse."""
    files = {name: load_labelled(path) for name, path in EVAL.items()}
    report: dict[str, Any] = {}
    with rasa_server(model, log) as (url, process, startup_s):
        client = bench_client(url)
        for text in ("hello", "i need a job", "m bezwen travay"):  # warm-up
            client.parse(text)
        report["startup_s"] = round(startup_s, 1)
        report["rss_mb"] = memory(process.pid)["rss_mb"]
        latencies: list[float] = []
        for name, items in files.items():
            parses = []
            for item in items:
                began = time.perf_counter()
                parses.append(client.parse(model_text(item.text)))
                latencies.append(time.perf_counter() - began)
            report[name] = _scored(items, parses)
        report["parse"] = latency_summary(latencies)
        report["rss_after_mb"] = memory(process.pid)["rss_mb"]
    return report


def _scored(items: list[Labelled], parses: list[ParseResult]) -> dict[str, Any]:
    """The full stack's figures, per variety, calibration, and the wrong answers."""
    results = outcomes(items, parses)
    cal = calibration(results)
    wrong = [r for r in results if not r.right]
    return {
        **scores(results),
        "by_variety": by_variety(results),
        "calibration": {
            "ece": round(cal.ece, 4),
            "wrong": cal.wrong,
            "wrong_at_one": cal.wrong_at_one,
            "max_wrong_confidence": round(cal.max_wrong_confidence, 4),
            "bins": cal.bins,
        },
        "errors": [(r.item.intent, r.stack.intent, r.stack.source, r.item.variety) for r in wrong],
    }


def training_items() -> list[tuple[str, str]]:
    """Every training example (intent, marked text), file by file."""
    return [pair for path in sorted(DATA.glob("*.yml")) for pair in load_marked(path)]


def cross_validate(config: Path, count: int, work: Path, log: Path) -> dict[str, Any]:
    """Train on all folds but one, parse that one; every example is tested once."""
    marked = training_items()
    items = [Labelled(intent, "train", False, plain_text(text)) for intent, text in marked]
    parses: list[ParseResult | None] = [None] * len(items)
    seconds = []
    for number, test in enumerate(folds(items, count), start=1):
        held = set(test)
        data = work / f"fold{number}.yml"
        data.write_text(nlu_yaml(p for i, p in enumerate(marked) if i not in held), "utf-8")
        model, took = train(config, data, work, f"fold{number}", log)
        seconds.append(took)
        for index, parse in zip(test, parse_in_process(model, [items[i].text for i in test],
                                                        work), strict=True):  # fmt: skip
            parses[index] = parse
        model.unlink()
        print(f"[nlu-eval]   fold {number}/{count}: trained in {took:.0f} s", flush=True)
    done = [p for p in parses if p is not None]
    curve = threshold_curve(items, done)
    chosen = choose_threshold(curve)
    # The crisis examples only the model can catch (the lexicon does not): their CV scores
    # decide how high the threshold can go.
    model_only = sorted(
        (round(p.score("crisis"), 3), i.text) for i, p in zip(items, done, strict=True)
        if i.intent == "crisis" and match_crisis(i.text) is None
    )  # fmt: skip
    return {
        "model_only_crisis": model_only,
        **{k: v for k, v in _scored(items, done).items() if k not in ("errors", "by_variety")},
        "fold_train_s": [round(s, 1) for s in seconds],
        "threshold_curve": [row.__dict__ for row in curve if round(row.threshold * 100) % 5 == 0],
        "chosen_threshold": chosen.__dict__,
        "at_chosen": scores(outcomes(items, done, chosen.threshold)),
    }


def evaluate(config: Path, model: Path | None, cv_folds: int) -> dict[str, Any]:
    """Every figure for one pipeline."""
    name = config.stem if config.parent.name == "pipelines" else "chosen"
    report: dict[str, Any] = {"config": str(config.relative_to(REPO)), "name": name}
    with tempfile.TemporaryDirectory(prefix=f"nlu-eval-{name}-") as tmp:
        work, log = Path(tmp), RESULTS / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_bytes(b"")
        if model is None:
            print(f"[nlu-eval] {name}: training on all the data", flush=True)
            model, took = train(config, DATA, work, name, log)
            report["train_s"] = round(took, 1)
        report["model"] = model.name
        report["model_mb"] = round(model.stat().st_size / 1e6, 1)
        print(f"[nlu-eval] {name}: serving {model.name} ({report['model_mb']} MB)", flush=True)
        report.update(served(model, log))
        if cv_folds:
            print(f"[nlu-eval] {name}: {cv_folds}-fold cross-validation", flush=True)
            report["cross_validation"] = cross_validate(config, cv_folds, work, log)
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    show(report)
    return report


def show(report: dict[str, Any]) -> None:
    """Print one pipeline's figures."""
    print(f"\n== {report['name']} ({report['config']}, model {report['model']}) ==")
    if "train_s" in report:
        print(f"training {report['train_s']} s, model {report['model_mb']} MB")
    parse = report["parse"]
    print(f"server start-up {report['startup_s']} s, RSS {report['rss_mb']} MB "
          f"({report['rss_after_mb']} MB after), parse p50 {parse['p50_ms']} ms "
          f"p99 {parse['p99_ms']} ms")  # fmt: skip
    for name in EVAL:
        figures = report[name]
        cal = figures["calibration"]
        print(f"{name}: {summary_line(figures)}; creole share {figures['creole_share']:.0%}, "
              f"creole accuracy {figures['creole_accuracy']:.3f}")  # fmt: skip
        print(f"  calibration: ECE {cal['ece']:.3f}, {cal['wrong']} wrong model answers, "
              f"{cal['wrong_at_one']} of them at confidence >= 0.999, highest "
              f"{cal['max_wrong_confidence']:.3f}")  # fmt: skip
        varieties = figures["by_variety"].items()
        print("  by variety: " + ", ".join(f"{v} {acc:.2f} ({n})" for v, (n, acc) in varieties))
    cv = report.get("cross_validation")
    if cv:
        print(f"cross-validation ({len(cv['fold_train_s'])} folds, {cv['messages']} messages): "
              f"{summary_line(cv)}")  # fmt: skip
        print("  crisis threshold: " + ", ".join(
            f"{r['threshold']:.2f}: model {r['model_recall']:.3f} stack {r['stack_recall']:.3f} "
            f"alarms {r['false_alarms']:.2%}" for r in cv["threshold_curve"]))  # fmt: skip
        chosen = cv["chosen_threshold"]
        print(f"  chosen threshold {chosen['threshold']:.2f} (in code: {CRISIS_THRESHOLD}): "
              f"{summary_line(cv['at_chosen'])}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Evaluate each config given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, help="the model already trained (one config)")
    parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    options = parser.parse_args(argv)
    network_guard.install()
    facts = machine_facts()
    print(f"machine: nproc={facts['nproc']} cpu={facts['cpu_model']} "
          f"mem={facts['memory_gb']} GB", flush=True)  # fmt: skip
    for config in options.configs:
        evaluate(config.resolve(), options.model, options.folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
