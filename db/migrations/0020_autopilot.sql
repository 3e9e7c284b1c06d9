CREATE TABLE `autopilot_memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`next_survey_at` integer NOT NULL,
	`next_request_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `autopilot_memberships_survey_contact_idx` ON `autopilot_memberships` (`survey_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `autopilot_memberships_due_idx` ON `autopilot_memberships` (`next_survey_at`);--> statement-breakpoint
CREATE TABLE `autopilots` (
	`survey_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`active` integer NOT NULL,
	`frequency_days` real NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
