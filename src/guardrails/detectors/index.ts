export { findPii, PII_ENTITIES, type PiiEntity } from "./pii.js";
export { findSecrets } from "./secrets.js";
export { scoreInjection } from "./injection.js";
