-- The supervisor's queue counts the latest assessments of her unit that are due, often thousands:
-- with the hearing in the index, PostgreSQL counts them from the index alone (as SQLite does),
-- without reading each row's page for the hearing the row-level check needs.
DROP INDEX "risk_queue_latest_order_idx";--> statement-breakpoint
CREATE INDEX "risk_queue_latest_order_idx" ON "risk_assessments" USING btree ("unit_id","latest","level" DESC NULLS LAST,"next_due_at","hearing_id");--> statement-breakpoint
-- An assessment is submitted under its hearing's unit (services/risk.ts), and a supervisor reviews
-- her unit's: she reads it by that unit, the one column the queue's indexes start with, before any
-- hearing is looked up. Everyone else, and every write, goes through the hearing as before (0005).
DROP POLICY "risk_assessments_hearing" ON "risk_assessments";--> statement-breakpoint
CREATE POLICY "risk_assessments_hearing" ON "risk_assessments" FOR ALL
  USING (
    unit_id = (SELECT hd_seen_unit())
    OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id)
  )
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id));
