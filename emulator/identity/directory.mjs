// The emulated tenant's directory: its id, domain and the two accounts that can sign in.
// All names and ids are invented.

export const DEFAULT_TENANT_ID = '7d3f1c2a-58e4-4b6a-9c1d-2e8f5a0b6c43';
export const TENANT_DOMAIN = 'fabrikamschools.example';
export const TENANT_DISPLAY_NAME = 'Fabrikam Schools';

/** Application id of Microsoft Graph, the `aud` of Graph access tokens. */
export const GRAPH_APPLICATION_ID = '00000003-0000-0000-c000-000000000000';

/** Directory role template ids as they appear in the `wids` claim. */
export const ROLE_TEMPLATE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  // Every member user carries this one.
  defaultUser: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
};

/** Role templates that let an account read School Data Sync through Graph. */
export const ADMIN_ROLE_TEMPLATE_IDS = new Set([ROLE_TEMPLATE_IDS.globalAdministrator]);

export const ACCOUNTS = Object.freeze([
  Object.freeze({
    objectId: '5b1e9c3d-2f4a-4e8b-a7c6-0d9e8f1a2b3c',
    displayName: 'Avery Howard',
    givenName: 'Avery',
    surname: 'Howard',
    userPrincipalName: `avery.howard@${TENANT_DOMAIN}`,
    roleDescription: 'School Data Sync administrator (Global Administrator)',
    roleTemplateIds: Object.freeze([ROLE_TEMPLATE_IDS.globalAdministrator, ROLE_TEMPLATE_IDS.defaultUser]),
  }),
  Object.freeze({
    objectId: 'c4a2e8f6-1b3d-4f5a-8e7c-9d0b1a2c3e4f',
    displayName: 'Riley Chen',
    givenName: 'Riley',
    surname: 'Chen',
    userPrincipalName: `riley.chen@${TENANT_DOMAIN}`,
    roleDescription: 'Teacher, no administrator role',
    roleTemplateIds: Object.freeze([ROLE_TEMPLATE_IDS.defaultUser]),
  }),
]);

export function findAccount(objectId) {
  return ACCOUNTS.find((account) => account.objectId === objectId) ?? null;
}

export function isAdministrator(roleTemplateIds) {
  return (roleTemplateIds ?? []).some((id) => ADMIN_ROLE_TEMPLATE_IDS.has(id));
}
