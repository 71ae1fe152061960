import { SYNC_STATES, worstOf, type SyncState } from '@/lib/sync-model/status';

import { isFramed, originOf, parentOrigin } from './frame';
import { THEMES, isTheme, type Theme } from './theme';

// The messages exchanged with the page that frames the dashboard. docs/embedding.md
// documents them for intranet developers, and public/embed/sds-embed.js implements the
// host side, so a change here must change both.

export const HOST_PROTOCOL_VERSION = 1;

export const HOST_MESSAGE_TYPES = {
  height: 'sds-sync-monitor:height',
  summary: 'sds-sync-monitor:summary',
  setTheme: 'sds-sync-monitor:set-theme',
} as const;

/** Sent to the host: the height of the dashboard's content in CSS pixels, rounded up. */
export interface HeightMessage {
  type: typeof HOST_MESSAGE_TYPES.height;
  version: typeof HOST_PROTOCOL_VERSION;
  height: number;
}

/** Counts of watched items per state, and the worst state (null when nothing is watched). */
export interface HostSummary {
  worst: SyncState | null;
  counts: Record<SyncState, number>;
}

/** Sent to the host whenever the summary changes. */
export interface SummaryMessage extends HostSummary {
  type: typeof HOST_MESSAGE_TYPES.summary;
  version: typeof HOST_PROTOCOL_VERSION;
}

/** Accepted from the host: switch the dashboard's colour theme. */
export interface SetThemeMessage {
  type: typeof HOST_MESSAGE_TYPES.setTheme;
  version: typeof HOST_PROTOCOL_VERSION;
  theme: Theme;
}

export interface HostBridgeOptions {
  /** Origins of the pages allowed to frame the dashboard (`allowedHostOrigins` in config.json). */
  allowedOrigins: readonly string[];
  /** Called for every valid theme message from the parent page. */
  onTheme?: (theme: Theme) => void;
  win?: Window;
  /** Receives configuration problems and dropped messages; `console.warn` by default. */
  warn?: (message: string) => void;
}

export interface HostBridge {
  /** Sends the summary to the host page unless it equals the last one sent. */
  publishSummary(summary: HostSummary): void;
  /** Stops observing the page and listening for messages. */
  dispose(): void;
}

/** Counts the states of the watched items and finds the worst. */
export function summarizeStates(states: Iterable<SyncState>): HostSummary {
  const counts = emptyCounts();
  const all = [...states];
  for (const state of all) {
    counts[state] += 1;
  }
  return { worst: worstOf(all) ?? null, counts };
}

/**
 * Connects the dashboard to the page that frames it. When the page is not framed, nothing
 * is observed, sent or received.
 *
 * Outgoing messages go only to the listed origins and never to '*'. The frame cannot read
 * its parent's origin directly, so the bridge gets it from the browser through
 * `parentOrigin()`, and when the parent is known and listed, messages go to that origin
 * alone. When the parent is unknown (Firefox has no `ancestorOrigins`, and the referrer may
 * be withheld), one message per listed origin is sent, each with that origin as
 * `targetOrigin`. The browser delivers only the one that matches the parent and silently
 * drops the rest.
 *
 * Incoming messages are accepted only from the parent window, only from a listed origin and
 * only in the shape of `SetThemeMessage`. Others from the parent are dropped with one
 * warning per origin and reason. Messages from any other window are ignored without a
 * warning, because msal-browser's popup relay page posts to this window from its popup.
 */
export function createHostBridge(options: HostBridgeOptions): HostBridge {
  const win = options.win ?? window;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (!isFramed(win)) {
    return { publishSummary: () => undefined, dispose: () => undefined };
  }

  const allowed = normalizeOrigins(options.allowedOrigins, warn);
  const targets = chooseTargetOrigins(allowed, win, warn);
  let disposed = false;

  const post = (message: HeightMessage | SummaryMessage) => {
    for (const origin of targets) {
      win.parent.postMessage(message, origin);
    }
  };

  const stopObserving = observeHeight(win, (height) => {
    if (!disposed) {
      post({ type: HOST_MESSAGE_TYPES.height, version: HOST_PROTOCOL_VERSION, height });
    }
  });

  let lastSummary: HostSummary | null = null;
  const publishSummary = (summary: HostSummary) => {
    const next = copySummary(summary);
    if (disposed || (lastSummary !== null && sameSummary(lastSummary, next))) {
      return;
    }
    lastSummary = next;
    post({ type: HOST_MESSAGE_TYPES.summary, version: HOST_PROTOCOL_VERSION, ...next });
  };

  const warnedKeys = new Set<string>();
  const drop = (origin: string, reason: string, message: string) => {
    const key = `${origin} ${reason}`;
    if (!warnedKeys.has(key)) {
      warnedKeys.add(key);
      warn(message);
    }
  };

  const onMessage = (event: MessageEvent<unknown>) => {
    if (event.source !== win.parent) {
      return;
    }
    if (!allowed.includes(event.origin)) {
      drop(
        event.origin,
        'origin',
        `Ignored a message from ${event.origin}: that origin is not in allowedHostOrigins. ` +
          'Add it to allowedHostOrigins in config.json if that page may change the dashboard.',
      );
      return;
    }

    const problem = checkSetThemeMessage(event.data);
    if (problem !== null) {
      drop(
        event.origin,
        problem.reason,
        `Ignored a message from ${event.origin}: ${problem.detail}. The dashboard accepts only ` +
          `{ type: "${HOST_MESSAGE_TYPES.setTheme}", version: ${HOST_PROTOCOL_VERSION}, theme: ${THEMES.map((theme) => `"${theme}"`).join(' | ')} }.`,
      );
      return;
    }
    options.onTheme?.((event.data as SetThemeMessage).theme);
  };
  win.addEventListener('message', onMessage);

  return {
    publishSummary,
    dispose() {
      disposed = true;
      stopObserving();
      win.removeEventListener('message', onMessage);
    },
  };
}

