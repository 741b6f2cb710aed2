CREATE TABLE `support_services` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`region` text NOT NULL,
	`languages_json` text NOT NULL,
	`hours` text NOT NULL,
	`phone` text NOT NULL,
	`website` text NOT NULL,
	`verified_on` text,
	`active` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
