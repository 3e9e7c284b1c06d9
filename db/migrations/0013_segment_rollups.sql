CREATE TABLE `daily_segment_cpi_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`cpi_id` text NOT NULL,
	`day` integer NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`yes` integer DEFAULT 0 NOT NULL,
	`partly` integer DEFAULT 0 NOT NULL,
	`no` integer DEFAULT 0 NOT NULL,
	`yes_nps_n` integer DEFAULT 0 NOT NULL,
	`yes_promoters` integer DEFAULT 0 NOT NULL,
	`yes_detractors` integer DEFAULT 0 NOT NULL,
	`no_nps_n` integer DEFAULT 0 NOT NULL,
	`no_promoters` integer DEFAULT 0 NOT NULL,
	`no_detractors` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `segment_key`, `segment_value`, `cpi_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `daily_segment_cpi_rollups_metrics_idx` ON `daily_segment_cpi_rollups` (`workspace_id`,`segment_key`,`segment_value`,`day`,`touchpoint_id`,`cpi_id`,`survey_id`,`answered`,`yes`,`partly`,`no`);--> statement-breakpoint
CREATE TABLE `daily_segment_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`day` integer NOT NULL,
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
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `segment_key`, `segment_value`, `day`)
);
--> statement-breakpoint
CREATE INDEX `daily_segment_rollups_metrics_idx` ON `daily_segment_rollups` (`workspace_id`,`segment_key`,`segment_value`,`day`,`touchpoint_id`,`survey_id`,`responses`,`completed`,`nps_n`,`promoters`,`passives`,`detractors`,`csat_n`,`csat_sum`,`csat_satisfied`,`ces_n`,`ces_sum`,`ces_high`,`comments`,`sentiment_n`,`sentiment_sum_milli`,`sentiment_positive`,`sentiment_neutral`,`sentiment_negative`);--> statement-breakpoint
CREATE TABLE `segment_cpi_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`cpi_id` text NOT NULL,
	`hour` integer NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`yes` integer DEFAULT 0 NOT NULL,
	`partly` integer DEFAULT 0 NOT NULL,
	`no` integer DEFAULT 0 NOT NULL,
	`yes_nps_n` integer DEFAULT 0 NOT NULL,
	`yes_promoters` integer DEFAULT 0 NOT NULL,
	`yes_detractors` integer DEFAULT 0 NOT NULL,
	`no_nps_n` integer DEFAULT 0 NOT NULL,
	`no_promoters` integer DEFAULT 0 NOT NULL,
	`no_detractors` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `segment_key`, `segment_value`, `cpi_id`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `segment_cpi_rollups_metrics_idx` ON `segment_cpi_rollups` (`workspace_id`,`segment_key`,`segment_value`,`hour`,`touchpoint_id`,`cpi_id`,`survey_id`,`answered`,`yes`,`partly`,`no`);--> statement-breakpoint
CREATE TABLE `segment_keys` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`values` text,
	`status` text NOT NULL,
	`cursor_at` integer,
	`cursor_id` text,
	`total` integer DEFAULT 0 NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`version` integer NOT NULL,
	`lease_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `segment_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
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
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `segment_key`, `segment_value`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `segment_rollups_metrics_idx` ON `segment_rollups` (`workspace_id`,`segment_key`,`segment_value`,`hour`,`touchpoint_id`,`survey_id`,`responses`,`completed`,`nps_n`,`promoters`,`passives`,`detractors`,`csat_n`,`csat_sum`,`csat_satisfied`,`ces_n`,`ces_sum`,`ces_high`,`comments`,`sentiment_n`,`sentiment_sum_milli`,`sentiment_positive`,`sentiment_neutral`,`sentiment_negative`);