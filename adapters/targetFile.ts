import { z } from "zod";
import { readValidatedJson } from "../lib/validatedJson.ts";
import { TargetFileError } from "./target.ts";

export { TargetFileError };

/** Real-time waits are bounded: a target without a clock must time out within this. */
export const MAX_REAL_TIME_TIMEOUT_SECONDS = 120;

const path = z.string().startsWith("/", "must start with /");
const slowPath = path.includes("{ms}", {
  message: 'must hold "{ms}", where the suite puts the delay, e.g. "/slow?ms={ms}"',
});
const pattern = z.string().refine(isRegExpWithGroup, "must be a regular expression with one capture group");

/** The JSON file that describes a running server to test (documented in the README). */
export const targetFileSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().optional(),
    baseUrl: z.url({ protocol: /^http$/ }),
    httpsBaseUrl: z.url({ protocol: /^https$/ }).optional(),
    /** A PEM file to trust for httpsBaseUrl, relative to the target file. */
    tlsCaFile: z.string().optional(),
    paths: z.strictObject({
      show: path,
      expire: path,
      counter: path.optional(),
      notify: path.optional(),
      endings: path.optional(),
      slow: slowPath.optional(),
    }),
    uidPattern: pattern,
    counterPattern: pattern.optional(),
    sessionTimeoutSeconds: z.number().positive(),
    cookieName: z.string().min(1).optional(),
    secureCookieName: z.string().min(1).optional(),
    clock: z
      .strictObject({
        advance: z.string().regex(/^[A-Z]+\s+\/\S*$/, 'must look like "POST /_clock/advance?seconds={seconds}"'),
      })
      .optional(),
  })
  .strict()
  .refine((t) => t.clock || t.sessionTimeoutSeconds <= MAX_REAL_TIME_TIMEOUT_SECONDS, {
    message: `without a clock, timeout scenarios wait in real time, so sessionTimeoutSeconds must be at most ${MAX_REAL_TIME_TIMEOUT_SECONDS}`,
    path: ["sessionTimeoutSeconds"],
  })
  .refine((t) => !t.paths.counter || t.counterPattern, {
    message: "paths.counter needs counterPattern",
    path: ["counterPattern"],
  })
  .refine((t) => !t.paths.notify === !t.paths.endings, {
    message: "paths.notify and paths.endings go together",
    path: ["paths"],
  });

export type TargetFile = z.infer<typeof targetFileSchema>;

/**
 * Read and validate a target file.
 * @throws TargetFileError with a one-line message naming the file and the first problem
 */
export async function readTargetFile(file: string): Promise<TargetFile> {
  return readValidatedJson(file, targetFileSchema, (message) => new TargetFileError(message));
}

function isRegExpWithGroup(source: string): boolean {
  try {
    return new RegExp(`${source}|`).exec("")!.length >= 2;
  } catch {
    return false;
  }
}
