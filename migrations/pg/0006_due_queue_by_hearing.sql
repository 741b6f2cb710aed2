-- The supervisor's queue counts the latest assessments of her unit that are due, often thousands:
-- with the hearing in the index, PostgreSQL counts them from the index alone (as SQLite does),
-- without reading each row's page for the hearing the row-level check needs.
DROP INDEX "risk_queue_latest_order_idx";--> statement-breakpoint
CREATE INDEX "risk_queue_latest_order_idx" ON "risk_assessments" USING btree ("unit_id","latest","level" DESC NULLS LAST,"next_due_at","hearing_id");--> statement-breakpoint
-- Content is read without looking its hearing up where the context already says the answer: in
-- the statistics export, which sees every hearing (0005: hd_seen_since), every row (a lookup per
-- row was most of the export's time at a million answers); and an assessment is submitted under
-- its hearing's unit (services/risk.ts), so a supervisor reads her unit's by that unit, the column
-- the queue's indexes start with. Everyone else, and every write, goes through the hearing (0005).
DROP POLICY "risk_assessments_hearing" ON "risk_assessments";--> statement-breakpoint
CREATE POLICY "risk_assessments_hearing" ON "risk_assessments" FOR ALL
  USING (
    unit_id = (SELECT hd_seen_unit())
    OR (SELECT hd_seen_since()) IS NOT NULL
    OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id)
  )
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id));
--> statement-breakpoint
DROP POLICY "addenda_hearing" ON "addenda";--> statement-breakpoint
CREATE POLICY "addenda_hearing" ON "addenda" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "addenda".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "addenda".hearing_id));
--> statement-breakpoint
DROP POLICY "hearing_forms_hearing" ON "hearing_forms";--> statement-breakpoint
CREATE POLICY "hearing_forms_hearing" ON "hearing_forms" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "hearing_forms".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "hearing_forms".hearing_id));
--> statement-breakpoint
DROP POLICY "answers_hearing" ON "answers";--> statement-breakpoint
CREATE POLICY "answers_hearing" ON "answers" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answers".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answers".hearing_id));
--> statement-breakpoint
DROP POLICY "answer_history_hearing" ON "answer_history";--> statement-breakpoint
CREATE POLICY "answer_history_hearing" ON "answer_history" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answer_history".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answer_history".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_items_hearing" ON "evidence_items";--> statement-breakpoint
CREATE POLICY "evidence_items_hearing" ON "evidence_items" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_items".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_items".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_files_hearing" ON "evidence_files";--> statement-breakpoint
CREATE POLICY "evidence_files_hearing" ON "evidence_files" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_files".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_files".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_custody_events_hearing" ON "evidence_custody_events";--> statement-breakpoint
CREATE POLICY "evidence_custody_events_hearing" ON "evidence_custody_events" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_custody_events".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_custody_events".hearing_id));
--> statement-breakpoint
DROP POLICY "printed_documents_hearing" ON "printed_documents";--> statement-breakpoint
CREATE POLICY "printed_documents_hearing" ON "printed_documents" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "printed_documents".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "printed_documents".hearing_id));
--> statement-breakpoint
DROP POLICY "risk_events_hearing" ON "risk_events";--> statement-breakpoint
CREATE POLICY "risk_events_hearing" ON "risk_events" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_events".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_events".hearing_id));
--> statement-breakpoint
DROP POLICY "victim_copy_reviews_hearing" ON "victim_copy_reviews";--> statement-breakpoint
CREATE POLICY "victim_copy_reviews_hearing" ON "victim_copy_reviews" FOR ALL
  USING ((SELECT hd_seen_since()) IS NOT NULL OR EXISTS (SELECT 1 FROM hearings h WHERE h.id = "victim_copy_reviews".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "victim_copy_reviews".hearing_id));
