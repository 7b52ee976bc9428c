import { Responder } from '../../src/bot/respond';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardText } from '../support/activities';
import type { CliRun } from '../support/cli';
import { runCliCapturing } from '../support/cli';

const NOW = '2026-11-20T00:00:00Z';

const ask = (question: string): Promise<CliRun> => runCliCapturing(['ask', '--demo', '--now', NOW, question], NOW);

describe('asking the rights questions on the demo tenant', () => {
  it('CLI: "who can send as finance" lists each holder with the right, since when, who granted it and its uses', async () => {
    const run = await ask('who can send as finance');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Who can send as finance@contoso\.com$/m);
    // Held since before the retained history: said so, not guessed.
    expect(run.out).toMatch(/— Send As\n {2}since before the retained history \(unknown since when\)\n {2}granted by: not in the retained records\n {2}last used .+\n {2}\d+ uses in the last 30 days/);
    // Granted during the history: when and by whom.
    expect(run.out).toMatch(/— Send As\n {2}since \d+ \w+ 2026 \d\d:\d\d\n {2}granted by [\w.]+@contoso\.com/);
    expect(run.out).toMatch(/Full Access opens the mailbox but does not let its holder send as it/);
  });

  it('CLI: the same question in Japanese is answered in Japanese', async () => {
    const run = await ask('finance の送信者権限を持っているのは誰');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^finance@contoso\.com の権限を持っている人$/m);
    expect(run.out).toMatch(/付与者: /);
  });

  it('CLI: dormant rights come with the command that removes each', async () => {
    const run = await ask('dormant rights');
    expect(run.out).toMatch(/Remove-RecipientPermission -Identity '[\w.@]+' -Trustee '[\w.@]+' -AccessRights SendAs -Confirm:\$false/);
  });

  it('CLI: "access review" prints the review as text: each dormant right with its facts and the command that removes it', async () => {
    const run = await ask('access review');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Access review$/m);
    expect(run.out).toMatch(/— Send As, \S+\n {2}since .+\n {2}granted by .+\n {2}never used in the retained history\n {2}Remove-RecipientPermission -Identity '[\w.@]+' -Trustee '[\w.@]+' -AccessRights SendAs -Confirm:\$false/);
    expect(run.out).toMatch(/Remove-MailboxPermission -Identity '[\w.@]+' -User '[\w.@]+' -AccessRights FullAccess -InheritanceType All -Confirm:\$false/);
    expect(run.out).toMatch(/no write access to Exchange/);
    const ja = await ask('アクセスレビュー');
    expect(ja.out).toMatch(/^アクセス レビュー$/m);
    expect(ja.out).toMatch(/Exchange への書き込み権限はありません/);
  });

  it('bot: the question gets a rights card, in the asker’s language', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await loadDemoTenant(store, {}, new Date(NOW));
      const responder = new Responder({ store, now: () => new Date(NOW) });
      const reply = await responder.respondToText('sends without a known right', { locale: 'en-US', timeZone: 'Asia/Tokyo' });
      expect(reply.intent).toBe('rights-without-right');
      const text = cardText(reply.cards[0]);
      expect(text).toMatch(/Sends without a known right, last 30 days/);
      expect(text).toMatch(/not proof of wrongdoing/);
      const ja = await responder.respondToText('who can send as finance', { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
      expect(cardText(ja.cards[0])).toMatch(/finance@contoso\.com の権限を持っている人/);
    } finally {
      await store.close();
    }
  });
});
