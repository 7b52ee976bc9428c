import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { configOrThrow } from '../../src/config';
import { describeError } from '../../src/errors';
import type { BenchSamples, ServerStats, ToServer, FromServer } from './bot-protocol';

/** How far back the question samples are drawn from: the bench asks about what the store holds. */
const SAMPLE_DAYS = 30;
const SAMPLE_LIMIT = 3000;

// tsx maps every stack trace through source maps; `node dist/server.js` does not (no --enable-source-maps).
// An attack that throws in every request (forged tokens) paid for that mapping, up to 390 ms at once.
process.setSourceMapsEnabled(false);

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

/** Node lists ref'ed timers as `Timeout`; everything else here is a socket, server, pipe or file. */
function stats(): ServerStats {
  const resources = process.getActiveResourcesInfo();
  const timers = resources.filter((r) => r === 'Timeout').length;
  const memory = process.memoryUsage();
  const figures: ServerStats = {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    handles: resources.length - timers,
    timers,
    cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
    loopDelay: { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 },
  };
  loopDelay.reset();
  return figures;
}

function send(message: FromServer): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, () => resolve());
  });
}

/**
 * The bot server as `node dist/server.js` starts it (configuration from the environment, startApp),
 * in a child process of the bench so that its memory and CPU are its own. Over IPC it reports where it
 * listens, what the store holds to ask about, and its memory and handles when asked.
 */
async function main(): Promise<void> {
  const { config } = configOrThrow(process.env);
  const logger = createLogger(config.logLevel);
  // bench:abuse points the app-id server at its own OpenID metadata host (healthy, silent or refusing).
  const metadataUrl = process.env.BENCH_OPENID_METADATA_URL;
  const app = await startApp(config, logger, metadataUrl === undefined ? {} : { botFrameworkOverrides: { ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromChannelTokenIssuer: 'https://api.botframework.com', ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl } });
  const now = Date.now();
  const events = await app.store.listEvents({ from: new Date(now - SAMPLE_DAYS * 86_400_000).toISOString(), to: new Date(now).toISOString() }, { limit: SAMPLE_LIMIT });
  const distinct = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v.includes('@')))].slice(0, 100);
  const samples: BenchSamples = {
    events: (await app.store.stats()).totalEvents,
    sentAs: distinct(events.filter((e) => e.category === 'delegate').map((e) => e.sentAs)),
    actors: distinct(events.filter((e) => e.category === 'delegate').map((e) => e.actor)),
    eventIds: events.slice(0, 200).map((e) => e.id),
  };
  process.on('message', (message: ToServer) => {
    if (message.kind === 'stats') {
      if (message.collectGarbage && typeof global.gc === 'function') global.gc();
      void send({ kind: 'stats', stats: stats() });
    } else if (message.kind === 'conversations') {
      void app.store.listConversations().then((list) => send({ kind: 'conversations', count: list.length }));
    } else {
      void app
        .close()
        .then(() => send({ kind: 'closed', stats: stats() }))
        .then(() => process.exit(0));
    }
  });
  // The bench went away (killed, or crashed): no server is left listening behind it.
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
  await send({ kind: 'ready', url: app.url, samples, stats: stats() });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${describeError(error)}\n`);
  process.exit(1);
});
