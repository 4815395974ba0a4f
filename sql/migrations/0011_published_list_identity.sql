-- A row of a published adopted list is identified by fiscal year, programme, frame and its
-- number (issue 14): each frame of a year is numbered from 1, so FY2023 has 通常枠 No. 3 and
-- 地域企業共同戦略枠 No. 3, both in the Kanto bureau. A frame belongs to one programme and one
-- year, so (frame_id, no) is that identity. Before this, imports identified a row by a code
-- made from year, bureau and number alone, and the second of two such rows overwrote the
-- first project (moving it to the other frame, under the first one's consortium).
--
-- Like the project code, this key spans consortia; deploy/SCALE-OUT.md's reference table of
-- project codes would carry it too.

-- Notes a migration leaves about existing data it changed or left for the operator;
-- `jinjibu migrate` prints those of the migrations it applied.
CREATE TABLE migration_notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version    integer NOT NULL,
    note       text NOT NULL CHECK (btrim(note) <> ''),
    noted_at   timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    duplicates text;
    moved record;
BEGIN
    SELECT string_agg(format('FY%s frame %s No. %s: %s', fiscal_year, frame_code, no, codes), '; ')
    INTO duplicates
    FROM (SELECT p.fiscal_year, f.code AS frame_code, p.no, string_agg(p.code, ', ' ORDER BY p.code) AS codes
          FROM adopted_projects p JOIN frames f ON f.id = p.frame_id
          WHERE p.no IS NOT NULL
          GROUP BY p.fiscal_year, f.code, p.frame_id, p.no HAVING count(*) > 1) d;
    IF duplicates IS NOT NULL THEN
        RAISE EXCEPTION 'adopted projects share a published number within one frame: %', duplicates
            USING HINT = 'keep the number on the project the published list means and clear it on the others '
                         '(UPDATE adopted_projects SET no = NULL WHERE code = ...), then run migrate again';
    END IF;

    -- Projects an earlier import moved to another frame: check them against the published list.
    FOR moved IN
        SELECT DISTINCT ON (a.row_id) p.code, a.at::date AS on_day, fb.code AS from_frame, fa.code AS to_frame
        FROM audit_log a
        JOIN adopted_projects p ON p.id = a.row_id AND p.consortium_id = a.consortium_id
        JOIN frames fb ON fb.id = (a.before ->> 'frame_id')::bigint
        JOIN frames fa ON fa.id = (a.after ->> 'frame_id')::bigint
        WHERE a.table_name = 'adopted_projects' AND a.operation = 'UPDATE'
          AND (a.before ->> 'frame_id') IS DISTINCT FROM (a.after ->> 'frame_id')
        ORDER BY a.row_id, a.at DESC
    LOOP
        INSERT INTO migration_notes (version, note) VALUES (11, format(
            'check adopted project %s: an import moved it from frame %s to frame %s on %s '
            '(two frames'' rows with one number got one code); compare it with the published list',
            moved.code, moved.from_frame, moved.to_frame, moved.on_day));
    END LOOP;
END $$;

ALTER TABLE adopted_projects ADD CONSTRAINT adopted_projects_published_number UNIQUE (frame_id, no);
