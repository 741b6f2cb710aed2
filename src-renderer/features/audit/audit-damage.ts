import type { AuditStatusView } from '../../../src-main/api/contract';

/** Damage found now or at start, or on record in the trail from any earlier finding (it stays). */
export function auditShowsDamage(status: AuditStatusView): boolean {
  return status.verification.broken !== null || status.atStart.broken !== null || status.reported.length > 0;
}
