-- The pair reads of 0011 meant to look the pair's hearings up only when the purpose is the pair
-- history, but outside a purpose hd_purpose() was NULL, and `NULL AND x` must evaluate x: every
-- statement reading assessments, events or answers (each save's among them) ran hd_pair_hearings()
-- once per table, 0.6 to 1.9 ms each in the supervisor's queue counts at 100,000 hearings. No
-- purpose is now '', never NULL, so a policy that tests a purpose first is false at once outside
-- it. Every other use compares it with a named purpose, where '' and NULL both mean "not this".
CREATE OR REPLACE FUNCTION hd_purpose() RETURNS text LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('hearing_desk.purpose', true), '') $$;
