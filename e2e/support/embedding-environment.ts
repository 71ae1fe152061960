import { APP_PORT } from './environment';

// Ports and addresses of the embedding and hosting tests. Each port can be set by its own
// variable; by default it follows E2E_APP_PORT, so runs on other ports do not collide.

/** Server of the test intranet pages that frame the dashboard, on 127.0.0.1: another site than the app. */
export const HOST_PAGE_PORT = Number(process.env.E2E_HOST_PAGE_PORT ?? APP_PORT + 3);
export const HOST_PAGE_ORIGIN = `http://127.0.0.1:${HOST_PAGE_PORT}`;
/** The same server under the name localhost: the same site as the app, though another origin. */
export const SAME_SITE_HOST_PAGE_ORIGIN = `http://localhost:${HOST_PAGE_PORT}`;

/** Second app server, which serves the build only under a folder, as an intranet site would. */
export const SUBPATH_PORT = Number(process.env.E2E_SUBPATH_PORT ?? APP_PORT + 4);
export const SUBPATH_BASE = '/sites/it/sync/';
export const SUBPATH_ORIGIN = `http://localhost:${SUBPATH_PORT}`;
export const SUBPATH_URL = `${SUBPATH_ORIGIN}${SUBPATH_BASE}`;

/**
 * A host name that the browser of the embedding project resolves to 127.0.0.1. A plain http
 * page on a name other than localhost is not a secure context, as on a real intranet.
 */
export const INSECURE_APP_HOST = 'sds-app.test';
