/**
 * Preloaded (`--expose-gc --import`) into a Node server under benchmark: on SIGUSR2 it collects
 * garbage and prints one JSON line with the process's memory, which bench/servers/spawn.ts reads.
 */
process.on("SIGUSR2", () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("gcProbe needs --expose-gc");
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ benchMemory: { rss, heap: heapUsed + external } })}\n`);
});
