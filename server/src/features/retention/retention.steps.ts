import { DAY_MS, type RetentionService } from './retention.service.js';
import { drain, type SweepStep } from './sweeper.js';

/** What the sweep deletes, reached through the capabilities that own the data (composed in app.ts). */
export interface RetentionSources {
  groupIds(): Promise<string[]>;
  trimMessages(groupId: string, cutoff: number, limit: number): Promise<number>;
  /** Finished requests and closed conversations past `CONSULTATION_RETENTION_DAYS` as of `at`. */
  purgeConsultations(at: number): Promise<number>;
  purgeResolvedReports(cutoff: number, limit: number): Promise<number>;
  trimAudit(cutoff: number, limit: number): Promise<number>;
  /** Mutes and bans for a time that ended by `at` (their names and reasons go with them). */
  purgeExpiredSanctions(at: number): Promise<number>;
  pruneMeetings(at: number): Promise<number>;
}

export interface RetentionWindows {
  /** `REPORT_RETENTION_DAYS`. */
  reportDays: number;
  /** `AUDIT_RETENTION_DAYS`. */
  auditDays: number;
}

/** The sweep's steps, one per data class, in the order they run. */
export function retentionSteps(
  src: RetentionSources,
  retention: Pick<RetentionService, 'windowsMs'>,
  windows: RetentionWindows,
): SweepStep[] {
  return [
    {
      dataClass: 'group-messages',
      async sweep(now, stillHolding) {
        const ids = await src.groupIds();
        const windowsMs = await retention.windowsMs(ids);
        let total = 0;
        for (const [i, groupId] of ids.entries()) {
          const windowMs = windowsMs[i];
          if (windowMs === undefined) continue;
          const cutoff = now - windowMs;
          total += await drain((limit) => src.trimMessages(groupId, cutoff, limit), stillHolding);
          if (!(await stillHolding())) break;
        }
        return total;
      },
    },
    { dataClass: 'one-to-one', sweep: (now) => src.purgeConsultations(now) },
    {
      dataClass: 'reports',
      sweep: (now, stillHolding) =>
        drain((limit) => src.purgeResolvedReports(now - windows.reportDays * DAY_MS, limit), stillHolding),
    },
    {
      dataClass: 'audit',
      sweep: (now, stillHolding) =>
        drain((limit) => src.trimAudit(now - windows.auditDays * DAY_MS, limit), stillHolding),
    },
    { dataClass: 'meetings', sweep: (now) => src.pruneMeetings(now) },
    { dataClass: 'sanctions', sweep: (now) => src.purgeExpiredSanctions(now) },
  ];
}
