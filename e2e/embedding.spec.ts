import type { Locator } from '@playwright/test';

import { POPUP_TIMEOUT_MS } from '../src/lib/auth/msal';

import { startClocks, TEST_START } from './support/clock';
import { HOST_PAGE_ORIGIN, SAME_SITE_HOST_PAGE_ORIGIN } from './support/embedding-environment';
import { expect, test } from './support/embedding-fixtures';
import type { DashboardMessage, EmbeddingHost } from './support/embedding-host';
import type { EmulatorControl } from './support/emulator-control';
import { jumpClocks } from './support/graph-traffic';
import { ADMIN, APP_ORIGIN, APP_URL } from './support/environment';
import { hostPageUrl } from './support/host-page-server';
import { PROFILES } from './support/profiles';

// These tests run in the "embedding" project, whose Chromium partitions the storage of
// frames on another site than their host page, as a user's Chrome does. The dashboard runs
// on localhost and the test intranet page on 127.0.0.1, which are different sites.

const WATCHED = [PROFILES.csv2024, PROFILES.tailspin];

/** Intranet pages on another site than the dashboard, and on the same site (localhost, another port). */
const HOSTS = [
  { site: 'cross-site', origin: HOST_PAGE_ORIGIN },
  { site: 'same-site', origin: SAME_SITE_HOST_PAGE_ORIGIN },
];
const HOST_ORIGINS = HOSTS.map((host) => host.origin);

/** The emulator's default access token lifetime (`--access-token-lifetime`), in ms. */
const ACCESS_TOKEN_LIFETIME_MS = 3_600_000;

/** Returns the dashboard's address as an intranet page would frame it, watching `WATCHED`. */
function dashboardAddress(): string {
  return `${APP_URL}?view=compact&profiles=${WATCHED.map((profile) => profile.id).join(',')}`;
}

/** Returns the address of the shipped example host page, which the app's server serves on the app's origin. */
function exampleHostAddress(): string {
  return `${APP_URL}embed/example-host.html?app=${encodeURIComponent(dashboardAddress())}`;
}

/** Makes one watched profile healthy and one failed, so the summary has a known worst state and counts. */
async function setWatchedStatuses(emulator: EmulatorControl): Promise<void> {
  const threeMinutesAgo = new Date(TEST_START.getTime() - 3 * 60_000).toISOString();
  await emulator.setProfileStatus(PROFILES.csv2024.id, { status: 'success', errorCount: 0, lastSynchronizationDateTime: threeMinutesAgo });
  await emulator.setProfileStatus(PROFILES.tailspin.id, { status: 'error', errorCount: 1, lastSynchronizationDateTime: null });
}

async function lastMessageOfType(host: EmbeddingHost, type: string): Promise<DashboardMessage | null> {
  const messages = await host.dashboardMessages();
  return messages.filter((message) => message.data.type === type).at(-1)?.data ?? null;
}

async function consoleTexts(host: EmbeddingHost): Promise<string[]> {
  return (await host.page.consoleMessages()).map((message) => message.text());
}

