import type { ExportableQuery } from '../query/parse/export';
import type { Resolution } from '../query/resolve';
import { resolveSubject } from '../query/resolve';
import type { Store } from '../store/store';
import type { ExportScope } from './export';

/**
 * The events a question names, as an export's scope: its range, its mailbox (with the operation asked
 * about) or its person, once the name is resolved to one address the store knows.
 */
export async function exportScopeOf(
  query: ExportableQuery,
  store: Pick<Store, 'findAddresses'>,
): Promise<{ readonly kind: 'scope'; readonly scope: ExportScope } | { readonly kind: 'unresolved'; readonly resolution: Exclude<Resolution, { kind: 'resolved' }> }> {
  const ref = query.intent === 'what-did-send-as' ? query.actor : query.subject;
  const resolution = await resolveSubject(ref, store);
  if (resolution.kind !== 'resolved') return { kind: 'unresolved', resolution };
  const { from, to } = query.range;
  if (query.intent === 'what-did-send-as') return { kind: 'scope', scope: { from, to, actor: resolution.address } };
  return { kind: 'scope', scope: { from, to, sentAs: resolution.address, operation: query.intent === 'who-sent-as' ? 'SendAs' : 'SendOnBehalf' } };
}
