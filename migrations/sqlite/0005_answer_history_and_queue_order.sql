CREATE TABLE `answer_history` (
	`hearing_id` text NOT NULL,
	`form_id` text NOT NULL,
	`field_id` text NOT NULL,
	`revision` integer NOT NULL,
	`value_json` text NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	PRIMARY KEY(`hearing_id`, `form_id`, `field_id`, `revision`),
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `risk_queue_review_idx`;--> statement-breakpoint
DROP INDEX `risk_queue_due_idx`;--> statement-breakpoint
CREATE INDEX `risk_queue_pending_order_idx` ON `risk_assessments` (`unit_id`,`review_status`,"level" DESC,`next_due_at`);--> statement-breakpoint
CREATE INDEX `risk_queue_latest_order_idx` ON `risk_assessments` (`unit_id`,`latest`,"level" DESC,`next_due_at`);--> statement-breakpoint
-- The history is what happened: the database itself refuses to rewrite or remove it.
CREATE TRIGGER `answer_history_no_update` BEFORE UPDATE ON `answer_history`
BEGIN
  SELECT RAISE(ABORT, 'answer_history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `answer_history_no_delete` BEFORE DELETE ON `answer_history`
BEGIN
  SELECT RAISE(ABORT, 'answer_history is append-only');
END;
