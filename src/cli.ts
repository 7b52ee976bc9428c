#!/usr/bin/env node
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { SendAsWatchError, describeError } from './errors';
import { isoInstant, positiveInteger } from './cli/args';
import { classifyCommand } from './cli/classify';
import { demoCommand } from './cli/demo';
import { ingestCommand } from './cli/ingest';
import { ingestRightsCommand, rightsLoadReadable } from './cli/rights';
import type { AskFormat } from './cli/ask';
import { askCommand } from './cli/ask';
import { exportCommand } from './cli/export';
import { loadDemoTenant } from './sources/demo';
import { demoDirectory } from './directory/demo';
import { demoAuditSettings } from './exchange/demo';

import { loadExport } from './sources/file';
import { IANAZone } from 'luxon';
import { openStore } from './store/open';
import { config as loadDotenv } from 'dotenv';
import { demoSettingsFrom } from './config';
import type { Config } from './config';
import type { DirectoryLookup } from './directory/lookup';
import type { Store } from './store/store';
import { INGEST_HISTORY_MS, batchContext } from './query/context';

const DEFAULT_STORE_PATH = './data/sendas.db';

/** Exit codes: 0 done, 1 the input held nothing readable, 2 usage, 70 an internal fault. */
const EXIT = { ok: 0, unreadable: 1, usage: 2, internal: 70 } as const;

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now: () => Date;
  /** Where DEMO_USERS / DEMO_DAYS / DEMO_SEED are read, as `npm start` reads them; none means their defaults. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Opens FILE, or stdin for `-`, with a clear usage error when it cannot be read. */
