"""TopicOps retraining loop for Apache Airflow 2.4+ and 3.x.

ingest -> preprocess -> train -> evaluate, each a TopicOps CLI command run in the TopicOps image
(DockerOperator) or from a checkout (BashOperator, TOPICOPS_AIRFLOW_RUNNER=bash). The evaluate stage's
JSON summary (its last stdout line) decides: a promoted model ends the run; a failed KPI re-triggers this
DAG with attempt + 1 and the next topic count / seed of the search space, until max_attempts, after which
the run fails so that alerting sees it. See deploy/airflow/README.md.

Configuration
  Airflow Variables (read at run time): topicops_image, topicops_tracking_uri, topicops_redis_url,
    topicops_log_level, topicops_kpi_min_cv, topicops_model_name, topicops_app_dir (bash runner) and
    topicops_secret_env (dotenv text with DATABASE_URL=..., MLFLOW_TRACKING_TOKEN=...; masked because its
    name holds "secret").
  Environment of the Airflow components (read when the DAG is parsed): TOPICOPS_RETRAINING_SCHEDULE
    (cron or preset, "none" for manual runs only; default @weekly), TOPICOPS_AIRFLOW_RUNNER
    (docker | bash), TOPICOPS_DOCKER_NETWORK (the compose network, default topicops_default),
    TOPICOPS_DOCKER_URL (default unix://var/run/docker.sock).
  Run parameters (trigger with config): source, corpus, publications, stopwords, topics, seeds, attempt,
    max_attempts.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from topicops_retraining_logic import (  # noqa: E402
    BRANCH_GIVE_UP,
    BRANCH_PROMOTED,
    BRANCH_RETRAIN,
    CLI_STAGES,
    EVALUATE_KEYS,
    TRAIN_KEYS,
    bash_command,
    choose_branch,
    next_attempt_conf,
    parse_summary,
)

try:  # Airflow 3
    from airflow.sdk import DAG, Param, task
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.decorators import task
    from airflow.models.param import Param

try:  # Airflow 3 / the standard provider
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.operators.empty import EmptyOperator
    from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.trigger_dagrun import TriggerDagRunOperator

try:
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:
    from airflow.exceptions import AirflowFailException

DAG_ID = "topicops_retraining"
log = logging.getLogger(__name__)
RUNNER = os.environ.get("TOPICOPS_AIRFLOW_RUNNER", "docker").strip().lower()
SCHEDULE = os.environ.get("TOPICOPS_RETRAINING_SCHEDULE", "@weekly").strip()

# Non-secret settings, rendered from Variables when each task runs.
APP_ENVIRONMENT = {
    "TRACKING_URI": "{{ var.value.get('topicops_tracking_uri', 'http://mlflow:5000') }}",
    "REDIS_URL": "{{ var.value.get('topicops_redis_url', 'redis://redis:6379') }}",
    "LOG_LEVEL": "{{ var.value.get('topicops_log_level', 'info') }}",
    "KPI_MIN_CV": "{{ var.value.get('topicops_kpi_min_cv', '0.38') }}",
    "MODEL_NAME": "{{ var.value.get('topicops_model_name', 'topicops-lda') }}",
}
SECRET_ENV_FILE = "{{ var.value.get('topicops_secret_env', '') }}"

if RUNNER not in ("docker", "bash"):
    raise ValueError(f"TOPICOPS_AIRFLOW_RUNNER={RUNNER!r}: use docker or bash")


def cli_stage(stage: str, *, push_output: bool = False):
    """One CLI stage as an operator; push_output keeps its output lines for the summary parser."""
    argv = CLI_STAGES[stage]
    if RUNNER == "bash":
        app_dir = "{{ var.value.get('topicops_app_dir', '/opt/topicops') | sh }}"
        return BashOperator(
            task_id=stage,
            bash_command=f"cd {app_dir} && {bash_command(argv)}",
            env=APP_ENVIRONMENT,
            append_env=True,
            do_xcom_push=push_output,
        )

    from airflow.providers.docker.operators.docker import DockerOperator

    return DockerOperator(
        task_id=stage,
        image="{{ var.value.get('topicops_image', 'topicops:local') }}",
        command=argv,
        environment=APP_ENVIRONMENT,
        env_file=SECRET_ENV_FILE,
        network_mode=os.environ.get("TOPICOPS_DOCKER_NETWORK", "topicops_default"),
        docker_url=os.environ.get("TOPICOPS_DOCKER_URL", "unix://var/run/docker.sock"),
        mount_tmp_dir=False,
        auto_remove="success",
        do_xcom_push=push_output,
        xcom_all=push_output,
    )


with DAG(
    dag_id=DAG_ID,
    description="TopicOps: ingest, preprocess, train, evaluate; retrain until the coherence KPI passes",
    schedule=None if SCHEDULE.lower() in ("", "none") else SCHEDULE,
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    tags=["topicops", "mlops"],
    default_args={"retries": 1, "retry_delay": timedelta(minutes=2)},
    user_defined_filters={"sh": shlex.quote},
    params={
        "source": Param("fixtures/demo-corpus", type="string", description="corpus folder or file, in the image"),
        "corpus": Param("default", type="string", description="corpus name"),
        "publications": Param("fixtures/demo-publications.csv", type="string"),
        "stopwords": Param("fixtures/stopwords/chroniclitaly-stopwords.csv", type="string"),
        "topics": Param([10, 8, 12], type="array", items={"type": "integer", "minimum": 2}, minItems=1),
        "seeds": Param([1, 2, 3], type="array", items={"type": "integer", "minimum": 0}, minItems=1),
        "attempt": Param(1, type="integer", minimum=1, description="set by the retrain trigger"),
        "max_attempts": Param(3, type="integer", minimum=1, maximum=20),
    },
    doc_md=__doc__,
) as dag:
    ingest = cli_stage("ingest")
    preprocess = cli_stage("preprocess")
    train = cli_stage("train", push_output=True)
    evaluate = cli_stage("evaluate", push_output=True)

    @task(task_id="trained_model_version")
    def trained_model_version(ti=None) -> str:
        summary = parse_summary(ti.xcom_pull(task_ids="train"), TRAIN_KEYS)
        return str(summary["model_version"])

    @task.branch(task_id="decide")
    def decide(params=None, ti=None) -> str:
        evaluation = parse_summary(ti.xcom_pull(task_ids="evaluate"), EVALUATE_KEYS)
        ti.xcom_push(key="evaluation", value=evaluation)
        branch = choose_branch(evaluation, int(params["attempt"]), int(params["max_attempts"]))
        log.info(
            "attempt %s/%s: model version %s c_v=%s (threshold %s) -> %s",
            params["attempt"],
            params["max_attempts"],
            evaluation["model_version"],
            evaluation["c_v"],
            evaluation["threshold"],
            branch,
        )
        return branch

    @task(task_id=BRANCH_RETRAIN)
    def next_run_conf(params=None) -> dict:
        return next_attempt_conf(dict(params))

    @task(task_id=BRANCH_GIVE_UP)
    def kpi_not_met(params=None, ti=None) -> None:
        evaluation = ti.xcom_pull(task_ids="decide", key="evaluation") or {}
        raise AirflowFailException(
            f"the coherence KPI failed on all {params['max_attempts']} attempts "
            f"(last: model version {evaluation.get('model_version')}, c_v={evaluation.get('c_v')}, "
            f"threshold {evaluation.get('threshold')})"
        )

    conf = next_run_conf()
    retrain = TriggerDagRunOperator(
        task_id="retrain",
        trigger_dag_id=DAG_ID,
        conf=conf,
        wait_for_completion=False,
    )
    promoted = EmptyOperator(task_id=BRANCH_PROMOTED)

    version = trained_model_version()
    branch = decide()
    ingest >> preprocess >> train >> version >> evaluate >> branch
    branch >> [promoted, conf, kpi_not_met()]
    conf >> retrain
