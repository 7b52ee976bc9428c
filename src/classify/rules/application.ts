import { USER_TYPE_NAMES } from '../../audit/event';
import type { Reason } from '../reasons';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';

/** UserType 4 System, 5 Application, 6 ServicePrincipal. */
const NON_PERSON_USER_TYPES = new Set([4, 5, 6]);
const SYSTEM_SID = /^s-1-5-\d+(?:-\d+)*$/;
const SERVICE_PRINCIPAL = /^serviceprincipal_/;
const BARE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cheap test that every actor the patterns below match passes. */
function mayBeNonPerson(actor: string, userType: number | null): boolean {
  return (userType !== null && NON_PERSON_USER_TYPES.has(userType)) || actor.startsWith('s-1-5-') || actor.startsWith('serviceprincipal_') || actor.length === 36;
}

/** An app, service principal or Microsoft background process sent: no interactive user. */
export const applicationNonPersonActor: ClassifierRule = {
  id: 'Classify.Application.NonPersonActor',
  description: 'The actor is a system SID, a service principal, an app identity or a Microsoft background process.',
  decides: 'application',
  decide(event, { family }) {
    // Most actors are people: settle that before allocating anything, this runs for every event.
    if (!mayBeNonPerson(event.actor, event.userType) && family !== 'rest-system') return null;
    const reasons: Reason[] = [];
    let confidence: 'high' | 'medium' = 'high';
    if (event.userType !== null && NON_PERSON_USER_TYPES.has(event.userType)) {
      reasons.push(reason('system-user-type', { value: String(event.userType), name: USER_TYPE_NAMES[event.userType] }));
    }
    if (SYSTEM_SID.test(event.actor)) reasons.push(reason('system-sid-actor', { actor: event.actor }));
    else if (SERVICE_PRINCIPAL.test(event.actor)) reasons.push(reason('service-principal-actor', { actor: event.actor }));
    else if (BARE_GUID.test(event.actor)) {
      reasons.push(reason('guid-actor', { actor: event.actor }));
      if (reasons.length === 1) confidence = 'medium';
    }
    if (family === 'rest-system') reasons.push(reason('background-client', { client: event.client ?? '' }));
    return reasons.length === 0 ? null : { category: 'application', confidence, reasons };
  },
};
