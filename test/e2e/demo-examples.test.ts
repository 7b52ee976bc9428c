import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { DOCUMENTED_DELEGATE, DOCUMENTED_EVENTS } from '../../src/audit/demo/tenant';
import { helpCard } from '../../src/cards';
import { askCommand } from '../../src/cli/ask';
import { exportCommand } from '../../src/cli/export';
import { parseExportRequest } from '../../src/query/parse/export';
import { runCli } from '../../src/cli';
import type { Language } from '../../src/i18n/reasons';
import { loadConfig } from '../../src/config';
import { parseQuestion, parseRightsQuestion } from '../../src/query/parse';
import { createLogger } from '../../src/runtime/logger';
import { demoAuditSettings } from '../../src/exchange/demo';
import { demoDirectory } from '../../src/directory/demo';
import { stringsFor } from '../../src/i18n/cards';
import { FakeConnector } from '../fakes/connector';
import { cardActions, cardText, postActivity, teamsMessage } from '../support/activities';

/**
 * Every example question the README, the help card and the app manifest's command list show is asked
 * of the demo tenant `npm start` serves (its default settings, nothing overridden but the port and the
 * store), through the bot and through the question engine, and must get a real answer: understood, about
 * a mailbox or person the demo has, and not empty.
 */

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** A Tuesday afternoon: "this week", "last month" and "last 7 days" all hold demo history. */
const NOW = new Date('2026-11-17T15:00:00.000Z');

interface Example {
  readonly where: string;
  readonly question: string;
  readonly language: Language;
}

const isJapanese = (text: string): boolean => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text);
const example = (where: string, question: string): Example => ({ where, question, language: isJapanese(question) ? 'ja' : 'en' });

