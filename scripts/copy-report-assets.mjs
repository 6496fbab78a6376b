// Copies the HTML report's page assets (template, styles, client script) next
// to the compiled module, where src/html-report/internal/assets.ts reads them
// at run time; tsc only emits TypeScript. Part of `npm run build`.
import { cp, rm } from "node:fs/promises";

const from = new URL("../src/html-report/assets/", import.meta.url);
const to = new URL("../dist/html-report/assets/", import.meta.url);
await rm(to, { recursive: true, force: true });
await cp(from, to, { recursive: true, filter: (source) => !source.endsWith(".test.ts") });
