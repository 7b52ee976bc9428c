import { identityOf } from '../../src/rights/identity';
import { buildIntervals } from '../../src/rights/model';
import { dormantRights } from '../../src/rights/questions';
import type { ReviewDecision } from '../../src/rights/review';
import { accessReview, checkReviewDecision, quotePowerShell, removeCommand } from '../../src/rights/review';
import { grant } from '../../src/rights/detectors/base-input.cases';

const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";

/**
 * Reads one PowerShell single-quoted literal from the start of `text` the way the PowerShell tokenizer
 * does (any single-quote character followed by another is one literal quote; a lone one ends the string)
 * and returns its value and what follows it.
 */
function readSingleQuoted(text: string): { value: string; rest: string } {
  if (!SINGLE_QUOTES.includes(text[0])) throw new Error('not a single-quoted literal');
  let value = '';
  for (let i = 1; i < text.length; i += 1) {
    if (SINGLE_QUOTES.includes(text[i])) {
      if (i + 1 < text.length && SINGLE_QUOTES.includes(text[i + 1])) {
        value += text[i];
        i += 1;
      } else return { value, rest: text.slice(i + 1) };
    } else value += text[i];
  }
  throw new Error('unterminated');
}

describe('PowerShell quoting', () => {
  const hostile = [
    "O'Brien, Pat",
    "x'; Remove-Mailbox -Identity ceo -Confirm:$false; '",
    'x\u2019; Get-Mailbox | Remove-Mailbox; \u2018',
    '$(Remove-Mailbox ceo)',
    '`n"; Stop-Computer; "',
    '@{Add="mallory@fabrikam.com"}',
    '佐藤 花子',
    "''''",
  ];

  it.each(hostile)('a hostile name stays one literal that reads back as written: %s', (name) => {
    const quoted = quotePowerShell(name);
    const read = readSingleQuoted(quoted);
    expect(read).toEqual({ value: name, rest: '' });
  });

  it('the commands to remove each right, with values quoted', () => {
    const finance = identityOf('finance@contoso.com');
    const trustee = identityOf("O'Brien@contoso.com");
    expect(removeCommand('SendAs', finance, trustee)).toBe("Remove-RecipientPermission -Identity 'finance@contoso.com' -Trustee 'o''brien@contoso.com' -AccessRights SendAs -Confirm:$false");
    expect(removeCommand('FullAccess', identityOf('Finance Team'), trustee)).toBe("Remove-MailboxPermission -Identity 'Finance Team' -User 'o''brien@contoso.com' -AccessRights FullAccess -InheritanceType All -Confirm:$false");
    expect(removeCommand('SendOnBehalf', identityOf('ceo@contoso.com'), identityOf('Emily Braun'))).toBe("Set-Mailbox -Identity 'ceo@contoso.com' -GrantSendOnBehalfTo @{Remove='Emily Braun'}");
  });

  it('an injection attempt in a trustee ends up inside the -Trustee value, not as a command', () => {
    const command = removeCommand('SendAs', identityOf('finance'), identityOf(hostile[1]));
    const afterTrustee = command.slice(command.indexOf('-Trustee ') + '-Trustee '.length);
    const { value, rest } = readSingleQuoted(afterTrustee);
    expect(value).toBe(hostile[1]);
    expect(rest).toBe(' -AccessRights SendAs -Confirm:$false');
  });
});

