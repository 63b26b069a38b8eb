-- People and machines that act within one alliance: members (a person's role there), machine keys, and the history of
-- both; e-mail sign-in links and sessions. Tokens and keys are kept only as SHA-256 hashes.
CREATE TABLE growthmonitor.members (
    alliance text NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('viewer', 'contributor', 'admin')),
    focus_areas text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (alliance, email));

CREATE INDEX members_email ON growthmonitor.members (email);

CREATE TABLE growthmonitor.machine_keys (
    id bigserial PRIMARY KEY,
    alliance text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('viewer', 'contributor', 'admin')),
    focus_areas text[] NOT NULL DEFAULT '{}',
    key_hash bytea NOT NULL UNIQUE,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz NULL,
    revoked_at timestamptz NULL);

CREATE UNIQUE INDEX machine_keys_name ON growthmonitor.machine_keys (alliance, name) WHERE revoked_at IS NULL;

-- Every change to a member or a key: who made it, when, and the entry before and after (null: none).
CREATE TABLE growthmonitor.access_changes (
    id bigserial PRIMARY KEY,
    alliance text NOT NULL,
    subject text NOT NULL,
    actor text NOT NULL,
    at timestamptz NOT NULL,
    before jsonb NULL,
    after jsonb NULL);

CREATE INDEX access_changes_alliance ON growthmonitor.access_changes (alliance, id);

CREATE TABLE growthmonitor.sign_in_links (
    token_hash bytea PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz NULL);

CREATE INDEX sign_in_links_email ON growthmonitor.sign_in_links (email, created_at);

CREATE TABLE growthmonitor.sessions (
    token_hash bytea PRIMARY KEY,
    email text NOT NULL,
    name text NULL,
    operator boolean NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL);

-- ASP.NET Core's data protection keys (antiforgery tokens), shared by every instance and kept across restarts.
CREATE TABLE growthmonitor.data_protection_keys (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    xml text NOT NULL);
