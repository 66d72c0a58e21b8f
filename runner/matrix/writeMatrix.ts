import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { MATRIX_TARGETS } from "../../adapters/index.ts";
import { ExitCode } from "../exitCodes.ts";
import { SUITE_ROOT } from "../run.ts";
import { matrixHtml } from "./html.ts";
import { matrixMarkdown } from "./markdown.ts";
import { matrixProgress } from "./progress.ts";
import { type MatrixOptions, runMatrix, underCi } from "./runMatrix.ts";
import { scenarioPlaces } from "./scenarios.ts";

/**
 * `session-conformance matrix`: run every built-in target, write `conformance-matrix.md` and
 * `.html` into `outDir`, and say whether every gate passed.
 * @returns 0 when every target ran with its declared verdicts (a missing target is fine outside CI), else 1
 */
export async function writeMatrix(outDir: string, options: MatrixOptions = {}): Promise<ExitCode> {
  const ci = options.ci ?? underCi();
  const progress = matrixProgress(process.stdout, options.targets ?? MATRIX_TARGETS);
  const matrix = await runMatrix({
    ci,
    onEvent: progress.onEvent,
    ...options,
  }).finally(progress.end);
  await mkdir(outDir, { recursive: true });
  matrix.scenarioLinks = await scenarioLinks(outDir);
  // A browser's matrix goes beside the default client's, not over it.
  const name = options.run?.client === "chromium" ? "conformance-matrix-chromium" : "conformance-matrix";
  const markdown = join(outDir, `${name}.md`);
  const html = join(outDir, `${name}.html`);
  await writeFile(markdown, matrixMarkdown(matrix));
  await writeFile(html, matrixHtml(matrix));
  process.stdout.write(`\nmatrix: ${markdown}, ${html} (${((matrix.durationMs ?? 0) / 1000).toFixed(1)} s)\n`);
  for (const failure of matrix.failures) process.stdout.write(`FAILED: ${failure}\n`);
  for (const column of matrix.columns) {
    for (const d of column.outcome?.clientDisagreements ?? [])
      process.stdout.write(
        `  ${column.target} ${d.id}: client disagreement: ${Object.entries(d.verdicts)
          .map(([c, v]) => `${c} ${v.verdict}`)
          .join(", ")}\n`,
      );
    for (const u of column.gate?.unexpected ?? [])
      process.stdout.write(`  ${column.target} ${u.id}: expected ${u.expected}, got ${u.actual}\n`);
  }
  return matrix.failures.length > 0 ? ExitCode.NotConformant : ExitCode.Conformant;
}

/** Each requirement's scenario as a link relative to `outDir` (`#L<n>` opens the line on GitHub). */
async function scenarioLinks(outDir: string): Promise<Map<string, string>> {
  const base = relative(outDir, SUITE_ROOT).split("\\").join("/");
  const links = new Map<string, string>();
  for (const [id, place] of await scenarioPlaces())
    links.set(id, `${base ? `${base}/` : ""}${place.file}#L${place.line}`);
  return links;
}
