import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Command, InvalidArgumentError } from 'commander';
import { positiveInteger } from '../../src/cli/args';
import type { BenchSamples, ServerStats } from './bot-protocol';
import { ServerProcess } from './bot-process';
import type { ReceivedReply } from './fake-connector';
import { BenchConnector } from './fake-connector';
import { line, peakRssMb, percentile } from './measure';

interface BenchOptions {
  readonly conversations: number;
  readonly rate: number;
  readonly duration: number;
  readonly warmup: number;
  readonly saturation: boolean;
  readonly soak?: number;
  readonly sampleEvery: number;
  readonly users: number;
  readonly days: number;
  readonly connectorDelay: number;
  readonly logLevel: string;
  readonly keep: boolean;
  readonly profile?: string;
}

const TENANT_ID = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const BOT = { id: '28:sendas-watch-bench', name: 'SendAs Watch' };
/** A turn whose card has not come this long after the load stopped is counted missing. */
const GRACE_MS = 5_000;
/** The issue's target for answers from the store, at a paced load. */
const TARGET_P95_MS = 200;
/**
 * autocannon paces each connection to whole requests per second, all of them at the start of the
 * second; this many instances started evenly through the second spread those bursts out.
 */
const PACED_SLICES = 10;

/** One question as an admin would type it, with the locale and zone Teams sends along. */
interface Question {
  readonly text: string;
  readonly locale: string;
  readonly timeZone: string;
}

/**
 * The mix the issue asks for, over what the demo store holds: 3 in 10 "who sent as / on behalf of",
 * 2 "what did … send as", 2 "explain", 2 in Japanese, 1 "help", cycled in a fixed order.
 */