function normalizeOrigins(origins: readonly string[], warn: (message: string) => void): string[] {
  const normalized = new Set<string>();
  for (const text of origins) {
    const origin = text.trim() === '*' ? null : originOf(text.trim());
    if (origin === null) {
      warn(
        `Ignored ${JSON.stringify(text)} in allowedHostOrigins: expected an origin such as ` +
          'https://intranet.example.org. The wildcard "*" is never accepted.',
      );
      continue;
    }
    normalized.add(origin);
  }
  return [...normalized];
}

function chooseTargetOrigins(allowed: string[], win: Window, warn: (message: string) => void): string[] {
  if (allowed.length === 0) {
    warn(
      'The dashboard is shown in a frame, but allowedHostOrigins in config.json is empty, so the host page ' +
        'receives no height or summary messages. Add the host page’s origin to allowedHostOrigins.',
    );
    return [];
  }

  const parent = parentOrigin(win);
  if (parent === null) {
    return allowed;
  }
  if (allowed.includes(parent.origin)) {
    return [parent.origin];
  }
  if (parent.source === 'ancestorOrigins') {
    warn(
      `The dashboard is framed by ${parent.origin}, which is not in allowedHostOrigins, so that page ` +
        'receives no height or summary messages. Add it to allowedHostOrigins in config.json if it may embed the dashboard.',
    );
    return [];
  }
  // A referrer can be stale (it names the last page that navigated the frame), so it only
  // narrows the list when it matches and never empties it.
  return allowed;
}

/** Calls `onHeight` with the content height whenever it changes; returns the function that stops observing. */
function observeHeight(win: Window, onHeight: (height: number) => void): () => void {
  const Observer = (win as Window & typeof globalThis).ResizeObserver as typeof ResizeObserver | undefined;
  if (Observer === undefined) {
    return () => undefined;
  }

  let lastHeight: number | null = null;
  const observer = new Observer((entries) => {
    const entry = entries[entries.length - 1];
    if (entry === undefined) {
      return;
    }
    const height = Math.ceil(entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height);
    // Zero comes before the first render and would collapse the frame; equal heights are repeats.
    if (height <= 0 || height === lastHeight) {
      return;
    }
    lastHeight = height;
    onHeight(height);
  });
  observer.observe(win.document.documentElement);
  return () => observer.disconnect();
}

function checkSetThemeMessage(data: unknown): { reason: string; detail: string } | null {
  if (typeof data !== 'object' || data === null) {
    return { reason: 'type', detail: 'it is not an object with a type' };
  }
  const message = data as Record<string, unknown>;
  if (message.type !== HOST_MESSAGE_TYPES.setTheme) {
    return { reason: 'type', detail: `its type ${describeValue(message.type)} is unknown` };
  }
  if (message.version !== HOST_PROTOCOL_VERSION) {
    return { reason: 'version', detail: `its version ${describeValue(message.version)} is not supported` };
  }
  if (!isTheme(message.theme)) {
    return { reason: 'theme', detail: `its theme ${describeValue(message.theme)} is invalid` };
  }
  return null;
}

function describeValue(value: unknown): string {
  if (value === undefined) {
    return '(missing)';
  }
  if (typeof value === 'object' && value !== null) {
    return Array.isArray(value) ? '(a list)' : '(an object)';
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function emptyCounts(): Record<SyncState, number> {
  return Object.fromEntries(SYNC_STATES.map((state) => [state, 0])) as Record<SyncState, number>;
}

function copySummary(summary: HostSummary): HostSummary {
  const counts = emptyCounts();
  for (const state of SYNC_STATES) {
    counts[state] = summary.counts[state] ?? 0;
  }
  return { worst: summary.worst, counts };
}

function sameSummary(a: HostSummary, b: HostSummary): boolean {
  return a.worst === b.worst && SYNC_STATES.every((state) => a.counts[state] === b.counts[state]);
}
