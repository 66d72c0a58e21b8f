#!/usr/bin/env node
// Loads the TypeScript sources through tsx, so the suite runs without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../runner/cli.ts");
await main(process.argv);
