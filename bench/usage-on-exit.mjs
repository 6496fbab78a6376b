// Preloaded into every measured child (`node --import`): at exit it writes the
// process's own CPU time and peak RSS to $BENCH_USAGE_FILE, figures a parent
// cannot read once the child is gone. Does nothing without the variable.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // CPU times are in microseconds, maxRSS in kilobytes.
    writeFileSync(file, JSON.stringify({ userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, maxRssKb: usage.maxRSS }));
  });
}
