import type { Severity } from '../anomaly';
import type { Detector } from '../detector';
import { sendsByFlaggedPeople } from '../detector';

const SEVERITY = { newPair: 'high', knownPair: 'high' } as const satisfies Record<string, Severity>;

/**
 * A delegate (or unclassifiable) send by an actor whose account the directory says is disabled: the
 * person has left or been locked out, yet mail went out as a mailbox in their name (a session or a
 * token that outlived the account, or a record Exchange attributed to them). High either way: a
 * disabled account should send nothing. The directory says how the account is now, not at the send.
 *
 * Facts: `displayName`, `sends` (that day), `firstSendAt` (ISO), `baselineSends` (the pair's sends in
 * the baseline; 0 = new), `day` (YYYY-MM-DD, UTC), `operations`. Key: kind | actor | identity | day.
 */
export const disabledAccount: Detector = {
  id: 'Detect.DisabledAccount.Sent',
  kind: 'disabled-account',
  description: 'An actor whose account the directory says is disabled sends as or on behalf of a mailbox.',
  severity: SEVERITY,
  settings: ['evidenceLimit'],
  facts: ['displayName', 'sends', 'firstSendAt', 'baselineSends', 'day', 'operations'],
  detect: (input, settings) => sendsByFlaggedPeople(input, settings, 'disabled-account', (person) => person.accountEnabled === false, SEVERITY.knownPair),
};
