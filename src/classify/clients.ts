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

/** Checked in order: the new Outlook carries a browser agent and must win over OWA. */
const PATTERNS: ReadonlyArray<readonly [ClientFamily, RegExp]> = [
  ['connector', /ConnectorWorkProvider/i],
  ['new-outlook', /OneOutlook|Monarch/i],
  ['outlook-mobile', /Outlook-(?:iOS|Android)|Client=OutlookService/i],
  ['owa', /Client=OWA/i],
  ['outlook-desktop', /Client=MSExchangeRPC/i],
  ['rest-system', /Client=RESTSystem/i],
  ['rest', /Client=REST/i],
  ['ews', /Client=WebServices/i],
  ['activesync', /Client=ActiveSync/i],
  ['pop-imap', /Client=(?:POP3|IMAP4)/i],
  ['powershell', /Microsoft\.Exchange\.Powershell|WinRM/i],
];

/**
 * A tenant has a few hundred distinct ClientInfoStrings; remembering them spares eleven regexes an event.
 * They are filed by length: every event brings a fresh string, and hashing one of 150 characters for a
 * Map costs more than comparing it with the few known strings of the same length. Both bounds keep a
 * hostile export from growing the memory or the scan without limit.
 */
const KNOWN_FAMILIES = new Map<number, Array<readonly [string, ClientFamily]>>();
const KNOWN_LIMIT = 10_000;
const KNOWN_PER_LENGTH = 32;
let knownCount = 0;

export function clientFamily(client: string | null): ClientFamily {
  if (client === null || client === '') return 'none';
  const sameLength = KNOWN_FAMILIES.get(client.length);
  if (sameLength !== undefined) {
    for (const [known, family] of sameLength) if (known === client) return family;
  }
  const family = PATTERNS.find(([, pattern]) => pattern.test(client))?.[0] ?? 'other';
  remember(client, family);
  return family;
}

function remember(client: string, family: ClientFamily): void {
  if (knownCount >= KNOWN_LIMIT) {
    KNOWN_FAMILIES.clear();
    knownCount = 0;
  }
  const sameLength = KNOWN_FAMILIES.get(client.length);
  if (sameLength === undefined) KNOWN_FAMILIES.set(client.length, [[client, family]]);
  else if (sameLength.length < KNOWN_PER_LENGTH) sameLength.push([client, family]);
  else return;
  knownCount += 1;
}
