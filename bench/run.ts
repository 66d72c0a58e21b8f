/**
 * `npm run bench`: the reference server against bare node:http and its peers, in one run on
 * one machine: throughput, memory per session, expiry at scale, and the suite's wall time.
 * Prints the tables and the goals, and writes docs/benchmarks.md with its chart.
 * `--smoke` runs every part with tiny sizes in seconds and writes the report to a temporary
 * folder instead. A part that breaks makes the exit code 1; a missed goal does not.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { haveRedis } from "../adapters/reference-cluster/redisServer.ts";
import { FULL, SMOKE } from "./config.ts";
import { measureExpiry } from "./expiry.ts";
import { judgeGoals } from "./goals.ts";
import { describeMachine } from "./machine.ts";
import { measureInProcess, measureOverHttp } from "./memory.ts";
import { measureNoPipelining } from "./noPipelining.ts";
import { measureRedis } from "./redis.ts";
import { writeReport } from "./report.ts";
import type { BenchResults } from "./results.ts";
import { type BenchServer, haveTwisted, SERVER_NAMES, type ServerName, startServer } from "./servers/spawn.ts";
import { measureSuite } from "./suiteTime.ts";
import { renderText, tables } from "./tables.ts";
import { measureThroughput } from "./throughput.ts";
import { canRun } from "./wrk.ts";

const smoke = process.argv.includes("--smoke");
const config = smoke ? SMOKE : FULL;
const started = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const results: BenchResults = {
  config,
  machine: describeMachine(),
  command: smoke ? "npm run bench:smoke" : "npm run bench",
  startedAt: new Date(started).toISOString().replace(/\.\d+Z$/, "Z"),
  seconds: 0,
  failures: [],
};

/** Run one part; a failure is recorded and printed, and the other parts still run. */
async function part(name: string, body: () => Promise<void>): Promise<void> {
  say(`${name} …`);
  const begun = Date.now();
  try {
    await body();
    say(`  (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    results.failures.push(message);
    say(`FAILED ${message}`);
  }
}

say(
  `session-conformance benchmark, ${config.mode} mode: ${results.machine.cpuModel}, ${results.machine.cpus} cores, Node ${results.machine.node}`,
);

const names: ServerName[] = SERVER_NAMES.filter((name) => name !== "twisted");
if (await haveTwisted()) names.push("twisted");
else {
  results.twistedSkipped = "not installed (apt-get install python3-twisted); its column is skipped.";
  say(`Twisted ${results.twistedSkipped}`);
  if (smoke && process.env.CI === "true")
    results.failures.push("Twisted: CI installs python3-twisted, so its absence is an error here");
}

const servers: BenchServer[] = [];
try {
  await part("starting the servers", async () => {
    for (const server of await Promise.allSettled(names.map(startServer))) {
      if (server.status === "rejected") throw server.reason;
      servers.push(server.value);
    }
  });
  if (servers.length === names.length) {
    await part("1. throughput", async () => {
      results.throughput = await measureThroughput(servers, config.throughput, say);
    });
    await part("1b. throughput without pipelining (wrk)", async () => {
      if (!(await canRun("wrk"))) {
        if (process.env.CI === "true") throw new Error("wrk is not installed, and CI installs it");
        results.wrkSkipped = "wrk is not installed (apt-get install wrk), so this part was not measured.";
        say(`  ${results.wrkSkipped}`);
        return;
      }
      const pair = servers.filter((server) => server.name === "node:http" || server.name === "reference");
      results.noPipelining = await measureNoPipelining(pair, config.noPipelining, say);
    });
    await part(
      `2. memory over HTTP, ${config.memory.overHttpSessions.toLocaleString("en-US")} sessions per server`,
      async () => {
        results.memoryOverHttp = await measureOverHttp(servers, config.memory, config.throughput.connections, say);
      },
    );
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
await part(`2. memory in process, ${config.memory.inProcessSessions.toLocaleString("en-US")} sessions`, async () => {
  results.memoryInProcess = await measureInProcess(config.memory);
});
await part(`3. expiry, ${config.expiry.sessions.toLocaleString("en-US")} sessions timing out`, async () => {
  results.expire = await measureExpiry("expire", config.expiry, say);
});
await part(`3. expiry, ${config.expiry.sessions.toLocaleString("en-US")} sessions kept alive`, async () => {
  results.alive = await measureExpiry("alive", config.expiry, say);
});
await part("4. the whole suite against the reference", async () => {
  results.suite = await measureSuite(config.suite);
});
await part("5. sessions in Redis", async () => {
  if (!(await haveRedis())) {
    if (process.env.CI === "true") throw new Error("redis-server is not installed, and CI installs it");
    say("  skipped: redis-server is not installed (apt-get install redis-server)");
    return;
  }
  results.redis = await measureRedis(config, say);
});
results.seconds = (Date.now() - started) / 1000;

say("");
for (const table of tables(results)) say(`${renderText(table)}\n`);
const missed = judgeGoals(results).filter((g) => g.verdict === "MISSED").length;
say(
  `${missed === 0 ? "every goal measured held" : `${missed} goal(s) MISSED`}; ${config.mode} run took ${results.seconds.toFixed(0)} s`,
);

if (smoke) {
  say(
    `report (smoke figures, not for docs/): ${await writeReport(results, join(tmpdir(), "session-conformance-bench-smoke"))}`,
  );
} else if (results.failures.length === 0) {
  say(`report: ${await writeReport(results, fileURLToPath(new URL("../docs", import.meta.url)))}`);
} else {
  say("docs/benchmarks.md left as it was: a part failed");
}
if (results.failures.length > 0) {
  say(`\n${results.failures.length} part(s) FAILED:\n${results.failures.map((f) => `  ${f}`).join("\n")}`);
  process.exitCode = 1;
}
