CREATE TABLE `victim_copy_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`decisions_json` text NOT NULL,
	`covered_json` text NOT NULL,
	`reviewed_at` integer NOT NULL,
	`reviewed_by` text NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `victim_copy_reviews_hearing_idx` ON `victim_copy_reviews` (`hearing_id`,`reviewed_at`);--> statement-breakpoint
-- What the officer decided before her copy was printed stays as decided: a new review is a new row.
CREATE TRIGGER `victim_copy_reviews_no_update` BEFORE UPDATE ON `victim_copy_reviews`
BEGIN
  SELECT RAISE(ABORT, 'copy reviews are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `victim_copy_reviews_no_delete` BEFORE DELETE ON `victim_copy_reviews`
BEGIN
  SELECT RAISE(ABORT, 'copy reviews are never removed');
END;
