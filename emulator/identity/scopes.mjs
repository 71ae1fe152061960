// Scope parsing and the tenant's admin consent. Graph scopes arrive short (`User.Read`), as a URI
// (`https://graph.microsoft.com/User.Read`) or under Graph's application id. All three name the
// same permission, and comparisons ignore case.
import { GRAPH_APPLICATION_ID } from './directory.mjs';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Scopes of OpenID Connect itself, which need no consent. */
export const OPENID_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Scopes the response's `scope` always carries, as Entra adds them. */
export const RESPONSE_OPENID_SCOPES = ['openid', 'profile', 'offline_access'];

/** Delegated Graph scopes an administrator consented to for the whole tenant, by default. */
export const DEFAULT_CONSENTED_SCOPES = Object.freeze([
  `${GRAPH_RESOURCE}/EduAdministration.Read`,
  `${GRAPH_RESOURCE}/IndustryData-Run.Read.All`,
  `${GRAPH_RESOURCE}/IndustryData-InboundFlow.Read.All`,
  `${GRAPH_RESOURCE}/User.Read`,
]);

export function splitScopes(text) {
  return [...new Set(String(text ?? '').split(/\s+/).filter(Boolean))];
}

/**
 * Classifies one scope string: `{ kind: 'openid' }`, `{ kind: 'graph', shortName }`,
 * `{ kind: 'graphDefault' }` for Graph's `.default`, or `{ kind: 'otherResource', resource }`.
 */
export function classifyScope(scope) {
  if (OPENID_SCOPES.has(scope.toLowerCase())) return { kind: 'openid' };

  const prefixes = [`${GRAPH_RESOURCE}/`, `${GRAPH_APPLICATION_ID}/`];
  const prefix = prefixes.find((candidate) => scope.toLowerCase().startsWith(candidate));
  if (!prefix && scope.includes('/')) {
    return { kind: 'otherResource', resource: scope.slice(0, scope.lastIndexOf('/')) };
  }

  const shortName = prefix ? scope.slice(prefix.length) : scope;
  if (shortName.toLowerCase() === '.default') return { kind: 'graphDefault' };
  return { kind: 'graph', shortName };
}

/**
 * Creates the consent store. `setConsented` takes full scope URIs (or short Graph names) and
 * returns the canonical short names it stored.
 */
export function createConsent(initialScopes = DEFAULT_CONSENTED_SCOPES) {
  let consented = new Map();

  function setConsented(scopes) {
    if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) {
      throw new TypeError('Consented scopes must be an array of scope strings, e.g. ["https://graph.microsoft.com/User.Read"].');
    }
    const next = new Map();
    for (const scope of scopes) {
      const classified = classifyScope(scope);
      if (classified.kind === 'openid') continue;
      if (classified.kind !== 'graph') {
        throw new TypeError(`Scope "${scope}" is not a delegated Microsoft Graph permission. Only Graph scopes can be consented.`);
      }
      next.set(classified.shortName.toLowerCase(), classified.shortName);
    }
    consented = next;
  }

  setConsented(initialScopes);

  return {
    setConsented,
    reset() {
      setConsented(initialScopes);
    },
    /** Returns the full URIs of the consented scopes. */
    list() {
      return [...consented.values()].map((shortName) => `${GRAPH_RESOURCE}/${shortName}`);
    },

    /**
     * Splits requested scopes into what the tenant consented to and what it did not.
     * `granted` contains `{ requested, shortName }` with the scope spelled as the client sent it,
     * and `.default` grants every consented scope. `otherResources` lists scopes of other APIs.
     */
    evaluate(requestedScopes) {
      const granted = [];
      const missing = [];
      const otherResources = [];
      for (const requested of requestedScopes) {
        const classified = classifyScope(requested);
        if (classified.kind === 'openid') continue;
        if (classified.kind === 'otherResource') {
          otherResources.push(requested);
        } else if (classified.kind === 'graphDefault') {
          for (const shortName of consented.values()) {
            granted.push({ requested: `${GRAPH_RESOURCE}/${shortName}`, shortName });
          }
        } else {
          const shortName = consented.get(classified.shortName.toLowerCase());
          if (shortName) granted.push({ requested, shortName });
          else missing.push(requested);
        }
      }
      return { granted: uniqueByShortName(granted), missing, otherResources };
    },
  };
}

function uniqueByShortName(grants) {
  const seen = new Set();
  return grants.filter((grant) => {
    const key = grant.shortName.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Builds the `scope` string of a token response: the granted scopes as requested, then OIDC's. */
export function formatResponseScope(grants) {
  const scopes = grants.map((grant) => grant.requested);
  for (const scope of RESPONSE_OPENID_SCOPES) {
    if (!scopes.some((existing) => existing.toLowerCase() === scope)) scopes.push(scope);
  }
  return scopes.join(' ');
}
