"""Loads deploy/airflow/dags/topicops_retraining.py against a minimal stand-in of the Airflow API and
checks the wiring: tasks, dependencies, the commands each stage runs and the decision callables.
(No Airflow can be installed here; this catches mistakes py_compile cannot, such as a NameError or a
wrong edge.)"""

import importlib
import json
import os
import sys
import types
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parents[3] / "deploy" / "airflow" / "dags"


class FakeDag:
    current = None

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.tasks = {}
        self.edges = set()

    def __enter__(self):
        FakeDag.current = self
        return self

    def __exit__(self, *exc):
        FakeDag.current = None


class Node:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        FakeDag.current.tasks[task_id] = self

    def __rshift__(self, other):
        for target in other if isinstance(other, list) else [other]:
            FakeDag.current.edges.add((self.task_id, target.task_id))
        return other


class FakeFailException(Exception):
    pass


def fake_task(task_id):
    def decorate(fn):
        def call(*args, **kwargs):
            node = Node(task_id)
            node.fn = fn
            return node

        return call

    return decorate


fake_task.branch = fake_task


def install_fake_airflow():
    modules = {
        "airflow": types.ModuleType("airflow"),
        "airflow.sdk": types.SimpleNamespace(DAG=FakeDag, Param=lambda default, **schema: default, task=fake_task),
        "airflow.sdk.exceptions": types.SimpleNamespace(AirflowFailException=FakeFailException),
    }
    for module, name in [
        ("airflow.providers.standard.operators.bash", "BashOperator"),
        ("airflow.providers.standard.operators.empty", "EmptyOperator"),
        ("airflow.providers.standard.operators.trigger_dagrun", "TriggerDagRunOperator"),
        ("airflow.providers.docker.operators.docker", "DockerOperator"),
    ]:
        modules[module] = types.SimpleNamespace(**{name: type(name, (Node,), {})})
    sys.modules.update(modules)


def load_dag(runner):
    install_fake_airflow()
    os.environ["TOPICOPS_AIRFLOW_RUNNER"] = runner
    sys.path.insert(0, str(DAGS))
    sys.modules.pop("topicops_retraining", None)
    try:
        return importlib.import_module("topicops_retraining").dag
    finally:
        del os.environ["TOPICOPS_AIRFLOW_RUNNER"]


class FakeTaskInstance:
    def __init__(self, outputs):
        self.outputs = outputs
        self.pushed = {}

    def xcom_pull(self, task_ids, key="return_value"):
        return self.pushed.get(key) if task_ids == "decide" and key != "return_value" else self.outputs.get(task_ids)

    def xcom_push(self, key, value):
        self.pushed[key] = value


class DockerDagTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dag = load_dag("docker")

    def test_schedule_and_parameters(self):
        kwargs = self.dag.kwargs
        self.assertEqual(kwargs["dag_id"], "topicops_retraining")
        self.assertEqual(kwargs["schedule"], "@weekly")
        self.assertEqual(kwargs["max_active_runs"], 1)
        self.assertEqual(kwargs["params"]["attempt"], 1)
        self.assertEqual(kwargs["params"]["max_attempts"], 3)

    def test_the_loop_is_wired_stage_by_stage(self):
        self.assertEqual(
            self.dag.edges,
            {
                ("ingest", "preprocess"),
                ("preprocess", "train"),
                ("train", "trained_model_version"),
                ("trained_model_version", "evaluate"),
                ("evaluate", "decide"),
                ("decide", "promoted"),
                ("decide", "next_run_conf"),
                ("decide", "kpi_not_met"),
                ("next_run_conf", "retrain"),
            },
        )
        retrain = self.dag.tasks["retrain"]
        self.assertEqual(retrain.kwargs["trigger_dag_id"], "topicops_retraining")
        self.assertIs(retrain.kwargs["conf"], self.dag.tasks["next_run_conf"])

    def test_stages_run_the_cli_in_the_image_and_keep_output_where_it_is_parsed(self):
        from topicops_retraining_logic import CLI_STAGES

        for stage, argv in CLI_STAGES.items():
            operator = self.dag.tasks[stage]
            self.assertEqual(type(operator).__name__, "DockerOperator")
            self.assertEqual(operator.kwargs["command"], argv)
            self.assertIn("topicops_image", operator.kwargs["image"])
            self.assertIn("topicops_secret_env", operator.kwargs["env_file"])
            parsed = stage in ("train", "evaluate")
            self.assertEqual(operator.kwargs["do_xcom_push"], parsed)
            self.assertEqual(operator.kwargs["xcom_all"], parsed)

    def test_decide_promotes_retrains_or_fails(self):
        evaluation = {"model_version": "2", "c_v": 0.3, "threshold": 0.38, "kpi_ok": False, "promoted": False}
        logs = ['{"level":30,"msg":"x"}', json.dumps(evaluation)]
        decide = self.dag.tasks["decide"].fn
        ti = FakeTaskInstance({"evaluate": logs})
        self.assertEqual(decide(params={"attempt": 1, "max_attempts": 3}, ti=ti), "next_run_conf")
        self.assertEqual(ti.pushed["evaluation"], evaluation)
        self.assertEqual(decide(params={"attempt": 3, "max_attempts": 3}, ti=ti), "kpi_not_met")
        with self.assertRaisesRegex(FakeFailException, "failed on all 3 attempts"):
            self.dag.tasks["kpi_not_met"].fn(params={"max_attempts": 3}, ti=ti)
        self.assertEqual(
            self.dag.tasks["next_run_conf"].fn(params={"attempt": 1, "max_attempts": 3})["attempt"], 2
        )
        version = self.dag.tasks["trained_model_version"].fn(ti=FakeTaskInstance({"train": ['{"model_version": "7"}']}))
        self.assertEqual(version, "7")


class BashDagTest(unittest.TestCase):
    def test_bash_runner_runs_node_from_the_app_dir(self):
        dag = load_dag("bash")
        operator = dag.tasks["ingest"]
        self.assertEqual(type(operator).__name__, "BashOperator")
        command = operator.kwargs["bash_command"]
        self.assertTrue(command.startswith("cd {{ var.value.get('topicops_app_dir', '/opt/topicops') | sh }} && node "))
        self.assertIn("ingest --source {{ (params.source) | sh }}", command)
        self.assertTrue(operator.kwargs["append_env"])
        self.assertIn("sh", dag.kwargs["user_defined_filters"])


if __name__ == "__main__":
    unittest.main()
