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

/** A tenant has a few hundred distinct ClientInfoStrings; remembering them spares eleven regexes an event. */
const KNOWN_FAMILIES = new Map<string, ClientFamily>();
const KNOWN_FAMILIES_LIMIT = 10_000;

export function clientFamily(client: string | null): ClientFamily {
  if (client === null || client === '') return 'none';
  const known = KNOWN_FAMILIES.get(client);
  if (known !== undefined) return known;
  const family = PATTERNS.find(([, pattern]) => pattern.test(client))?.[0] ?? 'other';
  if (KNOWN_FAMILIES.size >= KNOWN_FAMILIES_LIMIT) KNOWN_FAMILIES.clear();
  KNOWN_FAMILIES.set(client, family);
  return family;
}
