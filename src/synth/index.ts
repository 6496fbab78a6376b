export { DimensionsFileSchema, DimensionSchema, type Dimension, type DimensionsFile } from "./dimensions-schema.js";
export { loadDimensions, parseDimensions, type LoadedDimensions } from "./load-dimensions.js";
export { sampleCombinations, type Combination, type SampleDimension } from "./sample-combinations.js";
export { SYNTH_REPLY_SCHEMA_NAME, SynthReplySchema, synthMessages, synthReplyJsonSchema, type SynthReply } from "./synth-prompt.js";
export {
  caseOf,
  synthesizeCases,
  DEFAULT_SYNTH_CONCURRENCY,
  DEFAULT_SYNTH_TIMEOUT_MS,
  type SynthesizeOptions,
  type SynthFailure,
  type SynthPlanItem,
  type SynthResult,
} from "./synthesize.js";
export { formatSynthDryRun, formatSynthResult } from "./format.js";
