import { parseConfig, type ConfigResult } from './schema';

/**
 * Fetches config.json next to the app and validates it. Never throws: a missing file,
 * invalid JSON and invalid settings all come back as issues for the error page.
 */
export async function loadConfig(url: URL = new URL('config.json', document.baseURI)): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return fileIssue(`${url.pathname} could not be downloaded (network error). Check that the web server is reachable.`);
  }

  if (!response.ok) {
    return fileIssue(
      `${url.pathname} could not be downloaded (HTTP ${response.status}). Put config.json next to index.html.`,
    );
  }

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return fileIssue(`${url.pathname} is not valid JSON. Check it for a missing comma or quote.`);
  }
  return parseConfig(json);
}

function fileIssue(message: string): ConfigResult {
  return { ok: false, issues: [{ key: 'config.json', message }] };
}
