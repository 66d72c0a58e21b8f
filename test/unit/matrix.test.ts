/** The conformance matrix pages from a synthetic matrix, and how a missing target counts. */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gate } from "../../runner/gate.ts";
import { matrixHtml } from "../../runner/matrix/html.ts";
import { matrixMarkdown } from "../../runner/matrix/markdown.ts";
import { matrixProgress } from "../../runner/matrix/progress.ts";
import {
  type Matrix,
  type MatrixEvent,
  matrixFailures,
  runMatrix,
  startOrder,
  underCi,
} from "../../runner/matrix/runMatrix.ts";
import { scenarioPlaces } from "../../runner/matrix/scenarios.ts";
import type { RequirementResult } from "../../runner/requirements.ts";
import type { RunOutcome } from "../../runner/run.ts";

function outcome(requirements: RequirementResult[]): RunOutcome {
  return {
    target: { name: "x", baseUrl: "http://127.0.0.1:1/", nodes: 1 },
    client: "default",
    transports: ["http"],
    startedAt: new Date(0),
    durationMs: 1,
    scenarios: [],
    requirements,
    clientDisagreements: [],
  };
}

const pass = (id: string): RequirementResult => ({
  id,
  title: `title of ${id}`,
  level: "MUST",
  verdict: "pass",
  transports: { http: { status: "passed" } },
  measurements: [],
  cases: [],
});
const failed = (id: string, level: "MUST" | "MAY"): RequirementResult => ({
  ...pass(id),
  level,
  verdict: level === "MUST" ? "fail" : "fail-may",
  reason: "broken",
  transports: { http: { status: "failed" } },
});
const notApplicable = (id: string): RequirementResult => ({
  ...pass(id),
  verdict: "not-applicable",
  reason: "no <endings> hook",
  transports: { http: { status: "not-applicable" } },
});

function sample(): Matrix {
  const run = outcome([pass("BASIC-1"), failed("BASIC-7", "MUST"), failed("COOKIE-5", "MAY"), notApplicable("END-1")]);
  const declared = {
    divergences: [
      { id: "BASIC-7", verdict: "fail" as const, reason: "never touched <b>", upstream: "https://example.org/7" },
    ],
  };
  return {
    generatedAt: new Date("2025-01-02T00:00:00Z"),
    columns: [
      {
        target: "server-a",
        version: "Server A 1.2",
        outcome: run,
        gate: gate(run, declared),
        notes: "# Title\n\n## Fixes\n- `x` fixed",
      },
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
    assert.match(
      matrixMarkdown(sample()),
      /not applicable \(MUST\)² [^\n]*\n[\s\S]*- ² not applicable: no <endings> hook/,
    );
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
    assert.match(
      html,
      /<td class="fail" title="server-a BASIC-7: never touched &lt;b&gt;">fail \(MUST\)<sup><a href="#note-1">1<\/a><\/sup><\/td>/,
    );
    assert.match(html, /<h4>Fixes<\/h4>\n<ul>\n<li><code>x<\/code> fixed<\/li>\n<\/ul>/);
  });
});

