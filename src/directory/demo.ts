import type { MailboxKind } from '../classify/context';
import type { DemoTenant } from '../audit/demo/tenant';
import { DEMO_GUEST, buildDemoTenant, departedDelegation } from '../audit/demo/tenant';
import { seedFrom } from '../audit/demo/random';
import type { DirectoryLookup, Lookup, Person } from './lookup';
import { known } from './lookup';

/** Directory data, as Entra holds it (not words of ours): the demo's job titles and departments. */
const DEPARTMENTS = ['Finance', 'Sales', 'Support', 'Human Resources', 'Legal', 'Engineering', 'Marketing', 'Operations'] as const;
const JOB_TITLES = ['Analyst', 'Specialist', 'Manager', 'Coordinator', 'Engineer', 'Assistant'] as const;

const NOT_FOUND = { kind: 'unknown', why: 'not-found' } as const;

/** `alex.wilber2@contoso.com` → `Alex Wilber`. */
function displayNameOf(address: string): string {
  const local = address.slice(0, address.indexOf('@')).replace(/\d+$/, '');
  return local
    .split(/[._-]/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}

/**
 * The demo tenant's directory, so `npm start` without Graph shows people and mailbox kinds as Graph
 * would: its users are members with a job title and department (drawn from the address, so the same
 * every run), one delegate's account is disabled (they left; their sends go on), a planted guest
 * sends as the support mailbox, and its shared mailboxes, groups and apps are what the tenant made them.
 */
export class DemoDirectory implements DirectoryLookup {
  private readonly people = new Map<string, Person>();
  private readonly kinds = new Map<string, MailboxKind>();
  private readonly apps = new Map<string, string>();

  constructor(tenant: DemoTenant) {
    const departed = departedDelegation(tenant)?.actor;
    for (const user of tenant.users) {
      const hash = seedFrom(user);
      const department = DEPARTMENTS[hash % DEPARTMENTS.length];
      this.people.set(user, {
        displayName: user.startsWith('ceo@') ? 'Chief Executive Officer' : displayNameOf(user),
        jobTitle: user.startsWith('ceo@') ? 'CEO' : `${department} ${JOB_TITLES[Math.floor(hash / DEPARTMENTS.length) % JOB_TITLES.length]}`,
        department: user.startsWith('ceo@') ? 'Executive' : department,
        accountEnabled: user !== departed,
        guest: false,
      });
      this.kinds.set(user, 'person');
    }
    this.people.set(DEMO_GUEST.toLowerCase(), { displayName: 'Kai Lindqvist (Fabrikam)', jobTitle: null, department: null, accountEnabled: true, guest: true });
    for (const mailbox of tenant.sharedMailboxes) this.kinds.set(mailbox, 'shared');
    for (const group of tenant.groups) this.kinds.set(group, 'group');
    for (const sp of tenant.servicePrincipals) {
      this.kinds.set(sp.sentAs, 'shared');
      this.apps.set(sp.appId, sp.name);
    }
  }

  appName(appId: string): Promise<Lookup<string>> {
    const name = this.apps.get(appId.trim().toLowerCase());
    return Promise.resolve(name === undefined ? NOT_FOUND : known(name));
  }

  mailboxKind(address: string): Promise<Lookup<MailboxKind>> {
    const kind = this.kinds.get(address.trim().toLowerCase());
    return Promise.resolve(kind === undefined ? NOT_FOUND : known(kind));
  }

  personOf(address: string): Promise<Lookup<Person>> {
    const person = this.people.get(address.trim().toLowerCase());
    return Promise.resolve(person === undefined ? NOT_FOUND : known(person));
  }
}

/** The directory of the demo tenant of this size and seed. */
export function demoDirectory(users: number, seed: number | string): DemoDirectory {
  return new DemoDirectory(buildDemoTenant(users, seed));
}
