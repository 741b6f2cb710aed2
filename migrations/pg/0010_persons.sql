CREATE TABLE "hearing_persons" (
	"hearing_id" text NOT NULL,
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	"hearing_opened_at" bigint NOT NULL,
	"linked_at" bigint NOT NULL,
	"linked_by" text NOT NULL,
	"how" text NOT NULL,
	CONSTRAINT "hearing_persons_hearing_id_role_pk" PRIMARY KEY("hearing_id","role"),
	CONSTRAINT "hearing_persons_role_check" CHECK ("hearing_persons"."role" in ('victim', 'suspect')),
	CONSTRAINT "hearing_persons_how_check" CHECK ("hearing_persons"."how" in ('new', 'confirmed'))
);
--> statement-breakpoint
CREATE TABLE "person_link_events" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	"action" text NOT NULL,
	"by" text NOT NULL,
	"at" bigint NOT NULL,
	"reason" text,
	CONSTRAINT "person_link_events_role_check" CHECK ("person_link_events"."role" in ('victim', 'suspect')),
	CONSTRAINT "person_link_events_action_check" CHECK ("person_link_events"."action" in ('confirmed', 'declined', 'unlinked'))
);
--> statement-breakpoint
CREATE TABLE "person_search_keys" (
	"person_id" text NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "person_search_keys_person_id_key_pk" PRIMARY KEY("person_id","key")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"national_number" text,
	"surname" text NOT NULL,
	"first_names" text NOT NULL,
	"birth_date" text,
	"birth_place" text,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "persons_national_number_check" CHECK ("persons"."national_number" is null or length("persons"."national_number") = 11)
);
--> statement-breakpoint
ALTER TABLE "hearing_persons" ADD CONSTRAINT "hearing_persons_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_persons" ADD CONSTRAINT "hearing_persons_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_persons" ADD CONSTRAINT "hearing_persons_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_events" ADD CONSTRAINT "person_link_events_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_events" ADD CONSTRAINT "person_link_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_link_events" ADD CONSTRAINT "person_link_events_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_search_keys" ADD CONSTRAINT "person_search_keys_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hearing_persons_person_idx" ON "hearing_persons" USING btree ("person_id","hearing_opened_at");--> statement-breakpoint
CREATE INDEX "person_link_events_hearing_idx" ON "person_link_events" USING btree ("hearing_id","role","at");--> statement-breakpoint
CREATE INDEX "person_search_keys_key_idx" ON "person_search_keys" USING btree ("key","person_id");--> statement-breakpoint
CREATE INDEX "persons_national_number_idx" ON "persons" USING btree ("national_number");--> statement-breakpoint
-- The same append-only rules as SQLite's triggers, with the same messages (0001: refuse_change).
CREATE TRIGGER "person_link_events_no_update" BEFORE UPDATE ON "person_link_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('person_link_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "person_link_events_no_delete" BEFORE DELETE ON "person_link_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('person_link_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "person_link_events_no_truncate" BEFORE TRUNCATE ON "person_link_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('person_link_events is append-only');
--> statement-breakpoint
-- Row-level security (0002, 0005). Persons are found across the zone: every officer and supervisor
-- reads persons, their search keys and which hearing each is linked to, with its date (identity
-- only: what a hearing holds stays behind the hearings' own policies). An administrator reads none.
-- Writes follow the hearing: its officer links its victim and suspect, confirms or declines; a
-- supervisor of its unit only undoes a link (the hearing back on a person of its own, `new`).
-- The person link events are appended, never changed: the application's role is granted no more.
-- The role is read once per statement (an init plan, as 0005 does), not once per row a search reads.
GRANT SELECT, INSERT, UPDATE, DELETE ON "persons", "person_search_keys", "hearing_persons" TO hearing_desk_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "person_link_events" TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "persons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "persons" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person_search_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person_search_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearing_persons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearing_persons" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person_link_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person_link_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Whether the acting officer owns the hearing (a write), or supervises its unit (an unlink). The
-- hearings' own policy applies inside: a hearing not seen is not found.
CREATE FUNCTION hd_writes_hearing(hearing text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM hearings h WHERE h.id = hearing AND h.owner_id = hd_seen_owner())
$$;
--> statement-breakpoint
CREATE FUNCTION hd_supervises_hearing(hearing text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM hearings h WHERE h.id = hearing AND h.unit_id = hd_seen_unit())
$$;
--> statement-breakpoint
-- A person some hearing of the actor's (her own, or her unit's for a supervisor) is linked to.
CREATE FUNCTION hd_person_of_my_hearing(person text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM hearing_persons hp
     WHERE hp.person_id = person AND (hd_writes_hearing(hp.hearing_id) OR hd_supervises_hearing(hp.hearing_id))
  )
$$;
--> statement-breakpoint
CREATE POLICY "persons_read" ON "persons" FOR SELECT USING ((SELECT hd_role()) IN ('officer', 'supervisor'));
--> statement-breakpoint
CREATE POLICY "persons_insert" ON "persons" FOR INSERT
  WITH CHECK (hd_role() IN ('officer', 'supervisor') AND created_by = hd_user_id());
--> statement-breakpoint
-- Only the officer of a hearing linked to the person keeps its fields in step with her answers.
CREATE POLICY "persons_update" ON "persons" FOR UPDATE
  USING (EXISTS (SELECT 1 FROM hearing_persons hp WHERE hp.person_id = "persons".id AND hd_writes_hearing(hp.hearing_id)))
  WITH CHECK (EXISTS (SELECT 1 FROM hearing_persons hp WHERE hp.person_id = "persons".id AND hd_writes_hearing(hp.hearing_id)));
--> statement-breakpoint
-- A person no hearing is linked to any more (a hearing's own, once it was linked to an earlier one).
CREATE POLICY "persons_delete" ON "persons" FOR DELETE
  USING (hd_role() IN ('officer', 'supervisor') AND NOT EXISTS (SELECT 1 FROM hearing_persons hp WHERE hp.person_id = "persons".id));
--> statement-breakpoint
CREATE POLICY "person_search_keys_read" ON "person_search_keys" FOR SELECT USING ((SELECT hd_role()) IN ('officer', 'supervisor'));
--> statement-breakpoint
CREATE POLICY "person_search_keys_insert" ON "person_search_keys" FOR INSERT WITH CHECK (hd_person_of_my_hearing(person_id));
--> statement-breakpoint
CREATE POLICY "person_search_keys_delete" ON "person_search_keys" FOR DELETE USING (hd_person_of_my_hearing(person_id));
--> statement-breakpoint
CREATE POLICY "hearing_persons_read" ON "hearing_persons" FOR SELECT USING ((SELECT hd_role()) IN ('officer', 'supervisor'));
--> statement-breakpoint
CREATE POLICY "hearing_persons_insert" ON "hearing_persons" FOR INSERT
  WITH CHECK (linked_by = hd_user_id() AND hd_writes_hearing(hearing_id));
--> statement-breakpoint
CREATE POLICY "hearing_persons_update" ON "hearing_persons" FOR UPDATE
  USING (hd_writes_hearing(hearing_id) OR hd_supervises_hearing(hearing_id))
  WITH CHECK (linked_by = hd_user_id() AND (hd_writes_hearing(hearing_id) OR (hd_supervises_hearing(hearing_id) AND how = 'new')));
--> statement-breakpoint
CREATE POLICY "hearing_persons_delete" ON "hearing_persons" FOR DELETE
  USING (hd_writes_hearing(hearing_id) OR hd_supervises_hearing(hearing_id));
--> statement-breakpoint
-- A hearing's decisions, to those who see the hearing; recorded by its officer, an unlink by its supervisor.
CREATE POLICY "person_link_events_read" ON "person_link_events" FOR SELECT
  USING (EXISTS (SELECT 1 FROM hearings h WHERE h.id = "person_link_events".hearing_id));
--> statement-breakpoint
CREATE POLICY "person_link_events_insert" ON "person_link_events" FOR INSERT
  WITH CHECK (by = hd_user_id() AND (
    (action IN ('confirmed', 'declined') AND hd_writes_hearing(hearing_id))
    OR (action = 'unlinked' AND hd_supervises_hearing(hearing_id))
  ));
