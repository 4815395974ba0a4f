-- Corrects frames loaded from the earlier sql/reference/0002_programmes.sql, which guessed
-- where the sources are silent or say otherwise (issue 14): a ¥500,000 equipment cap in every
-- 地域戦略人材確保等実証事業 frame that no source states; the joint-course frames paying
-- honoraria, travel and consumables instead of outsourcing and other (002:633-639); and frame
-- names 賃金反映枠, A枠（送り出し側）, B枠（受け入れ側） where the sources say 処遇反映枠 (002:627),
-- 【類型A】副業・兼業送り出し型 (002:599) and 【類型B】副業・兼業受け入れ型 (002:603).
--
-- A frame is corrected only while it is exactly as that catalogue loaded it: the row never
-- updated (touch_row bumps version on every UPDATE, and `import frames` writes only what
-- differs), none of its category rows updated, and its values and category set equal to the
-- earlier catalogue's. Anything else is an operator's edit and is left as it stands. Reference
-- data loads after the migrations and never overwrites, so a fresh database gets the new
-- catalogue directly and this finds nothing to do.
--
-- What it did is kept in migration_notes (0011; `jinjibu migrate` prints it) and raised as
-- NOTICEs; the corrections themselves are in the audit trail like any other change.

DO $$
DECLARE
    s record;
    f record;
    current_categories jsonb;
    edited_categories boolean;
    removed text[];
    added text[];
    changes text[];
    note text;
