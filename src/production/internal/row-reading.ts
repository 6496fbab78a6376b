import type { DatasetIssue } from "../../errors.js";
import type { ProductionRecord } from "../record.js";

/** What a row of an export reads as (with its serving format, for inference tables), or the problem with it. */
export type RowReading = { record: ProductionRecord; format?: string } | RowProblem;
export type RowProblem = { issue: Omit<DatasetIssue, "file" | "line"> };
