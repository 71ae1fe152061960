import { describe, expect, it, vi } from 'vitest';

import { SYNC_STATES, type SyncState } from '@/lib/sync-model/status';

import { createHostBridge, summarizeStates, type HostSummary } from './host-bridge';

const INTRANET = 'https://intranet.example';
const PORTAL = 'https://portal.example';

interface FakeWindowOptions {
  framed?: boolean;
  ancestorOrigins?: string[];
  referrer?: string;
  resizeObserver?: boolean;
}

/**
 * Creates a window-shaped object with a parent that records postMessage calls, a ResizeObserver
 * the test drives, and a message listener the test calls. jsdom has no ResizeObserver
 * and cannot fake a cross-origin parent.
 */
function createFakeWindow({ framed = true, ancestorOrigins, referrer = '', resizeObserver = true }: FakeWindowOptions = {}) {
  const parent = { postMessage: vi.fn<(message: unknown, targetOrigin: string) => void>() };
  const messageListeners = new Set<(event: MessageEvent<unknown>) => void>();
  const observers: FakeResizeObserver[] = [];
  const documentElement = {};

  class FakeResizeObserver {
    observed: unknown[] = [];
    disconnected = false;
    constructor(readonly callback: ResizeObserverCallback) {
      observers.push(this);
    }
    observe(target: unknown) {
      this.observed.push(target);
    }
    disconnect() {
      this.disconnected = true;
    }
  }

  const win: Record<string, unknown> = {
    location: {
      ancestorOrigins:
        ancestorOrigins === undefined
          ? undefined
          : { length: ancestorOrigins.length, item: (index: number) => ancestorOrigins[index] ?? null },
    },
    document: { referrer, documentElement },
    addEventListener: (type: string, listener: (event: MessageEvent<unknown>) => void) => {
      expect(type).toBe('message');
      messageListeners.add(listener);
    },
    removeEventListener: (type: string, listener: (event: MessageEvent<unknown>) => void) => {
      expect(type).toBe('message');
      messageListeners.delete(listener);
    },
    ...(resizeObserver ? { ResizeObserver: FakeResizeObserver } : {}),
  };
  win.self = win;
  win.top = framed ? parent : win;
  win.parent = framed ? parent : win;

  return {
    win: win as unknown as Window,
    parent,
    observers,
    documentElement,
    listenerCount: () => messageListeners.size,
    /** Reports a new size of the root element, as the browser's ResizeObserver would. */
    resize(height: number) {
      for (const observer of observers) {
        const entry = { borderBoxSize: [{ blockSize: height, inlineSize: 800 }], contentRect: { height } };
        observer.callback([entry as unknown as ResizeObserverEntry], observer as unknown as ResizeObserver);
      }
    },
    /** Delivers a message event, by default from the parent window. */
    receive(data: unknown, origin: string, source: unknown = parent) {
      const event = { data, origin, source } as MessageEvent<unknown>;
      for (const listener of messageListeners) {
        listener(event);
      }
    },
    sent: () => parent.postMessage.mock.calls.map(([message, targetOrigin]) => ({ message, targetOrigin })),
  };
}

function summaryOf(states: SyncState[]): HostSummary {
  return summarizeStates(states);
}

describe('summarizeStates', () => {
  it('counts every state and finds the worst', () => {
    const summary = summarizeStates(['healthy', 'failed', 'healthy', 'warning']);

    expect(summary.worst).toBe('failed');
    expect(summary.counts.healthy).toBe(2);
    expect(summary.counts.failed).toBe(1);
    expect(summary.counts.warning).toBe(1);
    expect(Object.keys(summary.counts).sort()).toEqual([...SYNC_STATES].sort());
    expect(summary.counts.paused).toBe(0);
  });

  it('has no worst state for no items', () => {
    expect(summarizeStates([])).toEqual({ worst: null, counts: Object.fromEntries(SYNC_STATES.map((s) => [s, 0])) });
  });
});

