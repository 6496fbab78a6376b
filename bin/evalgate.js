#!/usr/bin/env node
// Thin launcher: everything the CLI does lives in the library (dist/cli).
import { main } from "../dist/cli/index.js";

main(process.argv).then((code) => {
  process.exitCode = code;
});
