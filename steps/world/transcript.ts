import type { Exchange } from "../abilities/browse.ts";

const BODY_LIMIT = 2000;

/** Every exchange of a scenario, attached to the report when the scenario fails. */
export class Transcript {
  readonly exchanges: Exchange[] = [];

  readonly record = (exchange: Exchange): void => {
    this.exchanges.push({ ...exchange, body: exchange.body && truncate(exchange.body) });
  };

  /** `actor`'s exchanges, oldest first. */
  of(actor: string): Exchange[] {
    return this.exchanges.filter((e) => e.actor === actor);
  }

  /** The exchanges as HTTP/1.1 text, one block each. */
  toString(): string {
    return this.exchanges.map(format).join("\n\n");
  }
}

function format(e: Exchange, index: number): string {
  const request = [`#${index + 1} ${e.actor}: ${e.method} ${e.url}`, ...headerLines(e.requestHeaders)];
  if (e.error) return [...request, `!! ${e.error}`].join("\n");
  const response = [`<- ${e.status}`, ...headerLines(e.responseHeaders ?? {}), "", e.body ?? ""];
  return [...request, ...response].join("\n");
}

function headerLines(headers: Record<string, string | string[]>): string[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `   ${name}: ${v}`),
  );
}

function truncate(body: string): string {
  return body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}… (${body.length} characters)` : body;
}
