-- A pair's history (issue 16, items 3 to 5): the hearings whose victim and suspect are the same two
-- persons as those of a hearing the actor sees (her own, or her unit's for a supervisor). Read in a
-- unit of work of its own, read-only, with the `pairHistory` purpose and that hearing as
-- `hearing_desk.pair_of` (src-main/db/pg-store.ts); the service reads a summary from it. What
-- this opens is the summary's tables alone: the assessments, the risk events and the answers of
-- the measures step. The hearing rows stay behind their policy, and with them every other table of
-- hearing content (statements, evidence, prints), whose policies go through the hearing row.
--
-- The hearings of the pair are found past the policies (the actor does not see them): this runs as
-- the migrations' role, which reads past them (0002: superuser or BYPASSRLS).
CREATE FUNCTION hd_pair_hearings() RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(DISTINCT other_victim.hearing_id), '{}')
    FROM hearings anchor
    JOIN hearing_persons victim ON victim.hearing_id = anchor.id AND victim.role = 'victim'
    JOIN hearing_persons suspect ON suspect.hearing_id = anchor.id AND suspect.role = 'suspect'
    JOIN hearing_persons other_victim ON other_victim.person_id = victim.person_id AND other_victim.role = 'victim'
    JOIN hearing_persons other_suspect ON other_suspect.hearing_id = other_victim.hearing_id
     AND other_suspect.role = 'suspect' AND other_suspect.person_id = suspect.person_id
   WHERE hd_purpose() = 'pairHistory'
     AND current_setting('transaction_read_only') = 'on'
     AND anchor.id = nullif(current_setting('hearing_desk.pair_of', true), '')
     AND ((hd_role() = 'officer' AND anchor.owner_id = hd_user_id())
       OR (hd_role() = 'supervisor' AND anchor.unit_id IS NOT NULL AND anchor.unit_id = hd_unit_id()))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hd_pair_hearings() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hd_pair_hearings() TO hearing_desk_app;
--> statement-breakpoint
-- The purpose is tested first: every other unit of work never computes the pair (an init plan is
-- run only when reached).
CREATE POLICY "risk_assessments_pair_read" ON "risk_assessments" FOR SELECT
  USING ((SELECT hd_purpose()) = 'pairHistory' AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
--> statement-breakpoint
CREATE POLICY "risk_events_pair_read" ON "risk_events" FOR SELECT
  USING ((SELECT hd_purpose()) = 'pairHistory' AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
--> statement-breakpoint
CREATE POLICY "answers_pair_measures_read" ON "answers" FOR SELECT
  USING ((SELECT hd_purpose()) = 'pairHistory' AND form_id = 'measures' AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
