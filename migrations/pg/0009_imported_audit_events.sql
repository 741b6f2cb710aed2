CREATE TABLE "imported_audit_events" (
	"source_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" bigint NOT NULL,
	"user_id" text,
	"action" text NOT NULL,
	"hearing_id" text,
	"details_json" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "imported_audit_events_source_id_seq_pk" PRIMARY KEY("source_id","seq")
);
--> statement-breakpoint
CREATE INDEX "imported_audit_hearing_idx" ON "imported_audit_events" USING btree ("hearing_id");--> statement-breakpoint
-- The same append-only rules as SQLite's triggers, with the same messages (0001: refuse_change).
CREATE TRIGGER "imported_audit_events_no_update" BEFORE UPDATE ON "imported_audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('imported_audit_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "imported_audit_events_no_delete" BEFORE DELETE ON "imported_audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('imported_audit_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "imported_audit_events_no_truncate" BEFORE TRUNCATE ON "imported_audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('imported_audit_events is append-only');
--> statement-breakpoint
-- Row-level security as 0002's audit trail: the zone's administrators (and the app's own checks,
-- system) read the imported trails; the application appends nothing to them. Only
-- `hearing-desk-server import`, as the tables' owner, writes them.
GRANT SELECT ON "imported_audit_events" TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "imported_audit_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "imported_audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "imported_audit_events_read" ON "imported_audit_events" FOR SELECT USING (hd_role() IN ('administrator', 'system'));
