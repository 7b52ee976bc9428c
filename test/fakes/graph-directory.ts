/**
 * The Microsoft Graph directory routes SendAs Watch reads, as the real service answers them:
 * `GET /servicePrincipals?$filter=appId eq '…'&$select=…` (Application.Read.All),
 * `GET /groups?$filter=mail eq '…'&$select=…` (Group.Read.All),
 * `GET /users/{id | userPrincipalName}?$select=…` (User.Read.All) and
 * `GET /users/{id | userPrincipalName}/mailboxSettings?$select=userPurpose` (MailboxSettings.Read).
 * A user that does not exist is a 404 `Request_ResourceNotFound`; a user without an Exchange Online
 * mailbox answers mailboxSettings with a 404 `MailboxNotEnabledForRESTAPI`. Mounted by the fake Graph
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

export interface FakeUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly jobTitle?: string | null;
  readonly department?: string | null;
  readonly accountEnabled: boolean;
  readonly userType: 'Member' | 'Guest';
  /** mailboxSettings.userPurpose; absent when the user has no Exchange Online mailbox. */
  readonly userPurpose?: 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others';
}

export interface FakeDirectoryRequest {
  readonly route: 'servicePrincipals' | 'groups' | 'users' | 'mailboxSettings';
  readonly filter: string | null;
  /** The `{id | userPrincipalName}` segment of a users route, decoded. */
  readonly user?: string;
}

export interface FakeDirectory {
  readonly servicePrincipals: FakeServicePrincipal[];
  readonly groups: FakeGroup[];
  readonly users: FakeUser[];
  readonly requests: FakeDirectoryRequest[];
  /** 403 on every directory route, as when Application.Read.All / Group.Read.All lacks consent. */
  forbidden: boolean;
  /** 403 on mailboxSettings only, as when MailboxSettings.Read alone lacks consent. */
  mailboxSettingsForbidden: boolean;
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

function userReply(directory: FakeDirectory, url: URL, version: string, key: string, settings: boolean): { readonly status: number; readonly body: unknown } {
  const user = directory.users.find((u) => u.id.toLowerCase() === key.toLowerCase() || u.userPrincipalName.toLowerCase() === key.toLowerCase());
  if (user === undefined) return { status: 404, body: graphError('Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`) };
  const select = url.searchParams.get('$select');
  if (settings) {
    if (directory.mailboxSettingsForbidden) return { status: 403, body: graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.') };
    if (user.userPurpose === undefined) return { status: 404, body: graphError('MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.') };
    const context = `${url.origin}/${version}/$metadata#users('${user.id}')/mailboxSettings${select === null ? '' : `(${select})`}`;
    return { status: 200, body: { '@odata.context': context, ...selected({ userPurpose: user.userPurpose, timeZone: 'Tokyo Standard Time', language: { locale: 'ja-JP', displayName: 'Japanese (Japan)' } }, select) } };
  }
  const { userPurpose: _purpose, ...properties } = user;
  const context = `${url.origin}/${version}/$metadata#users${select === null ? '' : `(${select})`}/$entity`;
  return { status: 200, body: { '@odata.context': context, ...selected({ ...properties, jobTitle: user.jobTitle ?? null, department: user.department ?? null, mail: user.userPrincipalName }, select) } };
}

export function createFakeDirectory(data: { servicePrincipals?: FakeServicePrincipal[]; groups?: FakeGroup[]; users?: FakeUser[] } = {}): FakeDirectory {
  const directory: FakeDirectory = {
    servicePrincipals: data.servicePrincipals ?? [],
    groups: data.groups ?? [],
    users: data.users ?? [],
    requests: [],
    forbidden: false,
    mailboxSettingsForbidden: false,
    answer(method, url, authorized) {
      const userMatch = /^\/(v1\.0|beta)\/users\/([^/]+)(\/mailboxSettings)?\/?$/.exec(url.pathname);
      if (userMatch !== null) {
        const key = decodeURIComponent(userMatch[2]);
        const settings = userMatch[3] !== undefined;
        directory.requests.push({ route: settings ? 'mailboxSettings' : 'users', filter: null, user: key });
        if (!authorized) return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') };
        if (method !== 'GET') return { status: 405, body: graphError('Request_BadRequest', 'Specified HTTP method is not allowed for the request target.') };
        if (directory.forbidden) return { status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
        return userReply(directory, url, userMatch[1], key, settings);
      }
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
