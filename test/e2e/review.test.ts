import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { REFUSED_REVIEW_DECISIONS_KEY } from '../../src/bot/respond';
import { createLogger } from '../../src/runtime/logger';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import { removeCommand } from '../../src/rights/review';
import { FakeConnector } from '../fakes/connector';
import { BOT_ISSUER, startMetadata, teamsSigner } from '../support/bot-tokens';
import { cardActions, cardText, postActivity, teamsMessage } from '../support/activities';

type Card = Record<string, unknown>;
const ADMIN = '00000000-0000-4000-8000-00000000a001';

function config(extra: Record<string, string> = {}): Config {
  const result = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '60', DEMO_DAYS: '60', LOG_LEVEL: 'silent', ...extra });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

const reviewButtons = (card: unknown, verb: 'review-keep' | 'review-remove'): Record<string, unknown>[] =>
  cardActions(card)
    .filter((action) => action.type === 'Action.Execute' && action.verb === verb)
    .map((action) => action.data ?? {});

const invoke = (serviceUrl: string, verb: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...teamsMessage({ serviceUrl }),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data } },
  ...extra,
});

describe('the access review through the real bot over HTTP (demo tenant)', () => {
  let connector: FakeConnector;
  let app: App;
  let now = new Date('2026-11-20T00:00:00.000Z');

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    app = await startApp(config(), createLogger('silent'), { now: () => now });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  async function ask(text: string, locale = 'en-US'): Promise<Card> {
    const before = connector.cards().length;
    await postActivity(app.url, teamsMessage({ serviceUrl: connector.url, text, locale }));
    await connector.waitFor(() => connector.cards().length > before);
    return connector.cards().at(-1) as Card;
  }

  /** Presses a button with Action.Execute: the invoke's own answer (a card in place), or the card sent to the conversation. */
  async function press(verb: string, data: Record<string, unknown>): Promise<{ status: number; inPlace: Card | null; sent: Card | null }> {
    const before = connector.cards().length;
    const { status, body } = await postActivity(app.url, invoke(connector.url, verb, data));
    const response = JSON.parse(body) as { statusCode?: number; type?: string; value?: unknown };
    if (response.type === 'application/vnd.microsoft.card.adaptive') return { status, inPlace: response.value as Card, sent: null };
    if (status !== 200) return { status, inPlace: null, sent: null };
    await connector.waitFor(() => connector.cards().length > before);
    return { status, inPlace: null, sent: connector.cards().at(-1) as Card };
  }

  const refusedCount = async (): Promise<number> => Number((await app.store.getState(REFUSED_REVIEW_DECISIONS_KEY)) ?? 0);

  let first: Record<string, unknown>;
  let second: Record<string, unknown>;

  it('"access review" shows the demo’s dormant rights with Keep and Remove, in English and in Japanese', async () => {
    const card = await ask('access review');
    expect(cardText(card)).toMatch(/^Access review$/m);
    const keeps = reviewButtons(card, 'review-keep');
    expect(keeps.length).toBeGreaterThanOrEqual(2);
    expect(reviewButtons(card, 'review-remove')).toHaveLength(keeps.length);
    [first, second] = reviewButtons(card, 'review-keep');
    const ja = await ask('アクセスレビュー', 'ja-JP');
    expect(cardText(ja)).toMatch(/^アクセス レビュー$/m);
    expect(reviewButtons(ja, 'review-keep').map((b) => b.lang)).toEqual(keeps.map(() => 'ja'));
  });

  it('Keep stores the decision under the admin and redraws the card in place with who and when', async () => {
    const { status, inPlace } = await press('review-keep', first);
    expect(status).toBe(200);
    expect(cardText(inPlace)).toMatch(new RegExp(`Kept by ${ADMIN}, 20 Nov 2026 00:00`));
    const decisions = await app.store.listReviewDecisions(String(first.mailbox));
    expect(decisions).toEqual([{ mailboxKey: first.mailbox, trusteeKey: first.trustee, right: first.right, decision: 'keep', by: ADMIN, at: now.toISOString() }]);
    // The kept right has no buttons left on the redrawn card; the others keep theirs.
    expect(reviewButtons(inPlace, 'review-keep')).not.toContainEqual(first);
    expect(reviewButtons(inPlace, 'review-keep')).toContainEqual(second);
  });

  it('Remove stores the decision and answers with the exact command, saying the bot cannot change Exchange', async () => {
    const { inPlace } = await press('review-remove', { ...second, verb: 'review-remove' });
    const text = cardText(inPlace);
    const mailbox = String(second.mailbox);
    const trustee = String(second.trustee);
    expect(text).toContain(removeCommand(second.right as 'SendAs', { text: mailbox, key: mailbox }, { text: trustee, key: trustee }));
    expect(text).toMatch(/SendAs Watch cannot change Exchange\. Run this in Exchange Online PowerShell:/);
    expect(text).toMatch(new RegExp(`Removal decided by ${ADMIN}, 20 Nov 2026 00:00; the right is still held`));
    expect((await app.store.listReviewDecisions(mailbox)).filter((d) => d.trusteeKey === trustee).map((d) => d.decision)).toEqual(['remove']);
  });

  it('refuses a forged button (a right nobody holds) and a replayed one, stores nothing and counts them', async () => {
    const before = (await app.store.listReviewDecisions()).length;
    const forged = await press('review-keep', { ...first, trustee: 'mallory@contoso.com' });
    expect(cardText(forged.sent)).toMatch(/does not see held today .* Nothing was recorded\./);
    const replayed = await press('review-remove', { ...second, verb: 'review-remove' });
    // Markdown-escaped on the card (Teams shows the brackets plainly).
    expect(cardText(replayed.sent)).toContain(`Already decided: Remove \\(${ADMIN}, 20 Nov 2026 00:00\\). Nothing new was recorded.`);
    // Tampered data the schema refuses: an unknown right.
    const tampered = await press('review-keep', { ...first, right: 'Owner' });
    expect(tampered.status).toBe(400);
    expect((await app.store.listReviewDecisions()).length).toBe(before);
    expect(await refusedCount()).toBe(2);
  });

  it('an Action.Submit press updates the card message in place', async () => {
    const card = await ask('access review');
    const [third] = reviewButtons(card, 'review-keep');
    const message = connector.activities().at(-1);
    const updates = connector.calls.filter((call) => call.kind === 'update').length;
    await postActivity(app.url, teamsMessage({ serviceUrl: connector.url, extra: { value: third, replyToId: message?.assignedId } }));
    await connector.waitFor((calls) => calls.filter((call) => call.kind === 'update').length > updates);
    const update = connector.calls.filter((call) => call.kind === 'update').at(-1);
    expect(update?.activityId).toBe(message?.assignedId);
    expect(cardText((update?.body?.attachments as { content: Card }[])[0].content)).toMatch(/Kept by /);
    expect((await app.store.listReviewDecisions(String(third.mailbox))).some((d) => d.trusteeKey === third.trustee && d.decision === 'keep')).toBe(true);
  });

  it('later answers show the decisions: the next review leaves the kept right out (until keepDays pass), dormant rights and who-can-send-as show the removal', async () => {
    const next = await ask('access review');
    const rights = (card: Card): string[] => [...reviewButtons(card, 'review-keep'), ...reviewButtons(card, 'review-remove')].map((b) => `${String(b.mailbox)}|${String(b.trustee)}|${String(b.right)}`);
    expect(rights(next)).not.toContain(`${String(first.mailbox)}|${String(first.trustee)}|${String(first.right)}`);
    expect(cardText(next)).toMatch(/Removal decided by .*; the right is still held/);
    expect(cardText(await ask('dormant rights'))).toContain(`Review: Remove \\(${ADMIN}, 20 Nov 2026 00:00\\)`);
    const whoCan = await ask(`who can send as ${String(second.mailbox)}`);
    expect(cardText(whoCan)).toMatch(new RegExp(`Removal decided by ${ADMIN}, 20 Nov 2026 00:00; the right is still held`));
    now = new Date(Date.parse('2026-11-20T00:00:00.000Z') + 91 * 24 * 3600_000);
    try {
      const later = await ask('access review');
      expect(cardText(later)).toMatch(/Access review/);
      expect(JSON.stringify(later)).toContain(`"trustee":"${String(first.trustee)}"`);
    } finally {
      now = new Date('2026-11-20T00:00:00.000Z');
    }
  });
});

