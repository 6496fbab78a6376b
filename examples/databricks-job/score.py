"""Databricks task: install the project's npm dependencies, then run `evalgate score`.

The job passes --project (the synced repository), --suite and --experiment. The exit code is
evalgate's, so a failed write-back or MLflow error fails the job run and notifies its owners.
"""
import argparse
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--project", required=True)
parser.add_argument("--suite", required=True)
parser.add_argument("--experiment", required=True)
parser.add_argument("--since", default="2h")
args = parser.parse_args()

subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=args.project, check=True)
score = subprocess.run(
    [
        "npx", "evalgate", "score",
        "--suite", args.suite,
        "--from", f"mlflow:{args.experiment}",
        "--since", args.since,
        # Local run directories live on the driver's disk only; the MLflow copy is the record.
        "--reports-dir", "/tmp/evalgate-reports",
    ],
    cwd=args.project,
)
sys.exit(score.returncode)
