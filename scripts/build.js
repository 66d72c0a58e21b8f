// Build the package's dist/: the TypeScript sources compiled by tsc (import specifiers rewritten
// to .js), plus the files the suite reads at run time, laid out as in the repository so that
// every `new URL("../x", import.meta.url)` finds its file. dist/ is then the suite root.
import { execFileSync } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist/`;
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

await rm(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", `${root}tsconfig.build.json`], { stdio: "inherit" });

// Feature files, and each adapter's non-TypeScript files (divergence lists, notes, serve.py).
await cp(`${root}features`, `${dist}features`, { recursive: true });
await cp(`${root}adapters`, `${dist}adapters`, { recursive: true, filter: (src) => !src.endsWith(".ts") });

// The same cucumber profile as the repository's, loading the compiled step definitions.
const cucumber = JSON.parse(await readFile(`${root}cucumber.json`, "utf8"));
for (const profile of Object.values(cucumber))
  profile.import = profile.import.map((glob) => glob.replace(/\.ts$/, ".js"));
await writeFile(`${dist}cucumber.json`, `${JSON.stringify(cucumber, null, 2)}\n`);

// tsc copies the imported package.json whole; the modules read only the name and version.
const { name, version, type } = JSON.parse(await readFile(`${root}package.json`, "utf8"));
await writeFile(`${dist}package.json`, `${JSON.stringify({ name, version, type, private: true }, null, 2)}\n`);
