/** Everything one run measured, which the console table, the goals and the report read. */
import type { BenchConfig } from "./config.ts";
import type { ExpiryResult } from "./expiry.ts";
import type { Machine } from "./machine.ts";
import type { HttpMemory, InProcessMemory } from "./memory.ts";
import type { NoPipelining } from "./noPipelining.ts";
import type { RedisBench } from "./redis.ts";
import type { SuiteTime } from "./suiteTime.ts";
import type { Throughput } from "./throughput.ts";

export interface BenchResults {
  config: BenchConfig;
  machine: Machine;
  command: string;
  /** ISO date and time the run started. */
  startedAt: string;
  seconds: number;
  throughput?: Throughput[];
  /** Part 1b: bare node:http and the reference with wrk, no pipelining. */
  noPipelining?: NoPipelining;
  /** Why part 1b did not run, when it did not (wrk is not installed). */
  wrkSkipped?: string;
  /** Why Twisted is missing from the comparison, when it is. */
  twistedSkipped?: string;
  memoryInProcess?: InProcessMemory;
  memoryOverHttp?: HttpMemory[];
  expire?: ExpiryResult;
  alive?: ExpiryResult;
  suite?: SuiteTime;
  /** Sessions in Redis: two nodes, bytes per session, a Redis restart. */
  redis?: RedisBench;
  /** One line per part that broke. */
  failures: string[];
}
