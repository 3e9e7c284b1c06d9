ALTER TABLE `cpi_rollups` ADD `yes_nps_n` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cpi_rollups` ADD `yes_promoters` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cpi_rollups` ADD `yes_detractors` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cpi_rollups` ADD `no_nps_n` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cpi_rollups` ADD `no_promoters` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cpi_rollups` ADD `no_detractors` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `yes_nps_n` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `yes_promoters` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `yes_detractors` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `no_nps_n` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `no_promoters` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_cpi_rollups` ADD `no_detractors` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: the NPS split of the yes / no answers, recomputed from the responses of each hour
-- (the same rules as services/contribution.ts), then the day rows as the sums of their hours.
UPDATE `cpi_rollups` SET (`yes_nps_n`, `yes_promoters`, `yes_detractors`, `no_nps_n`, `no_promoters`, `no_detractors`) = (
  SELECT coalesce(sum(json_extract(j.value, '$.answer') = 'yes' AND r.nps IS NOT NULL), 0), coalesce(sum(json_extract(j.value, '$.answer') = 'yes' AND r.nps >= 9), 0), coalesce(sum(json_extract(j.value, '$.answer') = 'yes' AND r.nps <= 6), 0),
    coalesce(sum(json_extract(j.value, '$.answer') = 'no' AND r.nps IS NOT NULL), 0), coalesce(sum(json_extract(j.value, '$.answer') = 'no' AND r.nps >= 9), 0), coalesce(sum(json_extract(j.value, '$.answer') = 'no' AND r.nps <= 6), 0)
  FROM `responses` r CROSS JOIN json_each(r.`cpi_answers`) j
  WHERE r.`workspace_id` = `cpi_rollups`.`workspace_id` AND r.`survey_id` = `cpi_rollups`.`survey_id` AND r.`created_at` >= `cpi_rollups`.`hour` * 3600000 AND r.`created_at` < (`cpi_rollups`.`hour` + 1) * 3600000
    AND r.`touchpoint_id` = `cpi_rollups`.`touchpoint_id` AND json_extract(j.value, '$.cpiId') = `cpi_rollups`.`cpi_id`
);--> statement-breakpoint
UPDATE `daily_cpi_rollups` SET (`yes_nps_n`, `yes_promoters`, `yes_detractors`, `no_nps_n`, `no_promoters`, `no_detractors`) = (
  SELECT coalesce(sum(h.`yes_nps_n`), 0), coalesce(sum(h.`yes_promoters`), 0), coalesce(sum(h.`yes_detractors`), 0), coalesce(sum(h.`no_nps_n`), 0), coalesce(sum(h.`no_promoters`), 0), coalesce(sum(h.`no_detractors`), 0)
  FROM `cpi_rollups` h
  WHERE h.`workspace_id` = `daily_cpi_rollups`.`workspace_id` AND h.`survey_id` = `daily_cpi_rollups`.`survey_id` AND h.`touchpoint_id` = `daily_cpi_rollups`.`touchpoint_id`
    AND h.`cpi_id` = `daily_cpi_rollups`.`cpi_id` AND h.`hour` >= `daily_cpi_rollups`.`day` * 24 AND h.`hour` < `daily_cpi_rollups`.`day` * 24 + 24
);
