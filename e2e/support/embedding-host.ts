import { expect, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';

import { ADMIN } from './environment';

/** A message that reached the top-level page, as the recorder stored it. */
export interface ReceivedMessage {
  origin: string;
  /** True when the message came from the dashboard's iframe. */
  fromFrame: boolean;
  data: unknown;
}

/** Data of a dashboard message: `type` starts with `sds-sync-monitor:`. */
export interface DashboardMessage {
  type: string;
  version: number;
  [field: string]: unknown;
}

const FRAME_SELECTOR = 'iframe[data-sds-sync-monitor]';

/** An intranet page that frames the dashboard, and the dashboard inside it. */
export class EmbeddingHost {
  constructor(readonly page: Page) {}

  /**
   * Makes the top-level page store every message it receives, from any window and origin,
   * in `window.receivedMessages`. Call before the host page loads.
   */
  async recordMessages(): Promise<void> {
    await this.page.addInitScript(() => {
      if (window.top !== window) {
        return;
      }
      const received: unknown[] = [];
      Object.defineProperty(window, 'receivedMessages', { value: received });
      window.addEventListener('message', (event) => {
        const iframe = document.querySelector('iframe[data-sds-sync-monitor]');
        const fromFrame = iframe instanceof HTMLIFrameElement && event.source === iframe.contentWindow;
        received.push({ origin: event.origin, fromFrame, data: event.data });
      });
    });
  }

  /** Messages of the dashboard's protocol that the top-level page received so far. */
  async dashboardMessages(): Promise<(ReceivedMessage & { data: DashboardMessage })[]> {
    const received = await this.page.evaluate(() => (window as unknown as { receivedMessages?: unknown[] }).receivedMessages ?? null);
    if (received === null) {
      throw new Error('The host page has no message recorder. Call recordMessages() before open().');
    }
    return (received as ReceivedMessage[]).filter(
      (message): message is ReceivedMessage & { data: DashboardMessage } =>
        typeof message.data === 'object' &&
        message.data !== null &&
        String((message.data as { type?: unknown }).type).startsWith('sds-sync-monitor:'),
    );
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  iframe(): Locator {
    return this.page.locator(FRAME_SELECTOR);
  }

  /** Returns the dashboard inside the iframe, for locators. */
  frame(): FrameLocator {
    return this.page.frameLocator(FRAME_SELECTOR);
  }

  /** Returns the dashboard inside the iframe, for `evaluate`. */
  async contentFrame(): Promise<Frame> {
    const handle = await this.iframe().elementHandle();
    const frame = await handle?.contentFrame();
    if (frame === null || frame === undefined) {
      throw new Error(`The host page has no loaded ${FRAME_SELECTOR}.`);
    }
    return frame;
  }

  signInButton(): Locator {
    return this.frame().getByRole('button', { name: 'Sign in with Microsoft' });
  }

  signedInAs(name: string): Locator {
    return this.frame().getByText(`Signed in as ${name}`);
  }

  /** Clicks "Sign in with Microsoft" in the frame and returns the relay window that opens. */
  async startSignIn(): Promise<Page> {
    const relayOpened = this.page.waitForEvent('popup');
    await this.signInButton().click();
    const relay = await relayOpened;
    await expect(relay.getByRole('button', { name: 'Continue to sign in' })).toBeEnabled();
    return relay;
  }

  /** Clicks "Continue to sign in" in the relay window and returns the sign-in window it opens. */
  async continueInRelay(relay: Page): Promise<Page> {
    const signInOpened = relay.waitForEvent('popup');
    await relay.getByRole('button', { name: 'Continue to sign in' }).click();
    return signInOpened;
  }

  /**
   * Signs in from the frame as a framed dashboard must: the relay window, "Continue to sign
   * in", then the account picker of the identity emulator in the sign-in window.
   */
  async signIn(account: { name: string } = ADMIN): Promise<void> {
    const relay = await this.startSignIn();
    const signInWindow = await this.continueInRelay(relay);
    await signInWindow.getByRole('button', { name: new RegExp(account.name) }).click();
    await expect(this.signedInAs(account.name)).toBeVisible();
  }

  /** Reads the colour theme the dashboard shows, from `data-theme` on its root element. */
  async theme(): Promise<string | undefined> {
    const frame = await this.contentFrame();
    return frame.evaluate(() => document.documentElement.dataset.theme);
  }
}
