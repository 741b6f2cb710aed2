CREATE TABLE `imported_audit_events` (
	`source_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`hearing_id` text,
	`details_json` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`source_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `imported_audit_hearing_idx` ON `imported_audit_events` (`hearing_id`);--> statement-breakpoint
-- An imported trail stays as the workstation chained it: its hashes would no longer verify otherwise.
CREATE TRIGGER `imported_audit_events_no_update` BEFORE UPDATE ON `imported_audit_events`
BEGIN
  SELECT RAISE(ABORT, 'imported_audit_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `imported_audit_events_no_delete` BEFORE DELETE ON `imported_audit_events`
BEGIN
  SELECT RAISE(ABORT, 'imported_audit_events is append-only');
END;
