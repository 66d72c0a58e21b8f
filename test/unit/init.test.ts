/** `session-conformance init`: probe a server, write a commented target file, check it. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TargetUnavailableError } from "../../adapters/target.ts";
import { readTargetFile } from "../../adapters/targetFile.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { ManualClock } from "../../reference/clock.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { ClockAdvance, EndingsPage } from "../../reference/examples/testHooks.ts";
import { Resource } from "../../reference/resource.ts";
import { type Listening, listen } from "../../reference/server.ts";
import { init } from "../../runner/init.ts";
import { patternFor, uidTokens } from "../../runner/initProbe.ts";
import { startBrokenServer } from "../selftest/brokenServer.ts";

/** The reference example site as `serve --manual-clock` serves it. */
async function manualClockReference(): Promise<Listening> {
  const clock = new ManualClock(1_000_000);
  const endings: string[] = [];
  const site = exampleSite({ clock, onEnding: (line) => endings.push(line) });
  const control = new Resource();
  control.putChild("advance", new ClockAdvance(clock, site));
  site.resource.putChild("_clock", control);
  site.resource.putChild("_endings", new EndingsPage(endings));
  const server = await listen(site);
  return { url: server.url, close: async () => (site.stopSweeping(), server.close()) };
}

async function runInit(url: string, options: { out?: string; force?: boolean; timeout?: number } = {}) {
  const out = options.out ?? join(await mkdtemp(join(tmpdir(), "init-")), "target.jsonc");
  const lines: string[] = [];
  const passed = await init(url, { out, force: options.force ?? false, timeout: options.timeout }, (line) =>
    lines.push(line),
  );
  return { passed, lines, out };
}

describe("session-conformance init", () => {
  let reference: Listening;
  before(async () => (reference = await manualClockReference()));
  after(() => reference.close());

  it("writes a commented target file with every page of the reference, and checks it", async () => {
    const { passed, lines, out } = await runInit(reference.url.href, { timeout: 900 });
    assert.ok(passed, lines.join("\n"));
    const text = await readFile(out, "utf8");
    assert.match(text, /^\/\/ A session-conformance target file/);
    assert.match(text, /\/\/ "httpsBaseUrl"/, "a key not found is there, commented out");
    const spec = await readTargetFile(out);
    assert.deepEqual(spec.paths, {
      show: "/",
      expire: "/expire",
      counter: "/counter",
      notify: "/logme",
      endings: "/_endings",
      slow: "/slow?ms={ms}",
    });
    assert.equal(spec.cookieName, "TWISTED_SESSION");
    assert.equal(spec.clock?.advance, "POST /_clock/advance?seconds={seconds}");
    assert.equal(spec.sessionTimeoutSeconds, 900);
    for (const check of ["reachable", "cookie", "uid", "expire", "clock"])
      assert.ok(
        lines.some((l) => l.startsWith(`  ok   ${check}:`)),
        `${check}: ${lines.join("\n")}`,
      );
  });

  it("checks an existing file instead of overwriting it, one line per bad answer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "init-"));
    const out = join(dir, "mine.jsonc");
    const mine = `{ // hand-written\n "name": "mine", "baseUrl": "${reference.url.origin}", "paths": { "show": "/counter", "expire": "/nowhere", },\n "uidPattern": "id: (\\\\S+)", "sessionTimeoutSeconds": 2, "cookieName": "OTHER" }`;
    await writeFile(out, mine);
    const { passed, lines } = await runInit(reference.url.href, { out });
    assert.equal(passed, false);
    assert.equal(await readFile(out, "utf8"), mine, "not overwritten");
    assert.ok(
      lines.some((l) => /^ {2}FAIL cookie: the first visit did not set OTHER; it set TWISTED_SESSION$/.test(l)),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => /^ {2}FAIL uid: uidPattern id: \(\\S\+\) finds nothing in \/counter/.test(l)),
      lines.join("\n"),
    );
    assert.match(lines.at(-1)!, /^2 problems: edit mine\.jsonc/);
  });

  it("says when the expire page does not end the session", async () => {
    const server = await startBrokenServer(["expire-noop"], await makeTlsIdentity());
    try {
      const { passed, lines, out } = await runInit(server.url.href, { timeout: 600 });
      assert.equal(passed, false);
      assert.ok(lines.includes("  FAIL expire: after /expire, / still shows the same uid (or none)"), lines.join("\n"));
      assert.match(await readFile(out, "utf8"), /ends the session \(NOT confirmed/);
    } finally {
      await server.close();
    }
  });

  it("fails in one line when the server cannot be reached", async () => {
    await assert.rejects(
      runInit("http://127.0.0.1:9/"),
      (error: Error) =>
        error instanceof TargetUnavailableError &&
        /cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/.test(error.message),
    );
  });
});

describe("finding the uid in a page", () => {
  it("takes the token a visitor keeps and another visitor does not see", () => {
    const page = (uid: string, time: string) => `<p>Hello at ${time}</p><p>Session: <b>${uid}</b>.</p>`;
    const mine = page("s%3AAbC-123_xyz.sig", "10:00:01");
    const tokens = uidTokens(mine, page("s%3AAbC-123_xyz.sig", "10:00:02"), page("s%3AQqq-999_abc.sig", "10:00:03"));
    assert.deepEqual(tokens, { uid: "s%3AAbC-123_xyz.sig", otherUid: "s%3AQqq-999_abc.sig" });
    assert.equal(
      patternFor(mine, tokens!.uid, page(tokens!.otherUid, "10:00:03"), tokens!.otherUid),
      `</p><p>Session: <b>([^\\s<>"'&;,]{8,})`,
    );
  });

  it("uses the text before the uid on its line, and a narrow character class", () => {
    assert.equal(
      patternFor(
        "Hi\nYour id: 0123abcdef0123ab\n",
        "0123abcdef0123ab",
        "Hi\nYour id: ffffeeee00001111\n",
        "ffffeeee00001111",
      ),
      "Your id: ([0-9a-fA-F]{8,})",
    );
  });
});
