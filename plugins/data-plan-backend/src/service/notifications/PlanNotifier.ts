import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { PlanNoticeKind } from '@dataplan/plugin-data-plan-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import pLimit from 'p-limit';
import { DataPlanStore, PendingNotice } from '../../database/DataPlanStore';
import {
  DUE_NOTICE_KINDS,
  expiringWaiverNotices,
  stuckNotices,
} from '../../notices/detectDueNotices';
import { PlanNotificationsConfig } from './readPlanNotificationsConfig';

const DAY_MS = 86_400_000;
/** Sends under way at once. */
const SEND_CONCURRENCY = 4;
/**
 * How long one send is waited for. A send still under way then may yet arrive (the
 * notifications backend fans it out to each recipient), so it counts as sent, with a
 * warning, rather than being sent again: never twice.
 */
export const SEND_TIMEOUT_MS = 60_000;
/** How long a claim holds: longer than a send is waited for, so a live sender keeps it. */
const CLAIM_MS = 3 * SEND_TIMEOUT_MS;
/** Failed sends in a row after which a pass stops: the notifications backend is down. */
const MAX_FAILURES_IN_A_ROW = 5;
/** How long a pass starts new sends for; the rest wait for the next pass. */
const PASS_BUDGET_MS = 2 * 60_000;
/** Failed sends after which a notice is given up (and logged). */
export const MAX_SEND_ATTEMPTS = 10;
/** Notices a send pass reads at once. */
const PAGE = 100;
/** The first retry waits a minute, each next twice as long, up to six hours. */
const FIRST_RETRY_MS = 60_000;
const LAST_RETRY_MS = 6 * 60 * 60_000;

/** What a send pass did. */
export interface NoticeSendStats {
  sent: number;
  failed: number;
}

/**
 * Tells a project's owners what happened to its plan, through the notifications system:
 * the refresh records each event in the store's outbox once (the writes record theirs,
 * {@link PlanNotifier.recordDue} the cycle's), and {@link PlanNotifier.sendPending} sends
 * each once, whichever replica sends it.
 */
export interface PlanNotifier {
  /** The kinds a written result records with its write; empty when notifications are off. */
  readonly writeKinds: ReadonlySet<PlanNoticeKind>;
  /** Records the notices due now: stuck plans and waivers about to expire. Returns how many were new. */
  recordDue(): Promise<number>;
  /**
   * Sends the notices pending (one project's, if asked), within a time budget, stopping
   * early when sends keep failing; what is left waits for the next pass.
   */
  sendPending(options?: { entityRef?: string }): Promise<NoticeSendStats>;

  /** Deletes the outbox rows no event key needs any more. Returns how many. */
  prune(): Promise<number>;
}

/** How a send ended: done, failed, or still under way after the wait. */
type SendEnd = 'sent' | 'failed' | 'unsure';

/** Waits for a send at most `ms`: `unsure` when it is still under way. */
async function waitFor(
  send: Promise<void>,
  ms: number,
): Promise<{ end: SendEnd; error?: unknown }> {
  const signal = AbortSignal.timeout(ms);
  return Promise.race([
    send.then(
      () => ({ end: 'sent' as const }),
      error => ({ end: 'failed' as const, error }),
    ),
    new Promise<{ end: SendEnd }>(resolve =>
      signal.addEventListener('abort', () => resolve({ end: 'unsure' }), {
        once: true,
      }),
    ),
  ]);
}

/** {@link PlanNotifier} over the store's outbox and the notifications service. */
export class DefaultPlanNotifier implements PlanNotifier {
  static create(options: {
    store: DataPlanStore;
    notifications: NotificationService;
    logger: LoggerService;
    config: PlanNotificationsConfig;
    /** The clock. Default the system's. */
    now?: () => Date;
    /** How long a send is waited for. Default {@link SEND_TIMEOUT_MS}. */
    sendTimeoutMs?: number;
  }): DefaultPlanNotifier {
    return new DefaultPlanNotifier(options);
  }

  readonly writeKinds: ReadonlySet<PlanNoticeKind>;
  readonly #store: DataPlanStore;
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;
  readonly #config: PlanNotificationsConfig;
  readonly #now: () => Date;
  readonly #sendTimeoutMs: number;
  /** The send passes of this process, one after another; across replicas the claims do it. */
  #sending: Promise<unknown> = Promise.resolve();

  private constructor(
    options: Parameters<typeof DefaultPlanNotifier.create>[0],
  ) {
    this.#store = options.store;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
    this.#config = options.config;
    this.#now = options.now ?? (() => new Date());
    this.#sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
    this.writeKinds = options.config.kinds;
  }

