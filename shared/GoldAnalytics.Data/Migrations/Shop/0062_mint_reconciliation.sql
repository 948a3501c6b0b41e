-- Runs may reconcile by MinT-shrink: the shrunk covariance of the nodes' back-test errors.
ALTER TABLE forecast_runs DROP CONSTRAINT forecast_runs_reconciliation_known;
ALTER TABLE forecast_runs ADD CONSTRAINT forecast_runs_reconciliation_known CHECK (reconciliation IN ('bottom_up', 'ols', 'wls_structural', 'mint_shrink'));
