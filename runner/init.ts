/**
 * `session-conformance init [URL]`: probe a running server, write a commented target file for
 * it, then check that file against the server before the first full run. An existing file is
 * checked, not overwritten (unless --force).
 */
import { access, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { TargetUnavailableError } from "../adapters/target.ts";
import { readTargetFile } from "../adapters/targetFile.ts";
import { targetFileText } from "./initFile.ts";
import { expires, Prober, probe } from "./initProbe.ts";

export interface InitOptions {
  out: string;
  force: boolean;
  name?: string;
  timeout?: number;
}

/** The default idle timeout written when none is given: Twisted's. */
const DEFAULT_TIMEOUT_SECONDS = 900;

/**
 * @param write - receives each line meant for the person
 * @returns true when the file passed every check
 * @throws TargetFileError for a file that does not match the schema
 */
export async function init(url: string, options: InitOptions, write: (line: string) => void): Promise<boolean> {
  const exists = await access(options.out).then(
    () => true,
    () => false,
  );
  const prober = new Prober();
  try {
    if (exists && !options.force) write(`${options.out} exists: checking it (--force writes a new one)`);
    else {
      const showUrl = new URL(url);
      const found = await probe(prober, showUrl).catch((error: unknown) => {
        throw new TargetUnavailableError(`cannot reach ${showUrl.origin} (${reasonOf(error)})`);
      });
      const timeout = options.timeout ?? (found.clockAdvance ? DEFAULT_TIMEOUT_SECONDS : 2);
      const name = options.name ?? showUrl.host;
      const command = `session-conformance init ${url}`;
      await writeFile(
        options.out,
        targetFileText(
          found,
          {
            name,
            sessionTimeoutSeconds: timeout,
            timeoutGiven: options.timeout !== undefined,
          },
          command,
        ),
      );
      write(
        `wrote ${options.out} for ${showUrl.origin}: ${[found.counter && "counter", found.notify && "endings", found.slow && "slow page", found.clockAdvance && "clock"].filter(Boolean).join(", ") || "no optional page"} found`,
      );
      if (options.timeout === undefined)
        write(
          `  sessionTimeoutSeconds is ${timeout}, a guess: set your server's idle timeout there (or use --timeout)`,
        );
    }
    const problems = await check(prober, options.out, write);
    write(
      problems === 0
        ? `ready: npx session-conformance --target ${options.out}`
        : `${problems} problem${problems === 1 ? "" : "s"}: edit ${basename(options.out)} and run init again to check it`,
    );
    return problems === 0;
  } finally {
    await prober.close();
  }
}

/**
 * Check a target file against its server: reachable, a uid found, the expire page works, the
 * clock answers. One line per check.
 * @returns how many checks failed
 */
export async function check(prober: Prober, file: string, write: (line: string) => void): Promise<number> {
  const spec = await readTargetFile(file);
  let problems = 0;
  const report = (good: boolean, line: string) => {
    if (!good) problems++;
    write(`${good ? "  ok  " : "  FAIL"} ${line}`);
  };
  const showUrl = new URL(spec.paths.show, spec.baseUrl);
  const first = await prober.fetch(showUrl).catch((error: unknown) => reasonOf(error));
  if (typeof first === "string") {
    report(false, `reachable: cannot reach ${showUrl.origin} (${first})`);
    return problems;
  }
  report(first.status < 400, `reachable: ${showUrl.href} answered ${first.status}`);
  const cookies = spec.cookieName ? new Map([...first.cookies].filter(([n]) => n === spec.cookieName)) : first.cookies;
  const setNames = [...first.cookies.keys()].join(", ") || "no cookie";
  if (spec.cookieName)
    report(
      cookies.size === 1,
      cookies.size === 1
        ? `cookie: the first visit set ${spec.cookieName}`
        : `cookie: the first visit did not set ${spec.cookieName}; it set ${setNames}`,
    );
  else report(cookies.size > 0, `cookie: the first visit set ${[...cookies.keys()].join(", ") || "no cookie"}`);
  const uid = new RegExp(spec.uidPattern).exec(first.body)?.[1];
  report(
    uid !== undefined,
    uid !== undefined
      ? `uid: ${spec.paths.show} shows ${uid}`
      : `uid: uidPattern ${spec.uidPattern} finds nothing in ${spec.paths.show}, which begins ${JSON.stringify(first.body.slice(0, 60))}`,
  );
  if (uid !== undefined) {
    const expireUrl = new URL(spec.paths.expire, spec.baseUrl);
    const works = await expires(prober, showUrl, expireUrl, cookies, spec.uidPattern);
    report(
      works,
      works
        ? `expire: ${spec.paths.expire} ends the session`
        : `expire: after ${spec.paths.expire}, ${spec.paths.show} still shows the same uid (or none)`,
    );
  }
  if (spec.clock) {
    const [method, path] = spec.clock.advance.split(/\s+/) as [string, string];
    const answer = await prober.fetch(new URL(path.replace("{seconds}", "0"), spec.baseUrl), { method });
    report(answer.status < 300, `clock: ${method} ${path.replace("{seconds}", "0")} answered ${answer.status}`);
  }
  return problems;
}

function reasonOf(error: unknown): string {
  return (error as { code?: string }).code ?? (error as Error).message;
}
