export { addCasesFromRun, candidateOf, type AddCasesOptions, type AddCasesResult } from "./add-from-run.js";
export { appendCases, planAppend, requireJsonl, type AppendPlan, type CaseCandidate, type SkippedCase } from "./append-cases.js";
export { derivedCaseId } from "./case-id.js";
export { inputKey, normaliseText } from "./normalise-text.js";
export { checkWhereIds, matchesWhere, parseWhere, type WhereCondition, type WhereFilter, type WhereVocabulary } from "./where.js";
