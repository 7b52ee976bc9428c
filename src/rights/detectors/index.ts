import type { RightsAnomaly, RightsDetectionInput, RightsDetector, RightsDetectorSettings } from '../anomaly';
import { cleanup } from './cleanup';
import { externalTrustee } from './external-trustee';
import { newGranter } from './new-granter';
import { usedAtOnce } from './used-at-once';
import { watchedMailboxGrant } from './watched-mailbox';

/** Every rights detector; each is independent of the others. */
export const RIGHTS_DETECTORS: readonly RightsDetector[] = [usedAtOnce, cleanup, externalTrustee, watchedMailboxGrant, newGranter];

/** Runs every rights detector over one input, newest first. */
export function findRightsAnomalies(input: RightsDetectionInput, settings: RightsDetectorSettings): RightsAnomaly[] {
  return RIGHTS_DETECTORS.flatMap((d) => d.detect(input, settings)).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
