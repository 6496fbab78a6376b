// The bench's pure parts and helpers, loaded by bench/run.js through jiti.
export { BenchUsageError, parseBenchArgs, type BenchOptions } from "./args.js";
export { derive, idealMs, median, spreadOf, summarize, type RunSample, type ScenarioSummary, type Spread } from "./measure.js";
export { answeredCalls, planScenarios, SCENARIO_IDS, type CliScenario, type FloorScenario, type Scenario, type ScenarioId } from "./scenarios.js";
export { areaOf, summarizeProfile, type CpuProfile, type ProfileSummary, type TimeShare } from "./profile.js";
export { startBenchStandin, type BenchStandin } from "./standin.js";
export { writeSuite } from "./suite.js";
export { renderTables, table, type BenchResults, type Machine, type ScenarioResult, type StartupTiming, type TableFormat } from "./table.js";
