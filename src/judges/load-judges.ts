import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Case } from "../datasets/index.js";
import { errorMessage } from "../errors.js";
import { parseModelId } from "../providers/index.js";
import { JudgeError, type JudgeIssue } from "./errors.js";
import type { Judge } from "./judge.js";
import { judgeReplyJsonSchema, type JudgeExample } from "./judge-schema.js";
import { judgeVersion } from "./judge-version.js";
import { parseExamples } from "./parse-examples.js";
import { parseJudgeFile } from "./parse-judge.js";
import { judgeSystemPrompt, renderExamples } from "./render-prompt.js";
import { caseIssues } from "./template-checks.js";

export interface LoadJudgesOptions {
  /** The suite's `judge_model`, for judges that name no model. */
  defaultModel?: string;
  /** When given, every placeholder is checked against every case each judge applies to. */
  cases?: readonly Case[];
}

type Loaded = { ok: true; judge: Judge } | { ok: false; issues: JudgeIssue[] };

/**
 * Loads and validates judge files. Throws one JudgeError listing every problem
 * in every file (bad front matter, unknown placeholders, examples, missing
 * model, duplicate ids, placeholders the cases cannot fill), so an author sees
 * them all at once.
 */
export async function loadJudges(files: readonly string[], options: LoadJudgesOptions = {}): Promise<Judge[]> {
  const loaded = await Promise.all(files.map((file) => loadOne(resolve(file), options.defaultModel)));
  const issues = loaded.flatMap((result) => (result.ok ? [] : result.issues));
  const judges = loaded.flatMap((result) => (result.ok ? [result.judge] : []));

  const firstFileOf = new Map<string, string>();
  for (const judge of judges) {
    const first = firstFileOf.get(judge.id);
    if (first) issues.push({ file: judge.file, message: `Duplicate judge id "${judge.id}" (also used by ${first}); ids name summary columns and must be unique.` });
    else firstFileOf.set(judge.id, judge.file);
  }
  if (options.cases) issues.push(...judges.flatMap((judge) => caseIssues(judge, options.cases ?? [])));
  if (issues.length > 0) throw new JudgeError(issues);
  return judges;
}

/** Checks every placeholder of `judge` against the cases it applies to; throws a JudgeError naming file, line and cases. */
export function validateJudgeAgainstCases(judge: Judge, cases: readonly Case[]): void {
  const issues = caseIssues(judge, cases);
  if (issues.length > 0) throw new JudgeError(issues);
}

async function loadOne(file: string, defaultModel: string | undefined): Promise<Loaded> {
  const text = await readText(file);
  if (!text.ok) return { ok: false, issues: [{ file, message: text.message }] };
  const parsed = parseJudgeFile(text.value, file);
  if (!parsed.ok) return parsed;
  const { frontMatter, template, templateLine, examplesFile } = parsed.judge;
  const issues: JudgeIssue[] = [];

  let examples: JudgeExample[] = [];
  if (examplesFile) {
    const examplesText = await readText(examplesFile);
    const result = examplesText.ok ? parseExamples(examplesText.value, examplesFile) : { ok: false as const, issues: [{ file, message: `examples: ${examplesText.message}` }] };
    if (result.ok) examples = result.examples;
    else issues.push(...result.issues);
  }

  const model = frontMatter.model ?? defaultModel;
  if (model === undefined) {
    issues.push({ file, message: "No model: set `model:` in the front matter (e.g. openai:gpt-4.1-mini) or `judge_model:` in the suite config." });
  } else {
    try {
      parseModelId(model);
    } catch (error) {
      issues.push({ file, message: errorMessage(error) });
    }
  }
  if (issues.length > 0 || model === undefined) return { ok: false, issues };

  const systemPrompt = judgeSystemPrompt(frontMatter.failure_mode, renderExamples(examples));
  const version = judgeVersion({ template, systemPrompt, model, temperature: frontMatter.temperature, replySchema: judgeReplyJsonSchema() });
  return {
    ok: true,
    judge: {
      id: frontMatter.id,
      failureMode: frontMatter.failure_mode,
      model,
      temperature: frontMatter.temperature,
      inputs: frontMatter.inputs,
      ...(frontMatter.applies_when ? { appliesWhen: frontMatter.applies_when } : {}),
      file,
      template,
      templateLine,
      examples,
      systemPrompt,
      version,
      // A model the judge file names (e.g. scripted:replies.jsonl) is relative to the judge file, not the suite.
      ...(frontMatter.model === undefined ? {} : { modelBaseDir: dirname(file) }),
    },
  };
}

async function readText(file: string): Promise<{ ok: true; value: string } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await readFile(file, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === "ENOENT" ? `File not found: ${file}. Check the path (relative paths start at the file that names it).` : `Cannot read ${file}: ${errorMessage(error)}` };
  }
}
