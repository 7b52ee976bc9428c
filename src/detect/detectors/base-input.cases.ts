import type { ClientFamily } from '../../classify/clients';
import type { Person } from '../../directory/lookup';
import type { ActivityGroup } from '../../store/store';
import type { ActorBaseline, ArrivalFacts, DailyProfile, DetectionInput, IngestionHealth, RecipientSend } from '../input';

/** The fixed instant every case is detected at: the morning after the hunt day. */
export const NOW = '2026-11-20T06:00:00.000Z';
export const HUNT_DAY = '2026-11-19';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const CLIENTS = {
  owa: 'Client=OWA;Action=ViaProxy',
  desktop: 'Client=MSExchangeRPC',
  emClient: 'Client=WebServices;eM Client/10.1.4588.0',
  outlookForMac: 'Client=WebServices;Microsoft Office/16.0 (Mac OS X 14.5; Microsoft Outlook 16.89)',
  powershell: 'Client=Microsoft.Exchange.Powershell; Microsoft WinRM Client',
  outlookIos: 'Client=OutlookService;Outlook-iOS/2.0;',
  connector: 'ConnectorWorkProvider',
} as const;

let serial = 0;

/** Ids that read as what they are in a failing case's output. */
export function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
}

/** One group of the hunt window: by default one OWA delegate send as finance@ on the hunt day. */
export function group(overrides: Partial<ActivityGroup> = {}): ActivityGroup {
  serial += 1;
  const count = overrides.count ?? 1;
  const day = overrides.day ?? HUNT_DAY;
  return {
    day,
    actor: 'alex.wilber@contoso.com',
    sentAs: 'finance@contoso.com',
    mailbox: 'finance@contoso.com',
    operation: 'SendAs',
    category: 'delegate',
    client: CLIENTS.owa,
    externalAccess: false,
    count,
    first: `${day}T09:00:00.000Z`,
    last: `${day}T10:00:00.000Z`,
    sampleIds: ids(`event-${serial}`, Math.min(count, 5)),
    ...overrides,
  };
}

export function profile(total: number, activeDays: number, peak: number): DailyProfile {
  return { total, activeDays, peak };
}

/** An actor's baseline: the identities they sent as (with sends) and the client families they used. */
export function actorHistory(sentAs: Readonly<Record<string, number>>, families: readonly ClientFamily[] = ['owa'], peak = 4): ActorBaseline {
  const total = Object.values(sentAs).reduce((a, b) => a + b, 0);
  return {
    sentAs: new Map(Object.entries(sentAs)),
    delegateSends: profile(total, Math.min(30, Math.ceil(total / 2)), total === 0 ? 0 : peak),
    clientFamilies: new Set(families),
  };
}

/** Hourly arrival counts over [from, to), skipping the hours `quiet` says were silent. */
export function hourlyHistory(from: string, to: string, quiet: (hourStart: Date) => boolean = () => false): ArrivalFacts['hourly'] {
  const out: { hour: string; count: number }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
    if (!quiet(new Date(t))) out.push({ hour: new Date(t).toISOString(), count: 3 });
  }
  return out;
}

/** A feed that produced events every hour for 60 days up to 05:00 on the morning of NOW. */
export function steadyArrivals(overrides: Partial<ArrivalFacts> = {}): ArrivalFacts {
  const lastTime = overrides.lastEvent?.time ?? '2026-11-20T05:40:00.000Z';
  return {
    lastEvent: { id: 'last-event', time: lastTime },
    firstEventAt: new Date(Date.parse(lastTime) - 60 * DAY).toISOString(),
    observedUntil: NOW,
    hourly: hourlyHistory(new Date(Date.parse(lastTime) - 30 * DAY).toISOString(), lastTime),
    ...overrides,
  };
}

export interface InputParts {
  readonly now?: string;
  readonly window?: { readonly from: string; readonly to: string };
  readonly recent?: readonly ActivityGroup[];
  readonly baselineDays?: number;
  readonly actors?: Readonly<Record<string, ActorBaseline>>;
  readonly mailboxes?: Readonly<Record<string, DailyProfile>>;
  readonly noise?: DailyProfile;
  readonly arrivals?: ArrivalFacts;
  readonly tenantDomains?: readonly string[];
  readonly watchlist?: readonly string[];
  readonly ingestion?: IngestionHealth | null;
  readonly noiseWriters?: readonly string[];
  readonly apps?: readonly string[];
  readonly recipientSends?: readonly RecipientSend[];
  readonly people?: Readonly<Record<string, Person>>;
}

/** A whole detection input for the hunt day, quiet unless the parts say otherwise. */
export function detectionInput(parts: InputParts = {}): DetectionInput {
  const window = parts.window ?? { from: `${HUNT_DAY}T00:00:00.000Z`, to: '2026-11-20T00:00:00.000Z' };
  const baselineDays = parts.baselineDays ?? 30;
  return {
    now: parts.now ?? NOW,
    window,
    recent: parts.recent ?? [],
    baseline: {
      window: { from: new Date(Date.parse(window.from) - 30 * DAY).toISOString(), to: window.from },
      days: baselineDays,
      actors: new Map(Object.entries(parts.actors ?? {})),
      mailboxes: new Map(Object.entries(parts.mailboxes ?? {})),
      noise: parts.noise ?? profile(1200, 30, 60),
      noiseWriters: new Set(parts.noiseWriters ?? []),
      apps: new Set(parts.apps ?? []),
    },
    arrivals: parts.arrivals ?? steadyArrivals(),
    tenantDomains: parts.tenantDomains ?? ['contoso.com'],
    watchlist: parts.watchlist ?? [],
    ingestion: parts.ingestion ?? null,
    recipientSends: parts.recipientSends ?? [],
    ...(parts.people === undefined ? {} : { people: new Map(Object.entries(parts.people)) }),
  };
}

/** A person as the directory has them: a member with an enabled account unless the overrides say otherwise. */
export function person(overrides: Partial<Person> = {}): Person {
  return { displayName: 'Alex Wilber', jobTitle: 'Finance Analyst', department: 'Finance', accountEnabled: true, guest: false, ...overrides };
}
