import type { GuardFinding, GuardSpan } from "../types.js";
import { describeList } from "./internal/describe-list.js";
import { findUrls, hostOf } from "./internal/url-scan.js";

/**
 * Triggered when a link in the text (`http(s)://`, `ftp://` or a bare
 * `www.` host) points to a host that is not on the allow-list; each such link
 * is a "URL" span. An entry allows its host and every subdomain
 * ("example.com" allows "docs.example.com", not "badexample.com"); entries
 * may be written as hosts, "*.example.com" or full URLs, and international
 * names match in either form. A link whose host cannot be read is not
 * allowed.
 */
export function checkUrls(text: string, options: { allow: readonly string[] }): GuardFinding {
  const allowed = options.allow.map(normaliseEntry).filter((host): host is string => host !== undefined);
  const spans: GuardSpan[] = [];
  const hosts: string[] = [];
  for (const url of findUrls(text)) {
    if (url.host !== undefined && allowed.some((host) => url.host === host || url.host!.endsWith(`.${host}`))) continue;
    spans.push({ start: url.start, end: url.end, label: "URL" });
    const host = url.host ?? text.slice(url.start, url.end);
    if (!hosts.includes(host)) hosts.push(host);
  }
  if (spans.length === 0) return { triggered: false };
  return { triggered: true, spans, reason: `${hosts.length === 1 ? "link to" : "links to"} ${describeList(hosts)} not on the allow-list` };
}

function normaliseEntry(entry: string): string | undefined {
  const bare = entry.trim().replace(/^\*?\./, "");
  if (bare === "") return undefined;
  return hostOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(bare) ? bare : `http://${bare}`);
}
