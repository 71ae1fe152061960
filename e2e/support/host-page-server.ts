import { createServer } from 'node:http';

import { HOST_PAGE_ORIGIN } from './embedding-environment';

/** The iframe's `sandbox` tokens that docs/embedding.md recommends for intranet pages. */
export const DOCUMENTED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms';

export interface HostPageOptions {
  /** The dashboard's address, used as the iframe's `src`. */
  app: string;
  /** The iframe's `sandbox` tokens, `DOCUMENTED_SANDBOX` by default. Null leaves the attribute out. */
  sandbox?: string | null;
  /** Origin of the host page: `HOST_PAGE_ORIGIN` (another site than the app) by default. */
  hostOrigin?: string;
}

/** Address of a test intranet page on the host page server that frames `options.app`. */
export function hostPageUrl(options: HostPageOptions): string {
  const url = new URL('/host.html', options.hostOrigin ?? HOST_PAGE_ORIGIN);
  url.searchParams.set('app', options.app);
  const sandbox = options.sandbox === undefined ? DOCUMENTED_SANDBOX : options.sandbox;
  if (sandbox !== null) {
    url.searchParams.set('sandbox', sandbox);
  }
  return url.href;
}

export interface HostPageServer {
  close(): Promise<void>;
}

/**
 * Starts the server of the test intranet page. `/host.html` frames the dashboard named by
 * `?app=` with the markup of docs/embedding.md and loads `embed/sds-embed.js` from the
 * dashboard's folder. Its Content-Security-Policy allows scripts and frames only from
 * `appOrigins`, as the guide recommends for a host page, so the host script is tested under a
 * strict policy. Any other path, or an `app` on another origin, gets an error status.
 */
export async function startHostPageServer(port: number, appOrigins: string[]): Promise<HostPageServer> {
  const sources = appOrigins.join(' ');
  const policy = `default-src 'none'; script-src ${sources}; frame-src ${sources}; base-uri 'none'; form-action 'none'`;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', HOST_PAGE_ORIGIN);
    if (url.pathname !== '/host.html') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`No test page at ${url.pathname}; use /host.html?app=<dashboard address>.`);
      return;
    }

    const app = appAddress(url.searchParams.get('app'), appOrigins);
    if (app === null) {
      response
        .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Invalid ?app=${url.searchParams.get('app') ?? ''}: expected a dashboard address on ${appOrigins.join(' or ')}.`);
      return;
    }

    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' });
    response.end(hostPage(app, url.searchParams.get('sandbox')));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function appAddress(text: string | null, appOrigins: string[]): URL | null {
  if (text === null) {
    return null;
  }
  try {
    const url = new URL(text);
    return appOrigins.includes(url.origin) ? url : null;
  } catch {
    return null;
  }
}

function hostPage(app: URL, sandbox: string | null): string {
  const embedScript = new URL('embed/sds-embed.js', app);
  const sandboxAttribute = sandbox === null ? '' : ` sandbox="${escapeHtml(sandbox)}"`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Test intranet page</title>
    <script src="${escapeHtml(embedScript.href)}" defer></script>
  </head>
  <body>
    <h1>Test intranet page</h1>
    <iframe
      data-sds-sync-monitor
      src="${escapeHtml(app.href)}"
      title="School Data Sync status"${sandboxAttribute}
      referrerpolicy="strict-origin"
      width="960"
      height="480"
    ></iframe>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
