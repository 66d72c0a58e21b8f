import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readTargetFile, TargetFileError } from "../../adapters/targetFile.ts";

const valid = {
  name: "my-server",
  baseUrl: "http://127.0.0.1:8080",
  paths: { show: "/", expire: "/expire" },
  uidPattern: "Your session id is: (\\S+)",
  sessionTimeoutSeconds: 2,
  clock: { advance: "POST /_clock/advance?seconds={seconds}" },
};

async function fileWith(content: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "target-file-")), "target.json");
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("target files", () => {
  it("accepts the README's example", async () => {
    assert.equal((await readTargetFile(await fileWith(valid))).name, "my-server");
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["not JSON", "{", /not JSON/],
    ["no name", { ...valid, name: undefined }, /name/],
    ["an https baseUrl", { ...valid, baseUrl: "https://127.0.0.1" }, /baseUrl/],
    ["a path without /", { ...valid, paths: { show: "x", expire: "/expire" } }, /paths\.show: must start with \//],
    [
      "a pattern without a group",
      { ...valid, uidPattern: "id: \\S+" },
      /uidPattern: must be a regular expression with one capture group/,
    ],
    ["a broken pattern", { ...valid, uidPattern: "(" }, /uidPattern/],
    [
      "a counter page without its pattern",
      { ...valid, paths: { ...valid.paths, counter: "/counter" } },
      /counterPattern/,
    ],
    ["a long timeout without a clock", { ...valid, clock: undefined, sessionTimeoutSeconds: 900 }, /at most 120/],
    ["a notify page without an endings page", { ...valid, paths: { ...valid.paths, notify: "/logme" } }, /paths/],
    ["an unknown key", { ...valid, extra: 1 }, /extra|Unrecognized/],
    ["a clock that is not METHOD path", { ...valid, clock: { advance: "advance it" } }, /clock\.advance/],
  ];
  for (const [what, content, message] of bad) {
    it(`rejects ${what} in one line naming the problem`, async () => {
      const file = await fileWith(content);
      await assert.rejects(readTargetFile(file), (error: Error) => {
        assert.ok(error instanceof TargetFileError);
        assert.ok(error.message.startsWith(file));
        assert.match(error.message, message);
        assert.ok(!error.message.includes("\n"), error.message);
        return true;
      });
    });
  }
  it("says a missing file cannot be read", async () => {
    await assert.rejects(readTargetFile("/nonexistent/target.json"), /cannot be read/);
  });
});
