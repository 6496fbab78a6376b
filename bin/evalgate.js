#!/usr/bin/env node
// Thin launcher: everything the CLI does lives in the library (dist/cli).
import { main, tuneHeapGrowth } from "../dist/cli/index.js";

tuneHeapGrowth();
main(process.argv).then((code) => {
  process.exitCode = code;
});
