// A plain static file server for the production build, used by the demo and the
// end-to-end tests. It can serve the app under a sub-path only, replace config.json with
// another file, and sends the strict Content-Security-Policy the app is built to work under.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Builds the Content-Security-Policy for a deployment from its config: scripts and styles
 * only from the app's own origin, network requests only to Graph and the sign-in host.
 */
export function contentSecurityPolicy(config) {
  const origins = new Set();
  for (const url of [config.graphBaseUrl ?? 'https://graph.microsoft.com', config.authority]) {
    if (typeof url === 'string') {
      origins.add(new URL(url).origin);
    }
  }
  if (typeof config.tenantId === 'string' && config.authority === undefined) {
    origins.add('https://login.microsoftonline.com');
  }
  if (typeof config.authorityMetadata === 'string') {
    const metadata = JSON.parse(config.authorityMetadata);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'end_session_endpoint']) {
      if (typeof metadata[key] === 'string') {
        origins.add(new URL(metadata[key]).origin);
      }
    }
  }
  const remote = [...origins].join(' ');
  const hosts = Array.isArray(config.allowedHostOrigins) ? config.allowedHostOrigins.join(' ') : '';

  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${remote}`,
    // 'self': MSAL's hidden-iframe renewal ends on redirect.html, and the example host page frames the app.
    `frame-src 'self' ${remote}`,
    `frame-ancestors 'self' ${hosts}`.trim(),
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Starts the server. `basePath` ('/' or a path such as '/sites/it/sync/') is where the app
 * lives; nothing is served outside it. `configPath`, when set, is served as config.json.
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1', basePath = '/', configPath, log = false }) {
  const rootDirectory = resolve(root);
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const configFile = configPath ?? join(rootDirectory, 'config.json');
  // Read at every request, so a deployment (or a test) can change settings without a restart.
  const readConfig = async () => {
    const text = await readFile(configFile, 'utf8').catch((error) => {
      console.error(`config file ${configFile} could not be read (${error.code ?? error.message}); serving 404 for config.json`);
      return null;
    });
    let csp;
    try {
      csp = contentSecurityPolicy(JSON.parse(text ?? '{}'));
    } catch {
      csp = contentSecurityPolicy({});
    }
    return { text, csp };
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const { text: configText, csp } = await readConfig();
    const status = await serve(url.pathname);
    if (log) {
      console.log(`${request.method} ${url.pathname} ${status}`);
    }

    async function serve(pathname) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(405, 'text/plain; charset=utf-8', 'Method not allowed');
      }
      if (pathname === base.slice(0, -1)) {
        // The query carries the view and the watched items of a deep link, so it moves along.
        response.writeHead(301, { Location: `${base}${url.search}` });
        response.end();
        return 301;
      }
      if (!pathname.startsWith(base)) {
        return send(404, 'text/plain; charset=utf-8', 'Not found');
      }

      const relativePath = decodeURIComponent(pathname.slice(base.length)) || 'index.html';
      if (relativePath === 'config.json') {
        return configText === null ? send(404, 'text/plain; charset=utf-8', 'Not found') : send(200, CONTENT_TYPES['.json'], configText);
      }

      const filePath = normalize(join(rootDirectory, relativePath));
      if (!filePath.startsWith(rootDirectory + sep)) {
        return send(404, 'text/plain; charset=utf-8', 'Not found');
      }
      const info = await stat(filePath).catch(() => undefined);
      if (info === undefined || !info.isFile()) {
        return send(404, 'text/plain; charset=utf-8', 'Not found');
      }

      const type = CONTENT_TYPES[extname(filePath)] ?? 'application/octet-stream';
      response.writeHead(200, { ...securityHeaders(type, csp), 'Cache-Control': cacheControl(relativePath) });
      if (request.method === 'HEAD') {
        response.end();
      } else {
        createReadStream(filePath).pipe(response);
      }
      return 200;
    }

    function send(code, type, body) {
      response.writeHead(code, { ...securityHeaders(type, csp), 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
      return code;
    }
  });

  function securityHeaders(type, csp) {
    const headers = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = csp;
    }
    return headers;
  }

  await new Promise((resolveListen) => server.listen(port, host, resolveListen));
  const address = server.address();
  return {
    origin: `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`,
    port: address.port,
    close: () => new Promise((resolveClose) => server.close(resolveClose)),
  };
}

/** Hashed assets never change; everything else is revalidated so a new config or build shows at once. */
function cacheControl(relativePath) {
  return relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4280' },
      host: { type: 'string', default: '127.0.0.1' },
      base: { type: 'string', default: '/' },
      config: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const server = await startStaticServer({
    root: values.root,
    port: Number(values.port),
    host: values.host,
    basePath: values.base,
    configPath: values.config,
    log: values.verbose,
  });
  console.log(`static server ready ${server.origin}${values.base}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