test.describe('dashboard in a frame', () => {
  test.beforeEach(async ({ page, emulator, setAppConfig }) => {
    setAppConfig({ allowedHostOrigins: HOST_ORIGINS });
    await startClocks(page, emulator);
    await setWatchedStatuses(emulator);
  });

  test('frame storage is partitioned', async ({ page, host }) => {
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    await expect(host.signInButton()).toBeVisible();
    const frame = await host.contentFrame();

    await frame.evaluate(() => localStorage.setItem('partition-probe', 'written in the frame'));

    expect(await frame.evaluate(() => localStorage.getItem('partition-probe'))).toBe('written in the frame');
    const topLevel = await page.context().newPage();
    await topLevel.goto(`${APP_URL}config.json`);
    expect(await topLevel.evaluate(() => localStorage.getItem('partition-probe'))).toBeNull();
  });

  for (const { site, origin } of HOSTS) {
    test(`${site} frame: relay sign-in shows the cards`, async ({ host }) => {
      await host.open(hostPageUrl({ app: dashboardAddress(), hostOrigin: origin }));

      await host.signIn();

      await expect(host.frame().getByRole('article')).toHaveCount(WATCHED.length);
      await expect(host.frame().getByRole('article', { name: PROFILES.csv2024.name })).toContainText('Healthy');
      await expect(host.frame().getByRole('article', { name: PROFILES.tailspin.name })).toContainText('Failed');
    });
  }

  test('listed host receives height and summary', async ({ host }) => {
    await host.recordMessages();
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    await host.signIn();
    await expect(host.frame().getByRole('article')).toHaveCount(WATCHED.length);

    await expect
      .poll(() => lastMessageOfType(host, 'sds-sync-monitor:summary'))
      .toEqual({
        type: 'sds-sync-monitor:summary',
        version: 1,
        worst: 'failed',
        counts: { failed: 1, expired: 0, overdue: 0, warning: 0, unknown: 0, paused: 0, inProgress: 0, healthy: 1 },
      });
    const messages = await host.dashboardMessages();
    for (const message of messages) {
      expect(message.origin).toBe(APP_ORIGIN);
      expect(message.fromFrame).toBe(true);
    }
    const heights = messages.filter((message) => message.data.type === 'sds-sync-monitor:height').map((message) => message.data.height);
    expect(heights.length).toBeGreaterThan(1);
    heights.slice(1).forEach((height, index) => expect(height).not.toBe(heights[index]));

    // sds-embed.js sizes the iframe to the last height, which is the frame's content height.
    const frame = await host.contentFrame();
    await expect
      .poll(async () => [await host.iframe().evaluate((iframe) => iframe.style.height), await lastMessageOfType(host, 'sds-sync-monitor:height')])
      .toEqual([`${String(heights.at(-1))}px`, expect.objectContaining({ height: heights.at(-1) })]);
    const contentHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    expect(contentHeight).toBe(heights.at(-1));
  });

  test('unlisted host receives no messages', async ({ host }) => {
    await host.recordMessages();
    await host.open(exampleHostAddress());
    await host.signIn();
    await expect(host.frame().getByRole('article')).toHaveCount(WATCHED.length);

    await expect
      .poll(() => consoleTexts(host))
      .toContainEqual(expect.stringContaining(`framed by ${APP_ORIGIN}, which is not in allowedHostOrigins`));
    expect(await host.dashboardMessages()).toEqual([]);
    await expect(host.page.locator('#summary')).toHaveText('nothing received yet');
    await expect(host.iframe()).toHaveAttribute('height', '480');
    expect(await host.iframe().evaluate((iframe) => iframe.style.height)).toBe('');
  });

  test('unlisted host cannot change the theme', async ({ host }) => {
    await host.open(exampleHostAddress());
    await expect(host.signInButton()).toBeVisible();
    expect(await host.theme()).toBe('light');

    await host.page.getByRole('radio', { name: 'Dark' }).check();

    await expect
      .poll(() => consoleTexts(host))
      .toContainEqual(expect.stringContaining(`Ignored a message from ${APP_ORIGIN}: that origin is not in allowedHostOrigins`));
    expect(await host.theme()).toBe('light');
  });

  test('listed host changes the theme', async ({ host }) => {
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    await expect(host.signInButton()).toBeVisible();
    expect(await host.theme()).toBe('light');

    await host.page.evaluate((targetOrigin) => {
      const iframe = document.querySelector('iframe[data-sds-sync-monitor]') as HTMLIFrameElement;
      iframe.contentWindow?.postMessage({ type: 'sds-sync-monitor:set-theme', version: 1, theme: 'dark' }, targetOrigin);
    }, APP_ORIGIN);

    await expect.poll(() => host.theme()).toBe('dark');
  });

  test('frame without allow-popups offers the address', async ({ host }) => {
    const address = dashboardAddress();
    await host.open(hostPageUrl({ app: address, sandbox: 'allow-scripts allow-same-origin allow-forms' }));

    await host.signInButton().click();

    await expect(host.frame().getByRole('alert')).toContainText('The sign-in window could not open');
    await expect(host.frame().getByLabel('Dashboard address')).toHaveValue(address);
    await expect(host.signInButton()).toBeEnabled();
  });
});

/** Milliseconds of real time from `start` until `locator` is visible. */
async function millisecondsUntilVisible(locator: Locator, start: number, timeout: number): Promise<number> {
  await expect(locator).toBeVisible({ timeout });
  return Date.now() - start;
}

/** Adds a figure to the test's annotations, where docs/embedding.md took its figures from. */
function recordMeasurement(description: string): void {
  test.info().annotations.push({ type: 'measurement', description });
}

