-- The unique (invoice_id, line_no) index already serves every lookup by invoice; a second index on
-- invoice_id alone only slows inserts and bulk loads.
DROP INDEX invoice_lines_invoice;
