import { answerCard } from '../../src/cards';
import { healthAnswer } from './fixtures';
import { markdownTexts } from './support';

// The engine hands "audit health" lines over as codes with their facts; the card words them.
describe('health card status lines', () => {
  it('words each line in English, its instants in the asker zone', () => {
    const texts = markdownTexts(answerCard(healthAnswer('en', { timeZone: 'Asia/Tokyo' })));
    expect(texts).toContain('• Queried up to 7 May 2025 18:48 \\(12 min behind now\\).');
    expect(texts).toContain('• payroll@contoso.com: delegate Send As not recorded \\(missing from AuditDelegate\\).');
  });

  it('words each line in Japanese', () => {
    const texts = markdownTexts(answerCard(healthAnswer('ja', { timeZone: 'Asia/Tokyo' })));
    expect(texts).toContain('• 2025年5月7日 18:48 までを取得済みです（現在から 12 分 遅れ）。');
    expect(texts).toContain('• payroll@contoso.com: 代理人による「送信者として送信」が記録されない（AuditDelegate に含まれていない）');
  });

  it('shows no line code', () => {
    for (const language of ['en', 'ja'] as const) {
      expect(JSON.stringify(answerCard(healthAnswer(language)))).not.toMatch(/graph-queried-up-to|audit-unrecorded|lagMs/);
    }
  });
});
