CREATE TABLE `addenda` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `addenda_hearing_idx` ON `addenda` (`hearing_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `hearings` ADD `statement_approved_at` integer;--> statement-breakpoint
ALTER TABLE `hearings` ADD `statement_approved_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `hearings` ADD `statement_sha256` text;--> statement-breakpoint
ALTER TABLE `hearings` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `hearings` ADD `closed_by` text REFERENCES users(id);--> statement-breakpoint
-- Addenda are part of the record: the database refuses to change or remove one.
CREATE TRIGGER `addenda_no_update` BEFORE UPDATE ON `addenda`
BEGIN
  SELECT RAISE(ABORT, 'addenda are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `addenda_no_delete` BEFORE DELETE ON `addenda`
BEGIN
  SELECT RAISE(ABORT, 'addenda are append-only');
END;
