import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../lib/catalogue.ts";
import { withCatalogue } from "../../runner/reports/catalogue.ts";

const root = new URL("../../", import.meta.url);

/** Every scenario's id tag, level tag and name, read from the feature files. */
async function scenarios(): Promise<Array<{ id: string; level: string; title: string; file: string }>> {
  const found = [];
  for (const file of (await readdir(new URL("features/", root))).filter((f) => f.endsWith(".feature"))) {
    const lines = (await readFile(new URL(`features/${file}`, root), "utf8")).split("\n");
    for (const [i, line] of lines.entries()) {
      const tags = /^\s*@([A-Z]+-\d+) @(MUST|SHOULD|MAY)\b/.exec(line);
      if (tags)
        found.push({ id: tags[1]!, level: tags[2]!, title: lines[i + 1]!.trim().replace(/^Scenario: /, ""), file });
    }
  }
  return found;
}

describe("the requirement catalogue", () => {
  it("lists each id once", () => {
    assert.equal(new Set(CATALOGUE.map((r) => r.id)).size, CATALOGUE.length);
  });

  it("matches the features: the same ids, levels and titles", async () => {
    const features = await scenarios();
    assert.deepEqual(
      features.map((s) => `${s.id} ${s.level} ${s.title}`).sort(),
      CATALOGUE.map((r) => `${r.id} ${r.level} ${r.title}`).sort(),
    );
  });

  it("is the README's catalogue, as generated (run `npm run catalogue` after changing it)", async () => {
    const readme = await readFile(new URL("README.md", root), "utf8");
    assert.equal(readme, withCatalogue(readme));
  });
});
