CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`role` text DEFAULT 'owner' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_idx` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `cpi_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`cpi_id` text NOT NULL,
	`hour` integer NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`yes` integer DEFAULT 0 NOT NULL,
	`partly` integer DEFAULT 0 NOT NULL,
	`no` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `cpi_id`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `cpi_rollups_ws_hour_idx` ON `cpi_rollups` (`workspace_id`,`hour`);--> statement-breakpoint
CREATE TABLE `cpi_targets` (
	`workspace_id` text NOT NULL,
	`cpi_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`target` real NOT NULL,
	PRIMARY KEY(`cpi_id`, `touchpoint_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cpi_id`) REFERENCES `cpis`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cpis` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cpis_ws_idx` ON `cpis` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`status` text NOT NULL,
	`answers` text NOT NULL,
	`nps` integer,
	`csat` integer,
	`ces` integer,
	`comment` text,
	`cpi_answers` text DEFAULT '[]' NOT NULL,
	`respondent_id` text,
	`anonymous_id` text,
	`attributes` text DEFAULT '{}' NOT NULL,
	`page_url` text,
	`locale` text,
	`device_class` text,
	`sentiment_score` real,
	`sentiment_label` text,
	`analysis` text,
	`analyzed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `responses_ws_created_idx` ON `responses` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `responses_ws_survey_created_idx` ON `responses` (`workspace_id`,`survey_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `responses_ws_touchpoint_created_idx` ON `responses` (`workspace_id`,`touchpoint_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `responses_ws_respondent_idx` ON `responses` (`workspace_id`,`respondent_id`);--> statement-breakpoint
CREATE INDEX `responses_unanalyzed_idx` ON `responses` (`analyzed_at`) WHERE analyzed_at is null and comment is not null;--> statement-breakpoint
CREATE TABLE `rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`hour` integer NOT NULL,
	`responses` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`nps_n` integer DEFAULT 0 NOT NULL,
	`promoters` integer DEFAULT 0 NOT NULL,
	`passives` integer DEFAULT 0 NOT NULL,
	`detractors` integer DEFAULT 0 NOT NULL,
	`csat_n` integer DEFAULT 0 NOT NULL,
	`csat_sum` integer DEFAULT 0 NOT NULL,
	`csat_satisfied` integer DEFAULT 0 NOT NULL,
	`ces_n` integer DEFAULT 0 NOT NULL,
	`ces_sum` integer DEFAULT 0 NOT NULL,
	`ces_high` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`sentiment_n` integer DEFAULT 0 NOT NULL,
	`sentiment_sum_milli` integer DEFAULT 0 NOT NULL,
	`sentiment_positive` integer DEFAULT 0 NOT NULL,
	`sentiment_neutral` integer DEFAULT 0 NOT NULL,
	`sentiment_negative` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `rollups_ws_hour_idx` ON `rollups` (`workspace_id`,`hour`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`default_locale` text DEFAULT 'en' NOT NULL,
	`questions` text NOT NULL,
	`targeting` text NOT NULL,
	`throttling` text NOT NULL,
	`appearance` text NOT NULL,
	`translations` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `surveys_ws_status_idx` ON `surveys` (`workspace_id`,`status`);--> statement-breakpoint
CREATE TABLE `theme_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`theme_key` text NOT NULL,
	`hour` integer NOT NULL,
	`mentions` integer DEFAULT 0 NOT NULL,
	`nps_n` integer DEFAULT 0 NOT NULL,
	`promoters` integer DEFAULT 0 NOT NULL,
	`detractors` integer DEFAULT 0 NOT NULL,
	`sentiment_n` integer DEFAULT 0 NOT NULL,
	`sentiment_sum_milli` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `theme_key`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `theme_rollups_ws_hour_idx` ON `theme_rollups` (`workspace_id`,`hour`);--> statement-breakpoint
CREATE TABLE `themes` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`keywords` text NOT NULL,
	`pinned_keywords` text DEFAULT '[]' NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`merged_into` text,
	`source` text DEFAULT 'discovered' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `touchpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `touchpoints_ws_idx` ON `touchpoints` (`workspace_id`,`position`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_public_key_unique` ON `workspaces` (`public_key`);