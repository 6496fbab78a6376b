/** A URL fit for info and messages: no userinfo, no query string (keys sometimes ride there). */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