describe('the access review with signed Teams tokens', () => {
  const BOT_ID = '11111111-2222-4333-8444-555555555555';
  const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const SERVICE_URL = 'http://127.0.0.1:9/';
  const signer = teamsSigner(BOT_ID, SERVICE_URL);
  let metadata: Awaited<ReturnType<typeof startMetadata>>;
  let app: App;

  beforeAll(async () => {
    metadata = await startMetadata([{ kid: 'trusted', key: signer.publicKey, endorsements: ['msteams'] }]);
    app = await startApp(config({ BIND_HOST: '127.0.0.1', BOT_ID, BOT_PASSWORD: 'test-only', BOT_TENANT_ID: TENANT, SENDAS_ADMINS: ADMIN }), createLogger('silent'), {
      now: () => new Date('2026-11-20T00:00:00.000Z'),
      botFrameworkOverrides: { ToBotFromChannelOpenIdMetadataUrl: metadata.url, ToBotFromChannelTokenIssuer: BOT_ISSUER, ToBotFromEmulatorOpenIdMetadataUrl: metadata.url },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => metadata.server.close(() => resolve()));
  });

  it('a user who is not an admin gets the refusal and stores nothing', async () => {
    const answer = await (await import('../../src/notify/review')).currentAccessReview(app.store, new Date('2026-11-20T00:00:00.000Z'), { keepDays: 90 });
    const right = answer.review[0].items[0].dormant.interval;
    const data = { verb: 'review-remove', mailbox: right.mailbox.key, trustee: right.trustee.key, right: right.right };
    const activity = { ...invoke(SERVICE_URL, 'review-remove', data), from: { id: '29:someone', name: 'Someone', aadObjectId: '00000000-0000-4000-8000-0000000000bb' }, conversation: { id: 'a:x', conversationType: 'personal', tenantId: TENANT } };
    const { status, body } = await postActivity(app.url, activity, { authorization: `Bearer ${signer.sign()}` });
    expect(status).toBe(200);
    const response = JSON.parse(body) as { value: unknown };
    expect(cardText(response.value)).toMatch(/^Access needed$/m);
    expect(await app.store.listReviewDecisions()).toEqual([]);
    // The same press by the admin is stored: the refusal was the user, not the button.
    const admitted = await postActivity(app.url, { ...activity, from: { id: '29:admin', name: 'Adele', aadObjectId: ADMIN } }, { authorization: `Bearer ${signer.sign()}` });
    expect(admitted.status).toBe(200);
    expect((await app.store.listReviewDecisions()).map((d) => [d.decision, d.by])).toEqual([['remove', ADMIN]]);
  });
});
