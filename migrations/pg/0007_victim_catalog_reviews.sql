CREATE TABLE "victim_catalog_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"catalog_sha256" text NOT NULL,
	"status" text NOT NULL,
	"reviewer" text NOT NULL,
	"reviewed_on" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" bigint NOT NULL,
	CONSTRAINT "victim_catalog_reviews_status_check" CHECK ("victim_catalog_reviews"."status" in ('reviewed', 'sworn'))
);
--> statement-breakpoint
ALTER TABLE "victim_catalog_reviews" ADD CONSTRAINT "victim_catalog_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "victim_catalog_reviews_language_idx" ON "victim_catalog_reviews" USING btree ("language","recorded_at");--> statement-breakpoint
-- The same append-only rules as SQLite's triggers, with the same messages (0001: refuse_change).
CREATE TRIGGER "victim_catalog_reviews_no_update" BEFORE UPDATE ON "victim_catalog_reviews" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('catalog reviews are never changed');
--> statement-breakpoint
CREATE TRIGGER "victim_catalog_reviews_no_delete" BEFORE DELETE ON "victim_catalog_reviews" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('catalog reviews are never removed');
--> statement-breakpoint
CREATE TRIGGER "victim_catalog_reviews_no_truncate" BEFORE TRUNCATE ON "victim_catalog_reviews" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('catalog reviews are never removed');
--> statement-breakpoint
-- Row-level security as 0002's: every signed-in role reads the reviews (the rights step shows a
-- catalog's status to officers); only an administrator records one, in her own name, or the app
-- itself (system). Appended, never changed: the application's role is granted no more.
GRANT SELECT, INSERT ON "victim_catalog_reviews" TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "victim_catalog_reviews" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "victim_catalog_reviews" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "victim_catalog_reviews_read" ON "victim_catalog_reviews" FOR SELECT USING (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "victim_catalog_reviews_insert" ON "victim_catalog_reviews" FOR INSERT WITH CHECK (hd_role() = 'system' OR (hd_role() = 'administrator' AND recorded_by = hd_user_id()));
