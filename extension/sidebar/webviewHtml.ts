// Pure (host and webview test tier): the diagram view's HTML, built from URIs handed in by the caller.

export interface WebviewHtmlOptions {
  /** `webview.cspSource` (or the test page's origin). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh per render, from a CSPRNG. */
  readonly nonce: string;
  /** `<html lang>`: en or zh-CN. */
  readonly lang: string;
  /** Shown until the script has run (and if it never does). */
  readonly loadingText: string;
}

/** Builds the view's page. No log text ever goes in here: data arrives by postMessage. */
export function webviewHtml(o: WebviewHtmlOptions): string {
  // Mermaid writes a <style> element into each SVG it renders, hence 'unsafe-inline' for styles only.
  // Scripts are nonce-only and there is no 'unsafe-eval'.
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource} 'unsafe-inline'`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  return /* html */ `<!DOCTYPE html>
<html lang="${escapeAttr(o.lang)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
  <title>TCP State Diagram</title>
</head>
<body>
  <main id="root" aria-busy="true"><p class="loading">${escapeText(o.loadingText)}</p></main>
  <script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 32 random bytes as hex; `getRandomValues` exists in Node ≥ 19 and browsers. */
export function createNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
