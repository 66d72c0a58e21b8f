/**
 * The reference server as a user would run it: the seed's example site on the wall clock, with
 * the default 900 s timeout, over plain HTTP on 127.0.0.1. Prints the ready line.
 */
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { listen } from "../../reference/server.ts";
import { REFERENCE_VERSION } from "../../reference/version.ts";

const site = exampleSite({ onEnding: () => {} });
const http = await listen(site);
process.on("SIGTERM", () => process.exit(0));
console.log(JSON.stringify({ ready: true, port: Number(http.url.port), version: `reference ${REFERENCE_VERSION}` }));
