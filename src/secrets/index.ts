export { createRedactor, MIN_SECRET_LENGTH, redactionMarker, type Redactor, type SecretSink } from "./redactor.js";
export { findTokenShapes, redactTokenShapes, TOKEN_SHAPES, type TokenKind } from "./token-shapes.js";
export { addSecretsNamedInEnv, looksLikeSecretName } from "./secret-names.js";
export { mapStrings } from "./map-strings.js";
