/**
 * Per-test limit for tests that talk to a real `mlflow server` or `mlflow
 * models serve` (set on their describe blocks). Each request there is a Python
 * handler writing SQLite; on a loaded 2-core CI machine the slowest such test
 * (the MLflow end-to-end run) once took 25 s against the 30 s default and
 * failed 1 run in 5. 120 s is several times the worst seen, so a slow machine
 * passes, while a hang still fails long before the 10-minute hook timeout.
 */
export const MLFLOW_TEST_TIMEOUT_MS = 120_000;