describe('createHostBridge when not framed', () => {
  it('sends, observes and listens to nothing', () => {
    const fake = createFakeWindow({ framed: false });
    const warn = vi.fn();

    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn });
    bridge.publishSummary(summaryOf(['failed']));
    fake.resize(500);

    expect(fake.parent.postMessage).not.toHaveBeenCalled();
    expect(fake.observers).toHaveLength(0);
    expect(fake.listenerCount()).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('createHostBridge outgoing messages', () => {
  it('sends height and summary to the known parent only', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const bridge = createHostBridge({ allowedOrigins: [PORTAL, INTRANET], win: fake.win, warn: vi.fn() });

    fake.resize(612.2);
    bridge.publishSummary(summaryOf(['healthy', 'warning']));

    expect(fake.sent()).toEqual([
      { message: { type: 'sds-sync-monitor:height', version: 1, height: 613 }, targetOrigin: INTRANET },
      {
        message: { type: 'sds-sync-monitor:summary', version: 1, ...summaryOf(['healthy', 'warning']) },
        targetOrigin: INTRANET,
      },
    ]);
  });

  it('observes the root element', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    expect(fake.observers).toHaveLength(1);
    expect(fake.observers[0]?.observed).toEqual([fake.documentElement]);
  });

  it('sends to every listed origin when the parent is unknown', () => {
    const fake = createFakeWindow();
    createHostBridge({ allowedOrigins: [INTRANET, PORTAL], win: fake.win, warn: vi.fn() });

    fake.resize(400);

    expect(fake.sent().map((call) => call.targetOrigin)).toEqual([INTRANET, PORTAL]);
  });

  it('narrows to a listed referrer', () => {
    const fake = createFakeWindow({ referrer: `${PORTAL}/sites/it/SitePages/Home.aspx` });
    createHostBridge({ allowedOrigins: [INTRANET, PORTAL], win: fake.win, warn: vi.fn() });

    fake.resize(400);

    expect(fake.sent().map((call) => call.targetOrigin)).toEqual([PORTAL]);
  });

  it('keeps every listed origin for an unlisted referrer', () => {
    const fake = createFakeWindow({ referrer: 'https://login.example/authorize' });
    createHostBridge({ allowedOrigins: [INTRANET, PORTAL], win: fake.win, warn: vi.fn() });

    fake.resize(400);

    expect(fake.sent().map((call) => call.targetOrigin)).toEqual([INTRANET, PORTAL]);
  });

  it('sends nothing to an unlisted parent and says why', () => {
    const fake = createFakeWindow({ ancestorOrigins: ['https://evil.example'] });
    const warn = vi.fn();
    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn });

    fake.resize(400);
    bridge.publishSummary(summaryOf(['failed']));

    expect(fake.parent.postMessage).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('framed by https://evil.example, which is not in allowedHostOrigins');
  });

  it('sends nothing without allowed origins and says why', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const warn = vi.fn();
    const bridge = createHostBridge({ allowedOrigins: [], win: fake.win, warn });

    fake.resize(400);
    bridge.publishSummary(summaryOf(['failed']));

    expect(fake.parent.postMessage).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('allowedHostOrigins in config.json is empty');
  });

  it('never targets the wildcard', () => {
    const fake = createFakeWindow();
    const warn = vi.fn();
    createHostBridge({ allowedOrigins: ['*', ' * ', 'intranet.example', INTRANET], win: fake.win, warn });

    fake.resize(400);

    expect(fake.sent().map((call) => call.targetOrigin)).toEqual([INTRANET]);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[0]?.[0]).toContain('Ignored "*" in allowedHostOrigins');
    expect(warn.mock.calls[2]?.[0]).toContain('Ignored "intranet.example" in allowedHostOrigins');
  });

  it('normalizes listed origins', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    createHostBridge({ allowedOrigins: ['HTTPS://Intranet.Example:443/sites/it/'], win: fake.win, warn: vi.fn() });

    fake.resize(400);

    expect(fake.sent().map((call) => call.targetOrigin)).toEqual([INTRANET]);
  });

  it('sends each height once', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    for (const height of [400, 400, 399.5, 520, 520, 400]) {
      fake.resize(height);
    }

    expect(fake.sent().map((call) => (call.message as { height: number }).height)).toEqual([400, 520, 400]);
  });

  it('skips a zero height', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    fake.resize(0);

    expect(fake.parent.postMessage).not.toHaveBeenCalled();
  });

  it('works without ResizeObserver', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET], resizeObserver: false });
    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    bridge.publishSummary(summaryOf(['healthy']));

    expect(fake.sent().map((call) => (call.message as { type: string }).type)).toEqual(['sds-sync-monitor:summary']);
  });

  it('sends each summary once', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    bridge.publishSummary(summaryOf(['healthy', 'failed']));
    bridge.publishSummary(summaryOf(['failed', 'healthy']));
    bridge.publishSummary(summaryOf(['healthy', 'healthy']));
    bridge.publishSummary(summaryOf(['healthy', 'failed']));

    const worst = fake.sent().map((call) => (call.message as HostSummary).worst);
    expect(worst).toEqual(['failed', 'healthy', 'failed']);
  });

  it('compares against a copy of the summary', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });
    const summary = summaryOf(['healthy']);

    bridge.publishSummary(summary);
    summary.counts.healthy = 5;
    bridge.publishSummary(summary);

    const counts = fake.sent().map((call) => (call.message as HostSummary).counts.healthy);
    expect(counts).toEqual([1, 5]);
  });

  it('stops sending after dispose', () => {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const bridge = createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn: vi.fn() });

    bridge.dispose();
    fake.resize(400);
    bridge.publishSummary(summaryOf(['failed']));

    expect(fake.parent.postMessage).not.toHaveBeenCalled();
    expect(fake.observers[0]?.disconnected).toBe(true);
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('createHostBridge incoming messages', () => {
  function connect() {
    const fake = createFakeWindow({ ancestorOrigins: [INTRANET] });
    const warn = vi.fn<(message: string) => void>();
    const onTheme = vi.fn();
    createHostBridge({ allowedOrigins: [INTRANET], win: fake.win, warn, onTheme });
    return { fake, warn, onTheme };
  }

  it.each(['light', 'dark', 'auto'])('applies the theme %s', (theme) => {
    const { fake, warn, onTheme } = connect();

    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme }, INTRANET);

    expect(onTheme).toHaveBeenCalledExactlyOnceWith(theme);
    expect(warn).not.toHaveBeenCalled();
  });

  it('ignores extra fields', () => {
    const { fake, onTheme } = connect();

    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark', sentAt: 1 }, INTRANET);

    expect(onTheme).toHaveBeenCalledWith('dark');
  });

  it('drops an unlisted origin and warns once', () => {
    const { fake, warn, onTheme } = connect();
    const message = { type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark' };

    fake.receive(message, 'https://evil.example');
    fake.receive(message, 'https://evil.example');

    expect(onTheme).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('from https://evil.example');
    expect(warn.mock.calls[0]?.[0]).toContain('not in allowedHostOrigins');
  });

  it('warns again for another origin', () => {
    const { fake, warn } = connect();
    const message = { type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark' };

    fake.receive(message, 'https://evil.example');
    fake.receive(message, 'https://other.example');

    expect(warn).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['a string', 'dark', 'it is not an object with a type'],
    ['null', null, 'it is not an object with a type'],
    ['an unknown type', { type: 'resize', version: 1, theme: 'dark' }, 'its type "resize" is unknown'],
    ['a missing type', { version: 1, theme: 'dark' }, 'its type (missing) is unknown'],
    ['another version', { type: 'sds-sync-monitor:set-theme', version: 2, theme: 'dark' }, 'its version 2 is not supported'],
    ['a version as text', { type: 'sds-sync-monitor:set-theme', version: '1', theme: 'dark' }, 'its version "1" is not supported'],
    ['an unknown theme', { type: 'sds-sync-monitor:set-theme', version: 1, theme: 'sepia' }, 'its theme "sepia" is invalid'],
    ['a theme object', { type: 'sds-sync-monitor:set-theme', version: 1, theme: { name: 'dark' } }, 'its theme (an object) is invalid'],
  ])('drops %s and warns once', (_case, data, detail) => {
    const { fake, warn, onTheme } = connect();

    fake.receive(data, INTRANET);
    fake.receive(data, INTRANET);

    expect(onTheme).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain(`Ignored a message from ${INTRANET}: ${detail}.`);
    expect(warn.mock.calls[0]?.[0]).toContain('theme: "light" | "dark" | "auto"');
  });

  it('warns once per reason, not per value', () => {
    const { fake, warn } = connect();

    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'sepia' }, INTRANET);
    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'neon' }, INTRANET);
    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 3, theme: 'dark' }, INTRANET);

    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('still applies valid messages after dropped ones', () => {
    const { fake, onTheme } = connect();

    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'sepia' }, INTRANET);
    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark' }, INTRANET);

    expect(onTheme).toHaveBeenCalledExactlyOnceWith('dark');
  });

  it('ignores other windows silently', () => {
    const { fake, warn, onTheme } = connect();
    const popup = {};

    fake.receive({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark' }, INTRANET, popup);
    fake.receive({ relay: 'response' }, 'https://dashboard.example', popup);

    expect(onTheme).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
