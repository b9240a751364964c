-- Part 2: grain state (Microsoft.Orleans.Persistence.AdoNet).
-- One row per grain and state type. A missing key extension is stored as '' so that the whole key is a plain
-- primary key and writes can use INSERT ... ON CONFLICT. Version is the ETag: a write names the version it read
-- and gets the next one back; getting the same version (or none) back tells Orleans the write lost a race.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    serviceid              varchar(150) NOT NULL,
    graintypehash          integer      NOT NULL,
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NOT NULL DEFAULT '',
    payloadbinary          bytea,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL,
    PRIMARY KEY (serviceid, graintypehash, grainidhash, grainidn0, grainidn1, graintypestring, grainidextensionstring)
);

-- Conversation rows (2-5 KB) stay in the row, compressed with lz4, instead of going to the TOAST table with pglz:
-- the server spent a sixth of its time there, and a tenth compressing. Rows written before keep their form.
ALTER TABLE orleansstorage ALTER COLUMN payloadbinary SET STORAGE MAIN;
DO $tune$
BEGIN
    EXECUTE 'ALTER TABLE orleansstorage ALTER COLUMN payloadbinary SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    -- A server built without lz4 (or older than 14) keeps pglz: slower, and the same data.
    NULL;
END
$tune$;

-- Written by builds before the write was one plain statement; kept while such silos may still call it.
CREATE OR REPLACE FUNCTION craftcx_write_grain_state(
    p_grain_id_hash integer,
    p_grain_id_n0 bigint,
    p_grain_id_n1 bigint,
    p_grain_type_hash integer,
    p_grain_type varchar,
    p_key_extension varchar,
    p_service_id varchar,
    p_expected_version integer,
    p_payload bytea)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql
AS $body$
DECLARE
    written integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- First write of this grain's state: only one activation may create the row.
        INSERT INTO orleansstorage AS s
            (serviceid, graintypehash, grainidhash, grainidn0, grainidn1, graintypestring, grainidextensionstring, payloadbinary, version)
        VALUES
            (p_service_id, p_grain_type_hash, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type, coalesce(p_key_extension, ''), p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO written;
    ELSE
        UPDATE orleansstorage AS s
        SET payloadbinary = p_payload, modifiedon = now(), version = s.version + 1
        WHERE s.serviceid = p_service_id
          AND s.graintypehash = p_grain_type_hash
          AND s.grainidhash = p_grain_id_hash
          AND s.grainidn0 = p_grain_id_n0
          AND s.grainidn1 = p_grain_id_n1
          AND s.graintypestring = p_grain_type
          AND s.grainidextensionstring = coalesce(p_key_extension, '')
          AND s.version = p_expected_version
        RETURNING s.version INTO written;
    END IF;

    RETURN QUERY SELECT coalesce(written, p_expected_version);
END
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleansstorage AS s
    SET payloadbinary = @PayloadBinary, modifiedon = now(), version = s.version + 1
    WHERE @GrainStateVersion::integer IS NOT NULL
      AND s.serviceid = @ServiceId::varchar
      AND s.graintypehash = @GrainTypeHash
      AND s.grainidhash = @GrainIdHash
      AND s.grainidn0 = @GrainIdN0
      AND s.grainidn1 = @GrainIdN1
      AND s.graintypestring = @GrainTypeString::varchar
      AND s.grainidextensionstring = coalesce(@GrainIdExtensionString::varchar, '')
      AND s.version = @GrainStateVersion::integer
    RETURNING s.version
), inserted AS (
    -- First write of this grain's state: only one activation may create the row.
    INSERT INTO orleansstorage
        (serviceid, graintypehash, grainidhash, grainidn0, grainidn1, graintypestring, grainidextensionstring, payloadbinary, version)
    SELECT @ServiceId::varchar, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString::varchar,
        coalesce(@GrainIdExtensionString::varchar, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::integer) AS "NewGrainStateVersion"
$q$),
('ReadFromStorageKey', $q$
SELECT payloadbinary AS "PayloadBinary", now() AS "ReadAt", version AS "Version"
FROM orleansstorage
WHERE serviceid = @ServiceId
  AND graintypehash = @GrainTypeHash
  AND grainidhash = @GrainIdHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString::varchar, '')
$q$),
('ClearStorageKey', $q$
UPDATE orleansstorage
SET payloadbinary = NULL, modifiedon = now(), version = version + 1
WHERE serviceid = @ServiceId
  AND graintypehash = @GrainTypeHash
  AND grainidhash = @GrainIdHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString::varchar, '')
  AND version = @GrainStateVersion::integer
RETURNING version AS "NewGrainStateVersion"
$q$),
('DeleteStorageKey', $q$
DELETE FROM orleansstorage
WHERE serviceid = @ServiceId
  AND graintypehash = @GrainTypeHash
  AND grainidhash = @GrainIdHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString::varchar, '')
  AND version = @GrainStateVersion::integer
RETURNING version + 1 AS "NewGrainStateVersion"
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
