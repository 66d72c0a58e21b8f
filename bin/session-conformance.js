#!/usr/bin/env node
// The installed package runs its compiled JavaScript (dist/). A checkout of the repository runs
// the TypeScript sources through tsx, a devDependency, so an edit never meets a stale build;
// SESSION_CONFORMANCE_COMPILED=1 makes a checkout run dist/ as the package does (after `npm run build`).
import { existsSync } from "node:fs";

const sources = new URL("../runner/cli.ts", import.meta.url);
const compiled = process.env.SESSION_CONFORMANCE_COMPILED === "1" || !existsSync(sources);
let cli;
if (compiled) cli = await import("../dist/runner/cli.js");
else {
  (await import("tsx/esm/api")).register();
  cli = await import(sources.href);
}
await cli.main(process.argv);
