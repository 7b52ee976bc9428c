import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { describeError } from '../../errors';
import type { Logger } from '../../runtime/logger';
import { PeriodicLoop } from '../../runtime/loop';
import type { LeaderDuties, LeaderElection } from '../leader';
import { LOCK_NAMESPACE, LOCK_ROLES, OUTBOX_CHANNEL, clientConfig } from './db';

/** The logger methods used. */
export type ElectionLogger = Pick<Logger, 'info' | 'warn'>;

export interface AdvisoryLockElectionOptions {
  /**
   * How often a follower tries for the lock, and the leader checks it still holds it. A killed
   * leader's session ends with its process, so a follower takes over within this interval.
   */
  readonly checkEveryMs: number;
  /** Shown in pg_stat_activity on the lock's session, to tell which replica leads. */
  readonly applicationName?: string;
  readonly logger?: ElectionLogger;
}

const silentLogger: ElectionLogger = { info: () => undefined, warn: () => undefined };

/**
 * A leader that stops talking (frozen, or cut off by the network) has its session ended by the server
 * after this many check intervals without a query, which frees the lock; well before then its own
 * next check has failed and it has stepped down.
 */
const SILENT_SESSION_CHECKS = 6;

const HOLDS_LOCK_SQL = `
  SELECT EXISTS (
    SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted
  ) AS held`;

/**
 * Leader election with a PostgreSQL session-level advisory lock, held on a connection of its own for
 * as long as the leadership lasts. The lock dies with the session: a replica that is killed, or whose
 * connection breaks, frees it, and a follower trying every `checkEveryMs` takes over. The leader
 * checks its hold on the same schedule and steps down (its duties are stopped) when the check fails.
 * Needs a direct connection or a session-mode pooler: a transaction-mode pooler cannot hold the lock.
 */
export class AdvisoryLockElection implements LeaderElection {
  private client: Client | null = null;
  private duties: LeaderDuties | null = null;
  private isLeading = false;
  private stopped = false;
  private loop: PeriodicLoop | null = null;
  private lastProblem: string | null = null;
  private readonly logger: ElectionLogger;

  constructor(
    private readonly url: string,
    private readonly options: AdvisoryLockElectionOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  get leading(): boolean {
    return this.isLeading;
  }

  start(duties: LeaderDuties): void {
    if (this.loop !== null || this.stopped) return;
    this.duties = duties;
    this.loop = new PeriodicLoop({ run: () => this.check(duties), nextDelayMs: () => this.options.checkEveryMs });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop?.stop();
    // Duties first: the work stops before another replica may start it.
    if (this.isLeading && this.duties !== null) await this.stepDown(this.duties, 'stopping');
    await this.closeSession();
  }

  private async check(duties: LeaderDuties): Promise<void> {
    try {
      const client = await this.session();
      if (this.isLeading) {
        const { rows } = await client.query<{ held: boolean }>(HOLDS_LOCK_SQL, [LOCK_NAMESPACE, LOCK_ROLES.leader]);
        if (rows[0]?.held !== true) throw new Error('the advisory lock is no longer held');
        return;
      }
      const { rows } = await client.query<{ won: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS won', [LOCK_NAMESPACE, LOCK_ROLES.leader]);
      this.lastProblem = null;
      if (rows[0]?.won !== true) return;
      await this.limitSilence(client);
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.isLeading = true;
      this.logger.info({ event: 'leader-elected' }, 'this replica is now the leader: it runs ingestion and notifications');
      await duties.elected();
    } catch (error) {
      const problem = describeError(error);
      await this.closeSession();
      if (this.isLeading) await this.stepDown(duties, problem);
      else if (problem !== this.lastProblem) {
        // Said once per distinct problem, not every few seconds while the database is away.
        this.lastProblem = problem;
        this.logger.warn({ event: 'leader-election-failed', err: problem }, 'cannot reach PostgreSQL to take part in the leader election; trying again');
      }
    }
  }

  private async stepDown(duties: LeaderDuties, reason: string): Promise<void> {
    this.isLeading = false;
    this.logger.warn({ event: 'leader-deposed', reason }, 'this replica is no longer the leader: stopping ingestion and notifications');
    await duties.deposed();
  }

  /** The server ends the session of a leader that has gone quiet for several checks, which frees the lock. */
  private async limitSilence(client: Client): Promise<void> {
    try {
      await client.query("SELECT set_config('idle_session_timeout', $1, false)", [String(SILENT_SESSION_CHECKS * this.options.checkEveryMs)]);
    } catch (error) {
      // PostgreSQL before 14 has no idle_session_timeout: a frozen leader then holds on until TCP keepalive gives up.
      if ((error as { code?: string }).code !== '42704') throw error;
    }
  }

  private async session(): Promise<Client> {
    if (this.client !== null) return this.client;
    const client = new Client({
      ...clientConfig(this.url, this.options.applicationName ?? `sendas-watch leader election ${hostname()} ${process.pid}`),
      connectionTimeoutMillis: this.options.checkEveryMs,
      // A check that hangs (the network is gone) fails instead, and the leader steps down.
      query_timeout: this.options.checkEveryMs,
    });
    // A broken connection shows up as the next check failing; without a listener it would end the process.
    client.on('error', () => undefined);
    client.on('notification', () => {
      if (this.isLeading) this.duties?.nudged?.();
    });
    this.client = client;
    await client.connect();
    return client;
  }

  /** Ending the session releases the lock if this replica held it. A connection that no longer answers is not waited on. */
  private async closeSession(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client === null) return;
    await Promise.race([client.end().catch(() => undefined), delay(this.options.checkEveryMs, undefined, { ref: false })]);
  }
}
