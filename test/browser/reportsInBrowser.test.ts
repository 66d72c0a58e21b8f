import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startChromium, stopChromium } from "../../steps/clients/chromium/index.ts";
import { cli } from "../support/cli.ts";
import { needChromium } from "./support.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where a person finds what the reports looked like: the repo's (ignored) reports folder. */
const SCREENSHOTS = join(ROOT, "reports", "screenshots");

/** Every requirement id the catalogue has, from the features' tags. */
async function requirementIds(): Promise<string[]> {
  const dir = join(ROOT, "features");
  const texts = await Promise.all(
    (await readdir(dir)).filter((f) => f.endsWith(".feature")).map((f) => readFile(join(dir, f), "utf8")),
  );
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/@([A-Z]+-\d+)\b/g)].map((m) => m[1] ?? "")))].sort();
}

/**
 * Open `file` in Chromium as a person would, opening every folded section, keep a screenshot,
 * and give back the ids that `scope` (the report's table or list) does not name.
 */
async function showsEveryId(
  file: string,
  ids: string[],
  screenshot: string,
  scope: string,
  ready = scope,
): Promise<string[]> {
  const browser = await startChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    // The cucumber report folds every feature that passed.
    const folded = page.locator('button[aria-expanded="false"]');
    for (let left = await folded.count(); left > 0; left--) await folded.first().click();
    const text = await page.locator(scope).first().innerText();
    await page.evaluate("window.scrollTo(0, 0)"); // what a person sees first
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    return ids.filter((id) => !new RegExp(`\\b${id}\\b`).test(text));
  } finally {
    await context.close();
  }
}

describe("the reports, as users see them in Chromium", { timeout: 300_000 }, () => {
  let dir: string;
  let ids: string[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "reports-in-browser-"));
    ids = await requirementIds();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await stopChromium();
    await rm(dir, { recursive: true, force: true });
  });

  it("the cucumber HTML report shows every requirement's scenario", async (t) => {
    if (!(await needChromium(t))) return;
    const run = await cli(["--report", dir]);
    assert.equal(run.code, 0, run.stderr);
    const lacking = await showsEveryId(
      join(dir, "cucumber-http.html"),
      ids,
      "cucumber-http.png",
      "#report",
      "button[aria-expanded]",
    );
    assert.deepEqual(lacking, [], `cucumber-http.html does not name ${lacking.join(", ")}`);
  });

  it("the conformance matrix shows a row for every requirement", async (t) => {
    if (!(await needChromium(t))) return;
    const lacking = await showsEveryId(
      join(ROOT, "docs", "conformance-matrix.html"),
      ids,
      "conformance-matrix.png",
      "table",
    );
    assert.deepEqual(lacking, [], `docs/conformance-matrix.html does not name ${lacking.join(", ")}`);
  });
});
