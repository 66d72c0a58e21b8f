import { readFile } from "node:fs/promises";
import type { z } from "zod";

/**
 * Read a JSON file and validate it with `schema`.
 * @param fail - makes the error to throw from a one-line message naming the file and the first problem
 * @throws whatever `fail` makes, for a file that is unreadable, not JSON, or not of the schema
 */
export async function readValidatedJson<T>(file: string, schema: z.ZodType<T>, fail: (message: string) => Error): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw fail(`${file}: ${error instanceof SyntaxError ? `not JSON: ${error.message}` : "cannot be read"}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`${file}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}
