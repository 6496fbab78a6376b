export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
};
const identity = (text: string) => text;
const PLAIN: Palette = { bold: identity, dim: identity, green: identity, red: identity, yellow: identity };

export function palette(color: boolean): Palette {
  return color ? COLOR : PLAIN;
}