export function openInput(path: string, io: CliIo): Readable {
  if (path === '-') return io.stdin;
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new SendAsWatchError('SENDAS_USAGE', `cannot read ${path}: no such file.`);
  }
  if (!isFile) throw new SendAsWatchError('SENDAS_USAGE', `cannot read ${path}: not a file.`);
  return createReadStream(path);
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('sendas-watch')
    .description('Who really sent as whom: classify Exchange SendAs / SendOnBehalf audit records.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('classify')
    .description('Classify every SendAs / SendOnBehalf record in FILE (JSON Lines, JSON, Graph records, Purview CSV); "-" reads stdin.')
    .argument('<file>', 'audit export to read, or - for stdin')
    .option('--summary', 'print a table of categories and top delegates instead of JSON lines')
    .action(async (file: string, options: { summary?: boolean }) => {
      const tally = await classifyCommand(openInput(file, io), io.stdout, io.stderr, { summary: options.summary === true });
      const readable = tally.events + tally.skipped > 0 || tally.rejected === 0;
      setExit(readable ? EXIT.ok : EXIT.unreadable);
    });

  program
    .command('demo')
    .description("Write a synthetic tenant's SendAs history as JSON Lines of AuditData (deterministic for a seed).")
    .option('--users <n>', 'people in the tenant', positiveInteger, 200)
    .option('--days <n>', 'days of history', positiveInteger, 60)
    .option('--seed <seed>', 'seed for the generator', '42')
    .option('--end <iso>', 'end of the history (default: now)', isoInstant)
    .option('--truth <file>', 'also write the ground truth of each record (JSON Lines) to this file')
    .action(async (options: { users: number; days: number; seed: string; end?: Date; truth?: string }) => {
      const truth = options.truth === undefined ? null : createWriteStream(options.truth);
      const count = await demoCommand({ users: options.users, days: options.days, seed: options.seed, end: options.end ?? io.now() }, io.stdout, truth);
      if (truth !== null) await new Promise<void>((resolve) => truth.end(resolve));
      io.stderr.write(`Wrote ${count} records for ${options.users} users over ${options.days} days.\n`);
      setExit(EXIT.ok);
    });

  program
    .command('ingest')
    .description('Load an audit export (any format classify reads) into the store; re-loading the same file changes nothing.')
    .argument('<file>', 'audit export to load, or - for stdin')
    .option('--store <path>', 'the store: a SQLite file or a postgres:// URL', DEFAULT_STORE_PATH)
    .action(async (file: string, options: { store: string }) => {
      const input = openInput(file, io);
      const store = await openStore(options.store);
      try {
        const tally = await ingestCommand(input, store, io.stderr, {
          size: file === '-' ? null : statSync(file).size,
          progress: (io.stderr as NodeJS.WriteStream).isTTY === true,
          source: file === '-' ? 'file:stdin' : `file:${file}`,
        });
        setExit(tally.inserted + tally.duplicates + tally.skipped > 0 || tally.rejected === 0 ? EXIT.ok : EXIT.unreadable);
      } finally {
        await store.close();
      }
    });

  program
    .command('ingest-rights')
    .description(
      'Load who can send as whom: the CSV exports of Get-EXORecipientPermission, Get-EXOMailboxPermission and Get-EXOMailbox -Properties GrantSendOnBehalfTo (load the mailbox export first: it names the aliases), or Exchange admin audit records.',
    )
    .argument('<files...>', 'exports to load, in order')
    .option('--store <path>', 'the store: a SQLite file or a postgres:// URL', DEFAULT_STORE_PATH)
    .option('--taken-at <iso>', 'when the inventory exports were made (default: each file\'s modification time)', isoInstant)
    .action(async (files: string[], options: { store: string; takenAt?: Date }) => {
      const inputs = files.map((name) => ({ name, input: openInput(name, io), takenAt: (options.takenAt ?? (name === '-' ? io.now() : statSync(name).mtime)).toISOString() }));
      const store = await openStore(options.store);
      try {
        const tallies = await ingestRightsCommand(inputs, store, io.stderr, { readAt: io.now() });
        setExit(tallies.every(rightsLoadReadable) ? EXIT.ok : EXIT.unreadable);
      } finally {
        await store.close();
      }
    });

  program
    .command('ask')
    .description('Answer a question the way the bot does, from an export, a store or the demo tenant.')
    .argument('<question>', 'e.g. "who sent as finance@contoso.com this week"')
    .option('--input <file>', 'answer from this audit export (loaded into a temporary store)')
    .option('--store <path>', 'answer from this store: a SQLite file or a postgres:// URL')
    .option('--demo', 'answer from the demo tenant `npm start` serves (DEMO_USERS, DEMO_DAYS, DEMO_SEED), generated up to --now')
    .option('--now <iso>', 'the time the question is asked (default: now)', isoInstant)
    .option('--locale <locale>', 'en-US or ja-JP: the language of the answer', 'en-US')
    .option('--tz <zone>', 'IANA time zone the question is read in', 'UTC')
    .option('--format <format>', 'json, text or card', 'text')
    .action(async (question: string, options: { input?: string; store?: string; demo?: boolean; now?: Date; locale: string; tz: string; format: string }) => {
      if (!['json', 'text', 'card'].includes(options.format)) throw new SendAsWatchError('SENDAS_USAGE', '--format must be json, text or card.');
      const now = options.now ?? io.now();
      const { store, demo, directory } = await openQuestionStore('ask', options, now, io);
      try {
        const auditSettings = demo === null ? undefined : demoAuditSettings(demo.users, demo.seed, now.toISOString());
        setExit(await askCommand(question, store, io.stdout, io.stderr, { now, locale: options.locale, timeZone: options.tz, format: options.format as AskFormat, auditSettings, directory }));
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('Write the events of a question as the CSV the bot sends ("export who sent as finance last month"), from an export, a store or the demo tenant.')
    .argument('<question>', 'e.g. "who sent as finance@contoso.com last month" (the word export is optional)')
    .option('--input <file>', 'export from this audit export (loaded into a temporary store)')
    .option('--store <path>', 'export from this store: a SQLite file or a postgres:// URL')
    .option('--demo', 'export from the demo tenant, generated up to --now')
    .option('--now <iso>', 'the time the question is asked (default: now)', isoInstant)
    .option('--locale <locale>', 'en-US or ja-JP: the language of the reasons column', 'en-US')
    .option('--tz <zone>', 'IANA time zone the question is read in', 'UTC')
    .option('-o, --output <file>', 'write the CSV here; - for stdout', '-')
    .action(async (question: string, options: { input?: string; store?: string; demo?: boolean; now?: Date; locale: string; tz: string; output: string }) => {
      const now = options.now ?? io.now();
      const { store } = await openQuestionStore('export', options, now, io);
      try {
        const out = options.output === '-' ? io.stdout : createWriteStream(options.output);
        try {
          setExit(await exportCommand(question, store, out, io.stderr, { now, locale: options.locale, timeZone: options.tz }));
        } finally {
          if (out !== io.stdout) await new Promise<void>((resolve) => out.end(resolve));
        }
      } finally {
        await store.close();
      }
    });

  return program;
}

interface QuestionSourceOptions {
  readonly input?: string;
  readonly store?: string;
  readonly demo?: boolean;
  readonly tz: string;
}

/**
 * The store `ask` and `export` answer from: exactly one of an export (in a temporary store), a store,
 * or the demo tenant `npm start` serves (its DEMO_* settings, directory, and records classified with
 * the same context). The caller closes the store.
 */
async function openQuestionStore(
  command: string,
  options: QuestionSourceOptions,
  now: Date,
  io: CliIo,
): Promise<{ readonly store: Store; readonly demo: Config['demo'] | null; readonly directory: DirectoryLookup | undefined }> {
  const sources = [options.input, options.store, options.demo === true ? 'demo' : undefined].filter((s) => s !== undefined);
  if (sources.length !== 1) throw new SendAsWatchError('SENDAS_USAGE', `${command} needs exactly one of --input FILE, --store PATH or --demo.`);
  if (!IANAZone.isValidZone(options.tz)) throw new SendAsWatchError('SENDAS_USAGE', `--tz ${options.tz} is not an IANA time zone (e.g. Asia/Tokyo).`);
  const input = options.input === undefined ? null : openInput(options.input, io);
  const store = await openStore(options.store ?? ':memory:');
  try {
    const demo = options.demo === true ? demoSettingsFrom(io.env ?? {}) : null;
    const directory = demo === null ? undefined : demoDirectory(demo.users, demo.seed);
    if (demo !== null) await loadDemoTenant(store, demo, now, (events) => batchContext(events, { store, historyMs: INGEST_HISTORY_MS, ...(directory === undefined ? {} : { directory }) }));
    if (input !== null) {
      const tally = await loadExport(input, store, `file:${options.input ?? ''}`);
      if (tally.rejected > 0) io.stderr.write(`${tally.rejected} records in the input were rejected (run classify for details).\n`);
    }
    return { store, demo, directory };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The CLI's one error boundary: every failure becomes a message and an exit code, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof SendAsWatchError) {
      io.stderr.write(`sendas-watch: ${error.message}\n`);
      return error.code === 'SENDAS_USAGE' ? EXIT.usage : EXIT.unreadable;
    }
    io.stderr.write(`sendas-watch: internal error: ${describeError(error)}\n`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
  // The .env `npm start` reads, so `ask --demo` builds the same tenant.
  loadDotenv({ quiet: true });
  void runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, now: () => new Date(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
