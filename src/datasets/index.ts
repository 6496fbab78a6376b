export { CaseSchema, type Case, type CaseInput } from "./case-schema.js";
export { loadDataset, validateDatasetFile, type DatasetFileInfo, type LoadedDataset } from "./load-dataset.js";
export { loadRecords, type LoadRecordsOptions, type LocatedRecord } from "./load-records.js";
export * from "./grow/index.js";
