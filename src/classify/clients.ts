/** Families of Exchange ClientInfoString values (AUDIT-FACTS.md, "ClientInfoString families"). */
export const CLIENT_FAMILIES = [
  'connector',
  'new-outlook',
  'outlook-mobile',
  'owa',
  'outlook-desktop',
  'rest-system',
  'rest',
  'ews',
  'activesync',
  'pop-imap',
  'powershell',
  'other',
  'none',
] as const;
export type ClientFamily = (typeof CLIENT_FAMILIES)[number];

/** Families that are workload noise when Exchange itself names them. */
export type NoiseMarker = 'connector' | 'rest-system';

/**
 * A ClientInfoString read apart: the `Client=<protocol>;` tokens Exchange sets at its start, and the user
 * agent the client sent after them, which whoever sends can choose (AUDIT-FACTS.md section 7).
 */
export interface ClientInfo {
  readonly family: ClientFamily;
  /** The protocol tokens as written (`OWA`, `REST`, `RESTSystem`, `ConnectorWorkProvider`), in order. */
  readonly protocols: readonly string[];
  /** What follows the protocol tokens: the client's own claim about itself. */
  readonly agent: string;
  /**
   * A noise marker found only in the agent part: a claim, not evidence. A sender on EWS or OWA can put
   * `ConnectorWorkProvider` in their user agent; only Exchange writes it as the protocol.
   */
  readonly claimedNoise: NoiseMarker | null;
}

/** Protocol token (lower-case) → family. Exchange writes these; a user agent cannot. */
const PROTOCOLS: Readonly<Record<string, ClientFamily>> = {
  connectorworkprovider: 'connector',
  restsystem: 'rest-system',
  rest: 'rest',
  owa: 'owa',
  msexchangerpc: 'outlook-desktop',
  outlookservice: 'outlook-mobile',
  webservices: 'ews',
  activesync: 'activesync',
  pop3: 'pop-imap',
  imap4: 'pop-imap',
  'pop3/imap4': 'pop-imap',
  'microsoft.exchange.powershell': 'powershell',
};

/** Among several protocol tokens (`Client=REST;Client=RESTSystem`), the most specific wins. */
const PROTOCOL_PRECEDENCE: readonly ClientFamily[] = ['connector', 'rest-system', 'powershell', 'outlook-mobile', 'owa', 'outlook-desktop', 'ews', 'activesync', 'pop-imap', 'rest'];

const CONNECTOR_MARKER = /ConnectorWorkProvider/i;
const BACKGROUND_MARKER = /Client=RESTSystem|RESTSystem/i;
/** The new Outlook shares OWA's protocol and says so in its agent (AUDIT-FACTS.md, "ClientInfoString families"). */
const NEW_OUTLOOK_AGENT = /OneOutlook|Monarch/i;
const OUTLOOK_MOBILE_AGENT = /Outlook-(?:iOS|Android)/i;
const POWERSHELL_AGENT = /WinRM/i;

const CLIENT_PREFIX = /^client=/i;

function familyOfProtocols(protocols: readonly string[]): ClientFamily | null {
  const families = protocols.map((p) => PROTOCOLS[p.toLowerCase()]).filter((f): f is ClientFamily => f !== undefined);
  if (families.length === 0) return null;
  return PROTOCOL_PRECEDENCE.find((f) => families.includes(f)) ?? families[0];
}

/** Reads a ClientInfoString into its protocol tokens, agent and family. Never throws. */
export function parseClientInfo(client: string | null): ClientInfo {
  if (client === null || client.trim() === '') return { family: 'none', protocols: [], agent: '', claimedNoise: null };
  const segments = client.split(';');
  const protocols: string[] = [];
  let i = 0;
  // Exchange writes one protocol token, or REST followed by the REST flavour (`Client=REST;Client=RESTSystem`).
  // After any other protocol a second `Client=` is the sender's agent dressed up as one, and stays agent.
  for (; i < segments.length && (i === 0 || (i === 1 && protocols[0].toLowerCase() === 'rest')); i += 1) {
    const segment = segments[i].trim();
    if (!CLIENT_PREFIX.test(segment)) break;
    protocols.push(segment.slice('client='.length).trim());
  }
  // Without a `Client=` token the string is Exchange's own (a connector writes plain `ConnectorWorkProvider`).
  if (protocols.length === 0) {
    const first = segments[0].trim();
    if (PROTOCOLS[first.toLowerCase()] !== undefined) {
      protocols.push(first);
      i = 1;
    }
  }
  const agent = segments.slice(i).join(';').trim();
  let family = familyOfProtocols(protocols);
  if (family === 'owa' && NEW_OUTLOOK_AGENT.test(agent)) family = 'new-outlook';
  if (family === null) {
    // No protocol Exchange names: the old reading of the whole string, for exports that dropped the prefix.
    family = OUTLOOK_MOBILE_AGENT.test(agent) ? 'outlook-mobile' : POWERSHELL_AGENT.test(agent) ? 'powershell' : 'other';
  }
  let claimedNoise: NoiseMarker | null = null;
  if (family !== 'connector' && CONNECTOR_MARKER.test(agent)) claimedNoise = 'connector';
  else if (family !== 'rest-system' && BACKGROUND_MARKER.test(agent)) claimedNoise = 'rest-system';
  return { family, protocols, agent, claimedNoise };
}

/**
 * A tenant has a few hundred distinct ClientInfoStrings; remembering them spares the parse an event.
 * They are filed by length: every event brings a fresh string, and hashing one of 150 characters for a
 * Map costs more than comparing it with the few known strings of the same length. Both bounds keep a
 * hostile export from growing the memory or the scan without limit.
 */
const KNOWN = new Map<number, Array<readonly [string, ClientInfo]>>();
const KNOWN_LIMIT = 10_000;
const KNOWN_PER_LENGTH = 32;
let knownCount = 0;

/** parseClientInfo, remembered. */
export function clientInfo(client: string | null): ClientInfo {
  if (client === null || client === '') return parseClientInfo(null);
  const sameLength = KNOWN.get(client.length);
  if (sameLength !== undefined) {
    for (const [known, info] of sameLength) if (known === client) return info;
  }
  const info = parseClientInfo(client);
  remember(client, info);
  return info;
}

export function clientFamily(client: string | null): ClientFamily {
  return clientInfo(client).family;
}

function remember(client: string, info: ClientInfo): void {
  if (knownCount >= KNOWN_LIMIT) {
    KNOWN.clear();
    knownCount = 0;
  }
  const sameLength = KNOWN.get(client.length);
  if (sameLength === undefined) KNOWN.set(client.length, [[client, info]]);
  else if (sameLength.length < KNOWN_PER_LENGTH) sameLength.push([client, info]);
  else return;
  knownCount += 1;
}
