import { access } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { BUILT_IN_TARGETS } from "../adapters/index.ts";
import { readValidatedJson } from "../lib/validatedJson.ts";
import { HarnessError } from "./exitCodes.ts";

/** Where the built-in adapters live; a built-in target's list is `<name>/divergences.json` there. */
const ADAPTERS_DIR = new URL("../adapters/", import.meta.url);

const oneLine = z
  .string()
  .min(1)
  .refine((s) => !/[\r\n]/.test(s), "must be one line");

/**
 * One requirement on which an implementation is known to differ from the suite: the verdict
 * a run must give it, and why. A divergence is always a failing verdict: a requirement not
 * listed must pass or not apply.
 */
export const divergenceSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+-\d+$/, 'must be a requirement id such as "BASIC-7"'),
  verdict: z.enum(["fail", "fail-should", "fail-may"]),
  reason: oneLine,
  upstream: z.url({ protocol: /^https$/ }).optional(),
  /** The transports it fails over; by default every transport the requirement ran over. */
  transports: z
    .array(z.enum(["http", "https"]))
    .nonempty()
    .optional(),
});

export const divergenceListSchema = z.array(divergenceSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((d, i) => {
    if (seen.has(d.id))
      ctx.addIssue({
        code: "custom",
        message: `${d.id} is listed twice`,
        path: [i, "id"],
      });
    seen.add(d.id);
  });
});

export type Divergence = z.infer<typeof divergenceSchema>;

/** A target's declared divergences and the file they came from (none for an empty list). */
export interface DeclaredDivergences {
  file?: string;
  divergences: Divergence[];
}

/** Raised for a divergence file that cannot be read or does not match the schema (exit code 2). */
export class DivergenceFileError extends HarnessError {
  override name = "DivergenceFileError";
}

/** The divergence file of a built-in target, whether or not it exists. */
export function builtInDivergencesFile(target: string): string | undefined {
  return BUILT_IN_TARGETS.includes(target)
    ? fileURLToPath(new URL(`${target}/divergences.json`, ADAPTERS_DIR))
    : undefined;
}

/**
 * The divergences a target declares: `file` when given, else a built-in target's own list,
 * else none (the reference and a target file without `--divergences` must pass everything).
 * @throws DivergenceFileError for a file that is unreadable or invalid
 */
export async function divergencesFor(target: string, file?: string): Promise<DeclaredDivergences> {
  const path = file ?? builtInDivergencesFile(target);
  if (!path || (!file && !(await exists(path)))) return { divergences: [] };
  return { file: path, divergences: await readDivergences(path) };
}

/**
 * Read and validate a divergence file.
 * @throws DivergenceFileError with a one-line message naming the file and the first problem
 */
export async function readDivergences(file: string): Promise<Divergence[]> {
  return readValidatedJson(file, divergenceListSchema, (message) => new DivergenceFileError(message));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
