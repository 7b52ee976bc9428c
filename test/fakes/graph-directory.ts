/**
 * The two Microsoft Graph directory routes SendAs Watch reads, as the real service answers them:
 * `GET /servicePrincipals?$filter=appId eq '…'&$select=…` (Application.Read.All) and
 * `GET /groups?$filter=mail eq '…'&$select=…` (Group.Read.All). Mounted by the fake Graph
 * (test/fakes/graph.ts), which checks the bearer token first.
 */

export interface FakeServicePrincipal {
  readonly appId: string;
  readonly displayName: string;
}

export interface FakeGroup {
  readonly mail: string;
  /** `["Unified"]` for a Microsoft 365 group. */
  readonly groupTypes: readonly string[];
}

export interface FakeDirectoryRequest {
  readonly route: 'servicePrincipals' | 'groups';
  readonly filter: string | null;
}

export interface FakeDirectory {
  readonly servicePrincipals: FakeServicePrincipal[];
  readonly groups: FakeGroup[];
  readonly requests: FakeDirectoryRequest[];
  /** 403 on every directory route, as when Application.Read.All / Group.Read.All lacks consent. */
  forbidden: boolean;
  /**
   * The reply to a request on `/{version}/{route}`, or null when the path is not a directory route.
   * `authorized` is whether the fake Graph accepted the bearer token.
   */
  answer(method: string, url: URL, authorized: boolean): { readonly status: number; readonly body: unknown } | null;
}

function graphError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message, innerError: { date: new Date(0).toISOString().slice(0, 19), 'request-id': '00000000-0000-4000-8000-000000000000' } } };
}

/** `appId eq 'x'` → x (quotes doubled inside), or null for any other filter. */
function eqValue(filter: string, property: string): string | null {
  const match = new RegExp(`^\\s*${property}\\s+eq\\s+'((?:[^']|'')*)'\\s*$`, 'i').exec(filter);
  return match === null ? null : match[1].replace(/''/g, "'");
}

function selected(item: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (select === null) return item;
  return Object.fromEntries(select.split(',').map((name) => [name.trim(), item[name.trim()] ?? null]));
}

export function createFakeDirectory(data: { servicePrincipals?: FakeServicePrincipal[]; groups?: FakeGroup[] } = {}): FakeDirectory {
  const directory: FakeDirectory = {
    servicePrincipals: data.servicePrincipals ?? [],
    groups: data.groups ?? [],
    requests: [],
    forbidden: false,
    answer(method, url, authorized) {
      const match = /^\/(v1\.0|beta)\/(servicePrincipals|groups)\/?$/.exec(url.pathname);
      if (match === null) return null;
      const route = match[2] as FakeDirectoryRequest['route'];
      const filter = url.searchParams.get('$filter');
      directory.requests.push({ route, filter });
      if (!authorized) return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') };
      if (method !== 'GET') return { status: 405, body: graphError('Request_BadRequest', 'Specified HTTP method is not allowed for the request target.') };
      if (directory.forbidden) return { status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
      const select = url.searchParams.get('$select');
      const context = `${url.origin}/${match[1]}/$metadata#${route}${select === null ? '' : `(${select})`}`;
      if (route === 'servicePrincipals') {
        const appId = filter === null ? null : eqValue(filter, 'appId');
        if (appId === null) return { status: 400, body: graphError('Request_UnsupportedQuery', 'Invalid filter clause') };
        const value = directory.servicePrincipals
          .filter((sp) => sp.appId.toLowerCase() === appId.toLowerCase())
          .map((sp, i) => selected({ id: `5a1f0000-0000-4000-8000-${String(i).padStart(12, '0')}`, appId: sp.appId, displayName: sp.displayName, servicePrincipalType: 'Application' }, select));
        return { status: 200, body: { '@odata.context': context, value } };
      }
      const mail = filter === null ? null : eqValue(filter, 'mail');
      if (mail === null) return { status: 400, body: graphError('Request_UnsupportedQuery', 'Invalid filter clause') };
      const value = directory.groups
        .filter((g) => g.mail.toLowerCase() === mail.toLowerCase())
        .map((g, i) => selected({ id: `6b2e0000-0000-4000-8000-${String(i).padStart(12, '0')}`, mail: g.mail, groupTypes: [...g.groupTypes], mailEnabled: true, securityEnabled: false }, select));
      return { status: 200, body: { '@odata.context': context, value } };
    },
  };
  return directory;
}
