"""Pure helpers of the TopicOps retraining DAG: the CLI stages, parsing their JSON summaries and the
retrain-or-stop decision. Nothing here imports the orchestrator, so CI unit-tests it with plain Python
(tools/ci/test/test_retraining_logic.py) and checks every CLI command it names exists.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any, Iterable, Mapping

# One entry per stage: the argv after the image's entrypoint ("cli <command> [flags]"). Items are
# literals or a single Jinja expression rendered by the orchestrator at run time.
CLI_STAGES: dict[str, list[str]] = {
    "ingest": [
        "cli",
        "ingest",
        "--source",
        "{{ params.source }}",
        "--corpus",
        "{{ params.corpus }}",
        "--publications",
        "{{ params.publications }}",
    ],
    "preprocess": [
        "cli",
        "preprocess",
        "--corpus",
        "{{ params.corpus }}",
        "--stopwords",
        "{{ params.stopwords }}",
    ],
    "train": [
        "cli",
        "train",
        "--corpus",
        "{{ params.corpus }}",
        "--topics",
        "{{ params.topics[(params.attempt - 1) % (params.topics | length)] }}",
        "--seed",
        "{{ params.seeds[(params.attempt - 1) % (params.seeds | length)] }}",
    ],
    "evaluate": [
        "cli",
        "evaluate",
        "--model-version",
        "{{ ti.xcom_pull(task_ids='trained_model_version') }}",
    ],
}

TRAIN_KEYS = ("model_version",)
EVALUATE_KEYS = ("model_version", "c_v", "threshold", "kpi_ok", "promoted")

BRANCH_PROMOTED = "promoted"
BRANCH_RETRAIN = "next_run_conf"
BRANCH_GIVE_UP = "kpi_not_met"

_JINJA_ONLY = re.compile(r"^\{\{(.*)\}\}$", re.S)


class SummaryError(ValueError):
    """A stage's output holds no JSON summary with the expected keys."""


def parse_summary(output: Any, required: Iterable[str]) -> dict[str, Any]:
    """The stage's JSON summary: the last output line that is a JSON object holding every required key.

    DockerOperator pushes the container's log lines (stdout and stderr interleaved, and the structured
    logs are JSON too), so scan from the end instead of trusting the very last line.
    """
    keys = tuple(required)
    if output is None:
        raise SummaryError("the stage pushed no output to XCom")
    lines = output.splitlines() if isinstance(output, str) else [str(line) for line in output]
    for line in reversed(lines):
        text = line.strip()
        if not text.startswith("{"):
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and all(key in value for key in keys):
            return value
    failure = _failure_summary(lines)
    if failure:
        raise SummaryError(f"the stage reported a failure: {failure}")
    raise SummaryError(f"no JSON summary with {', '.join(keys)} in the last {len(lines)} output lines")


def _failure_summary(lines: list[str]) -> str | None:
    for line in reversed(lines):
        try:
            value = json.loads(line.strip())
        except (json.JSONDecodeError, ValueError):
            continue
        if isinstance(value, dict) and value.get("ok") is False:
            return str(value.get("error", "unknown error"))
    return None


def choose_branch(evaluation: Mapping[str, Any], attempt: int, max_attempts: int) -> str:
    """Promoted models end the loop; a failed KPI retrains while attempts remain, else the run fails."""
    if attempt < 1 or max_attempts < 1:
        raise ValueError(f"attempt ({attempt}) and max_attempts ({max_attempts}) must be at least 1")
    if evaluation.get("kpi_ok") is True:
        return BRANCH_PROMOTED
    if attempt < max_attempts:
        return BRANCH_RETRAIN
    return BRANCH_GIVE_UP


def next_attempt_conf(params: Mapping[str, Any]) -> dict[str, Any]:
    """The conf of the re-triggered run: the same parameters with attempt + 1."""
    attempt = int(params["attempt"])
    max_attempts = int(params["max_attempts"])
    if attempt >= max_attempts:
        raise ValueError(f"attempt {attempt} of {max_attempts}: no attempt left to trigger")
    conf = {key: value for key, value in params.items()}
    conf["attempt"] = attempt + 1
    return conf


def bash_command(argv: list[str], cli_path: str = "dist/apps/worker/cli.js") -> str:
    """The BashOperator form of a stage: `node <cli> <command> [flags]`, every argument shell-quoted.

    A Jinja item is quoted after rendering through the DAG's `sh` filter (shlex.quote).
    """
    if not argv or argv[0] != "cli":
        raise ValueError(f"a CLI stage starts with 'cli', got {argv[:1]}")
    parts = ["node", shlex.quote(cli_path)]
    for item in argv[1:]:
        match = _JINJA_ONLY.match(item)
        parts.append("{{ (%s) | sh }}" % match.group(1).strip() if match else shlex.quote(item))
    return " ".join(parts)


def stage_commands() -> dict[str, str]:
    """Stage name -> CLI command name, for CI's check that each command exists."""
    return {stage: argv[1] for stage, argv in CLI_STAGES.items()}
