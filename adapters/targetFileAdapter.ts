import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Agent, request } from "undici";
import { httpClock } from "./httpClock.ts";
import { type Adapter, type EndingsLog, type Target, TargetUnavailableError } from "./target.ts";
import { readTargetFile } from "./targetFile.ts";

/**
 * Any running server, described by a target file. Nothing is started: the adapter checks
 * that the server answers and hands its description to the suite.
 */
export function targetFileAdapter(file: string): Adapter {
  return {
    name: file,
    async start(): Promise<Target> {
      const spec = await readTargetFile(file);
      const http = new URL(spec.baseUrl);
      const tlsCa = spec.tlsCaFile ? await readFile(resolve(dirname(file), spec.tlsCaFile), "utf8") : undefined;
      await ensureReachable(new URL(spec.paths.show, http), spec.name);
      const { endings, ...paths } = spec.paths;
      return {
        name: spec.name,
        version: spec.version,
        connection: { nodes: [{ http, https: spec.httpsBaseUrl ? new URL(spec.httpsBaseUrl) : undefined }], tlsCa },
        pages: {
          paths,
          uidPattern: new RegExp(spec.uidPattern),
          counterPattern: spec.counterPattern ? new RegExp(spec.counterPattern) : undefined,
          sessionTimeoutSeconds: spec.sessionTimeoutSeconds,
          cookieName: spec.cookieName,
          secureCookieName: spec.secureCookieName ?? spec.cookieName,
        },
        capabilities: {
          clock: spec.clock ? httpClock(http, spec.clock.advance) : undefined,
          endings: endings ? endingsPage(new URL(endings, http)) : undefined,
        },
        stop: async () => {},
      };
    },
  };
}

/** Endings read from a page listing one `Session <uid> has expired.` line per ended session. */
function endingsPage(url: URL): EndingsLog {
  return {
    async lines() {
      const response = await request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
      const body = await response.body.text();
      if (response.statusCode !== 200)
        throw new Error(`the endings page ${url.pathname} answered ${response.statusCode}`);
      return body.split(/\r?\n/).filter((line) => line.trim() !== "");
    },
  };
}

async function ensureReachable(url: URL, name: string): Promise<void> {
  const dispatcher = new Agent({ connectTimeout: 5_000 });
  try {
    const response = await request(url, { method: "HEAD", dispatcher, headersTimeout: 10_000 });
    await response.body.dump();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new TargetUnavailableError(`${name}: cannot reach ${url.origin} (${code ?? (error as Error).message})`);
  } finally {
    await dispatcher.close();
  }
}
