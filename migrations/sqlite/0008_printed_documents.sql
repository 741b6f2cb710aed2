CREATE TABLE `printed_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`kind` text NOT NULL,
	`variant` text NOT NULL,
	`language` text NOT NULL,
	`sequence` integer NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`pages` integer NOT NULL,
	`pdf` blob NOT NULL,
	`printed_at` integer NOT NULL,
	`printed_by` text NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `printed_documents_sequence_idx` ON `printed_documents` (`hearing_id`,`kind`,`variant`,`sequence`);--> statement-breakpoint
ALTER TABLE `users` ADD `service_number` text;--> statement-breakpoint
-- The archive of printed documents is append-only: what she was given stays as it was given.
CREATE TRIGGER `printed_documents_no_update` BEFORE UPDATE ON `printed_documents`
BEGIN
  SELECT RAISE(ABORT, 'printed documents are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `printed_documents_no_delete` BEFORE DELETE ON `printed_documents`
BEGIN
  SELECT RAISE(ABORT, 'printed documents are never removed');
END;
