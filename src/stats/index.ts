export { normalQuantile } from "./normal-quantile.js";
export { wilsonInterval, type ProportionInterval } from "./wilson.js";
export { passAtK, passHatK } from "./pass-at-k.js";
export { percentile } from "./percentile.js";
export { mean, variance } from "./moments.js";
export { cohensKappa, type AgreementTable } from "./cohen-kappa.js";
export { createSeededRandom, type SeededRandom } from "./seeded-random.js";
