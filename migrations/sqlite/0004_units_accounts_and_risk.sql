CREATE TABLE `risk_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`unit_id` text,
	`sequence` integer NOT NULL,
	`definition_version` integer NOT NULL,
	`trigger` text NOT NULL,
	`answers_json` text NOT NULL,
	`result_json` text NOT NULL,
	`computed_level` integer NOT NULL,
	`floor_level` integer NOT NULL,
	`level` integer NOT NULL,
	`red_flag_count` integer NOT NULL,
	`raise_reason` text,
	`lowering_level` integer,
	`lowering_reason` text,
	`lowering_status` text,
	`review_status` text NOT NULL,
	`review_comment` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`next_due_at` integer NOT NULL,
	`latest` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_hearing_sequence_idx` ON `risk_assessments` (`hearing_id`,`sequence`);--> statement-breakpoint
CREATE INDEX `risk_queue_review_idx` ON `risk_assessments` (`unit_id`,`review_status`,`level`);--> statement-breakpoint
CREATE INDEX `risk_queue_due_idx` ON `risk_assessments` (`unit_id`,`latest`,`next_due_at`);--> statement-breakpoint
CREATE TABLE `risk_events` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_events_hearing_idx` ON `risk_events` (`hearing_id`,`at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);--> statement-breakpoint
ALTER TABLE `hearings` ADD `unit_id` text REFERENCES units(id);--> statement-breakpoint
CREATE INDEX `hearings_unit_idx` ON `hearings` (`unit_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `unit_id` text REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `answers_field_idx` ON `answers` (`form_id`,`field_id`);