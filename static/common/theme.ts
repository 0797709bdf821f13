import { view } from '@forge/bridge';

/**
 * Opts the app into the host's theme: Jira then sets `data-color-mode` / `data-theme` on
 * <html> and serves the design-token variables (`--ds-*`) that our CSS reads, so light and
 * dark mode follow the user's Jira setting. Every colour in static/ is a token with a
 * light fallback, so a host that refuses theming still gets a readable light page.
 */
export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Older hosts and local harnesses may not support theming: the fallbacks apply.
  }
}
