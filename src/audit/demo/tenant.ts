import type { Category } from '../../classify/category';
import type { Operation } from '../event';
import { FIRST_NAMES, GROUP_MAILBOXES, LAST_NAMES, SHARED_MAILBOXES, SUBJECTS, CONNECTOR_SUBJECTS } from './names';
import { Random, seedFrom } from './random';
import type { SendRecordSpec } from './records';
import { APP_IDS, CLIENT_STRINGS, sendAuditData } from './records';

export const DEMO_DOMAIN = 'contoso.com';
export const DEMO_ORGANIZATION_ID = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** How each demo record came about; the classifier never sees this. */
export type Scenario =
  | 'delegate-owa'
  | 'delegate-desktop'
  | 'delegate-ews'
  | 'delegate-spoofed-agent'
  | 'on-behalf-assistant'
  | 'owner-mobile'
  | 'owner-new-outlook'
  | 'connector'
  | 'app-service-principal'
  | 'system-group'
  | 'unknown-actor';

/** Anomalies planted near the end of the history, for detectors to find. */
export type PlantedAnomaly = 'new-delegate' | 'external-actor' | 'spike' | 'risky-client' | 'new-country' | 'disabled-account' | 'guest-actor';

export interface DemoTruth {
  readonly id: string;
  readonly category: Category;
  readonly scenario: Scenario;
  readonly anomaly?: PlantedAnomaly;
  /** When the record becomes searchable: Exchange events arrive minutes to a day late. */
  readonly arrival: string;
}

export interface DemoRecord {
  readonly auditData: Record<string, unknown>;
  readonly truth: DemoTruth;
}

export interface DemoOptions {
  readonly users?: number;
  readonly days?: number;
  readonly seed?: number | string;
  /** The end of the history (exclusive); the generator never reads the clock. */
  readonly end: Date;
  /** Stop after this many records. */
  readonly limit?: number;
  /** Plant the anomalies (default true); a clean tenant is the detectors' control group. */
  readonly plantAnomalies?: boolean;
}

export interface Delegation {
  readonly actor: string;
  readonly mailbox: string;
  readonly operation: Operation;
  readonly scenario: 'delegate-owa' | 'delegate-desktop' | 'delegate-ews' | 'on-behalf-assistant';
  /** Opened the shared mailbox directly (MailboxOwnerUPN = the shared mailbox) or sent from their own. */
  readonly direct: boolean;
  readonly ip: string;
}

interface Connector {
  readonly creator: string;
  readonly group: string;
}

