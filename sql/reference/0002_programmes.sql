-- The subsidy programmes and frames, as the public sources state them. Every figure below
-- cites its source: `002` is ../shared/sources/002_b6dc07aa104931cf.txt (関東経済産業局,
-- 人材確保支援に係る取組について, June 2023), `003` is ../shared/sources/003_f68a9f5b67a2d3f0.txt
-- (経済産業省, 地域の人事部 overview), with the line number. What no source states is left
-- empty (NULL): an empty cap means the frame sets no cap, and operators fill it from the year's
-- 公募要領 with `jinjibu import frames` (README, "Programmes and frames").
--
-- These frames are editable afterwards (by `import frames` or by hand), so re-applying only
-- adds what is missing and never overwrites: programmes and frames use ON CONFLICT DO
-- NOTHING, and a frame's categories are inserted only together with the frame itself, so a
-- category removed later does not come back. Migration 0012 corrected databases that loaded
-- the earlier, partly guessed catalogue, frame by frame, where nobody had edited the frame.
--
-- Choices the sources leave open, and what this file does about each:
-- * Which FY2023 and FY2024 frame has which rate and cap. 003:177 and 003:181 give the year's
--   rates (FY2023 "1/2、2/3、1/3", FY2024 "1/2、2/3") and caps (FY2023 "700万円、1,000万円",
--   FY2024 "1,000万円、1,300万円") without saying which frame has which. A frame needs a rate,
--   so this file pairs them in the order listed (通常枠 the first, 地域企業共同戦略枠 the second)
--   and the 1/3 rate of FY2023 is not represented. This pairing is NOT stated by a source:
--   confirm it against the year's 公募要領 and correct it with `import frames`.
-- * The expense categories of 地域戦略人材確保等実証事業: no source lists them. The frames carry
--   DOMAIN.md's typical categories (course_operation excepted) with NO category cap; replace
--   the list from the 公募要領 with `import frames`.
-- * The categories of 副業・兼業支援補助金: the source names only examples ("就業規則等の改定に
--   関する相談料等" 002:601, "副業マッチングサービスの利用料等" 002:605). The lists below are a
--   reading of those examples, not a source's list.
-- * The fiscal year of 副業・兼業支援補助金 and 高等教育機関における共同講座創造支援事業: the source
--   presents both as supplementary-budget (補正予算) programmes (002:558) without a year. They
--   are filed under FY2024; a frame needs a year.
-- * Rounding units: no source states one. ¥1,000 (DOMAIN.md's default) everywhere except
--   【類型B】, which rounds to ¥1 as in DOMAIN.md's worked example.
-- * "以内" (002:625, 002:631): the rate is the most the frame pays; the catalogue holds that.
-- * FY2022 has one list without frame headings (003:469-532); its single frame is 通常枠 as
--   in DOMAIN.md. The FY2022 programme was then called 「若者人材確保プロジェクト実証事業」
--   (003:165, 003:469).

INSERT INTO programs (code, name_ja) VALUES
    -- 003:122 (地域戦略人材確保等実証事業（令和４～６年度）)
    ('chiiki-senryaku-jinzai', '地域戦略人材確保等実証事業'),
    -- 002:590
    ('fukugyo-kengyo', '副業・兼業支援補助金'),
    -- 002:616
    ('kyodo-koza', '高等教育機関における共同講座創造支援事業')
ON CONFLICT (code) DO NOTHING;

WITH spec (program, fiscal_year, code, name_ja, rate_numerator, rate_denominator,
           project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen, categories) AS (
    VALUES
    -- FY2022: rate 1/2 (003:177), cap 600万円 per project (003:181). Categories: not stated.
    ('chiiki-senryaku-jinzai', 2022, 'standard', '通常枠', 1::bigint, 2::bigint,
        6000000::bigint, NULL::bigint, NULL::bigint, 1000::bigint,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other']),
    -- FY2023: frame names 【通常枠】 and 【地域企業共同戦略枠】 (003:592, 003:594). Rate and cap:
    -- 003:177 and 003:181, paired in listed order; the source leaves the pairing open (above).
    ('chiiki-senryaku-jinzai', 2023, 'standard', '通常枠', 1, 2, 7000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other']),
    ('chiiki-senryaku-jinzai', 2023, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 10000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other']),
    -- FY2024: the same frames; rate and cap 003:177 and 003:181, paired in listed order (open).
    ('chiiki-senryaku-jinzai', 2024, 'standard', '通常枠', 1, 2, 10000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other']),
    ('chiiki-senryaku-jinzai', 2024, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 13000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other']),
    -- 【類型A】副業・兼業送り出し型 (002:599): 1/2, 補助上限 1企業あたり100万円 (002:601); no
    -- project or person cap stated. Categories: a reading of 002:601's example (above).
    ('fukugyo-kengyo', 2024, 'a-sending', '【類型A】副業・兼業送り出し型', 1, 2, NULL, 1000000, NULL, 1000,
        ARRAY['personnel', 'travel', 'outsourcing', 'consumables', 'other']),
    -- 【類型B】副業・兼業受け入れ型 (002:603): 1/2, 受け入れ1人当たり50万円, 1企業あたり250万円
    -- (002:605); no project cap stated. Categories: a reading of 002:605's example (above).
    ('fukugyo-kengyo', 2024, 'b-receiving', '【類型B】副業・兼業受け入れ型', 1, 2, NULL, 2500000, 500000, 1,
        ARRAY['honoraria', 'travel', 'advertising', 'outsourcing', 'other']),
    -- ○通常枠 (002:622): 補助率 1/3以内, 補助上限額 3,000万円（税抜）/事業 (002:625).
    -- 補助対象経費 (002:633-639): 共同講座運営費, 人件費, 委託費・外注費, 備品・機材導入費, その他諸経費.
    ('kyodo-koza', 2024, 'standard', '通常枠', 1, 3, 30000000, NULL, NULL, 1000,
        ARRAY['course_operation', 'personnel', 'outsourcing', 'equipment', 'other']),
    -- ○処遇反映枠 (002:627): 補助率 1/2以内, 補助上限額 3,000万円（税抜）/事業 (002:631);
    -- the same 補助対象経費 (002:633-639).
    ('kyodo-koza', 2024, 'pay-reflection', '処遇反映枠', 1, 2, 30000000, NULL, NULL, 1000,
        ARRAY['course_operation', 'personnel', 'outsourcing', 'equipment', 'other'])
),
inserted AS (
    INSERT INTO frames (program_id, fiscal_year, code, name_ja, rate_numerator, rate_denominator,
                        project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen, tax_excluded)
    SELECT p.id, s.fiscal_year, s.code, s.name_ja, s.rate_numerator, s.rate_denominator,
           s.project_cap_yen, s.firm_cap_yen, s.person_cap_yen, s.rounding_unit_yen, true
    FROM spec s JOIN programs p ON p.code = s.program
    ON CONFLICT (program_id, fiscal_year, code) DO NOTHING
    RETURNING id, program_id, fiscal_year, code
)
-- No source caps any category (DOMAIN.md): cap_yen stays NULL, i.e. no cap.
INSERT INTO frame_categories (frame_id, category, cap_yen)
SELECT i.id, c.category, NULL
FROM inserted i
JOIN programs p ON p.id = i.program_id
JOIN spec s ON s.program = p.code AND s.fiscal_year = i.fiscal_year AND s.code = i.code
CROSS JOIN LATERAL unnest(s.categories) AS c (category)
ON CONFLICT (frame_id, category) DO NOTHING;
