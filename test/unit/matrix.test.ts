/** The conformance matrix pages from a synthetic matrix, and how a missing target counts. */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gate } from "../../runner/gate.ts";
import { matrixHtml } from "../../runner/matrix/html.ts";
import { matrixMarkdown } from "../../runner/matrix/markdown.ts";
import { runMatrix, underCi, type Matrix } from "../../runner/matrix/runMatrix.ts";
import type { RequirementResult } from "../../runner/requirements.ts";
import type { RunOutcome } from "../../runner/run.ts";

function outcome(requirements: RequirementResult[]): RunOutcome {
  return { target: { name: "x", baseUrl: "http://127.0.0.1:1/", nodes: 1 }, client: "default", transports: ["http"], startedAt: new Date(0), durationMs: 1, scenarios: [], requirements };
}

const pass = (id: string): RequirementResult => ({ id, title: `title of ${id}`, level: "MUST", verdict: "pass", transports: { http: { status: "passed" } }, measurements: [], cases: [] });
const failed = (id: string, level: "MUST" | "MAY"): RequirementResult => ({
  ...pass(id),
  level,
  verdict: level === "MUST" ? "fail" : "fail-may",
  reason: "broken",
  transports: { http: { status: "failed" } },
});
const notApplicable = (id: string): RequirementResult => ({ ...pass(id), verdict: "not-applicable", reason: "no <endings> hook", transports: { http: { status: "not-applicable" } } });

function sample(): Matrix {
  const run = outcome([pass("BASIC-1"), failed("BASIC-7", "MUST"), failed("COOKIE-5", "MAY"), notApplicable("END-1")]);
  const declared = { divergences: [{ id: "BASIC-7", verdict: "fail" as const, reason: "never touched <b>", upstream: "https://example.org/7" }] };
  return {
    generatedAt: new Date("2025-01-02T00:00:00Z"),
    columns: [
      { target: "server-a", version: "Server A 1.2", outcome: run, gate: gate(run, declared), notes: "# Title\n\n## Fixes\n- `x` fixed" },
      { target: "twisted", unavailable: "not available: install python3-twisted" },
    ],
    failures: [],
  };
}

describe("conformance matrix pages", () => {
  it("shows each cell's verdict and level, with a footnote for a declared divergence", () => {
    const md = matrixMarkdown(sample());
    assert.match(md, /\| BASIC-1 title of BASIC-1 \| pass \(MUST\) \| — \|/);
    assert.match(md, /\| BASIC-7 title of BASIC-7 \| fail \(MUST\)¹ \| — \|/);
    assert.match(md, /- ¹ server-a BASIC-7: never touched <b> \(\[upstream\]\(https:\/\/example\.org\/7\)\)/);
  });

  it("names each implementation's version, or why it is missing, in the column header", () => {
    const md = matrixMarkdown(sample());
    assert.match(md, /\*\*server-a\*\*<br>Server A 1\.2<br>HTTP/);
    assert.match(md, /\*\*twisted\*\*<br>not available: install python3-twisted/);
  });

  it("marks an undeclared failure as unexpected and the gate as failed", () => {
    const md = matrixMarkdown(sample());
    assert.match(md, /\*\*fail \(MAY\)\*\* ⚠ unexpected: expected pass or not-applicable/);
    assert.match(md, /\| \*\*gate\*\* \| \*\*FAILED: COOKIE-5\*\* \| not run \|/);
  });

  it("gives a cell that does not apply its reason", () => {
    assert.match(matrixMarkdown(sample()), /not applicable \(MUST\)² [^\n]*\n[^]*- ² not applicable: no <endings> hook/);
  });

  it("puts the adapter's notes under the table, below the matrix's own headings", () => {
    const md = matrixMarkdown(sample());
    assert.match(md, /### server-a \(Server A 1\.2\)\n\n#### Fixes\n- `x` fixed/);
    assert.doesNotMatch(md, /# Title/);
  });

  it("writes a self-contained HTML page that escapes what the runs reported", () => {
    const html = matrixHtml(sample());
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<(script|link)\b/);
    assert.match(html, /never touched &lt;b&gt;/);
    assert.match(html, /<td class="fail">fail \(MUST\)<sup><a href="#note-1">1<\/a><\/sup><\/td>/);
    assert.match(html, /<h4>Fixes<\/h4>\n<ul>\n<li><code>x<\/code> fixed<\/li>\n<\/ul>/);
  });
});

describe("matrix runs", () => {
  it("reads CI=true or CI=1 as running under CI", () => {
    assert.equal(underCi({ CI: "true" }), true);
    assert.equal(underCi({ CI: "1" }), true);
    assert.equal(underCi({}), false);
  });

  it("makes an unavailable target a column, and a failure only under CI", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "matrix-")), "gone.json");
    await writeFile(file, JSON.stringify({ name: "gone", baseUrl: "http://127.0.0.1:9", paths: { show: "/", expire: "/expire" }, uidPattern: "id: (\\S+)", sessionTimeoutSeconds: 1 }));
    const here = await runMatrix({ targets: [file], ci: false });
    assert.match(here.columns[0]!.unavailable!, /^not available: .*cannot reach/);
    assert.deepEqual(here.failures, []);
    const ci = await runMatrix({ targets: [file], ci: true });
    assert.match(ci.failures[0]!, /under CI every target must run/);
  });
});
