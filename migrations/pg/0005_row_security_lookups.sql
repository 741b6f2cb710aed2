-- The same rules as 0002 and 0003, written so that PostgreSQL can follow them with its indexes
-- (issue 14's figures; measured at 10,000 and 100,000 hearings).
--
-- A hearing: 0002 and 0003 made one condition of three roles and a purpose, each tested on every
-- row, so no index could answer it and each statement read the whole table. Now each way of
-- seeing hearings is a comparison on an indexed column with a value the context gives once per
-- statement (an init plan), or none: an officer by owner, a supervisor by unit, the statistics
-- export (0003: read-only, supervisor or administrator) every hearing by creation time. A value
-- the context does not give is NULL, and NULL matches no row.
--
-- Content: 0002's `hearing_id IN (SELECT id FROM hearings)` read every visible hearing into a hash
-- for each statement, about 30 ms a query at 10,000 hearings; a correlated EXISTS on the
-- hearing's primary key costs one probe for one hearing's rows, and still becomes one hashed pass
-- for the export's scans.
CREATE FUNCTION hd_seen_owner() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN hd_role() = 'officer' THEN hd_user_id() END
$$;
--> statement-breakpoint
CREATE FUNCTION hd_seen_unit() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN hd_role() = 'supervisor' THEN hd_unit_id() END
$$;
--> statement-breakpoint
-- The smallest creation time the acting context sees: all of them for the statistics export alone.
CREATE FUNCTION hd_seen_since() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN hd_purpose() = 'statistics' AND hd_role() IN ('supervisor', 'administrator')
      AND current_setting('transaction_read_only') = 'on'
    THEN '-9223372036854775808'::bigint
  END
$$;
--> statement-breakpoint
DROP POLICY "hearings_read" ON "hearings";
--> statement-breakpoint
DROP POLICY "hearings_statistics" ON "hearings";
--> statement-breakpoint
DROP FUNCTION hd_may_see_hearing(text, text);
--> statement-breakpoint
CREATE POLICY "hearings_read" ON "hearings" FOR SELECT USING (
  owner_id = (SELECT hd_seen_owner())
  OR unit_id = (SELECT hd_seen_unit())
  OR created_at >= (SELECT hd_seen_since())
);
--> statement-breakpoint
DROP POLICY "hearings_update" ON "hearings";
--> statement-breakpoint
CREATE POLICY "hearings_update" ON "hearings" FOR UPDATE
  USING (owner_id = (SELECT hd_seen_owner()))
  WITH CHECK (owner_id = (SELECT hd_seen_owner()));
--> statement-breakpoint
DROP POLICY "addenda_hearing" ON "addenda";
--> statement-breakpoint
CREATE POLICY "addenda_hearing" ON "addenda" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "addenda".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "addenda".hearing_id));
--> statement-breakpoint
DROP POLICY "hearing_forms_hearing" ON "hearing_forms";
--> statement-breakpoint
CREATE POLICY "hearing_forms_hearing" ON "hearing_forms" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "hearing_forms".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "hearing_forms".hearing_id));
--> statement-breakpoint
DROP POLICY "answers_hearing" ON "answers";
--> statement-breakpoint
CREATE POLICY "answers_hearing" ON "answers" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answers".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answers".hearing_id));
--> statement-breakpoint
DROP POLICY "answer_history_hearing" ON "answer_history";
--> statement-breakpoint
CREATE POLICY "answer_history_hearing" ON "answer_history" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answer_history".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "answer_history".hearing_id));
--> statement-breakpoint
DROP POLICY "risk_assessments_hearing" ON "risk_assessments";
--> statement-breakpoint
CREATE POLICY "risk_assessments_hearing" ON "risk_assessments" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_assessments".hearing_id));
--> statement-breakpoint
DROP POLICY "risk_events_hearing" ON "risk_events";
--> statement-breakpoint
CREATE POLICY "risk_events_hearing" ON "risk_events" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_events".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "risk_events".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_items_hearing" ON "evidence_items";
--> statement-breakpoint
CREATE POLICY "evidence_items_hearing" ON "evidence_items" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_items".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_items".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_files_hearing" ON "evidence_files";
--> statement-breakpoint
CREATE POLICY "evidence_files_hearing" ON "evidence_files" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_files".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_files".hearing_id));
--> statement-breakpoint
DROP POLICY "evidence_custody_events_hearing" ON "evidence_custody_events";
--> statement-breakpoint
CREATE POLICY "evidence_custody_events_hearing" ON "evidence_custody_events" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_custody_events".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "evidence_custody_events".hearing_id));
--> statement-breakpoint
DROP POLICY "printed_documents_hearing" ON "printed_documents";
--> statement-breakpoint
CREATE POLICY "printed_documents_hearing" ON "printed_documents" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "printed_documents".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "printed_documents".hearing_id));
--> statement-breakpoint
DROP POLICY "victim_copy_reviews_hearing" ON "victim_copy_reviews";
--> statement-breakpoint
CREATE POLICY "victim_copy_reviews_hearing" ON "victim_copy_reviews" FOR ALL
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "victim_copy_reviews".hearing_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "victim_copy_reviews".hearing_id));
