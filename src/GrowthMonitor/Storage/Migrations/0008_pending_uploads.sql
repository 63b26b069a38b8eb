-- An upload of figures on /indikatorer/{id}/upload waiting for the person who uploaded it to confirm its preview: the
-- figures as the service read them (the confirm form posts back only the upload's random id, never figures, so nothing
-- the browser sends is trusted), whose upload it is, and until when it may be confirmed. Only the id's SHA-256 hash is
-- kept. Only uploads without a bad row are kept; a row is deleted once confirmed, and expired rows with the next upload.
CREATE TABLE growthmonitor.pending_uploads (
    id_hash bytea PRIMARY KEY,
    indicator text NOT NULL,
    owner text NOT NULL,
    file_name text NOT NULL,
    figures jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX pending_uploads_expires_at ON growthmonitor.pending_uploads (expires_at);
