-- Row-level security, the second line behind the services (zone.md, "Access control"). Every
-- unit of work of the application sets who acts, with which role and unit, for its transaction
-- only: set_config('hearing_desk.user_id' | 'hearing_desk.role' | 'hearing_desk.unit_id', ..., true).
-- Without that context a query sees no row and writes none. The application connects as a member
-- of hearing_desk_app, which owns nothing, is not superuser and has no BYPASSRLS; the tables
-- belong to the role that runs these migrations, and FORCE applies the policies to it as well.
--
-- Roles in the context: officer (her own hearings), supervisor (her unit's hearings), administrator
-- (accounts, units, directory, audit trail; no hearing content), sign-in (finding and updating the
-- account being signed in to, before anyone is known) and system (the checks and the directory's
-- seed at start). Hearing content is every table with a hearing_id; the hearing row itself follows
-- the same rule.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hearing_desk_app') THEN
    CREATE ROLE hearing_desk_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION
  -- Roles belong to the cluster: another database of it created the role at the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hearing_desk_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hearing_desk_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hearing_desk_app;
--> statement-breakpoint
CREATE FUNCTION hd_user_id() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('hearing_desk.user_id', true), '') $$;
--> statement-breakpoint
CREATE FUNCTION hd_role() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('hearing_desk.role', true), '') $$;
--> statement-breakpoint
CREATE FUNCTION hd_unit_id() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('hearing_desk.unit_id', true), '') $$;
--> statement-breakpoint
-- Whether the acting officer or supervisor may see a hearing: the one rule for the hearing and its content.
CREATE FUNCTION hd_may_see_hearing(owner_id text, unit_id text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (hd_role() = 'officer' AND owner_id = hd_user_id())
      OR (hd_role() = 'supervisor' AND unit_id IS NOT NULL AND unit_id = hd_unit_id())
$$;
--> statement-breakpoint
-- The services tell "no such hearing" from "not yours" and audit the second, as on SQLite; under
-- the policies a hearing not hers is simply absent. This gives its owner and unit, nothing else,
-- to a signed-in officer or supervisor. It runs as the migrations' role: that role must be able to
-- read past the policies (superuser or BYPASSRLS, README, zone section).
CREATE FUNCTION hd_hearing_access(hearing text) RETURNS TABLE (owner_id text, unit_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT h.owner_id, h.unit_id FROM hearings h WHERE h.id = hearing AND hd_role() IN ('officer', 'supervisor')
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hd_hearing_access(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hd_hearing_access(text) TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "units" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "units" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "support_services" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "support_services" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "addenda" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "addenda" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearing_forms" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "hearing_forms" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "answers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "answers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "answer_history" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "answer_history" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "risk_assessments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "risk_assessments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "risk_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "risk_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_items" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_items" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_files" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_files" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_custody_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_custody_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "printed_documents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "printed_documents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "victim_copy_reviews" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "victim_copy_reviews" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "units_read" ON "units" FOR SELECT USING (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "units_insert" ON "units" FOR INSERT WITH CHECK (hd_role() IN ('administrator'));
--> statement-breakpoint
CREATE POLICY "units_update" ON "units" FOR UPDATE USING (hd_role() IN ('administrator')) WITH CHECK (hd_role() IN ('administrator'));
--> statement-breakpoint
CREATE POLICY "support_services_read" ON "support_services" FOR SELECT USING (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "support_services_insert" ON "support_services" FOR INSERT WITH CHECK (hd_role() IN ('administrator', 'system'));
--> statement-breakpoint
CREATE POLICY "support_services_update" ON "support_services" FOR UPDATE USING (hd_role() IN ('administrator', 'system')) WITH CHECK (hd_role() IN ('administrator', 'system'));
--> statement-breakpoint
-- Colleagues' names show beside what they did; the account being signed in to is found by its name.
CREATE POLICY "users_read" ON "users" FOR SELECT USING (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "users_insert" ON "users" FOR INSERT WITH CHECK (hd_role() = 'administrator' OR (hd_role() = 'system' AND role = 'administrator'));
--> statement-breakpoint
-- The administrator changes accounts; sign-in counts failures and locks; each person changes her own password.
CREATE POLICY "users_update" ON "users" FOR UPDATE
  USING (hd_role() IN ('administrator', 'sign-in') OR id = hd_user_id())
  WITH CHECK (hd_role() IN ('administrator', 'sign-in') OR id = hd_user_id());
--> statement-breakpoint
-- Everyone's actions are appended, and chaining an entry reads the one before it: the trail holds
-- who did what and when, never a hearing's content.
CREATE POLICY "audit_events_read" ON "audit_events" FOR SELECT USING (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "audit_events_insert" ON "audit_events" FOR INSERT WITH CHECK (hd_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "hearings_read" ON "hearings" FOR SELECT USING (hd_may_see_hearing(owner_id, unit_id));
--> statement-breakpoint
CREATE POLICY "hearings_insert" ON "hearings" FOR INSERT WITH CHECK (hd_role() = 'officer' AND owner_id = hd_user_id());
--> statement-breakpoint
CREATE POLICY "hearings_update" ON "hearings" FOR UPDATE
  USING (hd_role() = 'officer' AND owner_id = hd_user_id())
  WITH CHECK (hd_role() = 'officer' AND owner_id = hd_user_id());
--> statement-breakpoint
CREATE POLICY "addenda_hearing" ON "addenda" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "hearing_forms_hearing" ON "hearing_forms" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "answers_hearing" ON "answers" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "answer_history_hearing" ON "answer_history" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "risk_assessments_hearing" ON "risk_assessments" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "risk_events_hearing" ON "risk_events" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "evidence_items_hearing" ON "evidence_items" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "evidence_files_hearing" ON "evidence_files" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "evidence_custody_events_hearing" ON "evidence_custody_events" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "printed_documents_hearing" ON "printed_documents" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
--> statement-breakpoint
CREATE POLICY "victim_copy_reviews_hearing" ON "victim_copy_reviews" FOR ALL
  USING (hearing_id IN (SELECT id FROM hearings))
  WITH CHECK (hearing_id IN (SELECT id FROM hearings));
