import type { BrowserContext } from "playwright-core";
import type { Browse, BrowseOptions, CrossSiteProbe, JarCookie, Page, PlainHttpProbe } from "../../abilities/browse.ts";
import { crossSiteRequests, scriptVisibleCookies, secureCookieOverPlainHttp } from "./evidence.ts";
import { cookiesFor, dropExpired, putCookies } from "./jar.ts";
import { startChromium } from "./launcher.ts";
import { freshContext } from "./pool.ts";
import { openTab, type Tab, visitIn } from "./tab.ts";

/**
 * One actor's Chromium: a browser context of the run's shared browser (its own jar, cache and
 * connections), with a main tab for visits and more tabs for parallel ones.
 */
export class ChromiumBrowse implements Browse {
  readonly client = "chromium";
  /** Seconds the target's clock is ahead of real time. */
  private offset = 0;

  private readonly tabs: [Tab, ...Tab[]];
  /** Tabs with a visit loading. */
  private readonly busy = new Set<Tab>();

  private constructor(
    private readonly options: BrowseOptions,
    private readonly context: BrowserContext,
    main: Tab,
  ) {
    this.tabs = [main];
    this.offset = options.clockOffsetSeconds ?? 0;
  }

  /** A fresh context for `options.actor`; starts the shared browser if the run has not. */
  static async create(options: BrowseOptions): Promise<ChromiumBrowse> {
    const { context, tab } = await freshContext(await startChromium({ trust: [options.tlsCa] }));
    return new ChromiumBrowse(options, context, tab);
  }

  async visit(url: URL): Promise<Page> {
    await dropExpired(this.context, this.offset);
    // A visit still loading (a slow page) keeps its tab: the next visit opens another, as a person would.
    const tab = this.tabs.find((t) => !this.busy.has(t)) ?? (await this.newTab());
    this.busy.add(tab);
    try {
      return await visitIn(tab, url, this.options.actor, this.options.record);
    } finally {
      this.busy.delete(tab);
    }
  }

  async visitAll(urls: readonly URL[]): Promise<Page[]> {
    return Promise.all(urls.map((url) => this.visit(url)));
  }

  private async newTab(): Promise<Tab> {
    const tab = await openTab(this.context);
    this.tabs.push(tab);
    return tab;
  }

  async cookies(url: URL): Promise<JarCookie[]> {
    await dropExpired(this.context, this.offset);
    return cookiesFor(this.tabs[0].cdp, url);
  }

  restoreCookies(cookies: readonly JarCookie[], url: URL): Promise<void> {
    return putCookies(this.tabs[0].cdp, cookies, url);
  }

  /** Chromium's own "clear browsing data" for cookies, through the context. */
  flushCookies(): Promise<void> {
    return this.context.clearCookies();
  }

  async clockMoved(seconds: number): Promise<void> {
    this.offset += seconds;
    await dropExpired(this.context, this.offset);
  }

  scriptVisibleCookies(url: URL): Promise<string[]> {
    return scriptVisibleCookies(this.context, url, this.options.actor, this.options.record);
  }

  crossSiteRequests(url: URL): Promise<CrossSiteProbe[]> {
    return crossSiteRequests(this.context, url, this.options.actor, this.options.record);
  }

  /** COOKIE-4 by effect (not yet on Browse): what a plain-HTTP visit to the HTTPS host carried. */
  secureCookieOverPlainHttp(httpsUrl: URL, httpUrl: URL): Promise<PlainHttpProbe> {
    return secureCookieOverPlainHttp(this.context, httpsUrl, httpUrl, this.options.actor, this.options.record);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
