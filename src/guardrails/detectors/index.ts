export { findPii, PII_ENTITIES, type PiiEntity } from "./pii.js";
export { findSecrets } from "./secrets.js";
export { scoreInjection } from "./injection.js";
export { matchKeywords, type KeywordOptions } from "./keywords.js";
export { matchPatterns, type PatternOptions } from "./patterns.js";
export { checkLength } from "./length.js";
export { checkJsonSchema, type JsonValidator } from "./json-schema.js";
export { checkUrls } from "./urls.js";
export { redactSpans } from "./redact.js";
