import { request } from "undici";
import type { TargetClock } from "./target.ts";

/**
 * A clock moved by an HTTP call to the target, described as `METHOD /path?seconds={seconds}`
 * (the target file's `clock.advance`).
 * @throws Error when the description is not `METHOD path`
 */
export function httpClock(baseUrl: URL, advance: string): TargetClock {
  const match = /^([A-Z]+)\s+(\S+)$/.exec(advance.trim());
  if (!match)
    throw new Error(`clock.advance must look like "POST /_clock/advance?seconds={seconds}", got "${advance}"`);
  const [, method, template] = match as unknown as [string, string, string];
  return {
    async advance(seconds: number) {
      const url = new URL(template.replaceAll("{seconds}", String(seconds)), baseUrl);
      const response = await request(url, { method: method as "POST", headersTimeout: 10_000, bodyTimeout: 10_000 });
      const body = await response.body.text();
      if (response.statusCode >= 300)
        throw new Error(
          `advancing the target's clock by ${seconds}s answered ${response.statusCode}: ${body.slice(0, 200)}`,
        );
    },
  };
}