  async recordDue(): Promise<number> {
    const { kinds, stuckRepeatDays, waiverWarningDays } = this.#config;
    if (!DUE_NOTICE_KINDS.some(kind => kinds.has(kind))) return 0;
    const now = this.#now();
    const times = { now, stuckRepeatDays, waiverWarningDays };
    const notices = [];
    if (kinds.has('stuck')) {
      const stuck = await this.#store.getStuckProjects({
        now,
        toldAfter: new Date(now.getTime() - stuckRepeatDays * DAY_MS),
      });
      notices.push(...stuckNotices(stuck, times));
    }
    if (kinds.has('waiverExpiring')) {
      const dueBy = new Date(now.getTime() + waiverWarningDays * DAY_MS)
        .toISOString()
        .slice(0, 10);
      const projects = await this.#store.getWaiverProjects({ dueBy });
      notices.push(...expiringWaiverNotices(projects, times));
    }
    return notices.length === 0 ? 0 : this.#store.recordNotices(notices, now);
  }

  prune(): Promise<number> {
    const now = this.#now().getTime();
    // A sent row is kept while its key can still come up: a stuck plan's quiet interval, a
    // waiver's warning window; never less than 90 days.
    const keepDays = Math.max(
      90,
      this.#config.stuckRepeatDays + 1,
      this.#config.waiverWarningDays + 1,
    );
    return this.#store.pruneNotices({
      sentBefore: new Date(now - keepDays * DAY_MS),
      createdBefore: new Date(now - keepDays * DAY_MS),
    });
  }

  sendPending(options?: { entityRef?: string }): Promise<NoticeSendStats> {
    if (this.#config.kinds.size === 0) {
      return Promise.resolve({ sent: 0, failed: 0 });
    }
    const pass = this.#sending.then(() => this.#sendAll(options?.entityRef));
    this.#sending = pass.catch(() => undefined);
    return pass;
  }

  async #sendAll(entityRef: string | undefined): Promise<NoticeSendStats> {
    const stats = { sent: 0, failed: 0 };
    const limit = pLimit(SEND_CONCURRENCY);
    const tried = new Set<string>();
    const deadline = this.#now().getTime() + PASS_BUDGET_MS;
    const run = { failuresInARow: 0 };
    const stop = () =>
      run.failuresInARow >= MAX_FAILURES_IN_A_ROW ||
      this.#now().getTime() > deadline;
    while (!stop()) {
      const pending = (
        await this.#store.getPendingNotices({
          now: this.#now(),
          limit: PAGE,
          maxAttempts: MAX_SEND_ATTEMPTS,
          kinds: [...this.#config.kinds],
          ...(entityRef ? { entityRef } : {}),
        })
      ).filter(notice => !tried.has(notice.id));
      if (pending.length === 0) break;
      for (const notice of pending) tried.add(notice.id);
      await Promise.all(
        pending.map(notice =>
          limit(async () => {
            if (stop()) return; // the rest wait for the next pass
            const end = await this.#sendOne(notice);
            if (end === 'failed') {
              stats.failed++;
              run.failuresInARow++;
            } else {
              run.failuresInARow = 0;
              if (end === 'sent' || end === 'unsure') stats.sent++;
            }
          }),
        ),
      );
    }
    if (run.failuresInARow >= MAX_FAILURES_IN_A_ROW) {
      this.#logger.warn(
        `Stopped sending plan notices after ${run.failuresInARow} failed sends in a row; the rest wait for the next pass`,
      );
    }
    return stats;
  }

  /** Claims a notice and sends it; `claimed-elsewhere` when another sender has it. */
  async #sendOne(
    notice: PendingNotice,
  ): Promise<SendEnd | 'claimed-elsewhere'> {
    const now = this.#now();
    const token = await this.#store.claimNotice(notice.id, {
      now,
      until: new Date(now.getTime() + CLAIM_MS),
      maxAttempts: MAX_SEND_ATTEMPTS,
    });
    if (!token) return 'claimed-elsewhere';
    const { end, error } = await waitFor(
      this.#notifications.send({
        recipients: { type: 'entity', entityRef: notice.entityRef },
        payload: {
          title: notice.title,
          ...(notice.description ? { description: notice.description } : {}),
          link: notice.link,
          severity: notice.severity,
          topic: 'Dataplan',
          scope: notice.scope,
        },
      }),
      this.#sendTimeoutMs,
    );
    if (end === 'failed') {
      const attempts = notice.attempts + 1;
      const wait = Math.min(
        FIRST_RETRY_MS * 2 ** (attempts - 1),
        LAST_RETRY_MS,
      );
      const message = isError(error) ? error.message : String(error);
      if (attempts >= MAX_SEND_ATTEMPTS) {
        this.#logger.error(
          `Gave up sending the ${notice.kind} notice of ${notice.entityRef} after ${attempts} attempts: ${message}`,
        );
      } else {
        this.#logger.warn(
          `Could not send the ${notice.kind} notice of ${notice.entityRef}, retrying: ${message}`,
        );
      }
      await this.#store.releaseNotice(
        notice.id,
        token,
        new Date(this.#now().getTime() + wait),
      );
      return 'failed';
    }
    if (end === 'unsure') {
      this.#logger.warn(
        `The ${notice.kind} notice of ${
          notice.entityRef
        } was still being sent after ${
          this.#sendTimeoutMs
        } ms; it is not sent again`,
      );
    }
    await this.#store.markNoticeSent(notice.id, token, this.#now());
    return end;
  }
}
