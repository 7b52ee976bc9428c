import type { Severity } from '../anomaly';
import type { Detector } from '../detector';
import { sendsByFlaggedPeople } from '../detector';

const SEVERITY = { newPair: 'high', knownPair: 'medium' } as const satisfies Record<string, Severity>;

/**
 * A delegate (or unclassifiable) send by an actor the directory holds as a guest (userType Guest): an
 * account from outside the organisation holding Send As or Send on Behalf on one of its mailboxes.
 * High the first time in the baseline for that actor and identity; medium when the pair sent before
 * (a standing arrangement, still worth a daily look).
 *
 * Facts: `displayName`, `sends` (that day), `firstSendAt` (ISO), `baselineSends` (0 = new), `day`
 * (YYYY-MM-DD, UTC), `operations`. Key: kind | actor | identity | day.
 */
export const guestActor: Detector = {
  id: 'Detect.GuestActor.Sent',
  kind: 'guest-actor',
  description: 'An actor the directory holds as a guest sends as or on behalf of a mailbox.',
  severity: SEVERITY,
  settings: ['evidenceLimit'],
  facts: ['displayName', 'sends', 'firstSendAt', 'baselineSends', 'day', 'operations'],
  detect: (input, settings) => sendsByFlaggedPeople(input, settings, 'guest-actor', (person) => person.guest === true, SEVERITY.knownPair),
};
