/**
 * MLflow accepts only alphanumerics, underscores, dashes, periods, spaces,
 * colons and slashes in metric, param and tag keys; check and judge ids are
 * user-chosen, so anything else becomes "_".
 */
export function mlflowKey(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_\-. :/]/g, "_");
}
