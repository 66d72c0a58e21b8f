import type { TestContext } from "node:test";
import type { Exchange } from "../../steps/abilities/browse.ts";
import { CHROMIUM_MISSING, chromiumAvailable } from "../../steps/clients/chromium/index.ts";

/**
 * Skip (one clear line) when a real part is missing on a user's machine; under CI=true a
 * missing part is a failure, so CI can never pass by skipping.
 */
export function missing(t: TestContext, line: string): void {
  if (process.env.CI === "true") throw new Error(`${line} (required under CI=true)`);
  t.skip(line);
}

/** Whether Chromium can run here; skips the test (or fails it under CI) when it cannot. */
export async function needChromium(t: TestContext): Promise<boolean> {
  if (await chromiumAvailable()) return true;
  missing(t, CHROMIUM_MISSING);
  return false;
}

/** A transcript to put in assertion messages. */
export class Wire {
  readonly exchanges: Exchange[] = [];
  readonly record = (exchange: Exchange): void => void this.exchanges.push(exchange);
  toString(): string {
    return this.exchanges
      .map(
        (e) => `${e.actor}: ${e.method} ${e.url} cookie=[${e.requestHeaders.cookie ?? ""}] -> ${e.status ?? e.error}`,
      )
      .join("\n");
  }
}
