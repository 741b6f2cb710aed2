-- What the services need beyond one officer's or one unit's rows, given without widening what
-- any of them may write (zone.md, "Access control").
--
-- The Art. 9 export counts the whole zone: with the purpose 'statistics' (set by the store with
-- set_config('hearing_desk.purpose', 'statistics', true), in a transaction the store has made
-- READ ONLY first), a supervisor or an administrator sees every hearing, and through the
-- content tables' policies what hangs off them; nothing can be written in such a transaction.
CREATE FUNCTION hd_purpose() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('hearing_desk.purpose', true), '') $$;
--> statement-breakpoint
CREATE POLICY "hearings_statistics" ON "hearings" FOR SELECT
  USING (hd_purpose() = 'statistics' AND hd_role() IN ('supervisor', 'administrator') AND current_setting('transaction_read_only') = 'on');
--> statement-breakpoint
-- A new hearing's PV-independent reference (HD-<year>-<n>) counts every hearing of the year, not
-- only the officer's own, and two officers creating one at the same moment take turns. Runs as
-- the migrations' role (like hd_hearing_access); gives a number, nothing else.
CREATE FUNCTION hd_next_reference_number(prefix text) RETURNS bigint
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  SELECT pg_advisory_xact_lock(hashtext('hearing_desk.reference:' || prefix));
  SELECT count(*) + 1 FROM hearings WHERE starts_with(reference, prefix);
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hd_next_reference_number(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hd_next_reference_number(text) TO hearing_desk_app;
