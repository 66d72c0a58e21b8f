/**
 * The package as a user gets it: `npm pack`, installed with no dev dependencies into an empty
 * folder, run with npx against a server it never saw (written below), directly and through
 * the CI shell recipe. npm works from its cache where it can (--prefer-offline).
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
// The children are not the code under test's coverage, and tsc's profile alone is megabytes.
const ENV = {
  ...process.env,
  NODE_V8_COVERAGE: "",
  NODE_OPTIONS: "",
  CI: "true",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...ENV, ...env }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Start user-server.mjs; it prints `listening <port>` once it listens. */
async function startUserServer(cwd: string): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["server.mjs"], { cwd, env: ENV, stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  const port = Number(/^listening (\d+)/.exec(line.toString())?.[1]);
  return { port, stop: async () => void (child.kill(), await once(child, "exit")) };
}

/** A port free right now, for the recipe's server, which is started by the recipe itself. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The target file a user would write for the server in userServer.ts. */
const TARGET = (port: number) => `// written by the user, with a comment
{ "name": "user-server", "baseUrl": "http://127.0.0.1:${port}",
  "paths": { "show": "/", "expire": "/logout" },
  "uidPattern": "<code>([0-9a-f]+)</code>", "cookieName": "sid", "sessionTimeoutSeconds": 600,
  "clock": { "advance": "POST /_clock/advance?seconds={seconds}" } }
`;

describe("the packed package, installed without dev dependencies", { timeout: 240_000 }, () => {
  let home: string;
  before(async () => {
    const work = await mkdtemp(join(tmpdir(), "package-"));
    const pack = await run("npm", ["pack", "--silent", "--pack-destination", work], REPO);
    assert.equal(pack.code, 0, pack.stderr);
    const tarball = join(work, (await readdir(work)).find((f) => f.endsWith(".tgz"))!);
    home = join(work, "user");
    await mkdir(home);
    await writeFile(join(home, "package.json"), '{ "name": "user-project", "private": true }\n');
    await copyFile(new URL("user-server.mjs", import.meta.url), join(home, "server.mjs"));
    const install = await run(
      "npm",
      ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", tarball],
      home,
    );
    assert.equal(install.code, 0, install.stderr);
    assert.doesNotMatch(install.stderr, /warn/i, "npm install prints no warning");
  });

  it("has no TypeScript, tsx or TypeScript sources at run time", async () => {
    const installed = await readdir(join(home, "node_modules"));
    assert.ok(
      !installed.includes("tsx") && !installed.includes("typescript") && !installed.includes("esbuild"),
      installed.join(" "),
    );
    const files = await readdir(join(home, "node_modules/session-conformance"), { recursive: true });
    assert.deepEqual(
      files.filter((f) => f.endsWith(".ts")),
      [],
    );
  });

  it("runs the suite with npx against the user's server and writes the reports", async () => {
    const server = await startUserServer(home);
    try {
      await writeFile(join(home, "target.json"), TARGET(server.port));
      const suite = await run(
        "npx",
        ["--no-install", "session-conformance", "--target", "target.json", "--report", "report"],
        home,
      );
      assert.equal(suite.code, 0, suite.stdout + suite.stderr);
      const results = JSON.parse(await readFile(join(home, "report/results.json"), "utf8"));
      const verdict = (id: string) => results.requirements.find((r: { id: string }) => r.id === id)?.verdict;
      assert.equal(results.target.name, "user-server");
      assert.deepEqual(["BASIC-1", "BASIC-3", "BASIC-6", "COOKIE-2", "SEC-1"].map(verdict), [
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
      ]);
      assert.equal(verdict("STORE-1"), "not-applicable", "the user's server has no counter page");
      assert.match(await readFile(join(home, "report/junit.xml"), "utf8"), /<testsuite/);
    } finally {
      await server.stop();
    }
  });

  it("runs the CI shell recipe: starts the server, fails on a MUST failure, leaves junit.xml and the transcript", async () => {
    const recipe = join(home, "node_modules/session-conformance/examples/ci/run-conformance.sh");
    const port = await freePort();
    await writeFile(join(home, "target.jsonc"), TARGET(port));
    const env = {
      SERVER_COMMAND: `node server.mjs ${port} expire-noop`,
      SERVER_URL: `http://127.0.0.1:${port}/`,
      WAIT_SECONDS: "30",
    };
    const result = await run("sh", [recipe, "--tags", "@BASIC-3"], home, env);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /BASIC-3 MUST fail: /);
    assert.match(await readFile(join(home, "conformance-report/junit.xml"), "utf8"), /<failure/);
    assert.match(
      await readFile(join(home, "conformance-report/transcripts/BASIC-3-http.txt"), "utf8"),
      /GET http:\/\/127\.0\.0\.1:\d+\/logout/,
    );
    const stopped = await fetch(`http://127.0.0.1:${port}/`).then(
      () => false,
      () => true,
    );
    assert.ok(stopped, "the recipe stops the server it started");
  });
});
