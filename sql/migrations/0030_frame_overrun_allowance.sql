-- How far a frame lets an expense category exceed its planned budget (issue 15: "a frame may
-- state how far a category may exceed its plan (empty: no limit) and the claim flags lines
-- past it"; DOMAIN.md "The grant lifecycle", plan against actual).
--
-- The allowance is a fraction of the category's plan in the grant decision in force:
-- overrun_numerator / overrun_denominator (2/10: up to 120% of the plan). NULL, as every row
-- is after this migration, means no limit: no source we have states a figure for any
-- programme, so none is shipped. BudgetExecution flags a category whose actual expenses pass
-- plan + floor(plan × allowance).

ALTER TABLE frame_categories
    ADD COLUMN overrun_numerator bigint CHECK (overrun_numerator BETWEEN 0 AND 1000000),
    ADD COLUMN overrun_denominator bigint CHECK (overrun_denominator BETWEEN 1 AND 1000000),
    ADD CONSTRAINT frame_categories_overrun_whole CHECK ((overrun_numerator IS NULL) = (overrun_denominator IS NULL));
