-- The subsidy programmes and frames of DOMAIN.md, as a starting catalogue. Unlike the
-- prefectures these are editable afterwards (by `import frames` or by hand), so re-applying
-- only adds what is missing and never overwrites: programmes and frames use ON CONFLICT DO
-- NOTHING, and a frame's categories are inserted only together with the frame itself, so a
-- category removed later does not come back.
--
-- Our readings where DOMAIN.md leaves a choice (edit them to the 公募要領 of the year):
-- * FY2023 chiiki-senryaku-jinzai lists "1/2, 2/3 or 1/3" and "¥7,000,000 or ¥10,000,000":
--   we read standard (通常枠) as 1/2 up to ¥7,000,000 and joint strategy (地域企業共同戦略枠)
--   as 2/3 up to ¥10,000,000; the 1/3 rate is not represented.
-- * FY2024: standard 1/2 up to ¥10,000,000, joint strategy 2/3 up to ¥13,000,000.
-- * 副業・兼業支援補助金 has no year in DOMAIN.md; we file its frames under FY2024. Frame A keeps
--   the ¥1,000 rounding unit; frame B rounds to ¥1 (DOMAIN.md's worked example).
-- * 高等教育機関における共同講座創造支援事業: FY2024, tax excluded as DOMAIN.md says.
-- * Japanese frame names other than 通常枠 and 地域企業共同戦略枠 (A枠, B枠, 賃金反映枠) are ours;
--   DOMAIN.md names those frames in English only.
-- * Covered categories are our assumption from DOMAIN.md's list: course_operation appears only
--   in the joint-course frames. The ¥500,000 cap on equipment in the chiiki-senryaku-jinzai
--   frames is an ASSUMED example, not a figure from the guidelines.

INSERT INTO programs (code, name_ja) VALUES
    ('chiiki-senryaku-jinzai', '地域戦略人材確保等実証事業'),
    ('fukugyo-kengyo', '副業・兼業支援補助金'),
    ('kyodo-koza', '高等教育機関における共同講座創造支援事業')
ON CONFLICT (code) DO NOTHING;

WITH spec (program, fiscal_year, code, name_ja, rate_numerator, rate_denominator,
           project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen, categories, category_caps) AS (
    VALUES
    ('chiiki-senryaku-jinzai', 2022, 'standard', '通常枠', 1::bigint, 2::bigint,
        6000000::bigint, NULL::bigint, NULL::bigint, 1000::bigint,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'],
        '{"equipment": 500000}'::jsonb),
    ('chiiki-senryaku-jinzai', 2023, 'standard', '通常枠', 1, 2, 7000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'],
        '{"equipment": 500000}'),
    ('chiiki-senryaku-jinzai', 2023, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 10000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'],
        '{"equipment": 500000}'),
    ('chiiki-senryaku-jinzai', 2024, 'standard', '通常枠', 1, 2, 10000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'],
        '{"equipment": 500000}'),
    ('chiiki-senryaku-jinzai', 2024, 'joint-strategy', '地域企業共同戦略枠', 2, 3, 13000000, NULL, NULL, 1000,
        ARRAY['personnel', 'honoraria', 'travel', 'venue', 'advertising', 'outsourcing', 'equipment', 'consumables', 'other'],
        '{"equipment": 500000}'),
    ('fukugyo-kengyo', 2024, 'a-sending', 'A枠（送り出し側）', 1, 2, NULL, 1000000, NULL, 1000,
        ARRAY['personnel', 'travel', 'outsourcing', 'consumables', 'other'],
        '{}'),
    ('fukugyo-kengyo', 2024, 'b-receiving', 'B枠（受け入れ側）', 1, 2, NULL, 2500000, 500000, 1,
        ARRAY['honoraria', 'travel', 'advertising', 'outsourcing', 'other'],
        '{}'),
    ('kyodo-koza', 2024, 'standard', '通常枠', 1, 3, 30000000, NULL, NULL, 1000,
        ARRAY['course_operation', 'personnel', 'honoraria', 'travel', 'equipment', 'consumables'],
        '{}'),
    ('kyodo-koza', 2024, 'pay-reflection', '賃金反映枠', 1, 2, 30000000, NULL, NULL, 1000,
        ARRAY['course_operation', 'personnel', 'honoraria', 'travel', 'equipment', 'consumables'],
        '{}')
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
INSERT INTO frame_categories (frame_id, category, cap_yen)
SELECT i.id, c.category, (s.category_caps ->> c.category)::bigint
FROM inserted i
JOIN programs p ON p.id = i.program_id
JOIN spec s ON s.program = p.code AND s.fiscal_year = i.fiscal_year AND s.code = i.code
CROSS JOIN LATERAL unnest(s.categories) AS c (category)
ON CONFLICT (frame_id, category) DO NOTHING;
