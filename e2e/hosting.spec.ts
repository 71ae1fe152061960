import type { Page } from '@playwright/test';

import { HOST_PAGE_ORIGIN, HOST_PAGE_PORT, INSECURE_APP_HOST, SUBPATH_BASE, SUBPATH_ORIGIN, SUBPATH_URL } from './support/embedding-environment';
import { expect, test } from './support/embedding-fixtures';
import { ADMIN, APP_PORT, APP_URL, EMULATOR_ORIGIN } from './support/environment';
import { hostPageUrl } from './support/host-page-server';
import { PROFILES } from './support/profiles';

// These tests run in the "embedding" project, whose browser resolves INSECURE_APP_HOST to
// 127.0.0.1 and partitions the storage of cross-site frames.

/** Collects the paths of every request to the folder server that falls outside the folder. */
function pathsOutsideFolder(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === SUBPATH_ORIGIN && !url.pathname.startsWith(SUBPATH_BASE)) {
      outside.push(url.pathname);
    }
  });
  return outside;
}

async function signInAtTopLevel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: new RegExp(ADMIN.name) }).click();
  await expect(page.getByText(`Signed in as ${ADMIN.name}`)).toBeVisible();
}

test.describe('app served under a folder', () => {
  test('nothing is served at the root', async ({ request }) => {
    for (const path of ['/', '/index.html', '/config.json', '/redirect.html', '/popup-relay.html', '/embed/sds-embed.js']) {
      const response = await request.get(`${SUBPATH_ORIGIN}${path}`, { maxRedirects: 0 });
      expect(response.status(), `status of ${path}`).toBe(404);
    }
  });

  test('deep link survives sign-in', async ({ page, emulator }) => {
    void emulator;
    const deepLink = `${SUBPATH_URL}?profiles=${PROFILES.csv2024.id}&view=compact&title=IT%20office`;
    const outside = pathsOutsideFolder(page);
    const redirectPage = page.waitForRequest(`${SUBPATH_URL}redirect.html`);
    await page.goto(deepLink);

    await signInAtTopLevel(page);

    await redirectPage;
    await expect(page.getByRole('article', { name: PROFILES.csv2024.name })).toBeVisible();
    await expect(page.locator('.app-title')).toHaveText('IT office');
    expect(page.url()).toBe(deepLink);
    expect(outside).toEqual([]);
  });

  test('sign-out returns to the folder', async ({ page, emulator }) => {
    void emulator;
    const outside = pathsOutsideFolder(page);
    await page.goto(SUBPATH_URL);
    await signInAtTopLevel(page);

    await page.getByRole('button', { name: 'Sign out' }).click();

    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    // The identity platform appends `state` to the sign-out address, as Entra ID does.
    const signedOutAt = new URL(page.url());
    expect(`${signedOutAt.origin}${signedOutAt.pathname}`).toBe(SUBPATH_URL);
    expect(outside).toEqual([]);
  });

  test('folder without slash keeps the query', async ({ page }) => {
    const query = '?view=kiosk&title=IT%20office';

    await page.goto(`${SUBPATH_ORIGIN}${SUBPATH_BASE.slice(0, -1)}${query}`);

    expect(page.url()).toBe(`${SUBPATH_URL}${query}`);
    await expect(page.locator('.app-title')).toHaveText('IT office');
  });

  test('framed folder app signs in through the relay', async ({ host, setAppConfig, emulator }) => {
    void emulator;
    setAppConfig({ allowedHostOrigins: [HOST_PAGE_ORIGIN] });
    await host.open(hostPageUrl({ app: `${SUBPATH_URL}?view=compact&profiles=${PROFILES.csv2024.id}` }));
    const relayOpened = host.page.waitForEvent('popup');

    await host.signIn();

    expect((await relayOpened).url()).toMatch(new RegExp(`^${SUBPATH_URL}popup-relay\\.html`));
    await expect(host.frame().getByRole('article', { name: PROFILES.csv2024.name })).toBeVisible();
  });
});

test.describe('non-secure context', () => {
  test('plain http page shows the HTTPS page', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(`http://${INSECURE_APP_HOST}:${APP_PORT}/?view=compact`);

    await expect(page.getByRole('heading', { name: 'SDS Sync Monitor needs HTTPS' })).toBeVisible();
    await expect(page.getByText(`loaded over plain http:// from ${INSECURE_APP_HOST}:${APP_PORT}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveCount(0);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(requests.filter((url) => url.endsWith('/config.json') || url.startsWith(EMULATOR_ORIGIN))).toEqual([]);
  });

  test('frame in a plain http page shows the HTTPS page', async ({ host, setAppConfig }) => {
    const insecureHostOrigin = `http://${INSECURE_APP_HOST}:${HOST_PAGE_PORT}`;
    setAppConfig({ allowedHostOrigins: [insecureHostOrigin] });

    await host.open(hostPageUrl({ app: APP_URL, hostOrigin: insecureHostOrigin }));

    await expect(host.frame().getByRole('heading', { name: 'SDS Sync Monitor needs HTTPS' })).toBeVisible();
    await expect(host.signInButton()).toHaveCount(0);
  });
});