/** The README's "What it answers" table, every cell split at " / " (alternatives), backticks dropped. */
function readmeTable(): Example[] {
  const section = README.split('## What it answers')[1].trim().split('\n\n')[0];
  const rows = section.split('\n').filter((line) => line.startsWith('|') && !/^\|\s*(Question|-)/.test(line));
  expect(rows.length).toBeGreaterThanOrEqual(8);
  return rows.flatMap((row) =>
    row
      .split('|')
      .slice(1, -1)
      .flatMap((cell) => cell.split(' / '))
      .map((text) => text.replace(/`/g, '').trim())
      .filter((text) => text !== '')
      .map((text) => example('README table', text)),
  );
}

/** `ask "QUESTION"` in the README's command-line examples. */
function readmeCliQuestions(): Example[] {
  return [...README.matchAll(/cli\.js ask "([^"]+)"/g)].map((m) => example('README command line', m[1]));
}

/** Questions the README's prose offers; each must still be written there. */
const README_PROSE = [
  'help',
  'who sent as finance this week',
  'anomalies',
  '今週 finance として送信したのは誰',
  'what did Alex Wilber send as',
  'did anyone send as finance',
  'sendas finance',
  'who sent from the finance mailbox',
  'who impersonated the finance mailbox',
];

/** The help card's buttons, as the card carries them. */
function helpCardQuestions(language: Language): Example[] {
  const asks = cardActions(helpCard(language)).filter((a) => a.data?.verb === 'ask');
  expect(asks.length).toBeGreaterThanOrEqual(6);
  return asks.map((a) => example(`help card (${language})`, String(a.data?.question)));
}

/**
 * The manifest's command list (and its Japanese localization): each "e.g. …" / "例: …" question, and
 * each command title that is a whole question (titles with "…" or that only start a question are
 * completed by the admin in Teams' compose box).
 */
function manifestQuestions(): Example[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8')) as {
    bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
  };
  const ja = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'ja.json'), 'utf8')) as Record<string, string>;
  const commands = [
    ...manifest.bots[0].commandLists.flatMap((list) => list.commands),
    ...Object.entries(ja)
      .filter(([key]) => /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
      .map(([key, title]) => ({ title, description: ja[key.replace(/title$/, 'description')] })),
  ];
  const out = new Map<string, Example>();
  for (const { title, description } of commands) {
    const sample = /(?:e\.g\.|例:)\s*(.+)$/.exec(description)?.[1];
    if (sample !== undefined) out.set(sample, example('manifest command list', sample));
    if (!title.includes('…') && !(sample ?? '').includes(title)) out.set(title, example('manifest command title', title));
  }
  return [...out.values()];
}

function allExamples(): Example[] {
  const prose = README.replace(/\s+/g, ' ');
  expect(README_PROSE.filter((question) => !prose.includes(question))).toEqual([]);
  const all = [
    ...readmeTable(),
    ...readmeCliQuestions(),
    ...README_PROSE.map((q) => example('README', q)),
    ...helpCardQuestions('en'),
    ...helpCardQuestions('ja'),
    ...manifestQuestions(),
  ];
  const unique = new Map(all.map((e) => [`${e.language}:${e.question}`, e]));
  return [...unique.values()];
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** What is wrong with the engine's answer to a data question, or null when it is a real answer. */
function problemWithAnswer(answer: Record<string, unknown>): string | null {
  // Rights answers (issue 19) name their kind.
  const rightsLists: Readonly<Record<string, string>> = { 'access-review': 'review', 'who-can-send-as': 'holders', 'grant-history': 'entries', dormant: 'dormant', 'without-right': 'sends' };
  if (typeof answer.kind === 'string' && answer.kind in rightsLists) {
    return (answer[rightsLists[answer.kind]] as unknown[]).length > 0 ? null : `an empty ${answer.kind} answer, though the demo has rights data for it`;
  }
  switch (answer.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
    case 'what-did-send-as':
      return (answer.rows as unknown[]).length > 0 ? null : `no rows for ${String(answer.subject)}`;
    case 'explain':
      return null;
    case 'anomalies':
      return (answer.anomalies as unknown[]).length > 0 ? null : 'no anomalies, though the demo plants them';
    case 'health':
      return Number(answer.totalEvents) > 0 ? null : 'no events';
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
      return (answer.rows as unknown[]).length > 0 ? null : `no rows for ${String(answer.intent)}, though the demo has them`;
    case 'ambiguous':
      return `"${String(answer.asked)}" is ambiguous: ${(answer.candidates as string[]).join(', ')}`;
    case 'not-found':
      return `nothing named "${String(answer.asked)}"${answer.neverSeen === true ? ' in the audit data' : ''}`;
    default:
      return `unexpected intent ${String(answer.intent)}`;
  }
}

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

/** "export who sent as …": answered with a file, not a card. */
function isExport(e: { readonly question: string; readonly language: Language }): boolean {
  return parseExportRequest(e.question, { now: NOW, timeZone: 'UTC', locale: e.language === 'ja' ? 'ja-JP' : 'en-US' }) !== null;
}

describe('every documented example on the demo tenant npm start serves', () => {
  let connector: FakeConnector;
  let app: App;
  const examples = allExamples();

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    // npm start's configuration: nothing set but a free port and a store of the test's own.
    const config = loadConfig({ PORT: '0', STORE_PATH: ':memory:', LOG_LEVEL: 'silent' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('silent'), { now: () => NOW });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
  });

  it('collects the examples from every place that shows them', () => {
    const where = new Set(examples.map((e) => e.where));
    for (const place of ['README table', 'README command line', 'README', 'help card (en)', 'help card (ja)', 'manifest command list']) expect(where).toContain(place);
    expect(examples.some((e) => e.question === `explain ${DOCUMENTED_EVENTS.delegate}`)).toBe(true);
    expect(examples.length).toBeGreaterThan(30);
  });

  it('understands each one', () => {
    const misunderstood = examples.filter(
      (e) => !isExport(e) && parseRightsQuestion(e.question) === null && parseQuestion(e.question, { now: NOW, timeZone: 'UTC', locale: e.language === 'ja' ? 'ja-JP' : 'en-US' }).kind !== 'parsed',
    );
    expect(misunderstood).toEqual([]);
  });

  it('answers each data question with a real answer about a mailbox or person the demo has', async () => {
    const problems: string[] = [];
    for (const e of examples) {
      const out = new Collect();
      const err = new Collect();
      const locale = e.language === 'ja' ? 'ja-JP' : 'en-US';
      if (isExport(e)) {
        // An export is the question's events as CSV: a header and at least one row.
        const exported = await exportCommand(e.question, app.store, out, err, { now: NOW, locale, timeZone: 'UTC' });
        if (exported !== 0 || out.text.trim().split('\n').length < 2) problems.push(`${e.where}: "${e.question}": no events exported (${err.text.trim()})`);
        continue;
      }
      const outcome = await askCommand(e.question, app.store, out, err, { now: NOW, locale, timeZone: 'UTC', format: 'json' });
      if (out.text === '') {
        // Conversation commands (subscribe, help) have no engine answer; the bot answers them below.
        if (!/works in a Teams conversation|Questions SendAs Watch answers/.test(err.text)) problems.push(`${e.where}: "${e.question}": ${err.text.trim()} (${outcome})`);
        continue;
      }
      const problem = problemWithAnswer(JSON.parse(out.text) as Record<string, unknown>);
      if (problem !== null) problems.push(`${e.where}: "${e.question}": ${problem}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  const consentCards = (): number => connector.calls.filter((c) => ((c.body?.attachments as { contentType: string }[] | undefined) ?? []).some((a) => a.contentType === FILE_CONSENT)).length;

  it('answers each one in the bot with a card of its own, never the "not understood" help card', async () => {
    const problems: string[] = [];
    for (const e of examples) {
      const locale = e.language === 'ja' ? 'ja-JP' : 'en-US';
      const before = connector.cards().length;
      const consentsBefore = consentCards();
      const { status } = await postActivity(app.url, teamsMessage({ serviceUrl: connector.url, text: e.question, locale }));
      if (status !== 200) {
        problems.push(`${e.where}: "${e.question}": HTTP ${status}`);
        continue;
      }
      if (isExport(e)) {
        // Asked in a personal chat: the bot offers the file through Teams' file consent card.
        await connector.waitFor(() => consentCards() > consentsBefore);
        continue;
      }
      await connector.waitFor(() => connector.cards().length > before);
      const text = cardText(connector.cards().at(-1));
      const strings = stringsFor(e.language);
      if (text.includes(strings.help.notUnderstood.replace(/\\/g, ''))) problems.push(`${e.where}: "${e.question}": not understood`);
      if (/undefined|\[object Object\]|\$\{/.test(text)) problems.push(`${e.where}: "${e.question}": raw text in the card`);
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('has the people and events the examples name', async () => {
    for (const address of ['ceo@contoso.com', 'finance@contoso.com', DOCUMENTED_DELEGATE, 'alex wilber']) {
      expect((await app.store.findAddresses(address, 5)).map((k) => k.address)).toContain(address);
    }
    for (const id of Object.values(DOCUMENTED_EVENTS)) expect(await app.store.getEvent(id)).not.toBeNull();
  });
});

describe('ask --demo', () => {
  async function cliAnswer(question: string, env: Record<string, string>): Promise<unknown> {
    const stdout = new Collect();
    const stderr = new Collect();
    const code = await runCli(['ask', question, '--demo', '--now', NOW.toISOString(), '--format', 'json'], { stdin: process.stdin, stdout, stderr, now: () => NOW, env });
    expect(stderr.text).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout.text);
  }

  async function botAnswer(question: string, env: Record<string, string>): Promise<unknown> {
    const config = loadConfig({ ...env, PORT: '0', STORE_PATH: ':memory:', LOG_LEVEL: 'silent' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    const app = await startApp(config.config, createLogger('silent'), { now: () => NOW });
    try {
      const out = new Collect();
      // The audit settings and directory the app builds for its demo tenant, as the bot's Responder has them.
      const { users, seed } = config.config.demo;
      await askCommand(question, app.store, out, new Collect(), { now: NOW, locale: 'en-US', timeZone: 'UTC', format: 'json', auditSettings: demoAuditSettings(users, seed, NOW.toISOString()), directory: demoDirectory(users, seed) });
      return JSON.parse(out.text);
    } finally {
      await app.close();
    }
  }

  it.each([
    ['the defaults', {}],
    ['DEMO_USERS / DEMO_DAYS / DEMO_SEED from the environment', { DEMO_USERS: '80', DEMO_DAYS: '20', DEMO_SEED: 'contoso' }],
  ])('answers from the tenant npm start serves, with %s', async (_name, env) => {
    for (const question of ['who sent as finance last month', 'audit health this month']) {
      expect(await cliAnswer(question, env)).toEqual(await botAnswer(question, env));
    }
  }, 180_000);

  it('refuses a DEMO_USERS that npm start would refuse', async () => {
    const stderr = new Collect();
    const code = await runCli(['ask', 'help', '--demo'], { stdin: process.stdin, stdout: new Collect(), stderr, now: () => NOW, env: { DEMO_USERS: 'many' } });
    expect(code).not.toBe(0);
    expect(stderr.text).toMatch(/DEMO_USERS/);
  });
});
