import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATED_STRUCTURE_SIGNIFICANCE } from "../../lib/thresholds.ts";
import { makeTlsIdentity, type TlsIdentity } from "../../lib/tls.ts";
import { type RunOutcome, runConformance } from "../../runner/run.ts";
import { startBrokenServer } from "./brokenServer.ts";
import type { Flaw, MiniOptions } from "./flaws.ts";
import {
  MINI_COUNTER_PATTERN,
  MINI_ENDINGS_PATH,
  MINI_PATHS,
  MINI_UID_PATTERN,
  miniTarget,
  withTargetNamed,
} from "./miniTarget.ts";

/** SEC-2 judged as where a verdict gates: a correct server must never be failed by chance. */
const GATED = { structureSignificance: GATED_STRUCTURE_SIGNIFICANCE };

/** One run of the suite against the mini server: a control (no flaws) or a flawed server. */
export interface MiniRun {
  /** Names the run in the test's output: a flaw's or a control's name. */
  label: string;
  flaws: Flaw[];
  options: MiniOptions;
  /** A cucumber tag expression; every requirement when absent. */
  tags?: string;
}

/** Requirements whose scenarios wait out timeouts: all a real-time server is run on by default. */
export const TIME_TAGS = "@BASIC-6 or @BASIC-7 or @BASIC-8 or @BASIC-11 or @STORE-4 or @END-1 or @END-2 or @END-3";

/** The tag expression `run` is run with: its own, the time requirements for a real-time server, or none (every requirement). */
export function tagsOf(run: MiniRun): string | undefined {
  return run.tags ?? (run.options.realTime ? TIME_TAGS : undefined);
}

/**
 * Run the suite against the mini server set up as `run` says: through a target file (so the
 * target-file adapter is tested too), or through a target built in code when it has several nodes.
 */
export async function runAgainstMiniServer(run: MiniRun, tls: TlsIdentity): Promise<RunOutcome> {
  const { options } = run;
  const server = await startBrokenServer(run.flaws, tls, options);
  if ((options.nodes ?? 1) > 1) {
    const name = `selftest:${run.label}`;
    const target = miniTarget(`mini server: ${run.label}`, server, options, tls.cert);
    try {
      return await withTargetNamed(name, target, () =>
        runConformance({ target: name, tags: tagsOf(run), thresholds: GATED }),
      );
    } finally {
      await server.close();
    }
  }
  const dir = await mkdtemp(join(tmpdir(), "session-conformance-selftest-"));
  try {
    const file = join(dir, "target.json");
    await writeFile(join(dir, "ca.pem"), tls.cert);
    await writeFile(
      file,
      JSON.stringify({
        name: `mini server: ${run.label}`,
        baseUrl: server.url.origin,
        httpsBaseUrl: options.overHttps ? server.httpsUrl.origin : undefined,
        tlsCaFile: "ca.pem",
        paths: { ...MINI_PATHS, endings: MINI_ENDINGS_PATH },
        uidPattern: MINI_UID_PATTERN,
        counterPattern: MINI_COUNTER_PATTERN,
        sessionTimeoutSeconds: server.timeoutSeconds,
        // The name the target declares; a flawed server may set another (cookie-name-differs).
        cookieName: options.undeclaredCookieName ? undefined : "MINI_SESSION",
        clock: options.realTime ? undefined : { advance: "POST /_clock/advance?seconds={seconds}" },
      }),
    );
    return await runConformance({ target: file, tags: tagsOf(run), thresholds: GATED });
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Verdicts that say the server is at fault; `error` (the run could not judge) is not one. */
export const FAILING = ["fail", "fail-should", "fail-may"];

/** The requirements a run failed, at any level. */
export function tripped(outcome: RunOutcome): string[] {
  return outcome.requirements.filter((r) => FAILING.includes(r.verdict)).map((r) => r.id);
}

export { makeTlsIdentity };
