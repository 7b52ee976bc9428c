import type { Detector } from '../detector';
import { auditSilence } from './audit-silence';
import { disabledAccount } from './disabled-account';
import { externalActor } from './external-actor';
import { ingestionFailing } from './ingestion-failing';
import { newCountry } from './new-country';
import { externalRecipients } from './external-recipients';
import { guestActor } from './guest-actor';
import { newApp } from './new-app';
import { newDelegate } from './new-delegate';
import { newNoisePair } from './new-noise-pair';
import { noiseSurge } from './noise-surge';
import { riskyClient } from './risky-client';
import { spike } from './spike';
import { watchedMailbox } from './watched-mailbox';

/** Every detector findAnomalies runs; each is independent of the others. */
export const DETECTORS: readonly Detector[] = [
  newDelegate,
  spike,
  externalActor,
  riskyClient,
  watchedMailbox,
  auditSilence,
  ingestionFailing,
  noiseSurge,
  newCountry,
  newNoisePair,
  newApp,
  externalRecipients,
  disabledAccount,
  guestActor,
];
