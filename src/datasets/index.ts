export { CaseSchema, type Case, type CaseInput } from "./case-schema.js";
export { loadDataset, validateDatasetFile, type DatasetFileInfo, type LoadedDataset } from "./load-dataset.js";
