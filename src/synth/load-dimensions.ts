import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseYamlConfig } from "../config/index.js";
import { ConfigError } from "../errors.js";
import { DimensionsFileSchema, type Dimension, type DimensionsFile } from "./dimensions-schema.js";

export interface LoadedDimensions {
  file: string;
  description: string;
  instructions?: string;
  temperature?: number;
  dimensions: Dimension[];
}

/** Reads and validates dims.yaml; problems are one ConfigError with YAML line numbers, like every config file. */
export async function loadDimensions(file: string): Promise<LoadedDimensions> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "File not found: check the path" : (error as Error).message;
    throw new ConfigError(path, [{ path: "", message: reason }], { subject: "dimensions file" });
  }
  return parseDimensions(text, path);
}

export function parseDimensions(text: string, file: string): LoadedDimensions {
  const { data } = parseYamlConfig(text, DimensionsFileSchema, {
    file,
    subject: "dimensions file",
    requiredHint: "expected a mapping with description and dimensions (each with values)",
  });
  return {
    file,
    description: data.description,
    ...(data.instructions ? { instructions: data.instructions } : {}),
    ...(data.temperature === undefined ? {} : { temperature: data.temperature }),
    dimensions: dimensionsOf(data),
  };
}

function dimensionsOf(data: DimensionsFile): Dimension[] {
  return Object.entries(data.dimensions).map(([name, dimension]) => ({
    name,
    ...(dimension.description ? { description: dimension.description } : {}),
    values: Array.isArray(dimension.values)
      ? dimension.values.map((value) => ({ value }))
      : Object.entries(dimension.values).map(([value, description]) => ({ value, ...(description ? { description } : {}) })),
  }));
}
