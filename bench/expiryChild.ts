/**
 * Child process of expiry.ts (run with --expose-gc): a million sessions on a ManualClock, and
 * the process's CPU time and its event loop's worst delay (1 ms resolution) while
 * - `expire`: the clock jumps past every timeout and the Site's sweep ends them all; or
 * - `alive`: every session was used halfway through its timeout, so when their deadline comes
 *   the sweep re-files them all, while autocannon (its own process) sends a steady request
 *   rate and the clock runs on past that deadline.
 * Usage: expiryChild.ts expire|alive <sessions> <seconds> <requests per second> <tail ms>
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ManualClock } from "../reference/clock.ts";
import { sessionBasics } from "../reference/examples/sessionBasics.ts";
import { listen } from "../reference/server.ts";
import { Site } from "../reference/site.ts";
import { collectGarbage } from "./child.ts";
import { runLoad } from "./load.ts";

const TIMEOUT = 900;
/** Time for autocannon to start before the window opens. */
const LOAD_START_MS = 700;

const [mode, ...numbers] = process.argv.slice(2);
/** `tailMs`: real time measured after the work, so a collection of what it left counts too. */
const [sessions, seconds, rate, tailMs] = numbers.map(Number) as [number, number, number, number];
if ((mode !== "expire" && mode !== "alive") || !(sessions > 0) || !(seconds > 0) || !(rate > 0) || !(tailMs >= 0)) {
  throw new Error("usage: expiryChild.ts expire|alive <sessions> <seconds> <requests per second> <tail ms>");
}

const clock = new ManualClock(1_000_000);
const start = clock.seconds();
const site = new Site(sessionBasics(), { clock, sessionTimeout: TIMEOUT, entropy: pooledEntropy() });
const uids: string[] = [];
for (let i = 0; i < sessions; i++) uids.push(site.makeSession().uid);
if (mode === "alive") {
  // Everyone comes back halfway through the timeout, so all are due again together.
  clock.advance(TIMEOUT / 2);
  for (const uid of uids) site.touchSession((await site.getSession(uid))!);
}
uids.length = 0;
collectGarbage();

const figures = mode === "expire" ? await measure(expireAll) : await keepAlive();
const live = site.store.size() as number;
site.stopSweeping();
if (mode === "expire" && live !== 0) throw new Error(`${live} sessions still live after the sweep`);
if (mode === "alive" && live !== sessions + 1)
  throw new Error(`${sessions + 1 - live} sessions ended while kept alive`);
console.log(JSON.stringify({ mode, sessions, ...figures }));
process.exit(0);

/** Random bytes drawn 64 KiB at a time, so making a million uids stays set-up, not the work. */
function pooledEntropy(): (size: number) => Buffer {
  let pool = Buffer.alloc(0);
  let used = 0;
  return (size) => {
    if (used + size > pool.length) [pool, used] = [randomBytes(65536), 0];
    used += size;
    return pool.subarray(used - size, used);
  };
}

/** CPU time, wall time and event-loop delay while `work` runs, and for a short tail after it. */
async function measure(work: () => Promise<void>) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const waitBefore = mainThreadWaitNs();
  const started = performance.now();
  await work();
  const workMs = performance.now() - started;
  await sleep(tailMs);
  delay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    workMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxDelayMs: delay.max / 1e6,
    p99DelayMs: delay.percentile(99) / 1e6,
    cpuWaitMs: (mainThreadWaitNs() - waitBefore) / 1e6,
  };
}

/**
 * Nanoseconds the main thread has spent runnable but waiting for a CPU (Linux schedstat):
 * on a shared machine, a stall the event loop suffered without doing any work.
 */
function mainThreadWaitNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[1]);
  } catch {
    return Number.NaN;
  }
}

/** Jump past every deadline; the periodic sweep then ends them all. */
async function expireAll(): Promise<void> {
  clock.advance(TIMEOUT + 2);
  while ((site.store.size() as number) > 0) await site.sweep();
}

/**
 * Serve a steady request rate while, for `seconds`, the clock runs in 10 ms steps from halfway
 * through the timeout to past the deadline all sessions share. The window opens once the load
 * generator has started: forking it from this big process stalls the loop, and no server does that.
 */
async function keepAlive() {
  const http = await listen(site);
  const first = await fetch(http.url);
  const cookie = first.headers.getSetCookie()[0]!.split(";")[0]!;
  await first.text();
  const loading = runLoad({
    url: http.url,
    cookie,
    connections: 10,
    seconds: LOAD_START_MS / 1000 + seconds + 0.5,
    rate,
  });
  await sleep(LOAD_START_MS);
  const from = clock.seconds();
  const span = start + TIMEOUT + 60 - from;
  const figures = await measure(async () => {
    const begun = performance.now();
    for (let elapsed = 0; elapsed < seconds * 1000; elapsed = performance.now() - begun) {
      clock.advance(from + (elapsed / (seconds * 1000)) * span - clock.seconds());
      await sleep(10);
    }
    clock.advance(from + span - clock.seconds());
    await site.sweep();
  });
  const load = await loading;
  await http.close();
  return { ...figures, requestsPerSecond: load.requestsPerSecond, latencyP99Ms: load.latencyP99Ms };
}
