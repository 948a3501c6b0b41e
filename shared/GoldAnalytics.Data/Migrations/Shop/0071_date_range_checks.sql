-- Every date and time column of the shop's own records keeps 1900-01-01 .. 2100-12-31 (a time: from
-- midnight UTC of the first day to before midnight UTC after the last), as the API and the CSV imports
-- do: CHECK constraints named <table>_<column>_in_range, added table by table in one scan each. A column
-- with a row 0070 reported gets its constraint NOT VALID: new and changed rows are checked at once,
-- the stored ones when validate_date_ranges() finds the column clean.

DO $$
DECLARE
    checked record;
BEGIN
    FOR checked IN
        SELECT d.table_name,
               string_agg(format('ADD CONSTRAINT %I CHECK %s%s', d.constraint_name, date_range_condition(quote_ident(d.column_name)),
                                 CASE WHEN EXISTS (SELECT 1 FROM date_range_findings f
                                                    WHERE f.table_name = d.table_name AND f.column_name = d.column_name AND f.resolved_at IS NULL)
                                      THEN ' NOT VALID' ELSE '' END), ', ') AS constraints
          FROM date_range_columns() d GROUP BY d.table_name
    LOOP
        EXECUTE format('ALTER TABLE %I %s', checked.table_name, checked.constraints);
    END LOOP;
END
$$;

-- Run after correcting reported rows (SELECT * FROM validate_date_ranges()): validates each NOT VALID
-- range constraint whose column is now clean and marks its findings resolved; answers the columns
-- still holding dates outside the range, with how many rows.
CREATE FUNCTION validate_date_ranges() RETURNS TABLE ("table" text, "column" text, rows_outside bigint)
LANGUAGE plpgsql AS $$
DECLARE
    pending record;
    outside bigint;
BEGIN
    FOR pending IN
        SELECT d.table_name, d.column_name, d.constraint_name
          FROM date_range_columns() d
          JOIN pg_constraint k ON k.conname = d.constraint_name AND k.conrelid = d.table_name::regclass
         WHERE NOT k.convalidated
    LOOP
        EXECUTE format('SELECT count(*) FROM %I WHERE NOT %s', pending.table_name, date_range_condition(quote_ident(pending.column_name))) INTO outside;
        IF outside = 0 THEN
            EXECUTE format('ALTER TABLE %I VALIDATE CONSTRAINT %I', pending.table_name, pending.constraint_name);
            UPDATE date_range_findings f SET resolved_at = now()
             WHERE f.table_name = pending.table_name AND f.column_name = pending.column_name AND f.resolved_at IS NULL;
        ELSE
            "table" := pending.table_name;
            "column" := pending.column_name;
            rows_outside := outside;
            RETURN NEXT;
        END IF;
    END LOOP;
END
$$;
