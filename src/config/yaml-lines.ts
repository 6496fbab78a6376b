import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/**
 * The 1-based line of the node at `segments` in a parsed YAML document, so a
 * validation message can point at the line to edit. A map entry points at its
 * key (where the user typed the name); a missing key points at the nearest
 * enclosing node that exists.
 */
export function yamlLineOf(doc: Document, lineCounter: LineCounter, segments: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
