/** The machine and the versions a run was measured with, for the report's header. */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** One-minute load average when the run started: other work on the machine skews figures. */
  loadAverage: number;
  /** `name version` of each package the servers and the load generator run on. */
  packages: string[];
}

const PACKAGES = [
  "autocannon",
  "express",
  "express-session",
  "fastify",
  "@fastify/session",
  "@fastify/cookie",
  "cookie",
  "tsx",
];

export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg()[0]!,
    packages: PACKAGES.map((name) => `${name} ${packageVersion(name)}`),
  };
}

function packageVersion(name: string): string {
  try {
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "(not installed)";
  }
}
