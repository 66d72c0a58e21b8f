import type { BrowserContext } from "playwright-core";
import type { Browse, BrowseOptions, CrossSiteProbe, JarCookie, Page, PlainHttpProbe } from "../../abilities/browse.ts";
import { crossSiteRequests, scriptVisibleCookies, secureCookieOverPlainHttp } from "./evidence.ts";
import { cookiesFor, dropExpired, putCookies } from "./jar.ts";
import { startChromium } from "./launcher.ts";
import { freshContext } from "./pool.ts";
import { openTab, type Tab, visitIn } from "./tab.ts";

/** An actor's browser context, with the tabs it has opened (the first one always). */
interface Opened {
  context: BrowserContext;
  tabs: [Tab, ...Tab[]];
}

/**
 * One actor's Chromium: a browser context of the run's shared browser (its own jar, cache and
 * connections), with a main tab for visits and more tabs for parallel ones. The context is
 * opened when the actor first uses their browser: many actors only speak raw HTTP.
 */
export class ChromiumBrowse implements Browse {
  readonly client = "chromium";
  /** Seconds the target's clock is ahead of real time. */
  private offset = 0;
  private opened: Promise<Opened> | undefined;
  /** Tabs with a visit loading, or lent to a probe. */
  private readonly busy = new Set<Tab>();

  private constructor(private readonly options: BrowseOptions) {
    this.offset = options.clockOffsetSeconds ?? 0;
  }

  /** An actor's browser, not opened yet; starts the shared browser if the run has not. */
  static async create(options: BrowseOptions): Promise<ChromiumBrowse> {
    await startChromium({ trust: [options.tlsCa] });
    return new ChromiumBrowse(options);
  }

  /** The actor's context, opened on first use from the run's one browser. */
  private open(): Promise<Opened> {
    this.opened ??= startChromium({ trust: [this.options.tlsCa] })
      .then(freshContext)
      .then(({ context, tab }) => ({ context, tabs: [tab] }));
    return this.opened;
  }

  /** Run `use` with a tab no visit is loading in: a visit still loading (a slow page) keeps its tab. */
  private async withTab<T>(use: (tab: Tab, opened: Opened) => Promise<T>): Promise<T> {
    const opened = await this.open();
    let tab = opened.tabs.find((t) => !this.busy.has(t));
    if (!tab) {
      tab = await openTab(opened.context);
      opened.tabs.push(tab);
    }
    this.busy.add(tab);
    try {
      return await use(tab, opened);
    } finally {
      this.busy.delete(tab);
    }
  }

  async visit(url: URL): Promise<Page> {
    await dropExpired((await this.open()).context, this.offset);
    return this.withTab((tab) => visitIn(tab, url, this.options.actor, this.options.record));
  }

  async visitAll(urls: readonly URL[]): Promise<Page[]> {
    return Promise.all(urls.map((url) => this.visit(url)));
  }

  async cookies(url: URL): Promise<JarCookie[]> {
    if (!this.opened) return []; // a browser never opened has a fresh context's jar: empty
    const { context, tabs } = await this.opened;
    await dropExpired(context, this.offset);
    return cookiesFor(tabs[0].cdp, url);
  }

  async restoreCookies(cookies: readonly JarCookie[], url: URL): Promise<void> {
    return putCookies((await this.open()).tabs[0].cdp, cookies, url);
  }

  /** Chromium's own "clear browsing data" for cookies, through the context. */
  async flushCookies(): Promise<void> {
    if (this.opened) await (await this.opened).context.clearCookies();
  }

  async clockMoved(seconds: number): Promise<void> {
    this.offset += seconds;
    if (this.opened) await dropExpired((await this.opened).context, this.offset);
  }

  scriptVisibleCookies(url: URL): Promise<string[]> {
    return this.withTab((tab) => scriptVisibleCookies(tab, url, this.options.actor, this.options.record));
  }

  crossSiteRequests(url: URL): Promise<CrossSiteProbe[]> {
    return this.withTab((tab, { context }) =>
      crossSiteRequests(context, tab, url, this.options.actor, this.options.record),
    );
  }

  /** COOKIE-4 by effect (not yet on Browse): what a plain-HTTP visit to the HTTPS host carried. */
  secureCookieOverPlainHttp(httpsUrl: URL, httpUrl: URL): Promise<PlainHttpProbe> {
    return this.withTab((tab) =>
      secureCookieOverPlainHttp(tab, httpsUrl, httpUrl, this.options.actor, this.options.record),
    );
  }

  /** Close the context, if the actor ever opened one. */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    // A context that failed to open has nothing to close; its error surfaced at first use.
    await (await opened?.catch(() => undefined))?.context.close();
  }
}
