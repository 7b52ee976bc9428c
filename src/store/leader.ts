/**
 * Which replica does the work only one may do at a time (Graph ingestion, anomaly detection and
 * notification delivery). Every replica serves questions; the elected one also runs these duties.
 */
export interface LeaderDuties {
  /** This replica now leads: start the work. */
  elected(): Promise<void>;
  /** It no longer leads (its database session was lost, or it is stopping): stop the work. */
  deposed(): Promise<void>;
  /** While leading: another replica left work for the leader (notification deliveries were enqueued). */
  nudged?(): void;
}

export interface LeaderElection {
  /** Whether this replica leads right now. */
  readonly leading: boolean;
  /** Campaigns until stopped, calling `duties` on each change; duties never run twice at once. */
  start(duties: LeaderDuties): void;
  /** Stops campaigning: a leader's duties are deposed first, then its leadership is released. */
  stop(): Promise<void>;
}

/** The embedded SQLite store serves one process on one machine: it always leads. */
export class SoleLeader implements LeaderElection {
  private duties: LeaderDuties | null = null;
  private electing: Promise<void> | null = null;

  get leading(): boolean {
    return this.duties !== null;
  }

  start(duties: LeaderDuties): void {
    if (this.duties !== null) return;
    this.duties = duties;
    this.electing = duties.elected();
  }

  async stop(): Promise<void> {
    const duties = this.duties;
    if (duties === null) return;
    this.duties = null;
    await this.electing;
    await duties.deposed();
  }
}
