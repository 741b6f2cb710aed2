CREATE TABLE `evidence_custody_events` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`hearing_id` text NOT NULL,
	`handed_to` text NOT NULL,
	`handed_at` integer NOT NULL,
	`medium` text NOT NULL,
	`note` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_custody_item_idx` ON `evidence_custody_events` (`item_id`,`handed_at`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`hearing_id` text NOT NULL,
	`original_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`stored_name` text NOT NULL,
	`cipher` text NOT NULL,
	`key_info` text NOT NULL,
	`iv` text NOT NULL,
	`auth_tag` text NOT NULL,
	`imported_at` integer NOT NULL,
	`imported_by` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_files_sha256_check" CHECK(length("evidence_files"."sha256") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_stored_name_unique` ON `evidence_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `evidence_files_item_idx` ON `evidence_files` (`item_id`,`imported_at`);--> statement-breakpoint
CREATE TABLE `evidence_items` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`number` integer NOT NULL,
	`type` text NOT NULL,
	`description` text NOT NULL,
	`platform` text,
	`account_ids` text,
	`url` text,
	`event_time` text,
	`event_time_zone` text,
	`captured_at` integer NOT NULL,
	`captured_by` text NOT NULL,
	`capture_method` text,
	`tool_version` text,
	`original_location` text,
	`related_prompts_json` text DEFAULT '[]' NOT NULL,
	`sensitivity` text NOT NULL,
	`platform_report_number` text,
	`stopncii_case_number` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`captured_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_items_type_check" CHECK("evidence_items"."type" in ('screenshot', 'export', 'file', 'url', 'device', 'platformNotice')),
	CONSTRAINT "evidence_items_sensitivity_check" CHECK("evidence_items"."sensitivity" in ('none', 'intimate', 'minor', 'thirdParty'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_items_hearing_number_idx` ON `evidence_items` (`hearing_id`,`number`);--> statement-breakpoint
-- Evidence files and custody events are what happened: the database itself refuses to rewrite
-- or remove them, as it does for the audit trail.
CREATE TRIGGER `evidence_files_no_update` BEFORE UPDATE ON `evidence_files`
BEGIN
  SELECT RAISE(ABORT, 'evidence_files is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_files_no_delete` BEFORE DELETE ON `evidence_files`
BEGIN
  SELECT RAISE(ABORT, 'evidence_files is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_custody_events_no_update` BEFORE UPDATE ON `evidence_custody_events`
BEGIN
  SELECT RAISE(ABORT, 'evidence_custody_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_custody_events_no_delete` BEFORE DELETE ON `evidence_custody_events`
BEGIN
  SELECT RAISE(ABORT, 'evidence_custody_events is append-only');
END;
--> statement-breakpoint
-- An item is corrected, never removed, and keeps its hearing, number and author.
CREATE TRIGGER `evidence_items_no_delete` BEFORE DELETE ON `evidence_items`
BEGIN
  SELECT RAISE(ABORT, 'evidence items are never removed');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_items_identity_fixed` BEFORE UPDATE OF `id`, `hearing_id`, `number`, `created_at`, `created_by` ON `evidence_items`
BEGIN
  SELECT RAISE(ABORT, 'an evidence item keeps its identity');
END;
--> statement-breakpoint
-- Intimate images of a minor are never stored (digital-violence.md, C1.6), whatever the caller.
CREATE TRIGGER `evidence_files_no_minor_images` BEFORE INSERT ON `evidence_files`
WHEN (SELECT `sensitivity` FROM `evidence_items` WHERE `id` = NEW.`item_id`) = 'minor'
BEGIN
  SELECT RAISE(ABORT, 'files of an item marked minor are never stored');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_items_minor_without_files` BEFORE UPDATE OF `sensitivity` ON `evidence_items`
WHEN NEW.`sensitivity` = 'minor' AND EXISTS (SELECT 1 FROM `evidence_files` WHERE `item_id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'an item with files cannot be marked minor');
END;
