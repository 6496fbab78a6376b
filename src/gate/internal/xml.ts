/**
 * XML 1.0 text and attribute escaping. Critiques and check reasons are model
 * or user text: they can hold any character, including ones XML 1.0 forbids
 * outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF), which no
 * escape can carry. Those are written as visible `\uXXXX` text instead, so
 * the report stays well-formed and the reader still sees what was there.
 */

// Allowed: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; everything else is forbidden.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Element content: `&`, `<` and `>` (the last so that `]]>` never appears);
 * a carriage return as a reference, because parsers turn a literal one into a line feed.
 */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, visible).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/**
 * An attribute value in double quotes. Tabs and line breaks become character
 * references because a parser would otherwise normalise them to spaces.
 */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
