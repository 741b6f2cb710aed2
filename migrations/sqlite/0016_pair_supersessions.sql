CREATE TABLE `pair_supersessions` (
	`hearing_id` text PRIMARY KEY NOT NULL,
	`by_hearing_id` text NOT NULL,
	`unit_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pair_supersessions_unit_idx` ON `pair_supersessions` (`unit_id`,`hearing_id`,`at`);--> statement-breakpoint
CREATE INDEX `pair_supersessions_by_idx` ON `pair_supersessions` (`by_hearing_id`);--> statement-breakpoint
ALTER TABLE `risk_assessments` ADD `last_event_at` integer;--> statement-breakpoint
CREATE INDEX `risk_latest_due_idx` ON `risk_assessments` (`unit_id`,`latest`,`hearing_id`,`next_due_at`,`review_status`,`created_at`,`last_event_at`);--> statement-breakpoint
-- Each latest assessment's latest risk event since it was made, from the events already recorded.
UPDATE `risk_assessments` SET `last_event_at` = (
  SELECT max(e.`at`) FROM `risk_events` e
   WHERE e.`hearing_id` = `risk_assessments`.`hearing_id` AND e.`at` >= `risk_assessments`.`created_at`
) WHERE `latest` = 1;
