-- CraftCX schema for Orleans' ADO.NET providers on PostgreSQL, part 1: the query registry.
-- Orleans reads every query it runs from this table, by key, at start. The keys, parameter names and result
-- column names form the providers' contract; the SQL behind them is ours. Safe to run again.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

CREATE TABLE IF NOT EXISTS craftcx_schema_history
(
    script     varchar(128) PRIMARY KEY,
    checksum   varchar(64)  NOT NULL,
    applied_at timestamptz  NOT NULL DEFAULT now()
);
