-- Each run rewrites every target's assessment (34.7 MB of JSON for 1,000 targets), and most of a document is its
-- history, which PostgreSQL's default pglz compresses slowly: LZ4 stores and reads them in about two thirds of the time
-- (docs/benchmarks.md, Scale benchmark). Only documents written from now on are compressed with it; those already
-- stored stay readable as they are. Needs a server built with LZ4, as Debian's and the official images are.
ALTER TABLE growthmonitor.target_assessments ALTER COLUMN assessment SET COMPRESSION lz4;
