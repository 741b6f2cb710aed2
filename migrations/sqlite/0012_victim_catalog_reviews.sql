CREATE TABLE `victim_catalog_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`catalog_sha256` text NOT NULL,
	`status` text NOT NULL,
	`reviewer` text NOT NULL,
	`reviewed_on` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "victim_catalog_reviews_status_check" CHECK("victim_catalog_reviews"."status" in ('reviewed', 'sworn'))
);
--> statement-breakpoint
CREATE INDEX `victim_catalog_reviews_language_idx` ON `victim_catalog_reviews` (`language`,`recorded_at`);--> statement-breakpoint
-- A review stays as it was recorded (who said the translation was checked, and when): a correction is a new row.
CREATE TRIGGER `victim_catalog_reviews_no_update` BEFORE UPDATE ON `victim_catalog_reviews`
BEGIN
  SELECT RAISE(ABORT, 'catalog reviews are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `victim_catalog_reviews_no_delete` BEFORE DELETE ON `victim_catalog_reviews`
BEGIN
  SELECT RAISE(ABORT, 'catalog reviews are never removed');
END;
