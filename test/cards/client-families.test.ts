import { answerCard } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import type { ClientFamily } from '../../src/classify/clients';
import type { Language } from '../../src/i18n/reasons';
import type { EventListAnswer } from '../../src/query/answer';
import { activityAnswer, rows } from './fixtures';
import { markdownTexts } from './support';

// The engine hands client families over as codes; each card words them in the answer's language
// (the explain card's is in content.test.ts, beside its other fields).
const all = (card: AdaptiveCard): string => JSON.stringify(card);

function eventList(language: Language, clients: readonly ClientFamily[]): EventListAnswer {
  return {
    intent: 'events',
    language,
    timeZone: 'UTC',
    warnings: [],
    actor: 'alex@contoso.com',
    sentAs: 'finance@contoso.com',
    range: { from: '2025-05-01T00:00:00.000Z', to: '2025-05-08T00:00:00.000Z' },
    events: clients.map((client, i) => ({ id: `evt-${i}`, time: `2025-05-06T08:1${i}:00.000Z`, operation: 'SendAs', client, category: 'delegate', clientIp: '192.0.2.10', subject: 'Invoice' })),
    total: clients.length,
    offset: 0,
    next: null,
  };
}

describe('client families worded by the cards', () => {
  it.each([
    ['en', ['Outlook on the web', 'Microsoft background process', 'no client recorded']],
    ['ja', ['Outlook on the web', 'Microsoft のバックグラウンド処理', 'クライアントの記録なし']],
  ] as const)('the answer card words each row\'s clients in %s', (language, expected) => {
    const card = answerCard(activityAnswer({ language, rows: rows(1, { category: () => 'delegate', clients: () => ['owa', 'rest-system', 'none'] }) }));
    const row = markdownTexts(card).find((text) => text.includes(expected[0]));
    expect(row).toBeDefined();
    for (const label of expected) expect(row).toContain(label);
    expect(all(card)).not.toMatch(/rest-system|"none"|\bowa\b/);
  });

  it.each([
    ['en', 'Outlook desktop', 'Exchange Web Services'],
    ['ja', 'Outlook デスクトップ', 'Exchange Web Services'],
  ] as const)('the events card words each event\'s client in %s', (language, desktop, ews) => {
    const texts = markdownTexts(answerCard(eventList(language, ['outlook-desktop', 'ews']))).join('\n');
    expect(texts).toContain(desktop);
    expect(texts).toContain(ews);
    expect(texts).not.toMatch(/outlook-desktop|\bews\b/);
  });

});
