// Node (webview tier): serves the built dist/webview.* in the host's real page (real CSP, real nonce) and drives it in headless Chromium.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../core/protocol/messages';
import { createNonce, webviewHtml } from '../../extension/sidebar/webviewHtml';
import { THEME_VARIABLES, type HarnessTheme } from './themeVariables';

const root = join(__dirname, '..', '..');

/** What the page under test looks like to the test. */
export interface WebviewPage {
  readonly page: Page;
  /** Messages the webview posted to the "host", in order. */
  posted(): Promise<WebviewToHost[]>;
  /** Delivers a host → webview message as VS Code would (a `message` event on window). */
  send(message: HostToWebview): Promise<void>;
  /** Waits until the webview has posted a message matching `pred` after the first `skip` messages. */
  waitForPosted<T extends WebviewToHost['type']>(
    type: T,
    skip?: number,
  ): Promise<Extract<WebviewToHost, { type: T }>>;
  setTheme(theme: HarnessTheme): Promise<void>;
  /** CSP violations, console errors and page errors seen so far. */
  problems(): Promise<string[]>;
  /** Requests that tried to leave 127.0.0.1. */
  readonly blocked: string[];
}

export interface Harness {
  open(options?: {
    theme?: HarnessTheme;
    width?: number;
    height?: number;
    lang?: string;
  }): Promise<WebviewPage>;
  close(): Promise<void>;
}

function bodyClass(theme: HarnessTheme): string {
  return theme === 'hc-light'
    ? 'vscode-high-contrast-light'
    : theme === 'hc-dark'
      ? 'vscode-high-contrast'
      : `vscode-${theme}`;
}

function styleAttr(theme: HarnessTheme): string {
  return Object.entries(THEME_VARIABLES[theme])
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

/**
 * The stand-in for VS Code's webview API; runs in the page before any of its scripts. Plain JavaScript text, because
 * tsx would wrap a TypeScript function with helpers that do not exist in the page.
 */
const STAND_IN = /* js */ `(() => {
  window.__posted = [];
  window.__problems = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI), true);
  let acquired = false;
  const saved = sessionStorage.getItem('__vscodeState');
  let state = saved ? JSON.parse(saved) : undefined;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (m) => {
        const copy = JSON.parse(JSON.stringify(m));
        // Whether a diagram was already painted when the page said ready (the SVG cache at work).
        if (copy.type === 'ready') copy.svgAtReady = document.querySelector('svg.tcp-diagram') !== null;
        window.__posted.push(copy);
      },
      getState: () => state,
      setState: (s) => {
        state = s;
        sessionStorage.setItem('__vscodeState', JSON.stringify(s));
        return s;
      },
    };
  };
})();`;

export async function startHarness(): Promise<Harness> {
  const js = readFileSync(join(root, 'dist', 'webview.js'));
  const css = readFileSync(join(root, 'dist', 'webview.css'));
  let current = { theme: 'light' as HarnessTheme, lang: 'en' };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/dist/webview.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (url.startsWith('/dist/webview.css')) {
      res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    } else if (url === '/' || url.startsWith('/?')) {
      const origin = `http://${req.headers.host ?? ''}`;
      const html = webviewHtml({
        cspSource: origin,
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/dist/webview.css`,
        nonce: createNonce(),
        lang: current.lang,
        loadingText: 'Loading the TCP state diagram…',
      })
        // As VS Code does: theme variables inline on <html>, the theme kind as a body class.
        .replace('<html ', `<html style="${styleAttr(current.theme).replace(/"/g, '&quot;')}" `)
        .replace('<body>', `<body class="${bodyClass(current.theme)}">`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

  return {
    async open(options = {}): Promise<WebviewPage> {
      current = { theme: options.theme ?? 'light', lang: options.lang ?? 'en' };
      const context = await browser.newContext({
        viewport: { width: options.width ?? 350, height: options.height ?? 760 },
      });
      const blocked: string[] = [];
      const consoleProblems: string[] = [];
      await context.route('**/*', (route) => {
        const host = new URL(route.request().url()).hostname;
        if (host === '127.0.0.1') return route.continue();
        blocked.push(route.request().url());
        return route.abort();
      });
      await context.addInitScript({ content: STAND_IN });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
          consoleProblems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
      await page.goto(`http://127.0.0.1:${port}/`);
      const problems = async (): Promise<string[]> => [
        ...consoleProblems,
        ...(await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems)),
      ];
      const posted = async (): Promise<WebviewToHost[]> =>
        page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted);
      return {
        page,
        posted,
        problems,
        blocked,
        async send(message): Promise<void> {
          await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
        },
        async waitForPosted(type, skip = 0) {
          const handle = await page.waitForFunction(
            ([t, n]) =>
              (window as unknown as { __posted: { type: string }[] }).__posted
                .slice(n)
                .find((m) => m.type === t),
            [type, skip] as const,
            { timeout: 30_000 },
          );
          return (await handle.jsonValue()) as Extract<WebviewToHost, { type: typeof type }>;
        },
        async setTheme(theme): Promise<void> {
          await page.evaluate(
            ([cls, style]) => {
              document.documentElement.setAttribute('style', style);
              document.body.className = cls;
            },
            [bodyClass(theme), styleAttr(theme)] as const,
          );
        },
      };
    },
    async close(): Promise<void> {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
