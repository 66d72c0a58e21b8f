/** The command line as a CI gate sees it: exit codes and one-line errors. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { exitCodeFor } from "../../runner/cli.ts";
import type { RequirementResult } from "../../runner/requirements.ts";
import { startBrokenServer } from "../selftest/brokenServer.ts";
import type { Flaw } from "../selftest/flaws.ts";
import { cli } from "../support/cli.ts";

describe("session-conformance", () => {
  it("passes the reference and writes results.json, junit.xml and HTML reports (exit 0)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const run = await cli(["--report", dir, "--tags", "@BASIC-1 or @COOKIE-4"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /BASIC-1 +MUST +pass/);
    const results = JSON.parse(await readFile(join(dir, "results.json"), "utf8"));
    assert.deepEqual(
      results.requirements.map((r: { id: string; verdict: string }) => `${r.id} ${r.verdict}`),
      ["BASIC-1 pass", "COOKIE-4 pass"],
    );
    assert.match(await readFile(join(dir, "junit.xml"), "utf8"), /<testcase[^>]+name="BASIC-1 /);
    assert.match(await readFile(join(dir, "cucumber-https.html"), "utf8"), /<html/i);
  });

  /** Run the CLI against the self-test's mini server broken by `flaw`. */
  async function againstBroken(flaw: Flaw, extra: string[]) {
    const server = await startBrokenServer([flaw], await makeTlsIdentity());
    try {
      const dir = await mkdtemp(join(tmpdir(), "cli-"));
      const file = join(dir, "target.json");
      await writeFile(
        file,
        JSON.stringify({
          name: flaw,
          baseUrl: server.url.origin,
          paths: { show: "/", expire: "/expire" },
          uidPattern: "Your session id is: (\\S+)",
          sessionTimeoutSeconds: 600,
          clock: { advance: "POST /_clock/advance?seconds={seconds}" },
        }),
      );
      return await cli(["--target", file, "--report", dir, ...extra]);
    } finally {
      await server.close();
    }
  }

  it("exits 1 when a MUST fails, naming it in one line with the path of its transcript", async () => {
    const run = await againstBroken("expire-noop", ["--tags", "@BASIC-3"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /BASIC-3 +MUST +fail /);
    const transcript = /^ {4}transcript: (\S+BASIC-3-http\.txt)$/m.exec(run.stdout)?.[1];
    assert.match(run.stdout, /^to act on \(1\):\n {2}BASIC-3 MUST fail: .+\n {4}transcript: /m);
    assert.match(await readFile(transcript!, "utf8"), /^BASIC-3 MUST over HTTP: [\s\S]*#1 \w+: GET http:/);
    assert.match(run.stderr, /^http: 1 scenario run$/m, "plain progress lines on a pipe");
  });

  it("--json prints results.json to stdout and the summary to stderr", async () => {
    const run = await cli(["--report", await mkdtemp(join(tmpdir(), "cli-")), "--tags", "@BASIC-1", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).requirements[0].verdict, "pass");
    assert.match(run.stderr, /BASIC-1 +MUST +pass/);
  });

  it("exits 2 on a usage error, such as an unknown client", async () => {
    const run = await cli(["--client", "netscape"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Allowed choices are default, chromium/);
  });

  it("maps verdicts to exit codes: a MUST failure 1 before an error 4; nothing ran 3", () => {
    const r = (id: string, level: string, verdict: string) =>
      ({ id, level, verdict, title: id, transports: {}, measurements: [] }) as unknown as RequirementResult;
    const code = (strict: boolean, ...requirements: RequirementResult[]) => exitCodeFor({ requirements }, strict);
    assert.equal(code(false, r("A-1", "MUST", "pass"), r("A-2", "MAY", "error")), 4);
    assert.equal(code(false, r("A-1", "MUST", "fail"), r("A-2", "MUST", "error")), 1);
    assert.equal(code(false, r("A-1", "SHOULD", "fail-should"), r("A-2", "MUST", "pass")), 0);
    assert.equal(code(true, r("A-1", "SHOULD", "fail-should"), r("A-2", "MUST", "error")), 1);
    assert.equal(code(false, r("A-1", "MUST", "not-applicable")), 3);
  });

  it("exits 0 on a SHOULD failure, and 1 with --strict", async () => {
    const lenient = await againstBroken("no-httponly", ["--tags", "@COOKIE-2"]);
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stdout, /COOKIE-2 +SHOULD +fail-should/);
    assert.equal((await againstBroken("no-httponly", ["--tags", "@COOKIE-2", "--strict"])).code, 1);
  });

  it("exits 3 when no scenario ran", async () => {
    const run = await cli(["--report", await mkdtemp(join(tmpdir(), "cli-")), "--tags", "@NO-SUCH-ID"]);
    assert.equal(run.code, 3);
    assert.match(run.stdout, /no scenario ran/);
  });

  it("exits 2 with one line when the target cannot be reached", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const file = join(dir, "target.json");
    await writeFile(
      file,
      JSON.stringify({
        name: "gone",
        baseUrl: "http://127.0.0.1:9",
        paths: { show: "/", expire: "/expire" },
        uidPattern: "id: (\\S+)",
        sessionTimeoutSeconds: 1,
      }),
    );
    const run = await cli(["--target", file, "--report", dir]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /^session-conformance: gone: cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it("exits 2 with one line for a bad target file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const file = join(dir, "target.json");
    await writeFile(file, JSON.stringify({ name: "x" }));
    const run = await cli(["--target", file, "--report", dir]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /target\.json: baseUrl/);
  });
});