function questionMix(samples: BenchSamples): (n: number) => Question {
  const pick = (values: readonly string[], n: number, fallback: string): string => (values.length === 0 ? fallback : values[n % values.length]);
  const en = (text: string): Question => ({ text, locale: 'en-US', timeZone: 'America/New_York' });
  const ja = (text: string): Question => ({ text, locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
  const ranges = ['this week', 'last 30 days', 'yesterday', 'last month'];
  const slots: ((n: number) => Question)[] = [
    (n) => en(`who sent as ${pick(samples.sentAs, n, 'finance@contoso.com')} ${ranges[n % ranges.length]}`),
    (n) => en(`what did ${pick(samples.actors, n, 'adele')} send as ${ranges[(n + 1) % ranges.length]}`),
    (n) => en(`explain ${pick(samples.eventIds, n, randomUUID())}`),
    (n) => ja(`今週 ${pick(samples.sentAs, n, 'finance@contoso.com')} として送信したのは誰`),
    () => en('help'),
    (n) => en(`who sent on behalf of ${pick(samples.sentAs, n + 7, 'finance@contoso.com')} last 30 days`),
    (n) => en(`what did ${pick(samples.actors, n + 3, 'adele')} send as this week`),
    (n) => en(`explain ${pick(samples.eventIds, n + 11, randomUUID())}`),
    (n) => ja(`先月 ${pick(samples.actors, n, 'adele')} は誰として送信した`),
    (n) => en(`who sent as ${pick(samples.sentAs, n + 3, 'finance@contoso.com')} this week`),
  ];
  return (n) => slots[n % slots.length](Math.floor(n / slots.length));
}

/** A Teams personal-chat message as the Bot Connector posts it. */
function teamsActivity(serviceUrl: string, conversation: number, question: Question): { id: string; body: string } {
  const id = randomUUID();
  const body = {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-admin-${conversation}`, name: `Bench Admin ${conversation}`, aadObjectId: `00000000-0000-4000-8000-${String(conversation).padStart(12, '0')}` },
    recipient: BOT,
    conversation: { id: `a:bench-conversation-${conversation}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: question.locale,
    localTimezone: question.timeZone,
    text: question.text,
  };
  return { id, body: JSON.stringify(body) };
}

/**
 * The conversations, each with at most one question in flight, as an admin waits for the answer
 * before asking again. The one idle longest asks next.
 */
class Conversations {
  private readonly idle: number[];
  /** Questions that found every conversation busy and went out under a conversation of their own. */
  overflow = 0;

  constructor(private readonly count: number) {
    this.idle = Array.from({ length: count }, (_, i) => i + 1);
  }

  take(): number {
    const next = this.idle.shift();
    if (next !== undefined) return next;
    this.overflow += 1;
    return this.count + this.overflow;
  }

  release(conversation: number): void {
    if (conversation <= this.count) this.idle.push(conversation);
  }
}

interface Timed {
  /** performance.now() when the request was built, just before autocannon wrote it. */
  readonly at: number;
  readonly ms: number;
}

/** Turns in flight and answered: latency is request sent → card received by the fake connector. */
class Turns {
  private readonly pending = new Map<string, number>();
  readonly latencies: Timed[] = [];
  readonly httpLatencies: Timed[] = [];
  typing = 0;
  /** Cards after the first of a turn (an answer in several cards), or for no known turn. */
  extraCards = 0;
  non2xx = 0;

  start(activityId: string): void {
    this.pending.set(activityId, performance.now());
  }

  received(reply: ReceivedReply): void {
    if (!reply.card) {
      this.typing += 1;
      return;
    }
    const sentAt = this.pending.get(reply.replyToId);
    if (sentAt === undefined) {
      this.extraCards += 1;
      return;
    }
    this.pending.delete(reply.replyToId);
    this.latencies.push({ at: sentAt, ms: reply.at - sentAt });
  }

  /** Turns sent in [from, to) still without a card. */
  missing(from: number, to: number): number {
    let count = 0;
    for (const sentAt of this.pending.values()) if (sentAt >= from && sentAt < to) count += 1;
    return count;
  }

  /** Latencies of turns sent in [from, to), sorted. */
  between(from: number, to: number, which: 'latencies' | 'httpLatencies' = 'latencies'): number[] {
    return this[which]
      .filter((l) => l.at >= from && l.at < to)
      .map((l) => l.ms)
      .sort((a, b) => a - b);
  }
}

/** What the server's /healthz counts of POSTs to /api/messages, and of connections it closed at its caps. */
async function serverQuestions(url: string): Promise<{ answered: number; closedUnanswered: number; refusedConnections: number }> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { questionsAnswered: number; questionsClosedUnanswered: number; refusedConnections: number };
  return { answered: health.questionsAnswered, closedUnanswered: health.questionsClosedUnanswered, refusedConnections: health.refusedConnections };
}

/** Error-level lines the server logged, by event (its log is JSON lines). */
function serverErrors(logPath: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of readFileSync(logPath, 'utf8').split('\n')) {
    if (!text.startsWith('{')) continue;
    const entry = JSON.parse(text) as { level?: number; event?: string };
    if ((entry.level ?? 0) < 50) continue;
    const key = entry.event ?? 'unnamed';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (value: number): string => (Number.isNaN(value) ? '—' : `${Math.round(value)}`);
const count = (value: number): string => value.toLocaleString('en-US');
const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

function latencyLine(sorted: readonly number[]): string {
  return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(percentile(sorted, 99))} / ${ms(sorted.at(-1) ?? Number.NaN)} ms`;
}

/** Everything one bench run works with. */
interface Run {
  readonly server: ServerProcess;
  /** The bot server's base URL. */
  readonly url: string;
  readonly connector: BenchConnector;
  readonly turns: Turns;
  readonly ask: (n: number) => Question;
  readonly logPath: string;
  readonly options: BenchOptions;
  /** Questions asked so far, across phases: the position in the mix. */
  asked: number;
}

/** The load of one phase: autocannon connections, and a rate for all of them or none (back to back). */
interface Load {
  readonly connections: number;
  readonly seconds: number;
  readonly rate?: number;
}

interface Outcome {
  readonly sockets: number;
  readonly timeouts: number;
  /** Questions that found all conversations busy. */
  readonly overflow: number;
}

/** One autocannon instance posting questions, each under the conversation idle longest. */
function cannon(run: Run, load: Load, conversations: Conversations): autocannon.Instance {
  const { turns } = run;
  const instance = autocannon({
    url: `${run.url}/api/messages`,
    connections: load.connections,
    duration: load.seconds,
    timeout: 30,
    overallRate: load.rate,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const conversation = conversations.take();
          context.conversation = conversation;
          const activity = teamsActivity(run.connector.url, conversation, run.ask(run.asked++));
          turns.start(activity.id);
          return { ...request, body: activity.body };
        },
        onResponse: (_status, _body, context) => {
          if (typeof context.conversation === 'number') conversations.release(context.conversation);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status < 200 || status > 299) turns.non2xx += 1;
    turns.httpLatencies.push({ at: performance.now() - responseTime, ms: responseTime });
  });
  return instance;
}

/** Runs a phase: paced loads as several instances started evenly through the first second. */
async function drive(run: Run, load: Load): Promise<Outcome> {
  // A fresh pool: turns cut off at the end of the last phase never gave their conversation back.
  const conversations = new Conversations(run.options.conversations);
  if (load.rate === undefined) {
    const result = await cannon(run, load, conversations);
    return { sockets: result.errors, timeouts: result.timeouts, overflow: conversations.overflow };
  }
  const rate = load.rate;
  const sliceCount = Math.min(PACED_SLICES, rate);
  const slices = Array.from({ length: sliceCount }, (_, i) => Math.floor(rate / sliceCount) + (i < rate % sliceCount ? 1 : 0));
  const results = await Promise.all(
    slices.map(async (sliceRate, i) => {
      await sleep((i * 1000) / slices.length);
      return cannon(run, { connections: Math.max(1, Math.round((load.connections * sliceRate) / rate)), seconds: load.seconds, rate: sliceRate }, conversations);
    }),
  );
  return { sockets: sum(results.map((r) => r.errors)), timeouts: sum(results.map((r) => r.timeouts)), overflow: conversations.overflow };
}

async function sleep(milliseconds: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
}

interface PhaseResult {
  readonly errors: number;
  readonly p95: number;
}

/** A warm-up then `duration` measured seconds of one load: latency, throughput, errors, server CPU. */
async function phase(run: Run, title: string, load: Omit<Load, 'seconds'>): Promise<PhaseResult> {
  const { server, connector, turns, options } = run;
  process.stdout.write(`\n${title}\n`);
  const errorsBefore = serverErrors(run.logPath);
  const questionsBefore = await serverQuestions(run.url);
  const askedBefore = run.asked;
  const seenBefore = turns.httpLatencies.length;
  const non2xxBefore = turns.non2xx;
  const unexpectedBefore = connector.unexpected;
  const started = performance.now();
  const measureFrom = started + options.warmup * 1000;
  const cpu = { at: 0, micros: 0 };
  const warmedUp = sleep(options.warmup * 1000).then(async () => {
    const stats = await server.stats(false);
    cpu.at = performance.now();
    cpu.micros = stats.cpuMicros;
  });
  const outcome = await drive(run, { ...load, seconds: options.warmup + options.duration });
  await warmedUp;
  const measureTo = performance.now();
  const loaded = await server.stats(false);
  await sleep(GRACE_MS);
  const questions = await serverQuestions(run.url);
  const latencies = turns.between(measureFrom, measureTo);
  const http = turns.between(measureFrom, measureTo, 'httpLatencies');
  // A lost turn is an error whenever it was asked: the warm-up is left out of latencies only.
  const missing = turns.missing(started, measureTo);
  const errors = serverErrors(run.logPath);
  const newErrors = [...errors].map(([event, n]) => [event, n - (errorsBefore.get(event) ?? 0)] as const).filter(([, n]) => n > 0);
  const non2xx = turns.non2xx - non2xxBefore;
  const stray = connector.unexpected - unexpectedBefore;
  line('turns answered (card at the connector)', count(latencies.length));
  line('throughput', `${Math.round(latencies.length / ((measureTo - measureFrom) / 1000))} turns/s`);
  line('turn latency p50 / p95 / p99 / max', latencyLine(latencies));
  line('HTTP latency p50 / p95 / p99 / max', latencyLine(http));
  // A conversation whose question timed out is never given back, so its connection's next question needs another.
  line('questions that found all conversations busy', count(outcome.overflow));
  line('errors: non-2xx / socket / missing cards', `${non2xx} / ${outcome.sockets} (${outcome.timeouts} timeouts) / ${missing}`);
  // Whether a request without an HTTP answer was never answered by the server, or answered and lost on the way.
  line(
    'requests sent / answers the client read / answers the server wrote / closed by the client unanswered',
    `${count(run.asked - askedBefore)} / ${count(turns.httpLatencies.length - seenBefore)} / ${count(questions.answered - questionsBefore.answered)} / ${count(questions.closedUnanswered - questionsBefore.closedUnanswered)}`,
  );
  // autocannon connects from one address: past the server's per-address cap its connections are closed at once.
  line('connections the server closed at its caps', count(questions.refusedConnections - questionsBefore.refusedConnections));
  line('errors: server error logs / stray calls', `${sum(newErrors.map(([, n]) => n))}${newErrors.length > 0 ? ` (${newErrors.map(([e, n]) => `${e} ${n}`).join(', ')})` : ''} / ${stray}`);
  line('server CPU', `${Math.round(((loaded.cpuMicros - cpu.micros) / 1000 / (measureTo - cpu.at)) * 100)} % of one core`);
  line('server RSS after the load', mb(loaded.rssBytes));
  return { errors: non2xx + outcome.sockets + missing + sum(newErrors.map(([, n]) => n)) + stray, p95: percentile(latencies, 95) };
}

/** A steady rate for a long time: RSS, heap and handles sampled as it goes, start against end. */
async function soak(run: Run, seconds: number): Promise<PhaseResult> {
  const { server, connector, turns, options } = run;
  process.stdout.write(
    `\nSoak: ${options.rate} turns/s from ${options.conversations} conversations for ${seconds} s (the first ${options.warmup} s are warm-up); heap measured after a forced GC\n`,
  );
  process.stdout.write(`  ${['t (s)', 'turns', 'p50 ms', 'p95 ms', 'p99 ms', 'RSS', 'heap', 'handles', 'timers'].map((h) => h.padStart(8)).join(' ')}\n`);
  const started = performance.now();
  const finished = drive(run, { connections: options.rate, rate: options.rate, seconds });
  const samples: ServerStats[] = [];
  let windowFrom = started;
  const sample = async (): Promise<void> => {
    const stats = await server.stats(true);
    const now = performance.now();
    const window = turns.between(windowFrom, now);
    windowFrom = now;
    samples.push(stats);
    const cells = [String(Math.round((now - started) / 1000)), count(window.length), ms(percentile(window, 50)), ms(percentile(window, 95)), ms(percentile(window, 99)), mb(stats.rssBytes), mb(stats.heapUsedBytes), String(stats.handles), String(stats.timers)];
    process.stdout.write(`  ${cells.map((c) => c.padStart(8)).join(' ')}\n`);
  };
  // The first sample once warmed up, the last a second before the load stops, while it still runs.
  const sampleAt: number[] = [];
  for (let t = options.warmup; t < seconds - 1; t += options.sampleEvery) sampleAt.push(t);
  sampleAt.push(Math.max(options.warmup, seconds - 1));
  for (const t of new Set(sampleAt)) {
    await sleep(started + t * 1000 - performance.now());
    await sample();
  }
  const outcome = await finished;
  const measureTo = performance.now();
  await sleep(GRACE_MS);
  const idle = await server.stats(true);
  const measureFrom = started + options.warmup * 1000;
  const latencies = turns.between(measureFrom, measureTo);
  const missing = turns.missing(started, measureTo);
  const errors = sum(serverErrors(run.logPath).values());
  const first = samples[0];
  const last = samples.at(-1) ?? first;
  process.stdout.write('\n');
  line('turns answered after warm-up', count(latencies.length));
  line('turn latency p50 / p95 / p99 / max', latencyLine(latencies));
  line('RSS start → end', `${mb(first.rssBytes)} → ${mb(last.rssBytes)}`);
  line('heap used start → end (after GC)', `${mb(first.heapUsedBytes)} → ${mb(last.heapUsedBytes)}`);
  line('handles start → end (→ idle after)', `${first.handles} → ${last.handles} (→ ${idle.handles})`);
  line('timers start → end (→ idle after)', `${first.timers} → ${last.timers} (→ ${idle.timers})`);
  line('errors: non-2xx / socket / missing cards', `${turns.non2xx} / ${outcome.sockets} (${outcome.timeouts} timeouts) / ${missing}`);
  line('errors: server error logs / stray calls', `${errors} / ${connector.unexpected}`);
  return { errors: turns.non2xx + outcome.sockets + missing + errors + connector.unexpected, p95: percentile(latencies, 95) };
}

/**
 * `npm run bench:bot`: starts the real bot server (startApp over the demo tenant, anonymous mode) in
 * a child process and a fake Bot Connector here, and drives /api/messages over loopback with
 * autocannon: a paced phase (the latency target), then the conversations back to back (capacity).
 * `npm run bench:bot -- --soak 600` holds the paced rate for ten minutes instead, sampling memory.
 */
async function main(): Promise<void> {
  const nonNegative = (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more.');
    return Number(value);
  };
  const options = new Command()
    .option('--conversations <n>', 'concurrent conversations (distinct conversation ids)', positiveInteger, 200)
    .option('--rate <n>', 'turns per second in the paced phase and the soak', positiveInteger, 50)
    .option('--duration <s>', 'seconds measured per phase', positiveInteger, 30)
    .option('--warmup <s>', 'seconds of load before measuring', positiveInteger, 5)
    .option('--no-saturation', 'skip the back-to-back phase')
    .option('--soak <s>', 'instead: the paced rate for this many seconds, memory and handles sampled', positiveInteger)
    .option('--sample-every <s>', 'seconds between soak samples', positiveInteger, 60)
    .option('--users <n>', 'demo tenant users', positiveInteger, 200)
    .option('--days <n>', 'demo tenant days of history', positiveInteger, 60)
    .option('--connector-delay <ms>', 'the fake connector answers each call after this long', nonNegative, 0)
    .option('--log-level <level>', 'the server log level (its log goes to a file)', 'info')
    .option('--keep', 'keep the working folder (store and server log)', false)
    .option('--profile <dir>', 'write a CPU profile of the server (.cpuprofile) into this folder')
    .parse()
    .opts<BenchOptions>();

  const workDir = mkdtempSync(join(tmpdir(), 'sendas-bench-bot-'));
  const logPath = join(workDir, 'server.log');
  const turns = new Turns();
  const connector = await new BenchConnector((reply) => turns.received(reply), options.connectorDelay).start();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    BOT_ID: '',
    BOT_PASSWORD: '',
    STORE_URL: '',
    STORE_PATH: join(workDir, 'bench.db'),
    AUDIT_SOURCE: 'demo',
    DEMO_USERS: String(options.users),
    DEMO_DAYS: String(options.days),
    LOG_LEVEL: options.logLevel,
  };
  const loading = performance.now();
  const { server, ready } = await ServerProcess.start(env, logPath, options.profile);
  const run: Run = { server, url: ready.url, connector, turns, ask: questionMix(ready.samples), logPath, options, asked: 0 };
  process.stdout.write(
    `bot bench: demo tenant ${options.users} users × ${options.days} days (${count(ready.samples.events)} events), server log level ${options.logLevel}, ` +
      `connector delay ${options.connectorDelay} ms, Node ${process.version}\n` +
      `  server ready in ${((performance.now() - loading) / 1000).toFixed(1)} s: RSS ${mb(ready.stats.rssBytes)}, peak so far ${mb(ready.stats.maxRssBytes)}\n`,
  );
  process.stdout.write(`  server log and store: ${workDir}${options.keep ? '' : ' (removed at the end; --keep keeps them)'}\n`);

  let paced: PhaseResult | undefined;
  let saturated: PhaseResult | undefined;
  try {
    if (options.soak !== undefined) {
      paced = await soak(run, options.soak);
    } else {
      paced = await phase(run, `Paced: ${options.rate} turns/s from ${options.conversations} conversations, each asking about every ${(options.conversations / options.rate).toFixed(1)} s`, {
        connections: options.rate,
        rate: options.rate,
      });
      if (options.saturation) {
        saturated = await phase(run, `Saturation: ${options.conversations} conversations, each asking again as soon as it is answered`, { connections: options.conversations });
      }
    }
  } finally {
    process.stdout.write('\n');
    const final = await server.stop();
    line('server peak RSS', mb(final.maxRssBytes));
    line('bench process peak RSS (autocannon, fake connector)', `${peakRssMb()} MB`);
    line('typing indicators / cards beyond the first of a turn', `${count(turns.typing)} / ${count(turns.extraCards)}`);
    await connector.stop();
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
  // The targets hold for a load the server can carry; saturation shows what happens past it.
  const verdict = (met: boolean, figure: string): string => `${met ? 'met' : 'NOT met'} (${figure})`;
  line(`target, ${options.soak === undefined ? 'paced' : 'soak'}: p95 < ${TARGET_P95_MS} ms`, verdict(paced.p95 < TARGET_P95_MS, `${ms(paced.p95)} ms`));
  line(`target, ${options.soak === undefined ? 'paced' : 'soak'}: 0 errors`, verdict(paced.errors === 0, String(paced.errors)));
  if (saturated !== undefined) line('saturation: errors (beyond capacity)', String(saturated.errors));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
