import type { AuditEvent } from '../../src/audit/event';
import { classify } from '../../src/classify/classify';
import type { ClassifiedEvent } from '../../src/store/store';

let counter = 0;

/** A normalized event with sensible defaults; ids are unique unless given. */
export function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    time: '2026-11-16T09:00:00.000Z',
    operation: 'SendAs',
    actor: 'alex.wilber@contoso.com',
    mailbox: 'finance@contoso.com',
    sentAs: 'finance@contoso.com',
    client: 'Client=OWA;Action=ViaProxy',
    appId: '00000002-0000-0ff1-ce00-000000000000',
    clientIp: '203.0.113.7',
    logonType: 2,
    userType: 0,
    externalAccess: false,
    subject: 'Invoice 4411',
    internetMessageId: '<a@contoso.com>',
    rawJson: '{"Operation":"SendAs","OrganizationName":"contoso.onmicrosoft.com"}',
    ...overrides,
  };
}

export function classified(e: AuditEvent): ClassifiedEvent {
  return { event: e, classification: classify(e) };
}
