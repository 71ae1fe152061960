import { EmbeddingHost } from './embedding-host';
import { HOST_PAGE_PORT, SUBPATH_ORIGIN } from './embedding-environment';
import { APP_ORIGIN } from './environment';
import { test as base, expect } from './fixtures';
import { startHostPageServer } from './host-page-server';

interface Fixtures {
  /** The test intranet page and the dashboard it frames. */
  host: EmbeddingHost;
}

interface WorkerFixtures {
  /** The server of the test intranet pages, on another site than the app. It starts once per worker. */
  hostPageServer: void;
}

/** The shared fixtures, plus a host page server that may frame both app servers. */
export const test = base.extend<Fixtures, WorkerFixtures>({
  hostPageServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startHostPageServer(HOST_PAGE_PORT, [APP_ORIGIN, SUBPATH_ORIGIN]);
      await use();
      await server.close();
    },
    { scope: 'worker', auto: true },
  ],
  host: async ({ page }, use) => {
    await use(new EmbeddingHost(page));
  },
});

export { expect };
