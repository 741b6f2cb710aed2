CREATE TABLE "pair_supersessions" (
	"hearing_id" text PRIMARY KEY NOT NULL,
	"by_hearing_id" text NOT NULL,
	"unit_id" text,
	"at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD COLUMN "last_event_at" bigint;--> statement-breakpoint
ALTER TABLE "pair_supersessions" ADD CONSTRAINT "pair_supersessions_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_supersessions" ADD CONSTRAINT "pair_supersessions_by_hearing_id_hearings_id_fk" FOREIGN KEY ("by_hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_supersessions" ADD CONSTRAINT "pair_supersessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pair_supersessions_unit_idx" ON "pair_supersessions" USING btree ("unit_id","hearing_id","at");--> statement-breakpoint
CREATE INDEX "pair_supersessions_by_idx" ON "pair_supersessions" USING btree ("by_hearing_id");--> statement-breakpoint
CREATE INDEX "risk_latest_due_idx" ON "risk_assessments" USING btree ("unit_id","latest","hearing_id","next_due_at","review_status","created_at","last_event_at");
--> statement-breakpoint
-- Each latest assessment's latest risk event since it was made, from the events already recorded
-- (the migrations' role reads and writes past the policies).
UPDATE "risk_assessments" SET "last_event_at" = (
  SELECT max(e."at") FROM "risk_events" e
   WHERE e."hearing_id" = "risk_assessments"."hearing_id" AND e."at" >= "risk_assessments"."created_at"
) WHERE "latest";
--> statement-breakpoint
-- Who carries a pair's due reassessment (schema.ts). Officers and supervisors read the rows as they
-- read the links between hearings and persons: hearing ids, a unit and a time, no content. A row is
-- written by the officer of one of its two hearings, and only while both are hearings of the same
-- victim and the same suspect; the officer or a supervisor of either removes it (a link undone).
CREATE FUNCTION hd_same_pair(a text, b text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
      FROM hearing_persons victim_a
      JOIN hearing_persons victim_b ON victim_b.hearing_id = b AND victim_b.role = 'victim'
       AND victim_b.person_id = victim_a.person_id
      JOIN hearing_persons suspect_a ON suspect_a.hearing_id = a AND suspect_a.role = 'suspect'
      JOIN hearing_persons suspect_b ON suspect_b.hearing_id = b AND suspect_b.role = 'suspect'
       AND suspect_b.person_id = suspect_a.person_id
     WHERE victim_a.hearing_id = a AND victim_a.role = 'victim')
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "pair_supersessions" TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "pair_supersessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "pair_supersessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "pair_supersessions_read" ON "pair_supersessions" FOR SELECT
  USING ((SELECT hd_role()) IN ('officer', 'supervisor'));
--> statement-breakpoint
CREATE POLICY "pair_supersessions_insert" ON "pair_supersessions" FOR INSERT
  WITH CHECK ((hd_writes_hearing(hearing_id) OR hd_writes_hearing(by_hearing_id)) AND hd_same_pair(hearing_id, by_hearing_id));
--> statement-breakpoint
CREATE POLICY "pair_supersessions_update" ON "pair_supersessions" FOR UPDATE
  USING ((SELECT hd_role()) IN ('officer', 'supervisor'))
  WITH CHECK ((hd_writes_hearing(hearing_id) OR hd_writes_hearing(by_hearing_id)) AND hd_same_pair(hearing_id, by_hearing_id));
--> statement-breakpoint
CREATE POLICY "pair_supersessions_delete" ON "pair_supersessions" FOR DELETE
  USING (hd_writes_hearing(hearing_id) OR hd_writes_hearing(by_hearing_id)
    OR hd_supervises_hearing(hearing_id) OR hd_supervises_hearing(by_hearing_id));
