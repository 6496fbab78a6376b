import { createHash } from "node:crypto";

const READABLE_CHARS = 40;

/**
 * A case id from a stable source key (a production trace id, or a run's
 * "<run>/<case>#<trial>"): a readable prefix, a slug of the key's start, and
 * 8 hex digits of its sha256. The same key always gives the same id, so adding
 * a trace twice is caught by id as well as by input; the hash keeps ids
 * distinct where slugs of different keys collide or are cut short. `hashed`
 * replaces the key in the hash where the readable part is not the identity
 * (a synthetic query: its combination is readable, its text is what differs).
 */
export function derivedCaseId(prefix: string, key: string, hashed: string = key): string {
  const slug = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, READABLE_CHARS)
    .replace(/-+$/, "");
  const hash = createHash("sha256").update(hashed).digest("hex").slice(0, 8);
  return slug === "" ? `${prefix}-${hash}` : `${prefix}-${slug}-${hash}`;
}
