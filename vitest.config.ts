import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts", "examples/**/*.test.ts"],
    // Integration tests start real servers (MLflow, the model stand-in); give them room.
    testTimeout: 30_000,
    hookTimeout: 600_000,
    reporters: ["default", "./tests/support/plain-count-reporter.ts"],
  },
});
