import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { after, before, describe, it } from "node:test";
import { FULL } from "../../bench/config.ts";
import { judgeGoals } from "../../bench/goals.ts";
import { describeMachine } from "../../bench/machine.ts";
import type { BenchResults } from "../../bench/results.ts";
import type { Throughput } from "../../bench/throughput.ts";
import { allowedCpus, canRun, parseWrkOutput, runWrk } from "../../bench/wrk.ts";

// Reports printed by Debian's wrk 4.1: a clean run, 503 answers, and connections cut by the server.
const CLEAN = `Running 6s test @ http://127.0.0.1:42621/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   577.45us    0.89ms  22.39ms   92.91%
    Req/Sec    24.43k     7.95k   30.74k    76.67%
  145577 requests in 6.00s, 37.76MB read
Requests/sec:  24248.37
Transfer/sec:      6.29MB
`;
const NON_2XX = `Running 1s test @ http://127.0.0.1:18766/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.04ms   20.63ms 112.86ms   89.57%
    Req/Sec     2.59k     1.94k    5.40k    50.00%
  2578 requests in 1.04s, 352.46KB read
  Non-2xx or 3xx responses: 2578
Requests/sec:   2490.48
Transfer/sec:    340.50KB
`;
const CUT = `Running 1s test @ http://127.0.0.1:18766/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.28ms   14.77ms  93.30ms   88.07%
    Req/Sec     0.87k   606.16     1.62k    50.00%
  886 requests in 1.07s, 106.42KB read
  Socket errors: connect 0, read 443, write 0, timeout 2
Requests/sec:    826.01
Transfer/sec:     99.22KB
`;

describe("reading wrk's report", () => {
  it("reads the requests, the duration and the rate of a clean run", () => {
    assert.deepEqual(parseWrkOutput(CLEAN), {
      requests: 145577,
      seconds: 6,
      requestsPerSecond: 24248.37,
      non2xx: 0,
      socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
    });
  });

  it("reads the answers outside 2xx/3xx and the socket errors", () => {
    assert.equal(parseWrkOutput(NON_2XX).non2xx, 2578);
    assert.deepEqual(parseWrkOutput(CUT).socketErrors, { connect: 0, read: 443, write: 0, timeout: 2 });
  });

  it("converts the duration's unit", () => {
    assert.equal(parseWrkOutput(CLEAN.replace("6.00s", "1.50m")).seconds, 90);
    assert.equal(parseWrkOutput(CLEAN.replace("6.00s", "800.00ms")).seconds, 0.8);
  });

  it("refuses output that is not a report", () => {
    assert.throws(() => parseWrkOutput("unable to connect to 127.0.0.1:1 Connection refused\n"), /no report/);
    assert.throws(() => parseWrkOutput(CLEAN.replace(/^Requests\/sec.*$/m, "")), /no report/);
  });
});

describe("running wrk", async () => {
  const installed = await canRun("wrk");
  if (!installed && process.env.CI === "true") throw new Error("wrk is not installed, and CI must install it");
  const skip = installed ? false : "wrk is not installed (apt-get install wrk): wrk tests skipped";
  let server: Server;
  let status = 200;
  const cookies = new Set<string | undefined>();
  let url: URL;

  before(async () => {
    server = createServer((req, res) => {
      cookies.add(req.headers.cookie);
      res.statusCode = status;
      res.end("page");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a fraction of a second before starting anything", async () => {
    await assert.rejects(
      runWrk({ url: new URL("http://127.0.0.1:1/"), connections: 1, seconds: 0.5 }),
      /whole seconds/,
    );
  });

  it("loads a server for a second, with the cookie on every request, pinned to a CPU", { skip }, async () => {
    status = 200;
    cookies.clear();
    const cpus = await allowedCpus();
    const result = await runWrk({ url, cookie: "S=abc", connections: 2, seconds: 1, cpu: cpus[0] });
    assert.ok(result.requests > 0 && result.requestsPerSecond > 0, JSON.stringify(result));
    assert.deepEqual([...cookies], ["S=abc"]);
  });

  it("fails when the server answers 503", { skip }, async () => {
    status = 503;
    await assert.rejects(runWrk({ url, connections: 2, seconds: 1 }), /non-2xx\/3xx/);
  });
});

it("lists the CPUs this process may use", async () => {
  const cpus = await allowedCpus();
  assert.equal(cpus.length, availableParallelism());
  assert.ok(cpus.every((cpu) => Number.isInteger(cpu) && cpu >= 0));
});

describe("the no-pipelining goal", () => {
  const figures = (name: Throughput["name"], median: number): Throughput => ({
    name,
    version: name,
    rounds: [median],
    median,
    cpuMicrosPerRequest: 1,
  });
  const results = (reference?: number): BenchResults => ({
    config: FULL,
    machine: describeMachine(),
    command: "test",
    startedAt: "",
    seconds: 0,
    failures: [],
    noPipelining:
      reference === undefined
        ? undefined
        : { servers: [figures("node:http", 10_000), figures("reference", reference)], loadAverage: [0, 0] },
  });
  const verdict = (r: BenchResults) => judgeGoals(r).find((g) => g.goal.includes("no pipelining"));

  it("holds at 0.90 of bare node:http and misses just under it", () => {
    assert.deepEqual(verdict(results(9_000)), {
      goal: "throughput, no pipelining (wrk): reference ≥ 0.90 × bare node:http",
      measured: "0.900 ×",
      verdict: "HELD",
    });
    assert.equal(verdict(results(8_999))?.verdict, "MISSED");
  });

  it("is not measured when part 1b did not run", () => {
    assert.equal(verdict(results())?.verdict, "NOT MEASURED");
  });
});
