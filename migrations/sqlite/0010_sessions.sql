CREATE TABLE `sessions` (
	`client_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`last_activity_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);