-- The pair reads of 0011 meant to look the pair's hearings up only when the purpose is the pair
-- history, but outside it hd_purpose() is NULL, not '', and `NULL AND x` must evaluate x: every
-- statement reading assessments, events or answers (each save's among them) ran hd_pair_hearings()
-- once per table, 0.6 to 1.9 ms each in the supervisor's queue counts at 100,000 hearings. Compared
-- as '' instead, the purpose is false outside the pair history and the lookup is never reached.
DROP POLICY "risk_assessments_pair_read" ON "risk_assessments";--> statement-breakpoint
CREATE POLICY "risk_assessments_pair_read" ON "risk_assessments" FOR SELECT
  USING ((SELECT coalesce(hd_purpose(), '') = 'pairHistory') AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
--> statement-breakpoint
DROP POLICY "risk_events_pair_read" ON "risk_events";--> statement-breakpoint
CREATE POLICY "risk_events_pair_read" ON "risk_events" FOR SELECT
  USING ((SELECT coalesce(hd_purpose(), '') = 'pairHistory') AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
--> statement-breakpoint
DROP POLICY "answers_pair_measures_read" ON "answers";--> statement-breakpoint
CREATE POLICY "answers_pair_measures_read" ON "answers" FOR SELECT
  USING ((SELECT coalesce(hd_purpose(), '') = 'pairHistory') AND form_id = 'measures' AND hearing_id = ANY ((SELECT hd_pair_hearings())::text[]));
