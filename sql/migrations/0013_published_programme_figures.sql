-- The figures the ministry publishes for a programme's year (応募件数, 採択件数, 予算額) and,
-- where a list is published under frame headings, the adoptions per frame. They are reference
-- data (sql/reference/0003_published_figures.sql loads them, citing the source of every
-- figure); the bureau report shows them beside what our own records hold for the year.
--
-- A figure no source states is NULL, never a guess. Shared by every consortium (a Citus
-- reference table), so no consortium_id; everyone may read, nobody but the owner writes.

CREATE TABLE published_program_years (
    program_code  text NOT NULL REFERENCES programs (code),
    fiscal_year   integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    applications  integer CHECK (applications >= 0),
    adopted       integer CHECK (adopted >= 0),
    budget_yen    bigint CHECK (budget_yen BETWEEN 0 AND 1000000000000000),
    -- Where the figures come from, e.g. "003:175 予算額; 003:471 応募・採択".
    source        text NOT NULL CHECK (btrim(source) <> '' AND length(source) <= 500),
    PRIMARY KEY (program_code, fiscal_year),
    CONSTRAINT published_program_years_adopted_within_applications CHECK (adopted <= applications)
);

CREATE TABLE published_frame_adoptions (
    program_code  text NOT NULL,
    fiscal_year   integer NOT NULL,
    frame_code    text NOT NULL CHECK (frame_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    adopted       integer NOT NULL CHECK (adopted >= 0),
    source        text NOT NULL CHECK (btrim(source) <> '' AND length(source) <= 500),
    PRIMARY KEY (program_code, fiscal_year, frame_code),
    FOREIGN KEY (program_code, fiscal_year) REFERENCES published_program_years (program_code, fiscal_year)
);

GRANT SELECT ON published_program_years, published_frame_adoptions TO jinjibu_app;
