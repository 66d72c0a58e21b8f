import { readFile } from "node:fs/promises";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import type { z } from "zod";

/**
 * Read a JSON file and validate it with `schema`. Comments and trailing commas are allowed
 * (JSONC, as in tsconfig.json), so `session-conformance init` can explain each key in place.
 * @param fail - makes the error to throw from a one-line message naming the file and the first problem
 * @throws whatever `fail` makes, for a file that is unreadable, not JSON, or not of the schema
 */
export async function readValidatedJson<T>(
  file: string,
  schema: z.ZodType<T>,
  fail: (message: string) => Error,
): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw fail(`${file}: cannot be read`);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const { error, offset } = errors[0]!;
    const line = text.slice(0, offset).split("\n").length;
    throw fail(`${file}: not JSON: ${printParseErrorCode(error)} at line ${line}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`${file}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}