BEGIN
    FOR s IN
        SELECT * FROM (VALUES
            ('chiiki-senryaku-jinzai', 2022, 'standard', '通常枠', '通常枠', 1::bigint, 2::bigint, 6000000::bigint, NULL::bigint, NULL::bigint, 1000::bigint,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":500000,"consumables":null,"other":null}'::jsonb,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":null,"consumables":null,"other":null}'::jsonb),
            ('chiiki-senryaku-jinzai', 2023, 'standard', '通常枠', '通常枠', 1, 2, 7000000, NULL, NULL, 1000,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":500000,"consumables":null,"other":null}',
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":null,"consumables":null,"other":null}'),
            ('chiiki-senryaku-jinzai', 2023, 'joint-strategy', '地域企業共同戦略枠', '地域企業共同戦略枠', 2, 3, 10000000, NULL, NULL, 1000,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":500000,"consumables":null,"other":null}',
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":null,"consumables":null,"other":null}'),
            ('chiiki-senryaku-jinzai', 2024, 'standard', '通常枠', '通常枠', 1, 2, 10000000, NULL, NULL, 1000,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":500000,"consumables":null,"other":null}',
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":null,"consumables":null,"other":null}'),
            ('chiiki-senryaku-jinzai', 2024, 'joint-strategy', '地域企業共同戦略枠', '地域企業共同戦略枠', 2, 3, 13000000, NULL, NULL, 1000,
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":500000,"consumables":null,"other":null}',
             '{"personnel":null,"honoraria":null,"travel":null,"venue":null,"advertising":null,"outsourcing":null,"equipment":null,"consumables":null,"other":null}'),
            ('fukugyo-kengyo', 2024, 'a-sending', 'A枠（送り出し側）', '【類型A】副業・兼業送り出し型', 1, 2, NULL, 1000000, NULL, 1000,
             '{"personnel":null,"travel":null,"outsourcing":null,"consumables":null,"other":null}',
             '{"personnel":null,"travel":null,"outsourcing":null,"consumables":null,"other":null}'),
            ('fukugyo-kengyo', 2024, 'b-receiving', 'B枠（受け入れ側）', '【類型B】副業・兼業受け入れ型', 1, 2, NULL, 2500000, 500000, 1,
             '{"honoraria":null,"travel":null,"advertising":null,"outsourcing":null,"other":null}',
             '{"honoraria":null,"travel":null,"advertising":null,"outsourcing":null,"other":null}'),
            ('kyodo-koza', 2024, 'standard', '通常枠', '通常枠', 1, 3, 30000000, NULL, NULL, 1000,
             '{"course_operation":null,"personnel":null,"honoraria":null,"travel":null,"equipment":null,"consumables":null}',
             '{"course_operation":null,"personnel":null,"outsourcing":null,"equipment":null,"other":null}'),
            ('kyodo-koza', 2024, 'pay-reflection', '賃金反映枠', '処遇反映枠', 1, 2, 30000000, NULL, NULL, 1000,
             '{"course_operation":null,"personnel":null,"honoraria":null,"travel":null,"equipment":null,"consumables":null}',
             '{"course_operation":null,"personnel":null,"outsourcing":null,"equipment":null,"other":null}')
        ) AS t (program, fiscal_year, code, old_name, new_name, rate_numerator, rate_denominator,
                project_cap_yen, firm_cap_yen, person_cap_yen, rounding_unit_yen, old_categories, new_categories)
    LOOP
        SELECT fr.* INTO f FROM frames fr JOIN programs p ON p.id = fr.program_id
        WHERE p.code = s.program AND fr.fiscal_year = s.fiscal_year AND fr.code = s.code;
        IF NOT FOUND THEN
            CONTINUE;  -- not loaded yet: the reference data brings the corrected frame
        END IF;
        SELECT coalesce(jsonb_object_agg(c.category, c.cap_yen), '{}'::jsonb), coalesce(bool_or(c.version > 1), false)
        INTO current_categories, edited_categories
        FROM frame_categories c WHERE c.frame_id = f.id;

        IF f.version > 1 OR edited_categories
           OR (f.name_ja, f.rate_numerator, f.rate_denominator, f.project_cap_yen, f.firm_cap_yen,
               f.person_cap_yen, f.rounding_unit_yen)
              IS DISTINCT FROM (s.old_name, s.rate_numerator, s.rate_denominator, s.project_cap_yen, s.firm_cap_yen,
                                s.person_cap_yen, s.rounding_unit_yen)
           OR current_categories <> s.old_categories THEN
            IF current_categories <> s.new_categories OR f.name_ja IS DISTINCT FROM s.new_name THEN
                note := format('left FY%s %s/%s (%s) as it stands: edited since the catalogue loaded it; '
                               'compare it with sql/reference/0002_programmes.sql (name %s, categories and caps %s)',
                               s.fiscal_year, s.program, s.code, f.name_ja, s.new_name, s.new_categories::text);
                INSERT INTO migration_notes (version, note) VALUES (12, note);
                RAISE NOTICE '%', note;
            END IF;
            CONTINUE;
        END IF;

        changes := ARRAY[]::text[];
        IF s.old_name IS DISTINCT FROM s.new_name THEN
            UPDATE frames SET name_ja = s.new_name WHERE id = f.id;
            changes := changes || format('name %s → %s', s.old_name, s.new_name);
        END IF;
        SELECT array_agg(k ORDER BY k) INTO removed FROM jsonb_object_keys(s.old_categories) AS k
        WHERE NOT s.new_categories ? k;
        SELECT array_agg(k ORDER BY k) INTO added FROM jsonb_object_keys(s.new_categories) AS k
        WHERE NOT s.old_categories ? k;
        IF removed IS NOT NULL THEN
            DELETE FROM frame_categories WHERE frame_id = f.id AND category = ANY (removed);
            changes := changes || format('no longer pays %s', array_to_string(removed, ', '));
        END IF;
        IF added IS NOT NULL THEN
            INSERT INTO frame_categories (frame_id, category, cap_yen)
            SELECT f.id, k, NULL FROM unnest(added) AS k;
            changes := changes || format('now pays %s', array_to_string(added, ', '));
        END IF;
        FOR note IN
            SELECT format('%s cap %s yen removed', k, s.old_categories ->> k)
            FROM jsonb_object_keys(s.old_categories) AS k
            WHERE s.new_categories ? k AND jsonb_typeof(s.old_categories -> k) = 'number'
              AND jsonb_typeof(s.new_categories -> k) = 'null'
            ORDER BY k
        LOOP
            UPDATE frame_categories SET cap_yen = NULL
            WHERE frame_id = f.id AND category = split_part(note, ' ', 1);
            changes := changes || note;
        END LOOP;
        IF cardinality(changes) > 0 THEN
            note := format('corrected FY%s %s/%s: %s', s.fiscal_year, s.program, s.code, array_to_string(changes, '; '));
            INSERT INTO migration_notes (version, note) VALUES (12, note);
            RAISE NOTICE '%', note;
        END IF;
    END LOOP;
END $$;
