import { gunzipSync, gzipSync } from "node:zlib";

/**
 * How report.html carries its data: one script element of type
 * application/octet-stream (never run), holding gzip + base64 JSON. Base64
 * has no "<", so no text of a run can end the element early. The data is
 * opaque to anything scanning the page as text, so whatever must see every
 * string of a run (redaction before an upload, a test hunting for a secret)
 * goes through readPageData / mapPageData.
 */
const OPEN = '<script id="evalgate-data" type="application/octet-stream" data-encoding="gzip+base64">';
const CLOSE = "</script>";

/** The data element for a page. */
export function pageDataElement(data: unknown): string {
  return `${OPEN}${gzipSync(JSON.stringify(data)).toString("base64")}${CLOSE}`;
}

/** The data embedded in a page, or undefined when it has none. */
export function readPageData(html: string): unknown {
  const at = locate(html);
  return at === undefined ? undefined : JSON.parse(gunzipSync(Buffer.from(html.slice(at.start, at.end), "base64")).toString("utf8"));
}

/** The page with its embedded data replaced by map(data); a page without data is returned as it is. */
export function mapPageData(html: string, map: (data: unknown) => unknown): string {
  const at = locate(html);
  if (at === undefined) return html;
  const data = readPageData(html);
  return `${html.slice(0, at.start - OPEN.length)}${pageDataElement(map(data))}${html.slice(at.end + CLOSE.length)}`;
}

function locate(html: string): { start: number; end: number } | undefined {
  const open = html.indexOf(OPEN);
  if (open < 0) return undefined;
  const start = open + OPEN.length;
  const end = html.indexOf(CLOSE, start);
  return end < 0 ? undefined : { start, end };
}
