CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`attributes` text DEFAULT '{}' NOT NULL,
	`unsubscribed_at` integer,
	`suppressed` text,
	`suppressed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_ws_email_idx` ON `contacts` (`workspace_id`,`email`);--> statement-breakpoint
CREATE TABLE `survey_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`status` text NOT NULL,
	`skip_reason` text,
	`properties` text DEFAULT '{}' NOT NULL,
	`token` text NOT NULL,
	`send_at` integer NOT NULL,
	`lease_until` integer,
	`sent_at` integer,
	`remind_at` integer,
	`reminded_at` integer,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_token_unique` ON `survey_requests` (`token`);--> statement-breakpoint
CREATE INDEX `survey_requests_due_idx` ON `survey_requests` (`status`,`send_at`);--> statement-breakpoint
CREATE INDEX `survey_requests_remind_idx` ON `survey_requests` (`status`,`remind_at`);--> statement-breakpoint
CREATE INDEX `survey_requests_contact_idx` ON `survey_requests` (`contact_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `survey_requests_ws_created_idx` ON `survey_requests` (`workspace_id`,`created_at`);