import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runConformance, type RunOutcome } from "../../runner/run.ts";
import type { Verdict } from "../../runner/requirements.ts";
import { makeTlsIdentity, type TlsIdentity } from "../../lib/tls.ts";
import { MINI_TIMEOUT_SECONDS, startBrokenServer } from "./brokenServer.ts";
import type { Flaw } from "./flaws.ts";

const FAILING: Verdict[] = ["fail", "fail-should", "fail-may"];

/** Run the whole suite against the mini server with `flaws` (none: the control run). */
export async function runAgainstMiniServer(flaws: Flaw[], tls: TlsIdentity): Promise<RunOutcome> {
  const server = await startBrokenServer(flaws, tls);
  const dir = await mkdtemp(join(tmpdir(), "session-conformance-selftest-"));
  try {
    const file = join(dir, "target.json");
    await writeFile(join(dir, "ca.pem"), tls.cert);
    await writeFile(
      file,
      JSON.stringify({
        name: flaws.length ? `mini server: ${flaws.join(", ")}` : "mini server",
        baseUrl: server.url.origin,
        httpsBaseUrl: server.httpsUrl.origin,
        tlsCaFile: "ca.pem",
        paths: { show: "/", expire: "/expire", counter: "/counter", notify: "/logme", endings: "/_endings", slow: "/slow?ms={ms}" },
        uidPattern: "Your session id is: (\\S+)",
        counterPattern: "Visit #(\\d+) for you!",
        sessionTimeoutSeconds: MINI_TIMEOUT_SECONDS,
        clock: { advance: "POST /_clock/advance?seconds={seconds}" },
      }),
    );
    return await runConformance({ target: file });
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The requirements a run failed, at any level. */
export function tripped(outcome: RunOutcome): string[] {
  return outcome.requirements.filter((r) => FAILING.includes(r.verdict)).map((r) => r.id);
}

export { makeTlsIdentity };