export interface DemoTenant {
  readonly domain: string;
  readonly users: readonly string[];
  readonly sharedMailboxes: readonly string[];
  readonly groups: readonly string[];
  readonly delegations: readonly Delegation[];
  readonly mobileOwners: ReadonlyMap<string, 'owner-mobile' | 'owner-new-outlook'>;
  readonly connectors: readonly Connector[];
  readonly servicePrincipals: readonly { actor: string; appId: string; sentAs: string; name: string }[];
  readonly externalActor: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** MC382148: no SendAs / SendOnBehalf events were generated in this window; the demo honours it. */
const OUTAGE_FROM = Date.parse('2022-01-28T00:00:00Z');
const OUTAGE_TO = Date.parse('2022-03-27T00:00:00Z');

const SCENARIO_CATEGORY: Readonly<Record<Scenario, Category>> = {
  'delegate-owa': 'delegate',
  'delegate-desktop': 'delegate',
  'delegate-ews': 'delegate',
  'delegate-spoofed-agent': 'delegate',
  'on-behalf-assistant': 'delegate',
  'owner-mobile': 'owner-misreport',
  'owner-new-outlook': 'owner-misreport',
  connector: 'connector',
  'app-service-principal': 'application',
  'system-group': 'application',
  'unknown-actor': 'unknown',
};

/**
 * The planted new country: one finance@ delegate always sends from a real United States address
 * (AT&T, AS7018), every other address in the demo being a documentation one with no country, and on
 * the planted day twice from Brazil (NIC.br, AS22548).
 */
export const TRAVELLER_HOME_IP = '12.145.10.1';
export const TRAVELLER_ABROAD_IP = '200.160.2.3';

/**
 * The planted guest: a B2B account's UserId is the guest UPN Entra gives it in the tenant's initial
 * domain. The demo directory (src/directory/demo.ts) knows it as a guest.
 */
export const DEMO_GUEST = 'kai.lindqvist_fabrikam.com#EXT#@contoso.onmicrosoft.com';

/**
 * The delegate whose account the demo directory says is disabled (someone who left): the first
 * non-EWS delegate of the last shared mailbox, chosen without a random draw so the tenant stays as
 * the seed makes it. Their sends as that mailbox go on until the last day.
 */
export function departedDelegation(tenant: Pick<DemoTenant, 'delegations' | 'sharedMailboxes'>): Delegation | undefined {
  const mailbox = tenant.sharedMailboxes[tenant.sharedMailboxes.length - 1];
  return tenant.delegations.find((d) => d.mailbox === mailbox && d.operation === 'SendAs' && d.scenario !== 'delegate-ews');
}

function testNetIp(random: Random): string {
  return `${random.pick(['192.0.2', '198.51.100', '203.0.113'])}.${random.int(1, 254)}`;
}

/** The people, mailboxes and habits of a demo tenant; the same seed gives the same tenant. */
export function buildDemoTenant(userCount: number, seed: number | string): DemoTenant {
  const random = new Random(seedFrom(seed));
  const users: string[] = [];
  const seen = new Set<string>();
  while (users.length < userCount) {
    const base = `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}`;
    // The first person is the executive the README's examples ask about (ceo@); the name is still drawn,
    // so the rest of the tenant stays as the seed makes it.
    let upn = users.length === 0 ? `ceo@${DEMO_DOMAIN}` : `${base}@${DEMO_DOMAIN}`;
    for (let n = 2; seen.has(upn); n += 1) upn = `${base}${n}@${DEMO_DOMAIN}`;
    seen.add(upn);
    users.push(upn);
  }
  const sharedCount = Math.max(4, Math.round(userCount / 20));
  const sharedMailboxes = Array.from({ length: sharedCount }, (_, i) =>
    `${i < SHARED_MAILBOXES.length ? SHARED_MAILBOXES[i] : `shared-${i + 1}`}@${DEMO_DOMAIN}`,
  );
  const groupCount = Math.max(2, Math.round(userCount / 25));
  const groups = Array.from({ length: groupCount }, (_, i) =>
    `${i < GROUP_MAILBOXES.length ? GROUP_MAILBOXES[i] : `group-${i + 1}`}@${DEMO_DOMAIN}`,
  );

  const delegations: Delegation[] = [];
  for (const mailbox of sharedMailboxes) {
    const count = random.int(2, 5);
    const members = new Set<string>();
    while (members.size < Math.min(count, users.length)) members.add(random.pick(users));
    for (const actor of members) {
      const roll = random.next();
      const scenario = roll < 0.6 ? 'delegate-owa' : roll < 0.95 ? 'delegate-desktop' : 'delegate-ews';
      delegations.push({ actor, mailbox, operation: 'SendAs', scenario, direct: random.chance(0.5), ip: testNetIp(random) });
    }
  }
  const traveller = delegations.findIndex((d) => d.mailbox === sharedMailboxes[0] && d.scenario !== 'delegate-ews');
  if (traveller >= 0) delegations[traveller] = { ...delegations[traveller], ip: TRAVELLER_HOME_IP };
  // Executives' assistants send on behalf of them.
  const execCount = Math.max(1, Math.round(userCount / 100));
  for (let i = 0; i < execCount && users.length > 1; i += 1) {
    const exec = users[i];
    const assistant = users[users.length - 1 - i];
    delegations.push({ actor: assistant, mailbox: exec, operation: 'SendOnBehalf', scenario: 'on-behalf-assistant', direct: false, ip: testNetIp(random) });
  }

  const mobileOwners = new Map<string, 'owner-mobile' | 'owner-new-outlook'>();
  for (const user of users) {
    if (random.chance(0.35)) mobileOwners.set(user, random.chance(0.7) ? 'owner-mobile' : 'owner-new-outlook');
  }
  const connectors = groups.filter(() => random.chance(0.5)).map((group) => ({ creator: random.pick(users), group }));
  if (connectors.length === 0) connectors.push({ creator: users[0], group: groups[0] });
  const spCount = 1 + Math.floor(userCount / 500);
  const servicePrincipals = Array.from({ length: spCount }, (_, i) => {
    const appId = random.guid();
    return { actor: `ServicePrincipal_${appId}`, appId, sentAs: `${i === 0 ? 'noreply' : `alerts-${i}`}@${DEMO_DOMAIN}`, name: i === 0 ? 'Contoso Invoice Mailer' : `Contoso Alerts ${i}` };
  });
  return withDocumentedDelegate({
    domain: DEMO_DOMAIN,
    users,
    sharedMailboxes,
    groups,
    delegations,
    mobileOwners,
    connectors,
    servicePrincipals,
    externalActor: 'megan.bowen@fabrikam.com',
  });
}

/** The delegate the README's examples ask about ("what did alex send as"): one name, whatever the seed. */
export const DOCUMENTED_DELEGATE = `alex@${DEMO_DOMAIN}`;

/**
 * Renames the first finance@ delegate (not the executive, not an assistant) to alex@, after every draw,
 * so the rest of the tenant stays as the seed makes it and the README's "alex" names exactly one person.
 */
function withDocumentedDelegate(tenant: DemoTenant): DemoTenant {
  const assistants = new Set(tenant.delegations.filter((d) => d.operation === 'SendOnBehalf').map((d) => d.actor));
  const chosen = tenant.delegations.find(
    (d) => d.mailbox === tenant.sharedMailboxes[0] && d.scenario !== 'delegate-ews' && d.actor !== tenant.users[0] && !assistants.has(d.actor),
  );
  if (chosen === undefined) return tenant;
  const renamed = (address: string): string => (address === chosen.actor ? DOCUMENTED_DELEGATE : address);
  return {
    ...tenant,
    users: tenant.users.map(renamed),
    delegations: tenant.delegations.map((d) => ({ ...d, actor: renamed(d.actor) })),
    // Same order: generateDay draws per owner in this order.
    mobileOwners: new Map([...tenant.mobileOwners].map(([owner, habit]) => [renamed(owner), habit])),
    connectors: tenant.connectors.map((c) => ({ ...c, creator: renamed(c.creator) })),
  };
}

interface Pending {
  readonly spec: Omit<SendRecordSpec, 'id' | 'organizationId'>;
  readonly scenario: Scenario;
  readonly anomaly?: PlantedAnomaly;
  /** A documented event's fixed id; its record is drawn from its own seed, leaving the day's draws alone. */
  readonly documentedId?: string;
}

/**
 * Events with ids that do not move with time, for the README's examples (`explain 1b4e28ba-…`): each
 * kind of record an admin asks the explain card about.
 */
export const DOCUMENTED_EVENTS = {
  /** alex@ sends as finance@ with their usual client: a genuine delegate. */
  delegate: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  /** The CEO's assistant sends on behalf of ceo@. */
  onBehalf: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  /** An owner's own send from Outlook Mobile, logged as SendAs: an owner misreport. */
  ownerMisreport: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  /** Exchange recorded the actor by display name ("Alex Wilber"): unknown. */
  displayNameActor: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
} as const;

/**
 * The documented events, on the last weekday before the planted anomalies' day (so they are in "last 7
 * days" answers, in office hours, and never part of an anomaly); a history that restarts later keeps the
 * first copy, since the store ignores an id it has.
 */
function documentedEvents(tenant: DemoTenant, dayStart: number, seed: number | string): Pending[] {
  const random = new Random(seedFrom(`${String(seed)}:documented`));
  const at = (minutes: number): Date => new Date(dayStart + 10 * HOUR + minutes * 60_000);
  const out: Pending[] = [];
  const alex = tenant.delegations.find((d) => d.actor === DOCUMENTED_DELEGATE);
  if (alex !== undefined) {
    out.push({ documentedId: DOCUMENTED_EVENTS.delegate, scenario: scenarioOf(tenant, alex), spec: delegateSend(alex, at(12), random, undefined, tenant) });
  }
  const assistant = tenant.delegations.find((d) => d.operation === 'SendOnBehalf');
  if (assistant !== undefined) {
    out.push({ documentedId: DOCUMENTED_EVENTS.onBehalf, scenario: assistant.scenario, spec: delegateSend(assistant, at(41), random, undefined, tenant) });
  }
  const mobileOwner = [...tenant.mobileOwners].find(([, habit]) => habit === 'owner-mobile')?.[0];
  if (mobileOwner !== undefined) {
    out.push({
      documentedId: DOCUMENTED_EVENTS.ownerMisreport,
      scenario: 'owner-mobile',
      spec: {
        time: at(65), operation: 'SendAs', actor: mobileOwner, mailbox: mobileOwner, sentAs: mobileOwner, client: CLIENT_STRINGS.outlookIos,
        clientIp: '2001:db8:5e0d::17', logonType: 2, userType: 0, appId: APP_IDS.outlookMobile, externalAccess: false,
        subject: random.pick(SUBJECTS), recipients: { colleagues: tenant.users.slice(0, 40), external: 'always' },
      },
    });
  }
  const finance = tenant.sharedMailboxes[0];
  out.push({
    documentedId: DOCUMENTED_EVENTS.displayNameActor,
    scenario: 'unknown-actor',
    spec: {
      time: at(93), operation: 'SendAs', actor: 'Alex Wilber', mailbox: finance, sentAs: finance, client: CLIENT_STRINGS.owa,
      clientIp: testNetIp(random), logonType: 2, userType: 0, appId: APP_IDS.exchangeOnline, externalAccess: false, subject: random.pick(SUBJECTS),
    },
  });
  return out;
}

function isWeekday(dayStart: number): boolean {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The first EWS delegation of a tenant sends with a user agent that calls itself a connector: the
 * spoofed-agent case the classifier must see through. Chosen without a random draw, so every other
 * record of the tenant stays what it was.
 */
function isSpoofedAgent(tenant: Pick<DemoTenant, 'delegations'>, d: Delegation): boolean {
  return tenant.delegations.find((other) => other.scenario === 'delegate-ews') === d;
}

function scenarioOf(tenant: Pick<DemoTenant, 'delegations'>, d: Delegation): Scenario {
  return isSpoofedAgent(tenant, d) ? 'delegate-spoofed-agent' : d.scenario;
}

function delegateSend(d: Delegation, time: Date, random: Random, client?: string, tenant?: Pick<DemoTenant, 'delegations' | 'users'>): Pending['spec'] {
  const defaultClient =
    d.scenario === 'delegate-desktop' || d.scenario === 'on-behalf-assistant'
      ? CLIENT_STRINGS.desktop
      : d.scenario === 'delegate-ews'
        ? tenant !== undefined && isSpoofedAgent(tenant, d) ? CLIENT_STRINGS.spoofedConnectorAgent : CLIENT_STRINGS.emClient
        : random.chance(0.5) ? CLIENT_STRINGS.owa : CLIENT_STRINGS.owaBrowser;
  return {
    time,
    operation: d.operation,
    actor: d.actor,
    mailbox: d.direct ? d.mailbox : d.actor,
    sentAs: d.mailbox,
    client: client ?? defaultClient,
    clientIp: d.ip,
    logonType: 2,
    userType: 0,
    appId: d.scenario === 'delegate-desktop' ? APP_IDS.outlookDesktop : APP_IDS.exchangeOnline,
    externalAccess: false,
    subject: random.pick(SUBJECTS),
    ...(tenant === undefined ? {} : { recipients: { colleagues: tenant.users.slice(0, 40), external: 'mixed' as const } }),
  };
}

/** One day's records, before sorting by time. */
function generateDay(tenant: DemoTenant, dayStart: number, random: Random): Pending[] {
  const out: Pending[] = [];
  const weekday = isWeekday(dayStart);
  const officeTime = (): Date => new Date(dayStart + 7 * HOUR + random.int(0, 11 * HOUR - 1));
  const anyTime = (): Date => new Date(dayStart + random.int(0, DAY - 1));

  for (const d of tenant.delegations) {
    if (!random.chance(weekday ? 0.5 : 0.04)) continue;
    const count = random.int(1, 4);
    for (let i = 0; i < count; i += 1) out.push({ spec: delegateSend(d, officeTime(), random, undefined, tenant), scenario: scenarioOf(tenant, d) });
  }
  for (const [owner, scenario] of tenant.mobileOwners) {
    if (!random.chance(weekday ? 0.25 : 0.05)) continue;
    const count = random.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      const mobile = scenario === 'owner-mobile';
      out.push({
        scenario,
        spec: {
          time: officeTime(),
          operation: 'SendAs',
          actor: owner,
          mailbox: owner,
          sentAs: owner,
          client: mobile ? (random.chance(0.6) ? CLIENT_STRINGS.outlookIos : CLIENT_STRINGS.outlookAndroid) : CLIENT_STRINGS.newOutlook,
          clientIp: mobile ? `2001:db8:${random.hex(4)}::${random.int(1, 9999)}` : testNetIp(random),
          logonType: 2,
          userType: 0,
          appId: mobile ? APP_IDS.outlookMobile : APP_IDS.newOutlook,
          externalAccess: false,
          subject: random.pick(SUBJECTS),
          // The misreport is of the owner's sends to external recipients (seed article 004).
          recipients: { colleagues: tenant.users.slice(0, 40), external: 'always' },
        },
      });
    }
  }
  for (const c of tenant.connectors) {
    const count = random.int(2, 8);
    for (let i = 0; i < count; i += 1) {
      out.push({
        scenario: 'connector',
        spec: {
          time: anyTime(), operation: 'SendAs', actor: c.creator, mailbox: c.group, sentAs: c.group,
          client: CLIENT_STRINGS.connector, clientIp: '', logonType: 2, userType: 0, appId: APP_IDS.exchangeOnline,
          externalAccess: false, subject: random.pick(CONNECTOR_SUBJECTS),
        },
      });
    }
  }
  for (const sp of tenant.servicePrincipals) {
    const count = random.int(3, 12);
    for (let i = 0; i < count; i += 1) {
      out.push({
        scenario: 'app-service-principal',
        spec: {
          time: anyTime(), operation: 'SendAs', actor: sp.actor, mailbox: sp.sentAs, sentAs: sp.sentAs,
          client: CLIENT_STRINGS.rest, clientIp: testNetIp(random), logonType: 2, userType: 5, appId: sp.appId,
          externalAccess: false, subject: 'Your weekly report is ready', appAccess: { clientAppName: sp.name },
        },
      });
    }
  }
  const systemCount = random.int(0, 4);
  for (let i = 0; i < systemCount; i += 1) {
    const group = random.pick(tenant.groups);
    out.push({
      scenario: 'system-group',
      spec: {
        time: anyTime(), operation: 'SendAs', actor: 'S-1-5-18', mailbox: group, sentAs: group,
        client: CLIENT_STRINGS.restSystem, clientIp: '', logonType: 4, userType: 4, appId: APP_IDS.exchangeOnline,
        externalAccess: false, subject: 'Welcome to the team',
      },
    });
  }
  // Graph reports UserId as "Not Available" or a display name on a few records in a hundred thousand.
  if (random.chance(0.15)) {
    out.push({
      scenario: 'unknown-actor',
      spec: {
        time: officeTime(), operation: 'SendAs', actor: random.chance(0.5) ? 'Not Available' : 'Alex Wilber', mailbox: tenant.sharedMailboxes[0],
        sentAs: tenant.sharedMailboxes[0], client: CLIENT_STRINGS.owa, clientIp: testNetIp(random), logonType: 2,
        userType: 0, appId: APP_IDS.exchangeOnline, externalAccess: false, subject: random.pick(SUBJECTS),
      },
    });
  }
  return out;
}

/** The planted anomalies, all on the last full day of the history. */
function plantAnomalies(tenant: DemoTenant, dayStart: number, random: Random): Pending[] {
  const out: Pending[] = [];
  const at = (hour: number): Date => new Date(dayStart + hour * HOUR + random.int(0, HOUR - 1));
  const finance = tenant.sharedMailboxes[0];
  const financeDelegates = new Set(tenant.delegations.filter((d) => d.mailbox === finance).map((d) => d.actor));
  const everyDelegate = new Set(tenant.delegations.map((d) => d.actor));
  const newcomer = tenant.users.find((u) => !financeDelegates.has(u) && !everyDelegate.has(u)) ?? tenant.users[0];
  const base: Delegation = { actor: newcomer, mailbox: finance, operation: 'SendAs', scenario: 'delegate-owa', direct: true, ip: testNetIp(random) };
  for (let i = 0; i < 3; i += 1) {
    out.push({ spec: delegateSend(base, at(9 + i), random, CLIENT_STRINGS.owa), scenario: 'delegate-owa', anomaly: 'new-delegate' });
  }
  const sales = tenant.sharedMailboxes[3] ?? finance;
  out.push({
    scenario: 'delegate-owa',
    anomaly: 'external-actor',
    spec: { ...delegateSend({ ...base, actor: tenant.externalActor, mailbox: sales }, at(14), random, CLIENT_STRINGS.owa), externalAccess: true },
  });
  const support = tenant.sharedMailboxes[2] ?? finance;
  const spiker = tenant.delegations.find((d) => d.mailbox === support && d.scenario !== 'delegate-ews') ?? tenant.delegations[0];
  for (let i = 0; i < 45; i += 1) {
    out.push({ spec: delegateSend(spiker, at(8 + (i % 10)), random), scenario: spiker.scenario, anomaly: 'spike' });
  }
  const hr = tenant.sharedMailboxes[1] ?? finance;
  const switcher = tenant.delegations.find((d) => d.mailbox === hr && d.scenario !== 'delegate-ews') ?? tenant.delegations[0];
  out.push({ spec: delegateSend(switcher, at(16), random, CLIENT_STRINGS.emClient), scenario: switcher.scenario, anomaly: 'risky-client' });
  const traveller = tenant.delegations.find((d) => d.ip === TRAVELLER_HOME_IP);
  for (let i = 0; traveller !== undefined && i < 2; i += 1) {
    out.push({ spec: delegateSend({ ...traveller, ip: TRAVELLER_ABROAD_IP }, at(11 + i), random), scenario: traveller.scenario, anomaly: 'new-country' });
  }
  const departed = departedDelegation(tenant);
  if (departed !== undefined) out.push({ spec: delegateSend(departed, at(7), random), scenario: departed.scenario, anomaly: 'disabled-account' });
  for (let i = 0; i < 2; i += 1) {
    out.push({ spec: delegateSend({ ...base, actor: DEMO_GUEST, mailbox: support }, at(15 + i), random, CLIENT_STRINGS.owa), scenario: 'delegate-owa', anomaly: 'guest-actor' });
  }
  return out;
}

function arrivalFor(time: Date, random: Random): string {
  const roll = random.next();
  const delay = roll < 0.9 ? random.int(20 * 60_000, 90 * 60_000) : roll < 0.99 ? random.int(2 * HOUR, 12 * HOUR) : random.int(12 * HOUR, 24 * HOUR);
  return new Date(time.getTime() + delay).toISOString();
}

/**
 * Generates the tenant's SendAs history day by day, in time order, with bounded memory: genuine
 * delegates (OWA, desktop, EWS, on behalf), owner misreports from Outlook Mobile and the new Outlook,
 * connectors in group mailboxes, apps and system senders, the MC382148 gap, late arrivals and the
 * planted anomalies. Every record carries its ground truth beside it.
 */
export function* generateDemoTenant(options: DemoOptions): Generator<DemoRecord> {
  const users = options.users ?? 200;
  const days = options.days ?? 60;
  const seed = options.seed ?? 42;
  const tenant = buildDemoTenant(users, seed);
  const end = options.end.getTime();
  const start = end - days * DAY;
  const firstDay = Math.floor(start / DAY) * DAY;
  const lastFullDay = Math.floor(end / DAY) * DAY - DAY;
  let documentedDay = lastFullDay - DAY;
  while (!isWeekday(documentedDay)) documentedDay -= DAY;
  let emitted = 0;
  for (let dayStart = firstDay; dayStart < end; dayStart += DAY) {
    // Each day draws from its own seed, so a history ending later repeats the earlier days exactly:
    // reloading the demo tenant is idempotent and only adds what is new.
    const random = new Random(seedFrom(`${String(seed)}:${dayStart}`));
    const pending = generateDay(tenant, dayStart, random);
    if (dayStart === lastFullDay && options.plantAnomalies !== false) pending.push(...plantAnomalies(tenant, dayStart, random));
    if (dayStart === documentedDay) pending.push(...documentedEvents(tenant, dayStart, seed));
    pending.sort((a, b) => a.spec.time.getTime() - b.spec.time.getTime());
    for (const p of pending) {
      const t = p.spec.time.getTime();
      if (t < start || t >= end || (t >= OUTAGE_FROM && t < OUTAGE_TO)) continue;
      // A documented event draws from its own seed, so every other record of the day stays what it was.
      const draws = p.documentedId === undefined ? random : new Random(seedFrom(`${String(seed)}:${p.documentedId}`));
      const id = p.documentedId ?? random.guid();
      const auditData = sendAuditData({ ...p.spec, id, organizationId: DEMO_ORGANIZATION_ID }, draws);
      const truth: DemoTruth = {
        id,
        category: SCENARIO_CATEGORY[p.scenario],
        scenario: p.scenario,
        arrival: p.documentedId === undefined ? arrivalFor(p.spec.time, random) : new Date(t + 30 * 60_000).toISOString(),
        ...(p.anomaly === undefined ? {} : { anomaly: p.anomaly }),
      };
      yield { auditData, truth };
      emitted += 1;
      if (options.limit !== undefined && emitted >= options.limit) return;
    }
  }
}
