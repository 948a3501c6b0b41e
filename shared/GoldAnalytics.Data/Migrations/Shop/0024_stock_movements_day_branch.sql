-- The rollup refresh of one (day, branch) cell reads that branch's stock movements of that day;
-- the BRIN index on the day alone makes it read every page of the day, for all branches.
CREATE INDEX stock_movements_date_branch ON stock_movements (business_date, branch_id);
