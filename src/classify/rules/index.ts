import type { ClassifierRule } from '../rule';
import { applicationNonPersonActor } from './application';
import { connectorClientInfo } from './connector';
import { delegateOtherMailbox } from './delegate';
import { unknownMissingIdentity } from './missing-identity';
import { ownerMisreportSelfSend } from './owner-misreport';
import { unknownSelfSendConflict } from './self-send-conflict';
import { unknownUnrecognisedActor } from './unrecognised-actor';

/**
 * Ordered: the first rule that decides wins. Connectors first (their actor is a real person), then
 * non-person actors, then records that lack the evidence, then the self-send and delegate cases.
 */
export const RULES: readonly ClassifierRule[] = [
  connectorClientInfo,
  applicationNonPersonActor,
  unknownMissingIdentity,
  unknownSelfSendConflict,
  ownerMisreportSelfSend,
  delegateOtherMailbox,
  unknownUnrecognisedActor,
];
