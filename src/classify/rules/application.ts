import { USER_TYPE_NAMES } from '../../audit/event';
import type { Confidence } from '../category';
import type { Reason } from '../reasons';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';

/** UserType 4 System, 5 Application, 6 ServicePrincipal; compared, not looked up in a Set: this runs for every event. */
function isNonPersonUserType(userType: number | null): userType is number {
  return userType === 4 || userType === 5 || userType === 6;
}
const SYSTEM_SID = /^s-1-5-\d+(?:-\d+)*$/;
const SERVICE_PRINCIPAL = /^serviceprincipal_/;
const BARE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cheap test that every actor the patterns below match passes; both prefixes begin with `s`, which few addresses do. */
function mayBeNonPerson(actor: string, userType: number | null): boolean {
  return isNonPersonUserType(userType) || actor.length === 36 || (actor.charCodeAt(0) === 0x73 && (actor.startsWith('s-1-5-') || actor.startsWith('serviceprincipal_')));
}

/**
 * An app, service principal or Microsoft background process sent: no interactive user. A client string
 * alone does not make an application: it takes a non-person identity (UserType, a system SID, a service
 * principal, an object id, or an app-only token in AppAccessContext). `Client=RESTSystem` on a person's
 * identity is conflicting evidence, shown as unknown.
 */
export const applicationNonPersonActor: ClassifierRule = {
  id: 'Classify.Application.NonPersonActor',
  description: 'The actor is a system SID, a service principal, an app identity or an app-only token; a background client alone is not enough.',
  decides: 'application',
  decide(event, { family }) {
    const appOnly = event.access?.userToken === false;
    // Most actors are people: settle that before allocating anything, this runs for every event.
    if (!mayBeNonPerson(event.actor, event.userType) && family !== 'rest-system' && !appOnly) return null;
    const reasons: Reason[] = [];
    let confidence: Confidence = 'high';
    if (isNonPersonUserType(event.userType)) {
      reasons.push(reason('system-user-type', { value: String(event.userType), name: USER_TYPE_NAMES[event.userType] }));
    }
    if (SYSTEM_SID.test(event.actor)) reasons.push(reason('system-sid-actor', { actor: event.actor }));
    else if (SERVICE_PRINCIPAL.test(event.actor)) reasons.push(reason('service-principal-actor', { actor: event.actorAsWritten ?? event.actor }));
    else if (BARE_GUID.test(event.actor)) {
      reasons.push(reason('guid-actor', { actor: event.actor }));
      if (reasons.length === 1) confidence = 'medium';
    }
    if (appOnly) {
      const access = event.access;
      reasons.push(reason('app-only-token', { app: access?.clientAppName ?? access?.clientAppId ?? '?' }));
      // An app-only token on an address-shaped actor, with nothing else non-person about it, is one fact.
      if (reasons.length === 1) confidence = 'medium';
    }
    const identified = reasons.length > 0;
    if (family === 'rest-system') reasons.push(reason('background-client', { client: event.client ?? '' }));
    if (!identified) {
      if (family !== 'rest-system') return null;
      return { category: 'unknown', confidence: 'low', reasons: [...reasons, reason('background-person-actor', { actor: event.actorAsWritten ?? event.actor })] };
    }
    return { category: 'application', confidence, reasons };
  },
};
