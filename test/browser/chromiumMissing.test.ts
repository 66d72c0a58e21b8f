/** Without Chromium, `--client chromium` says so in one line and exits 2, before starting anything. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/session-conformance.js", import.meta.url));

/** The CLI with SESSION_CONFORMANCE_CHROMIUM naming a binary that is not there. */
function withoutChromium(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NODE_OPTIONS: "", SESSION_CONFORMANCE_CHROMIUM: "/nonexistent/chromium" };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe("the Chromium client on a machine without Chromium", () => {
  it("says so in one line, naming the package to install, and exits 2", async () => {
    const run = await withoutChromium(["--client", "chromium", "--tags", "@BASIC-1"]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      "session-conformance: chromium: not available: none of /nonexistent/chromium is installed (apt-get install chromium-headless-shell)\n",
    );
  });
});
