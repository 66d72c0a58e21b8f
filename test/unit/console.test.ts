/** The console: a live progress line on a terminal, transcripts and lines to act on. */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Envelope } from "@cucumber/messages";
import { actionLines, isLiveTerminal, Progress, writeTranscripts } from "../../runner/console.ts";
import type { RequirementResult, ScenarioOutcome } from "../../runner/requirements.ts";

describe("console output", () => {
  it("draws the progress line only on a terminal outside CI", () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    assert.equal(isLiveTerminal(tty, {}), true);
    assert.equal(isLiveTerminal(tty, { CI: "true" }), false);
    assert.equal(isLiveTerminal(tty, { CI: "false" }), true);
    assert.equal(isLiveTerminal({ isTTY: false } as NodeJS.WriteStream, {}), false);
  });

  it("redraws one line per finished scenario, counting failures, and clears it at the end", () => {
    let written = "";
    const progress = new Progress(
      { write: (s: string) => ((written += s), true), columns: 60 } as unknown as NodeJS.WritableStream,
      true,
    );
    const feed = (envelope: object) => progress.onMessage(envelope as Envelope, "http");
    feed({ testRunStarted: {} });
    feed({ pickle: { id: "p1", name: "A cookie names the session", tags: [{ name: "@BASIC-1" }, { name: "@MUST" }] } });
    feed({ pickle: { id: "p2", name: "Expiring ends the session", tags: [{ name: "@BASIC-3" }] } });
    feed({ testCase: { id: "c1", pickleId: "p1" } });
    feed({ testCase: { id: "c2", pickleId: "p2" } });
    feed({ testCaseStarted: { id: "s1", testCaseId: "c1" } });
    feed({ testCaseFinished: { testCaseStartedId: "s1" } });
    feed({ testCaseStarted: { id: "s2", testCaseId: "c2" } });
    feed({ testStepFinished: { testCaseStartedId: "s2", testStepResult: { status: "FAILED" } } });
    feed({ testCaseFinished: { testCaseStartedId: "s2" } });
    feed({ testRunFinished: {} });
    assert.deepEqual(written.split("\r\x1b[2K").filter(Boolean), [
      "http 1/2: BASIC-1 A cookie names the session",
      "http 2/2, 1 failed: BASIC-3 Expiring ends the session",
    ]);
    assert.ok(written.endsWith("\r\x1b[2K"));
  });

  it("writes each failed scenario's transcript, removes the last run's, and names it in the line to act on", async () => {
    const dir = await mkdtemp(join(tmpdir(), "console-"));
    await mkdir(join(dir, "transcripts"));
    await writeFile(join(dir, "transcripts/OLD-1-http.txt"), "stale");
    const scenario = (transport: string, transcript?: string): ScenarioOutcome => ({
      id: "BASIC-3",
      title: "Expiring ends the session",
      level: "MUST",
      transport,
      status: "failed",
      reason: "same id",
      measurements: [],
      cases: [],
      transcript,
    });
    const written = await writeTranscripts(
      { scenarios: [scenario("http", "#1 alice: GET /expire"), scenario("https")] },
      dir,
    );
    assert.deepEqual(await readdir(join(dir, "transcripts")), ["BASIC-3-http.txt"]);
    assert.match(
      await readFile(join(dir, "transcripts/BASIC-3-http.txt"), "utf8"),
      /^BASIC-3 MUST over HTTP: Expiring ends the session\nsame id\n\n#1 alice: GET \/expire\n$/,
    );
    const requirement = {
      id: "BASIC-3",
      level: "MUST",
      verdict: "fail",
      reason: "over HTTP: same id\nover HTTPS: same id",
      transports: { http: {}, https: {} },
    } as unknown as RequirementResult;
    const passed = {
      id: "BASIC-1",
      level: "MUST",
      verdict: "pass",
      transports: { http: {} },
    } as unknown as RequirementResult;
    assert.deepEqual(actionLines({ requirements: [passed, requirement] }, written, dir), [
      "to act on (1):",
      "  BASIC-3 MUST fail: over HTTP: same id",
      "    transcript: transcripts/BASIC-3-http.txt",
    ]);
    assert.deepEqual(actionLines({ requirements: [passed] }, written, dir), []);
  });
});
