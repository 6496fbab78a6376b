/** A found entity before it gets its label: character offsets into the scanned text, end exclusive. */
export interface Range {
  start: number;
  end: number;
}
