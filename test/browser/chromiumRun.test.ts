/** A whole `--client chromium` run: its HTTPS pass beside the HTTP one, each on a server of its own. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runConformance } from "../../runner/run.ts";
import { needChromium } from "./support.ts";

describe("a Chromium run against the reference", { timeout: 120_000 }, () => {
  it("runs HTTP and HTTPS at once on two reference servers, and agrees with the default client", async (t) => {
    if (!(await needChromium(t))) return;
    const running = new Map<string, number>();
    let overlapped = false;
    const outcome = await runConformance({
      target: "reference",
      client: "chromium",
      tags: "@BASIC-2 or @BASIC-6 or @COOKIE-2 or @COOKIE-4",
      onMessage: (envelope, transport) => {
        if (envelope.testCaseStarted) running.set(transport, (running.get(transport) ?? 0) + 1);
        if (envelope.testCaseFinished) running.set(transport, running.get(transport)! - 1);
        overlapped ||= running.get("http") === 1 && running.get("https") === 1;
      },
    });
    assert.equal(outcome.target.instances, 2);
    assert.notEqual(new URL(outcome.target.httpsBaseUrl!).port, new URL(outcome.target.baseUrl).port);
    assert.ok(overlapped, "no HTTP scenario ran while an HTTPS one did");
    // BASIC-6 moves each server's clock: on a shared server it would expire the other pass's sessions.
    assert.deepEqual(
      outcome.requirements.map((r) => [r.id, r.verdict, Object.keys(r.transports).sort()]),
      ["BASIC-2", "BASIC-6", "COOKIE-2", "COOKIE-4"].map((id) => [id, "pass", ["http", "https"]]),
    );
    assert.deepEqual(outcome.clientDisagreements, []);
  });
});
