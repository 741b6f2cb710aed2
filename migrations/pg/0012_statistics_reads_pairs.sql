-- The Art. 9 export counts repeat victimisation (issue 16): complaints of the same victim and
-- suspect persons, so it reads which persons each hearing is linked to, across the zone. Under the
-- statistics purpose (0003: a read-only transaction, a supervisor or an administrator) the links
-- are read as the hearings are; an administrator, who reads no link otherwise (0010), reads them
-- only there. Ids and dates only: the persons themselves stay behind their own policy.
CREATE POLICY "hearing_persons_statistics" ON "hearing_persons" FOR SELECT
  USING (hd_purpose() = 'statistics' AND hd_role() IN ('supervisor', 'administrator') AND current_setting('transaction_read_only') = 'on');