describe("conformance matrix pages, for reading", () => {
  const linked = (): Matrix => ({
    ...sample(),
    scenarioLinks: new Map([["BASIC-1", "../features/basic.feature#L11"]]),
  });

  it("links each requirement to its scenario, in both pages", () => {
    assert.match(matrixMarkdown(linked()), /\| \[BASIC-1\]\(\.\.\/features\/basic\.feature#L11\) title of BASIC-1 \|/);
    assert.match(
      matrixHtml(linked()),
      /<tr id="BASIC-1"><th scope="row"><a href="\.\.\/features\/basic\.feature#L11" title="the scenario">BASIC-1<\/a> title of BASIC-1<\/th>/,
    );
  });

  it("keeps the headers in view and colours each verdict", () => {
    const html = matrixHtml(sample());
    assert.match(html, /thead th \{ position: sticky; top: 0;/);
    assert.match(html, /th\[scope=row\] \{ position: sticky; left: 0;/);
    for (const verdict of ["pass", "fail", "fail-should", "fail-may", "not-applicable"])
      assert.match(html, new RegExp(`\\.${verdict} \\{ background: #`));
  });

  it("shows the footnote, or what the gate expected and why, when pointing at a cell", () => {
    const html = matrixHtml(sample());
    assert.match(html, /<td class="not-applicable" title="not applicable: no &lt;endings&gt; hook">/);
    assert.match(
      html,
      /<td class="fail-may unexpected" title="unexpected: expected pass or not-applicable — server-a COOKIE-5: broken">/,
    );
  });

  it("finds each requirement's scenario line in the feature files", async () => {
    const places = await scenarioPlaces();
    assert.deepEqual(places.get("BASIC-1"), { file: "features/basic.feature", line: 11 });
    assert.ok(places.size >= 30, `${places.size} scenarios found`);
  });
});

/** A Chromium matrix of two columns: one where both clients agree, one where they do not. */
function browserSample(disagreeing: boolean): Matrix {
  const agreed = { ...outcome([pass("COOKIE-2"), pass("COOKIE-3")]), client: "chromium" as const };
  const error = {
    ...pass("COOKIE-3"),
    level: "SHOULD" as const,
    verdict: "error" as const,
    reason: "no cookie sent\nmore",
  };
  const split = {
    ...agreed,
    requirements: [pass("COOKIE-2"), disagreeing ? error : pass("COOKIE-3")],
    clientDisagreements: disagreeing
      ? [
          {
            id: "COOKIE-3",
            verdicts: {
              default: { verdict: "pass" as const },
              chromium: { verdict: "error" as const, reason: "no cookie sent\nmore" },
            },
          },
        ]
      : [],
  };
  const none = { divergences: [] };
  return {
    generatedAt: new Date("2025-01-02T00:00:00Z"),
    columns: [
      { target: "server-a", version: "A 1", outcome: agreed, gate: gate(agreed, none) },
      { target: "server-b", version: "B 2", outcome: split, gate: gate(split, none) },
      { target: "twisted", unavailable: "not available: install python3-twisted" },
    ],
    failures: [],
    run: { client: "chromium", tags: "@COOKIE-2 or @COOKIE-3" },
  };
}

describe("a browser's conformance matrix", () => {
  it("names the command, with its client and tags, and the browser in the title", () => {
    const md = matrixMarkdown(browserSample(false));
    assert.match(md, /^# Conformance matrix in chromium\n/);
    assert.match(md, /Generated by `session-conformance matrix --client chromium --tags "@COOKIE-2 or @COOKIE-3"`/);
    assert.match(matrixHtml(browserSample(false)), /<h1>Conformance matrix in chromium<\/h1>/);
  });

  it("says there is no client disagreement, for each column and for the matrix", () => {
    const md = matrixMarkdown(browserSample(false));
    assert.match(
      md,
      /\| \*\*client disagreements\*\* \| no client disagreement \| no client disagreement \| not run \|/,
    );
    assert.match(md, /## Client disagreements\n\nNo client disagreement: on every column, chromium gave/);
    const html = matrixHtml(browserSample(false));
    assert.match(html, /<td>no client disagreement<\/td><td>no client disagreement<\/td><td>not run<\/td>/);
    assert.doesNotMatch(html, /<td class="[^"]*disagreement/);
  });

  it("shows both verdicts of a client disagreement in its cell, its column's row and the section", () => {
    const md = matrixMarkdown(browserSample(true));
    assert.match(
      md,
      /\| COOKIE-3 title of COOKIE-3 \| pass \(MUST\) \| \*\*error \(SHOULD\)\*\* ⚠ unexpected: [^|]* ≠ default client: pass \(SHOULD\) \|/,
    );
    assert.match(
      md,
      /\| no client disagreement \| \*\*COOKIE-3: chromium error \(SHOULD\), default client pass \(SHOULD\)\*\* \| not run \|/,
    );
    assert.match(
      md,
      /\n- server-b COOKIE-3: chromium error \(SHOULD\) \(no cookie sent\); default client pass \(SHOULD\)\n/,
    );
    const html = matrixHtml(browserSample(true));
    assert.match(
      html,
      /<td class="error unexpected disagreement" title="[^"]*≠ default client: pass \(SHOULD\)[^"]*">error \(SHOULD\)<br>⚠ [^<]*<br>≠ default client: pass \(SHOULD\)<\/td>/,
    );
    assert.match(
      html,
      /<td class="disagreement">COOKIE-3: chromium error \(SHOULD\), default client pass \(SHOULD\)<\/td>/,
    );
    assert.match(html, /<h2>Client disagreements<\/h2>\n<ul>\n<li>server-b COOKIE-3: chromium error/);
  });

  it("fails the matrix on a client disagreement", () => {
    assert.deepEqual(matrixFailures(browserSample(false).columns), []);
    assert.deepEqual(matrixFailures(browserSample(true).columns), [
      "server-b: gate failed on COOKIE-3",
      "server-b: client disagreement on COOKIE-3",
    ]);
  });

  it("leaves client disagreements off the default client's matrix", () => {
    for (const page of [matrixMarkdown(sample()), matrixHtml(sample())])
      assert.doesNotMatch(page, /client disagreement/i);
    assert.match(
      matrixMarkdown(sample()),
      /^# Conformance matrix\n[\s\S]*Generated by `session-conformance matrix` \(/,
    );
  });
});

describe("matrix progress", () => {
  const events: MatrixEvent[] = [
    { type: "start", target: "a" },
    { type: "progress", target: "a", transport: "http", done: 1, total: 2 },
    { type: "progress", target: "a", transport: "http", done: 2, total: 2 },
    { type: "done", target: "a", column: { target: "a" }, line: "a (A 1): gate passed (0 declared), 1.0 s" },
  ];

  it("writes plain lines when the output is not a terminal", () => {
    let text = "";
    const progress = matrixProgress({ write: (t: string) => (text += t) }, ["a", "b"], () => 0);
    events.forEach(progress.onEvent);
    progress.end();
    assert.equal(
      text,
      "a: started (0 s)\na: http 2/2 scenarios\na (A 1): gate passed (0 declared), 1.0 s (finished at 0 s)\n",
    );
  });

  it("rewrites one line on a terminal, naming each running column and its scenarios done", () => {
    let text = "";
    let clock = 0;
    const progress = matrixProgress(
      { write: (t: string) => (text += t), isTTY: true, columns: 200 },
      ["a", "b"],
      () => (clock += 1000),
    );
    events.slice(0, 2).forEach(progress.onEvent);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a terminal progress line is made of these escapes
    assert.match(text, /\r\x1b\[2Kmatrix \d+ s: 0\/2 done \| a http 1\/2$/);
    progress.onEvent(events[3]!);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a terminal progress line is made of these escapes
    assert.match(text, /\r\x1b\[2Ka \(A 1\): gate passed \(0 declared\), 1\.0 s\n\r\x1b\[2Kmatrix \d+ s: 1\/2 done$/);
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
    const here = await runMatrix({ targets: [file], ci: false });
    assert.match(here.columns[0]!.unavailable!, /^not available: .*cannot reach/);
    assert.deepEqual(here.failures, []);
    const ci = await runMatrix({ targets: [file], ci: true });
    assert.match(ci.failures[0]!, /under CI every target must run/);
  });

  it("starts the slowest columns first, keeping the others' order", () => {
    assert.deepEqual(startOrder(["reference", "express-session", "twisted", "koa-session", "django"]), [
      "django",
      "twisted",
      "reference",
      "express-session",
      "koa-session",
    ]);
  });

  it("stops a column still running at its time limit, and fails the matrix", async () => {
    const matrix = await runMatrix({ targets: ["reference"], columnLimitMs: 1 });
    assert.equal(matrix.columns[0]!.timedOut, true);
    assert.match(matrix.failures[0]!, /^reference: did not finish within 0.001 s: stopped as hung/);
  });
});
