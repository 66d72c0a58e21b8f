/**
 * How big each part of the benchmark is: the full run that the figures in docs/benchmarks.md
 * come from (a few minutes), and the smoke run CI uses so the benchmark cannot rot (seconds).
 */
export interface BenchConfig {
  mode: "full" | "smoke";
  throughput: {
    /** Concurrent connections of the load generator, the same for every server. */
    connections: number;
    /**
     * Requests in flight per connection. autocannon spends more CPU per request than the
     * servers it measures; with one request at a time it, not the server, is the bottleneck
     * on two cores, and every fast server would score the same.
     */
    pipelining: number;
    /** Seconds of each measured run, the same for every server. */
    seconds: number;
    /** Interleaved rounds: every server once per round, so drift hits all alike. */
    rounds: number;
    /** Seconds of unmeasured load per server before the first round (JIT, caches). */
    warmupSeconds: number;
  };
  /** Part 1b: wrk, one request at a time per connection, pinned to its own CPU. */
  noPipelining: {
    connections: number;
    /** Whole seconds of each measured run (wrk takes no fractions). */
    seconds: number;
    rounds: number;
    /** Whole seconds of unmeasured load per server before the first round. */
    warmupSeconds: number;
  };
  memory: {
    /** Live sessions made through the reference Site's API in a dedicated process. */
    inProcessSessions: number;
    /** Sessions made over HTTP, one request without a cookie each, per server. */
    overHttpSessions: number;
  };
  expiry: {
    sessions: number;
    /** Runs of each scenario; the figures are the median run's. */
    runs: number;
    /** Seconds the kept-alive scenario runs under load. */
    aliveSeconds: number;
    /** Requests per second the kept-alive scenario is served. */
    aliveRate: number;
    /** Milliseconds still measured after the work, so the collection of what it left counts. */
    tailMs: number;
  };
  suite: {
    /** Runs of the whole conformance suite; the figure is the median. */
    runs: number;
  };
  redis: {
    /** Sessions written to Redis for its bytes per session. */
    sessions: number;
    /** Seconds of load while Redis is killed and started again. */
    restartSeconds: number;
  };
}

export const FULL: BenchConfig = {
  mode: "full",
  throughput: { connections: 10, pipelining: 4, seconds: 2, rounds: 9, warmupSeconds: 2 },
  noPipelining: { connections: 10, seconds: 5, rounds: 5, warmupSeconds: 2 },
  memory: { inProcessSessions: 1_000_000, overHttpSessions: 100_000 },
  expiry: { sessions: 1_000_000, runs: 3, aliveSeconds: 8, aliveRate: 2000, tailMs: 1000 },
  suite: { runs: 5 },
  redis: { sessions: 1_000_000, restartSeconds: 6 },
};

export const SMOKE: BenchConfig = {
  mode: "smoke",
  throughput: { connections: 10, pipelining: 4, seconds: 0.5, rounds: 1, warmupSeconds: 0 },
  noPipelining: { connections: 10, seconds: 1, rounds: 1, warmupSeconds: 0 },
  memory: { inProcessSessions: 20_000, overHttpSessions: 500 },
  expiry: { sessions: 10_000, runs: 1, aliveSeconds: 0.5, aliveRate: 200, tailMs: 100 },
  suite: { runs: 1 },
  redis: { sessions: 10_000, restartSeconds: 2 },
};
