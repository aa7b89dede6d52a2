"""Unit tests of deploy/airflow/dags/topicops_retraining_logic.py (plain Python, no Airflow needed)."""

import json
import shlex
import subprocess
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "deploy" / "airflow" / "dags"))

import topicops_retraining_logic as logic  # noqa: E402

EVALUATION = {
    "model_version": "4",
    "c_v": 0.41,
    "u_mass": -2.1,
    "c_npmi": 0.05,
    "log_perplexity": -7.9,
    "threshold": 0.38,
    "kpi_ok": True,
    "promoted": True,
}


class ParseSummaryTest(unittest.TestCase):
    def test_finds_the_summary_among_interleaved_json_logs(self):
        lines = [
            '{"level":30,"msg":"evaluating model 4"}',
            json.dumps(EVALUATION),
            '{"level":30,"msg":"closing the database"}',
            "",
        ]
        self.assertEqual(logic.parse_summary(lines, logic.EVALUATE_KEYS), EVALUATION)
        self.assertEqual(logic.parse_summary("\n".join(lines), logic.EVALUATE_KEYS), EVALUATION)

    def test_reports_a_failed_stage_and_missing_output(self):
        with self.assertRaisesRegex(logic.SummaryError, "reported a failure: database down"):
            logic.parse_summary(['{"ok": false, "command": "evaluate", "error": "database down"}'], logic.EVALUATE_KEYS)
        with self.assertRaisesRegex(logic.SummaryError, "no JSON summary"):
            logic.parse_summary(["not json", '{"c_v": 0.4}'], logic.EVALUATE_KEYS)
        with self.assertRaisesRegex(logic.SummaryError, "no output"):
            logic.parse_summary(None, logic.TRAIN_KEYS)


class DecisionTest(unittest.TestCase):
    def test_promoted_models_stop_the_loop(self):
        self.assertEqual(logic.choose_branch(EVALUATION, attempt=1, max_attempts=3), logic.BRANCH_PROMOTED)

    def test_a_failed_kpi_retrains_until_max_attempts(self):
        failed = {**EVALUATION, "kpi_ok": False, "promoted": False}
        self.assertEqual(logic.choose_branch(failed, 1, 3), logic.BRANCH_RETRAIN)
        self.assertEqual(logic.choose_branch(failed, 2, 3), logic.BRANCH_RETRAIN)
        self.assertEqual(logic.choose_branch(failed, 3, 3), logic.BRANCH_GIVE_UP)
        with self.assertRaises(ValueError):
            logic.choose_branch(failed, 0, 3)

    def test_the_next_run_gets_attempt_plus_one_and_keeps_the_rest(self):
        params = {"attempt": 2, "max_attempts": 3, "corpus": "default", "topics": [10, 8]}
        self.assertEqual(logic.next_attempt_conf(params), {**params, "attempt": 3})
        with self.assertRaisesRegex(ValueError, "no attempt left"):
            logic.next_attempt_conf({**params, "attempt": 3})


class StagesTest(unittest.TestCase):
    def test_every_stage_runs_the_cli_in_pipeline_order(self):
        self.assertEqual(list(logic.CLI_STAGES), ["ingest", "preprocess", "train", "evaluate"])
        self.assertEqual(logic.stage_commands(), {s: s for s in logic.CLI_STAGES})
        for argv in logic.CLI_STAGES.values():
            self.assertEqual(argv[0], "cli")

    def test_bash_form_quotes_literals_and_rendered_values(self):
        command = logic.bash_command(["cli", "ingest", "--source", "{{ params.source }}", "--corpus", "my corpus"])
        self.assertEqual(
            command, "node dist/apps/worker/cli.js ingest --source {{ (params.source) | sh }} --corpus 'my corpus'"
        )
        with self.assertRaises(ValueError):
            logic.bash_command(["node", "x"])

    def test_rendered_bash_command_survives_hostile_parameters(self):
        try:
            import jinja2
        except ImportError:
            self.skipTest("jinja2 is not installed")
        env = jinja2.Environment()
        env.filters["sh"] = shlex.quote
        template = env.from_string(logic.bash_command(logic.CLI_STAGES["ingest"], cli_path="/bin/echo"))
        rendered = template.render(
            params={"source": "a b; touch /tmp/pwned", "corpus": "$(id)", "publications": "p.csv"}
        )
        output = subprocess.run(["sh", "-c", rendered.replace("node ", "", 1)], capture_output=True, text=True)
        self.assertEqual(output.stdout.strip(), "ingest --source a b; touch /tmp/pwned --corpus $(id) --publications p.csv")


if __name__ == "__main__":
    unittest.main()