describe('the access review', () => {
  const now = '2026-11-20T00:00:00.000Z';
  const intervals = buildIntervals(null, [
    grant('g1', '2026-08-01T00:00:00.000Z', 'finance@contoso.com', 'bob@contoso.com'),
    grant('g2', '2026-08-01T00:00:00.000Z', 'finance@contoso.com', 'alice@contoso.com', 'FullAccess'),
    grant('g3', '2026-08-01T00:00:00.000Z', 'ceo@contoso.com', 'carol@contoso.com', 'SendOnBehalf'),
    grant('g4', '2026-08-01T00:00:00.000Z', 'legal@contoso.com', 'dave@contoso.com'),
  ]);
  const dormant = dormantRights(intervals, [], now);
  const decision = (trustee: string, mailbox: string, right: ReviewDecision['right'], kind: ReviewDecision['decision'], at: string): ReviewDecision => ({ mailboxKey: mailbox, trusteeKey: trustee, right, decision: kind, by: 'reviewer@contoso.com', at });

  it('lists dormant rights per mailbox with their commands; a recent Keep hides one, an old Keep does not; Remove stays pending', () => {
    const review = accessReview(
      dormant,
      [
        decision('carol@contoso.com', 'ceo@contoso.com', 'SendOnBehalf', 'keep', '2026-11-01T00:00:00.000Z'),
        decision('dave@contoso.com', 'legal@contoso.com', 'SendAs', 'keep', '2026-08-10T00:00:00.000Z'),
        decision('bob@contoso.com', 'finance@contoso.com', 'SendAs', 'keep', '2026-11-01T00:00:00.000Z'),
        decision('bob@contoso.com', 'finance@contoso.com', 'SendAs', 'remove', '2026-11-02T00:00:00.000Z'),
      ],
      { now },
    );
    expect(review.map((m) => [m.mailbox.key, m.items.map((i) => [i.dormant.interval.trustee.key, i.dormant.interval.right, i.decision?.decision ?? null, i.removalPending])])).toEqual([
      ['finance@contoso.com', [['alice@contoso.com', 'FullAccess', null, false], ['bob@contoso.com', 'SendAs', 'remove', true]]],
      ['legal@contoso.com', [['dave@contoso.com', 'SendAs', 'keep', false]]],
    ]);
    expect(review[0].items[1].command).toBe("Remove-RecipientPermission -Identity 'finance@contoso.com' -Trustee 'bob@contoso.com' -AccessRights SendAs -Confirm:$false");
  });
});

describe('checking a Keep or Remove pressed on a review card', () => {
  const now = '2026-11-20T00:00:00.000Z';
  const intervals = buildIntervals(null, [
    grant('g1', '2026-08-01T00:00:00.000Z', 'finance@contoso.com', 'bob@contoso.com'),
    grant('g2', '2026-10-01T00:00:00.000Z', 'hr@contoso.com', 'eve@contoso.com'),
  ]);
  const bob = { mailboxKey: 'finance@contoso.com', trusteeKey: 'bob@contoso.com', right: 'SendAs' } as const;
  const by = (decision: ReviewDecision['decision'], at: string, target: { mailboxKey: string; trusteeKey: string } = bob): ReviewDecision => ({ ...bob, ...target, decision, by: 'adele@contoso.com', at });

  it('accepts a decision on a right held now', () => {
    expect(checkReviewDecision(intervals, [], { ...bob, decision: 'keep' }, { now }).kind).toBe('new');
  });

  it.each([
    ['another trustee', { ...bob, trusteeKey: 'mallory@contoso.com' }],
    ['another right', { ...bob, right: 'FullAccess' as const }],
    ['another mailbox', { ...bob, mailboxKey: 'ceo@contoso.com' }],
  ])('refuses a right nobody holds: %s', (_name, target) => {
    expect(checkReviewDecision(intervals, [], { ...target, decision: 'remove' }, { now })).toEqual({ kind: 'not-held' });
  });

  it('refuses the decision that stands already, and takes the other one (a change of mind)', () => {
    const decisions = [by('remove', '2026-11-10T00:00:00.000Z')];
    expect(checkReviewDecision(intervals, decisions, { ...bob, decision: 'remove' }, { now })).toMatchObject({ kind: 'already', decision: decisions[0] });
    expect(checkReviewDecision(intervals, decisions, { ...bob, decision: 'keep' }, { now }).kind).toBe('new');
  });

  it('takes a Keep again once keepDays have passed since the last one', () => {
    const decisions = [by('keep', '2026-11-10T00:00:00.000Z')];
    expect(checkReviewDecision(intervals, decisions, { ...bob, decision: 'keep' }, { now, keepDays: 90 }).kind).toBe('already');
    expect(checkReviewDecision(intervals, decisions, { ...bob, decision: 'keep' }, { now, keepDays: 5 }).kind).toBe('new');
  });

  it('does not count a decision made before the right was granted again', () => {
    const target = { mailboxKey: 'hr@contoso.com', trusteeKey: 'eve@contoso.com' };
    expect(checkReviewDecision(intervals, [by('remove', '2026-09-01T00:00:00.000Z', target)], { ...bob, ...target, decision: 'remove' }, { now }).kind).toBe('new');
  });
});
