-- Applications, adoptions and budget of 地域戦略人材確保等実証事業 per fiscal year, as the ministry
-- published them. `003` is ../shared/sources/003_f68a9f5b67a2d3f0.txt (経済産業省, 地域の人事部
-- overview), with the line number. Published facts, so re-applying overwrites them (like the
-- prefectures); what no source states stays NULL or has no row.
--
-- * 予算額 "0.95億円 1.5億円 4.0億円" for 令和4・5・6年度 (003:173, 003:175): ¥95,000,000,
--   ¥150,000,000, ¥400,000,000.
-- * 採択実績 "20件 20件 46件" (003:179, also 003:171 "令和4・5年度に各20件、令和6年度に46件").
-- * 応募: "37件の応募があり、20件を採択" for 令和4年度 (003:471) and 令和5年度 (003:535);
--   "62件の応募があり、46件を採択" for 令和6年度 (003:597).
-- * Per frame, only 令和5年度 is published under frame headings (【通常枠】 003:592,
--   【地域企業共同戦略枠】 003:594): Nos. 1-11 (003:539-559) and Nos. 1-9 (003:563-590). 令和4年度
--   is one list without headings (003:469-532) and no 令和6年度 list is in the sources, so
--   neither has per-frame rows.
-- * The 令和4年度 programme was called 「若者人材確保プロジェクト実証事業」 (003:165); it is
--   filed under the programme's one code, as in 0002_programmes.sql.

INSERT INTO published_program_years (program_code, fiscal_year, applications, adopted, budget_yen, source) VALUES
    ('chiiki-senryaku-jinzai', 2022, 37, 20, 95000000, '003:175 予算額; 003:179 採択実績; 003:471 応募・採択'),
    ('chiiki-senryaku-jinzai', 2023, 37, 20, 150000000, '003:175 予算額; 003:179 採択実績; 003:535 応募・採択'),
    ('chiiki-senryaku-jinzai', 2024, 62, 46, 400000000, '003:175 予算額; 003:179 採択実績; 003:597 応募・採択')
ON CONFLICT (program_code, fiscal_year) DO UPDATE SET
    applications = EXCLUDED.applications, adopted = EXCLUDED.adopted,
    budget_yen = EXCLUDED.budget_yen, source = EXCLUDED.source;

INSERT INTO published_frame_adoptions (program_code, fiscal_year, frame_code, adopted, source) VALUES
    ('chiiki-senryaku-jinzai', 2023, 'standard', 11, '003:539-559 【通常枠】 Nos. 1-11 (003:592)'),
    ('chiiki-senryaku-jinzai', 2023, 'joint-strategy', 9, '003:563-590 【地域企業共同戦略枠】 Nos. 1-9 (003:594)')
ON CONFLICT (program_code, fiscal_year, frame_code) DO UPDATE SET
    adopted = EXCLUDED.adopted, source = EXCLUDED.source;
