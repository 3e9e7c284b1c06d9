CREATE TABLE `daily_cpi_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`cpi_id` text NOT NULL,
	`day` integer NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`yes` integer DEFAULT 0 NOT NULL,
	`partly` integer DEFAULT 0 NOT NULL,
	`no` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `cpi_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `daily_cpi_rollups_metrics_idx` ON `daily_cpi_rollups` (`workspace_id`,`day`,`touchpoint_id`,`cpi_id`,`survey_id`,`answered`,`yes`,`partly`,`no`);--> statement-breakpoint
CREATE TABLE `daily_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
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
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `daily_rollups_metrics_idx` ON `daily_rollups` (`workspace_id`,`day`,`touchpoint_id`,`survey_id`,`responses`,`completed`,`nps_n`,`promoters`,`passives`,`detractors`,`csat_n`,`csat_sum`,`csat_satisfied`,`ces_n`,`ces_sum`,`ces_high`,`comments`,`sentiment_n`,`sentiment_sum_milli`,`sentiment_positive`,`sentiment_neutral`,`sentiment_negative`);--> statement-breakpoint
CREATE TABLE `daily_theme_rollups` (
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`theme_key` text NOT NULL,
	`day` integer NOT NULL,
	`mentions` integer DEFAULT 0 NOT NULL,
	`nps_n` integer DEFAULT 0 NOT NULL,
	`promoters` integer DEFAULT 0 NOT NULL,
	`detractors` integer DEFAULT 0 NOT NULL,
	`sentiment_n` integer DEFAULT 0 NOT NULL,
	`sentiment_sum_milli` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `survey_id`, `touchpoint_id`, `theme_key`, `day`)
);
--> statement-breakpoint
CREATE INDEX `daily_theme_rollups_metrics_idx` ON `daily_theme_rollups` (`workspace_id`,`day`,`theme_key`,`touchpoint_id`,`survey_id`,`mentions`,`nps_n`,`promoters`,`detractors`,`sentiment_n`,`sentiment_sum_milli`);--> statement-breakpoint
-- Backfill: the day rows of existing deployments are the sums of their hour rows.
INSERT INTO `daily_rollups` SELECT `workspace_id`, `survey_id`, `touchpoint_id`, `hour` / 24, sum(`responses`), sum(`completed`), sum(`nps_n`), sum(`promoters`), sum(`passives`), sum(`detractors`), sum(`csat_n`), sum(`csat_sum`), sum(`csat_satisfied`), sum(`ces_n`), sum(`ces_sum`), sum(`ces_high`), sum(`comments`), sum(`sentiment_n`), sum(`sentiment_sum_milli`), sum(`sentiment_positive`), sum(`sentiment_neutral`), sum(`sentiment_negative`) FROM `rollups` GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO `daily_cpi_rollups` SELECT `workspace_id`, `survey_id`, `touchpoint_id`, `cpi_id`, `hour` / 24, sum(`answered`), sum(`yes`), sum(`partly`), sum(`no`) FROM `cpi_rollups` GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO `daily_theme_rollups` SELECT `workspace_id`, `survey_id`, `touchpoint_id`, `theme_key`, `hour` / 24, sum(`mentions`), sum(`nps_n`), sum(`promoters`), sum(`detractors`), sum(`sentiment_n`), sum(`sentiment_sum_milli`) FROM `theme_rollups` GROUP BY 1, 2, 3, 4, 5;