test.describe('sign-in window closed', () => {
  test.beforeEach(async ({ page, emulator, setAppConfig }) => {
    setAppConfig({ allowedHostOrigins: HOST_ORIGINS });
    await startClocks(page, emulator);
  });

  for (const { site, origin } of HOSTS) {
    test(`${site} frame: closed relay window ends the wait`, async ({ host }) => {
      await host.open(hostPageUrl({ app: dashboardAddress(), hostOrigin: origin }));
      const relay = await host.startSignIn();
      await expect(host.frame().getByText('Waiting for the sign-in window')).toBeVisible();

      await relay.close();
      const closedAt = Date.now();

      // The frame's MSAL checks every 500 ms whether the relay window is still open.
      const waited = await millisecondsUntilVisible(host.frame().getByText('The sign-in window was closed'), closedAt, 2_000);
      await expect(host.signInButton()).toBeEnabled();
      recordMeasurement(`${site} frame, relay window closed: sign-in offered again after ${waited} ms (real clock)`);
    });
  }

  test('cross-site frame: closed sign-in window ends the wait', async ({ host }) => {
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    const relay = await host.startSignIn();
    const signInWindow = await host.continueInRelay(relay);
    await expect(signInWindow.getByRole('button', { name: new RegExp(ADMIN.name) })).toBeVisible();
    await expect(host.frame().getByText('Waiting for the sign-in window')).toBeVisible();

    await signInWindow.close();
    const closedAt = Date.now();

    // The relay checks its sign-in window every 500 ms, then reports the close to the frame.
    const waited = await millisecondsUntilVisible(host.frame().getByText('The sign-in window was closed'), closedAt, 2_000);
    await expect(host.signInButton()).toBeEnabled();
    expect(relay.isClosed()).toBe(true);
    recordMeasurement(`cross-site frame, sign-in window closed: sign-in offered again after ${waited} ms (real clock)`);
  });
});

test.describe('sign-in window left open', () => {
  test.beforeEach(async ({ page, emulator, setAppConfig }) => {
    setAppConfig({ allowedHostOrigins: [HOST_PAGE_ORIGIN] });
    await startClocks(page, emulator);
  });

  test('relay window left open times out', async ({ page, host }) => {
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    const clickedAt = await page.evaluate(() => Date.now());
    const relay = await host.startSignIn();
    await expect(host.frame().getByText('Waiting for the sign-in window')).toBeVisible();

    // MSAL's timer starts a moment after the click, so it falls due within a second after clickedAt + POPUP_TIMEOUT_MS.
    await page.clock.pauseAt(clickedAt + POPUP_TIMEOUT_MS - 1_000);
    await expect(host.frame().getByText('Waiting for the sign-in window')).toBeVisible();
    await page.clock.runFor(2_000);

    await expect(host.frame().getByText('The sign-in window was closed or did not finish in time')).toBeVisible();
    await expect(host.signInButton()).toBeEnabled();
    await expect.poll(() => relay.isClosed()).toBe(true);
  });

  test('sign-in window left open times out', async ({ page, host }) => {
    await host.open(hostPageUrl({ app: dashboardAddress() }));
    const clickedAt = await page.evaluate(() => Date.now());
    const relay = await host.startSignIn();
    const signInWindow = await host.continueInRelay(relay);
    await expect(signInWindow.getByRole('button', { name: new RegExp(ADMIN.name) })).toBeVisible();

    // The frame's own timer, not the relay's 5-minute one, ends the wait.
    await page.clock.pauseAt(clickedAt + POPUP_TIMEOUT_MS - 1_000);
    await expect(host.frame().getByText('Waiting for the sign-in window')).toBeVisible();
    await page.clock.runFor(2_000);

    await expect(host.frame().getByText('The sign-in window was closed or did not finish in time')).toBeVisible();
    await expect(host.signInButton()).toBeEnabled();
    await expect.poll(() => relay.isClosed()).toBe(true);
    await expect.poll(() => signInWindow.isClosed()).toBe(true);
  });
});

test.describe('sign-in window closed at the top level', () => {
  test('closed popup waits the full timeout', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await dashboard.signIn(ADMIN, { query: `?profiles=${PROFILES.csv2024.id}` });
    await expect(dashboard.cards()).toHaveCount(1);
    // Forgetting every session and refresh token ends the sign-in once the access token expires.
    await emulator.reset(new Date(await page.evaluate(() => Date.now())));
    await jumpClocks(page, emulator, ACCESS_TOKEN_LIFETIME_MS + 60_000);
    const signInAgain = page.getByRole('button', { name: 'Sign in again' });
    await expect(signInAgain).toBeVisible();

    const clickedAt = await page.evaluate(() => Date.now());
    const popupOpened = page.waitForEvent('popup');
    await signInAgain.click();
    const popup = await popupOpened;
    await expect(popup.getByRole('button', { name: new RegExp(ADMIN.name) })).toBeVisible();
    await popup.close();

    // The renewal popup at the top level does not use the relay, and MSAL cannot see it close.
    await page.clock.pauseAt(clickedAt + POPUP_TIMEOUT_MS - 1_000);
    await expect(page.getByText('Waiting for the sign-in window')).toBeVisible();
    await expect(signInAgain).toBeDisabled();
    await page.clock.runFor(2_000);

    await expect(page.getByText('The sign-in window was closed or did not finish in time')).toBeVisible();
    await expect(signInAgain).toBeEnabled();
  });
});
