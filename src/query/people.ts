import type { MailboxKind } from '../classify/context';
import type { DirectoryLookup, Person } from '../directory/lookup';
import { mailboxKindsOf, peopleOf } from '../directory/people';
import type { AnswerRow } from './answer';

/** Rows whose actor is an app or a system account (application), which the directory has no person for. */
const hasPerson = (row: AnswerRow): boolean => row.category !== 'application';

/**
 * Rows with who their actors are and the subject mailbox's kind (who sent as a mailbox), or the kind
 * of each mailbox sent as and the owner of each person's mailbox (what did a person send as): bounded lookups (directory/people.ts), in row order,
 * so the rows shown first are the ones asked about.
 */
export async function withDirectoryFacts(
  rows: readonly AnswerRow[],
  subject: string,
  byActor: boolean,
  directory: DirectoryLookup,
): Promise<{ readonly rows: AnswerRow[]; readonly subjectKind?: MailboxKind; readonly subjectOwner?: Person }> {
  if (byActor) {
    const kinds = await mailboxKindsOf(directory, rows.map((r) => r.sentAs));
    const kindOf = (address: string): MailboxKind => {
      const lookup = kinds.get(address.trim().toLowerCase());
      return lookup?.kind === 'known' ? lookup.value : 'unknown';
    };
    // A person's mailbox has an owner worth naming (the executive an assistant sends on behalf of).
    const owners = await peopleOf(directory, rows.filter((r) => kindOf(r.sentAs) === 'person').map((r) => r.sentAs));
    return {
      rows: rows.map((row) => {
        const owner = owners.get(row.sentAs.trim().toLowerCase());
        return { ...row, sentAsKind: kindOf(row.sentAs), ...(owner?.kind === 'known' ? { sentAsOwner: owner.value } : {}) };
      }),
    };
  }
  // One after the other, so no more than the bounds' concurrency is ever asked of the directory at once.
  const kinds = await mailboxKindsOf(directory, [subject]);
  const people = await peopleOf(directory, rows.filter(hasPerson).map((r) => r.actor));
  const subjectLookup = kinds.get(subject.trim().toLowerCase());
  // A person's mailbox asked about by name: its owner is who the delegates send for.
  const owner = subjectLookup?.kind === 'known' && subjectLookup.value === 'person' ? (await peopleOf(directory, [subject])).get(subject.trim().toLowerCase()) : undefined;
  return {
    ...(owner?.kind === 'known' ? { subjectOwner: owner.value } : {}),
    rows: rows.map((row) => {
      const person = hasPerson(row) ? people.get(row.actor.trim().toLowerCase()) : undefined;
      return person === undefined ? { ...row } : { ...row, actorPerson: person };
    }),
    subjectKind: subjectLookup?.kind === 'known' ? subjectLookup.value : 'unknown',
  };
}
