import type { RuleCase } from '../rule';
import { owaDelegateSend } from './base-record.cases';

export const cases: readonly RuleCase[] = [
  { name: 'UserId "Not Available"', fires: true, expected: 'unknown', record: { ...owaDelegateSend, UserId: 'Not Available' } },
  { name: 'a display name as UserId', fires: true, expected: 'unknown', record: { ...owaDelegateSend, UserId: 'Alex Wilber' } },
  {
    name: 'hostile: a display name sending through EWS with a connector-looking agent is no connector',
    fires: true,
    expected: 'unknown',
    record: { ...owaDelegateSend, UserId: 'Alex Wilber', ClientInfoString: 'Client=WebServices;ConnectorWorkProvider' },
    reasons: ['actor-not-address', 'client-claim'],
  },
  { name: 'an address as UserId is recognised', fires: false, expected: 'delegate', record: owaDelegateSend },
];
