#!/usr/bin/env bash
# Creates (once) a Python venv with a pinned MLflow for evalgate's tracking and
# `mlflow models serve` integration tests, then prints the venv's python path.
#
# The pin is 3.17.2: mlflow 3.18.0 is published but its own dependencies
# (mlflow-skinny / mlflow-tracing 3.18.0) are not, so it cannot be installed.
#
# Env: EVALGATE_MLFLOW_VERSION (pin), EVALGATE_MLFLOW_VENV (venv directory),
#      EVALGATE_PYTHON (interpreter used to create the venv, default python3).
set -euo pipefail

version="${EVALGATE_MLFLOW_VERSION:-3.17.2}"
venv="${EVALGATE_MLFLOW_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/evalgate/mlflow-$version}"
python="${EVALGATE_PYTHON:-python3}"
marker="$venv/.evalgate-installed-$version"

if [ -f "$marker" ] && [ -x "$venv/bin/mlflow" ]; then
  echo "$venv/bin/python"
  exit 0
fi

# A lock keeps two concurrent test workers from installing into one venv.
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9

if [ ! -f "$marker" ] || [ ! -x "$venv/bin/mlflow" ]; then
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "install-mlflow: '$python' not found; install Python >= 3.10 or set EVALGATE_PYTHON" >&2
    exit 1
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mlflow==$version" >&2
  touch "$marker"
fi

echo "$venv/bin/python"
