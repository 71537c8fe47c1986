// Node (test tooling): Playwright helpers for driving the code-server workbench like a user.

/** Waits for the workbench to be interactive. */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.activitybar').waitFor({ timeout });
}

/** Clicks the TCP States activity-bar item (opens the sidebar container). */
export async function openTcpStatesSidebar(page) {
  const item = page.locator('.activitybar .action-item a[aria-label^="TCP"]').first();
  await item.waitFor({ timeout: 30_000 });
  const expanded = await item.getAttribute('aria-expanded').catch(() => null);
  if (expanded !== 'true') await item.click();
}

/** The diagram webview's inner content frame (webviews are an iframe inside an iframe). */
export async function diagramFrame(page, timeout = 45_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        const n = await frame.locator('#root svg').count();
        if (n > 0) return frame;
      } catch {
        /* frame navigating */
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the diagram webview did not render an SVG');
}

/** Runs a command through the command palette (F1), by its visible title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}
