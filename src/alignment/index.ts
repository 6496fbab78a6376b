export * from "./figures-schema.js";
export { agreementFigures, confusionOf, type BinaryLabel, type LabelledVerdict } from "./agreement.js";
export { correctedPassRate, DEFAULT_RESAMPLES, DEFAULT_SEED, type CorrectedPassRateOptions, type ObservedVerdicts } from "./corrected-pass-rate.js";
