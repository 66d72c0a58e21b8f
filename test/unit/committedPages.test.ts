import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../lib/catalogue.ts";

const docs = new URL("../../docs/", import.meta.url);
const read = (file: string) => readFile(new URL(file, docs), "utf8");

/** Every Markdown table in `text` has the same number of cells in each of its rows. */
function assertTablesParse(text: string, file: string): void {
  let columns: number | undefined;
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.startsWith("|")) {
      columns = undefined;
      continue;
    }
    const cells = line.replace(/\\\|/g, "").split("|").length;
    columns ??= cells;
    assert.equal(cells, columns, `${file}:${i + 1}: ${cells - 2} cells where the table has ${columns - 2}`);
  }
}

describe("the committed pages", () => {
  it("the conformance matrix (Markdown) parses and has a row for every requirement in the catalogue", async () => {
    const md = await read("conformance-matrix.md");
    assertTablesParse(md, "conformance-matrix.md");
    for (const { id } of CATALOGUE) assert.match(md, new RegExp(`^\\| \\[?${id}\\b`, "m"), `no row for ${id}`);
  });

  it("the conformance matrix (HTML) names every requirement in the catalogue", async () => {
    const html = await read("conformance-matrix.html");
    assert.match(html, /^<!doctype html>/i);
    for (const { id } of CATALOGUE) assert.ok(html.includes(`>${id}`) || html.includes(`${id} `), `no row for ${id}`);
  });

  it("the benchmark page parses, and its chart is an SVG", async () => {
    assertTablesParse(await read("benchmarks.md"), "benchmarks.md");
    assert.match(await read("benchmark-ratios.svg"), /^<svg[\s\S]*<\/svg>\s*$/);
  });
});
