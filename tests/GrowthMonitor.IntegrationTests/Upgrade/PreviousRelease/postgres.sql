--
-- PostgreSQL database dump
--

\restrict 4zoJCQY4vBGdDUu4oPZU7PmDvWbcoNWk62BGNg4riIwle7Qt4q802j2MTteGU8D

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: growthmonitor; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA growthmonitor;


--
-- Name: hangfire; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA hangfire;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alert_deliveries; Type: TABLE; Schema: growthmonitor; Owner: -
--

CREATE TABLE growthmonitor.alert_deliveries (
    id text NOT NULL,
    route text NOT NULL,
    alliance text NOT NULL,
    event_ids text[] NOT NULL,
    status text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    last_error text
);


--
-- Name: alert_events; Type: TABLE; Schema: growthmonitor; Owner: -
--

CREATE TABLE growthmonitor.alert_events (
    id text NOT NULL,
    type text NOT NULL,
    alliance text NOT NULL,
    target text,
    indicator text,
    occurred_at timestamp with time zone NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    body jsonb NOT NULL
);


--
-- Name: pending_runs; Type: TABLE; Schema: growthmonitor; Owner: -
--

CREATE TABLE growthmonitor.pending_runs (
    id bigint NOT NULL,
    run jsonb NOT NULL
);


--
-- Name: pending_runs_id_seq; Type: SEQUENCE; Schema: growthmonitor; Owner: -
--

CREATE SEQUENCE growthmonitor.pending_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pending_runs_id_seq; Type: SEQUENCE OWNED BY; Schema: growthmonitor; Owner: -
--

ALTER SEQUENCE growthmonitor.pending_runs_id_seq OWNED BY growthmonitor.pending_runs.id;


--
-- Name: target_notes; Type: TABLE; Schema: growthmonitor; Owner: -
--

CREATE TABLE growthmonitor.target_notes (
    id bigint NOT NULL,
    target text NOT NULL,
    period text NOT NULL,
    text text NOT NULL,
    author text NOT NULL,
    entered_by text NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: target_notes_id_seq; Type: SEQUENCE; Schema: growthmonitor; Owner: -
--

CREATE SEQUENCE growthmonitor.target_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: target_notes_id_seq; Type: SEQUENCE OWNED BY; Schema: growthmonitor; Owner: -
--

ALTER SEQUENCE growthmonitor.target_notes_id_seq OWNED BY growthmonitor.target_notes.id;


--
-- Name: value_audit; Type: TABLE; Schema: growthmonitor; Owner: -
--

CREATE TABLE growthmonitor.value_audit (
    id bigint NOT NULL,
    indicator text NOT NULL,
    area text NOT NULL,
    period text NOT NULL,
    old_value double precision,
    new_value double precision,
    operator text NOT NULL,
    at timestamp with time zone NOT NULL,
    vintage integer NOT NULL
);


--
-- Name: value_audit_id_seq; Type: SEQUENCE; Schema: growthmonitor; Owner: -
--

CREATE SEQUENCE growthmonitor.value_audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: value_audit_id_seq; Type: SEQUENCE OWNED BY; Schema: growthmonitor; Owner: -
--

ALTER SEQUENCE growthmonitor.value_audit_id_seq OWNED BY growthmonitor.value_audit.id;


--
-- Name: aggregatedcounter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.aggregatedcounter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.aggregatedcounter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.aggregatedcounter_id_seq OWNED BY hangfire.aggregatedcounter.id;


--
-- Name: counter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.counter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: counter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.counter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: counter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.counter_id_seq OWNED BY hangfire.counter.id;


--
-- Name: hash; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.hash (
    id bigint NOT NULL,
    key text NOT NULL,
    field text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: hash_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.hash_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: hash_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.hash_id_seq OWNED BY hangfire.hash.id;


--
-- Name: job; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.job (
    id bigint NOT NULL,
    stateid bigint,
    statename text,
    invocationdata jsonb NOT NULL,
    arguments jsonb NOT NULL,
    createdat timestamp with time zone NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: job_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.job_id_seq OWNED BY hangfire.job.id;


--
-- Name: jobparameter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobparameter (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    value text,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobparameter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobparameter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobparameter_id_seq OWNED BY hangfire.jobparameter.id;


--
-- Name: jobqueue; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobqueue (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    queue text NOT NULL,
    fetchedat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobqueue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobqueue_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobqueue_id_seq OWNED BY hangfire.jobqueue.id;


--
-- Name: list; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.list (
    id bigint NOT NULL,
    key text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: list_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.list_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: list_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.list_id_seq OWNED BY hangfire.list.id;


--
-- Name: lock; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.lock (
    resource text NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL,
    acquired timestamp with time zone
);


--
-- Name: schema; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.schema (
    version integer NOT NULL
);


--
-- Name: server; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.server (
    id text NOT NULL,
    data jsonb,
    lastheartbeat timestamp with time zone NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.set (
    id bigint NOT NULL,
    key text NOT NULL,
    score double precision NOT NULL,
    value text NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.set_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: set_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.set_id_seq OWNED BY hangfire.set.id;


--
-- Name: state; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.state (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    reason text,
    createdat timestamp with time zone NOT NULL,
    data jsonb,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: state_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.state_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: state_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.state_id_seq OWNED BY hangfire.state.id;


--
-- Name: pending_runs id; Type: DEFAULT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.pending_runs ALTER COLUMN id SET DEFAULT nextval('growthmonitor.pending_runs_id_seq'::regclass);


--
-- Name: target_notes id; Type: DEFAULT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.target_notes ALTER COLUMN id SET DEFAULT nextval('growthmonitor.target_notes_id_seq'::regclass);


--
-- Name: value_audit id; Type: DEFAULT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.value_audit ALTER COLUMN id SET DEFAULT nextval('growthmonitor.value_audit_id_seq'::regclass);


--
-- Name: aggregatedcounter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter ALTER COLUMN id SET DEFAULT nextval('hangfire.aggregatedcounter_id_seq'::regclass);


--
-- Name: counter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter ALTER COLUMN id SET DEFAULT nextval('hangfire.counter_id_seq'::regclass);


--
-- Name: hash id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash ALTER COLUMN id SET DEFAULT nextval('hangfire.hash_id_seq'::regclass);


--
-- Name: job id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job ALTER COLUMN id SET DEFAULT nextval('hangfire.job_id_seq'::regclass);


--
-- Name: jobparameter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter ALTER COLUMN id SET DEFAULT nextval('hangfire.jobparameter_id_seq'::regclass);


--
-- Name: jobqueue id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue ALTER COLUMN id SET DEFAULT nextval('hangfire.jobqueue_id_seq'::regclass);


--
-- Name: list id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list ALTER COLUMN id SET DEFAULT nextval('hangfire.list_id_seq'::regclass);


--
-- Name: set id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set ALTER COLUMN id SET DEFAULT nextval('hangfire.set_id_seq'::regclass);


--
-- Name: state id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state ALTER COLUMN id SET DEFAULT nextval('hangfire.state_id_seq'::regclass);


--
-- Data for Name: alert_deliveries; Type: TABLE DATA; Schema: growthmonitor; Owner: -
--

COPY growthmonitor.alert_deliveries (id, route, alliance, event_ids, status, attempts, created_at, next_attempt_at, delivered_at, last_error) FROM stdin;
msg_c5c82acce3efb99d47d3a1bc	webhook:horsens-intranet	horsens	{evt_7befc4b34a78e02f8f24a3e0,evt_fd4ef91952fe9adf57c747c0}	delivered	2	2026-06-15 10:00:09.028749+00	2026-06-15 10:00:15.545297+00	2026-06-15 10:00:15.545297+00	\N
msg_618efdcb2edb1fbbcf04d9f3	webhook:horsens-intranet	horsens	{evt_33d5ba27754bb83dbc93597a}	delivered	1	2026-06-15 10:00:20.40179+00	2026-06-15 10:00:22.265201+00	2026-06-15 10:00:22.265201+00	\N
msg_a21eb57a37a796544a5146e0	webhook:horsens-intranet	horsens	{evt_d61374dc8e1fc0339258c911}	delivered	1	2026-06-15 10:00:23.744967+00	2026-06-15 10:00:26.397498+00	2026-06-15 10:00:26.397498+00	\N
msg_1fac9c36aa639838726c4d24	webhook:horsens-intranet	horsens	{evt_b6c83105239c3fb6c634374a}	delivered	1	2026-06-15 10:00:30.770787+00	2026-06-15 10:00:32.769078+00	2026-06-15 10:00:32.769078+00	\N
\.


--
-- Data for Name: alert_events; Type: TABLE DATA; Schema: growthmonitor; Owner: -
--

COPY growthmonitor.alert_events (id, type, alliance, target, indicator, occurred_at, recorded_at, body) FROM stdin;
evt_7befc4b34a78e02f8f24a3e0	target.status_changed	horsens	horsens-jobs	jobs	2026-06-15 10:00:08.650555+00	2026-06-15 10:00:09.028749+00	{"id": "evt_7befc4b34a78e02f8f24a3e0", "time": "2026-06-15T10:00:08.6505552+00:00", "type": "target.status_changed", "unit": "job", "title": "500 flere job om året", "detail": null, "status": "at_risk", "target": "horsens-jobs", "onlyFor": null, "alliance": "horsens", "indicator": "jobs", "evaluation": {"gap": -100, "pace": {"by": "2030", "goal": 45000, "perYear": 516.6666666666666, "percentPerYear": 1.1967150616886801}, "actual": 41900, "reason": null, "status": "at_risk", "missing": null, "baseline": 41000, "expected": 42000, "progress": 0.9, "targetId": "horsens-jobs", "projection": {"at": "2030", "slope": 435, "reachedIn": "2032", "projectedAtEnd": 44490, "searchUntilYear": 2080}, "reasonCode": null, "fetchFailure": null, "evaluatedPeriod": "2024"}, "allianceName": "Vækstalliancen Horsens", "indicatorTitle": "Job på arbejdssteder", "previousStatus": null}
evt_fd4ef91952fe9adf57c747c0	target.status_changed	horsens	horsens-job-growth	jobs	2026-06-15 10:00:08.650555+00	2026-06-15 10:00:09.028749+00	{"id": "evt_fd4ef91952fe9adf57c747c0", "time": "2026-06-15T10:00:08.6505552+00:00", "type": "target.status_changed", "unit": "job", "title": "3 % jobvækst om året", "detail": null, "status": "off_track", "target": "horsens-job-growth", "onlyFor": null, "alliance": "horsens", "indicator": "jobs", "evaluation": {"gap": -1596.9000000000015, "pace": {"by": "2030", "goal": 51937.573336892274, "perYear": 1672.9288894820456, "percentPerYear": 3.6441049071318954}, "actual": 41900, "reason": null, "status": "off_track", "missing": null, "baseline": 41000, "expected": 43496.9, "progress": 0.3604469542232366, "targetId": "horsens-job-growth", "projection": {"at": "2030", "slope": 435, "reachedIn": "2048", "projectedAtEnd": 44490, "searchUntilYear": 2080}, "reasonCode": null, "fetchFailure": null, "evaluatedPeriod": "2024"}, "allianceName": "Vækstalliancen Horsens", "indicatorTitle": "Job på arbejdssteder", "previousStatus": null}
evt_33d5ba27754bb83dbc93597a	target.status_changed	horsens	horsens-apprenticeships	apprenticeships	2026-06-15 10:00:20.198205+00	2026-06-15 10:00:20.40179+00	{"id": "evt_33d5ba27754bb83dbc93597a", "time": "2026-06-15T10:00:20.1982058+00:00", "type": "target.status_changed", "unit": "lærepladser", "title": "Flere nye lærepladser", "detail": null, "status": "on_track", "target": "horsens-apprenticeships", "onlyFor": null, "alliance": "horsens", "indicator": "apprenticeships", "evaluation": {"gap": 1, "pace": null, "actual": 41, "reason": null, "status": "on_track", "missing": null, "baseline": 0, "expected": 40, "progress": 1.025, "targetId": "horsens-apprenticeships", "projection": null, "reasonCode": null, "fetchFailure": null, "evaluatedPeriod": "2024H2"}, "allianceName": "Vækstalliancen Horsens", "indicatorTitle": "Nye lærepladser", "previousStatus": "no_data"}
evt_d61374dc8e1fc0339258c911	target.status_changed	horsens	horsens-jobs	jobs	2026-06-15 10:00:23.731339+00	2026-06-15 10:00:23.744967+00	{"id": "evt_d61374dc8e1fc0339258c911", "time": "2026-06-15T10:00:23.7313397+00:00", "type": "target.status_changed", "unit": "job", "title": "500 flere job om året", "detail": null, "status": "on_track", "target": "horsens-jobs", "onlyFor": null, "alliance": "horsens", "indicator": "jobs", "evaluation": {"gap": 100, "pace": {"by": "2030", "goal": 45000, "perYear": 480, "percentPerYear": 1.1021946278727768}, "actual": 42600, "reason": null, "status": "on_track", "missing": null, "baseline": 41000, "expected": 42500, "progress": 1.0666666666666667, "targetId": "horsens-jobs", "projection": {"at": "2030", "slope": 530, "reachedIn": "2030", "projectedAtEnd": 45240, "searchUntilYear": 2080}, "reasonCode": null, "fetchFailure": null, "evaluatedPeriod": "2025"}, "allianceName": "Vækstalliancen Horsens", "indicatorTitle": "Job på arbejdssteder", "previousStatus": "at_risk"}
evt_b6c83105239c3fb6c634374a	target.status_changed	horsens	horsens-apprenticeships	apprenticeships	2026-06-15 10:00:30.721586+00	2026-06-15 10:00:30.770787+00	{"id": "evt_b6c83105239c3fb6c634374a", "time": "2026-06-15T10:00:30.721586+00:00", "type": "target.status_changed", "unit": "lærepladser", "title": "Flere nye lærepladser", "detail": null, "status": "at_risk", "target": "horsens-apprenticeships", "onlyFor": null, "alliance": "horsens", "indicator": "apprenticeships", "evaluation": {"gap": -3, "pace": null, "actual": 47, "reason": null, "status": "at_risk", "missing": null, "baseline": 0, "expected": 50, "progress": 0.94, "targetId": "horsens-apprenticeships", "projection": null, "reasonCode": null, "fetchFailure": null, "evaluatedPeriod": "2025H2"}, "allianceName": "Vækstalliancen Horsens", "indicatorTitle": "Nye lærepladser", "previousStatus": "on_track"}
\.


--
-- Data for Name: pending_runs; Type: TABLE DATA; Schema: growthmonitor; Owner: -
--

COPY growthmonitor.pending_runs (id, run) FROM stdin;
\.


--
-- Data for Name: target_notes; Type: TABLE DATA; Schema: growthmonitor; Owner: -
--

COPY growthmonitor.target_notes (id, target, period, text, author, entered_by, at) FROM stdin;
1	horsens-jobs	2024	Ny erhvervsstrategi vedtaget; fokus på produktion og logistik.	Erhvervsdirektør	horsens-erhverv	2026-06-15 10:00:23.564607+00
2	horsens-jobs	2025	Danmarks Statistik har revideret 2024; med 2025-tallet er målet nået for året.	horsens-erhverv	horsens-erhverv	2026-06-15 10:00:41.380823+00
3	horsens-apprenticeships	2025H2	To virksomheder trak lærepladser tilbage i 2. halvår; "Lær i Horsens" følger op.	Anne Holm	horsens-erhverv	2026-06-15 10:00:41.441976+00
\.


--
-- Data for Name: value_audit; Type: TABLE DATA; Schema: growthmonitor; Owner: -
--

COPY growthmonitor.value_audit (id, indicator, area, period, old_value, new_value, operator, at, vintage) FROM stdin;
1	apprenticeships	615	2024H1	\N	18	horsens-erhverv	2026-06-15 10:00:18.624594+00	1
2	apprenticeships	615	2024H2	\N	41	horsens-erhverv	2026-06-15 10:00:18.624594+00	1
3	apprenticeships	615	2025H1	\N	22	horsens-erhverv	2026-06-15 10:00:28.017475+00	2
4	apprenticeships	615	2025H2	\N	47	horsens-erhverv	2026-06-15 10:00:28.017475+00	2
5	apprenticeships	615	2025H2	47	46	horsens-erhverv	2026-06-15 10:00:34.69784+00	3
6	apprenticeships	615	2024H1	18	\N	horsens-erhverv	2026-06-15 10:00:38.16705+00	4
\.


--
-- Data for Name: aggregatedcounter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.aggregatedcounter (id, key, value, expireat) FROM stdin;
\.


--
-- Data for Name: counter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.counter (id, key, value, expireat) FROM stdin;
1	stats:succeeded:2026-12-06	1	2027-01-06 23:00:22.715715+00
2	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:23.715715+00
3	stats:succeeded	1	\N
4	stats:succeeded:2026-12-06	1	2027-01-06 23:00:25.898101+00
5	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:26.898101+00
6	stats:succeeded	1	\N
7	stats:succeeded:2026-12-06	1	2027-01-06 23:00:31.522077+00
8	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:32.522077+00
9	stats:succeeded	1	\N
10	stats:succeeded:2026-12-06	1	2027-01-06 23:00:32.399482+00
11	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:33.399482+00
12	stats:succeeded	1	\N
13	stats:succeeded:2026-12-06	1	2027-01-06 23:00:36.817946+00
14	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:37.817946+00
15	stats:succeeded	1	\N
16	stats:succeeded:2026-12-06	1	2027-01-06 23:00:41.672096+00
17	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:42.672096+00
18	stats:succeeded	1	\N
19	stats:succeeded:2026-12-06	1	2027-01-06 23:00:42.894338+00
20	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:43.894338+00
21	stats:succeeded	1	\N
22	stats:succeeded:2026-12-06	1	2027-01-06 23:00:46.853297+00
23	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:47.853297+00
24	stats:succeeded	1	\N
25	stats:succeeded:2026-12-06	1	2027-01-06 23:00:50.087256+00
26	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:51.087256+00
27	stats:succeeded	1	\N
28	stats:succeeded:2026-12-06	1	2027-01-06 23:00:53.543298+00
29	stats:succeeded:2026-12-06-23	1	2026-12-07 23:00:54.543298+00
30	stats:succeeded	1	\N
\.


--
-- Data for Name: hash; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.hash (id, key, field, value, expireat, updatecount) FROM stdin;
1	recurring-job:ingest:jobs	Queue	default	\N	0
2	recurring-job:ingest:jobs	Cron	0 9 * * *	\N	0
3	recurring-job:ingest:jobs	TimeZoneId	Europe/Copenhagen	\N	0
4	recurring-job:ingest:jobs	Job	{"t":"GrowthMonitor.Ingestion.IngestJob, GrowthMonitor","m":"RunAsync","p":["System.String","Hangfire.Server.PerformContext, Hangfire.Core","System.Threading.CancellationToken, mscorlib"],"a":["\\"jobs\\"",null,null]}	\N	0
5	recurring-job:ingest:jobs	CreatedAt	1796598013572	\N	0
6	recurring-job:ingest:jobs	NextExecution	1796630400000	\N	0
7	recurring-job:ingest:jobs	V	2	\N	0
8	recurring-job:watch-publications	Queue	default	\N	0
9	recurring-job:watch-publications	Cron	*/5 7-12 * * 1-5	\N	0
10	recurring-job:watch-publications	TimeZoneId	Europe/Copenhagen	\N	0
11	recurring-job:watch-publications	Job	{"t":"GrowthMonitor.Ingestion.PublicationWatchJob, GrowthMonitor","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
12	recurring-job:watch-publications	CreatedAt	1796598015328	\N	0
13	recurring-job:watch-publications	NextExecution	1796623200000	\N	0
14	recurring-job:watch-publications	V	2	\N	0
15	recurring-job:evaluate-targets	Queue	default	\N	0
16	recurring-job:evaluate-targets	Cron	0 10 * * *	\N	0
17	recurring-job:evaluate-targets	TimeZoneId	Europe/Copenhagen	\N	0
18	recurring-job:evaluate-targets	Job	{"t":"GrowthMonitor.Targets.EvaluationJob, GrowthMonitor","m":"RunAsync","p":["System.String","System.Threading.CancellationToken, mscorlib"],"a":["\\"daily\\"",null]}	\N	0
19	recurring-job:evaluate-targets	CreatedAt	1796598015454	\N	0
20	recurring-job:evaluate-targets	NextExecution	1796634000000	\N	0
21	recurring-job:evaluate-targets	V	2	\N	0
22	recurring-job:alerts:deliver-due	Queue	default	\N	0
23	recurring-job:alerts:deliver-due	Cron	* * * * *	\N	0
24	recurring-job:alerts:deliver-due	TimeZoneId	UTC	\N	0
25	recurring-job:alerts:deliver-due	Job	{"t":"GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor","m":"DeliverDueAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
26	recurring-job:alerts:deliver-due	CreatedAt	1796598015522	\N	0
27	recurring-job:alerts:deliver-due	NextExecution	1796598060000	\N	0
28	recurring-job:alerts:deliver-due	V	2	\N	0
\.


--
-- Data for Name: job; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.job (id, stateid, statename, invocationdata, arguments, createdat, expireat, updatecount) FROM stdin;
1	4	Succeeded	{"Type": "GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor", "Method": "DeliverAsync", "Arguments": "[\\"\\\\\\"msg_c5c82acce3efb99d47d3a1bc\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"msg_c5c82acce3efb99d47d3a1bc\\"", null]	2026-12-06 23:00:21.234763+00	2026-12-07 23:00:23.715715+00	0
2	7	Succeeded	{"Type": "GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor", "Method": "DeliverAsync", "Arguments": "[\\"\\\\\\"msg_c5c82acce3efb99d47d3a1bc\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"msg_c5c82acce3efb99d47d3a1bc\\"", null]	2026-12-06 23:00:23.103198+00	2026-12-07 23:00:26.898101+00	0
3	12	Succeeded	{"Type": "GrowthMonitor.Targets.EvaluationJob, GrowthMonitor", "Method": "RunAsync", "Arguments": "[\\"\\\\\\"figures entered for apprenticeships\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"figures entered for apprenticeships\\"", null]	2026-12-06 23:00:29.481698+00	2026-12-07 23:00:32.522077+00	0
4	13	Succeeded	{"Type": "GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor", "Method": "DeliverAsync", "Arguments": "[\\"\\\\\\"msg_618efdcb2edb1fbbcf04d9f3\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"msg_618efdcb2edb1fbbcf04d9f3\\"", null]	2026-12-06 23:00:31.705719+00	2026-12-07 23:00:33.399482+00	0
5	16	Succeeded	{"Type": "GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor", "Method": "DeliverAsync", "Arguments": "[\\"\\\\\\"msg_a21eb57a37a796544a5146e0\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"msg_a21eb57a37a796544a5146e0\\"", null]	2026-12-06 23:00:35.61372+00	2026-12-07 23:00:37.817946+00	0
6	20	Succeeded	{"Type": "GrowthMonitor.Targets.EvaluationJob, GrowthMonitor", "Method": "RunAsync", "Arguments": "[\\"\\\\\\"figures entered for apprenticeships\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"figures entered for apprenticeships\\"", null]	2026-12-06 23:00:38.794639+00	2026-12-07 23:00:42.672096+00	0
7	22	Succeeded	{"Type": "GrowthMonitor.Alerts.AlertDeliveryJob, GrowthMonitor", "Method": "DeliverAsync", "Arguments": "[\\"\\\\\\"msg_1fac9c36aa639838726c4d24\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"msg_1fac9c36aa639838726c4d24\\"", null]	2026-12-06 23:00:42.01727+00	2026-12-07 23:00:43.894338+00	0
9	28	Succeeded	{"Type": "GrowthMonitor.Targets.EvaluationJob, GrowthMonitor", "Method": "RunAsync", "Arguments": "[\\"\\\\\\"figures entered for apprenticeships\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"figures entered for apprenticeships\\"", null]	2026-12-06 23:00:49.050694+00	2026-12-07 23:00:51.087256+00	0
8	25	Succeeded	{"Type": "GrowthMonitor.Targets.EvaluationJob, GrowthMonitor", "Method": "RunAsync", "Arguments": "[\\"\\\\\\"figures entered for apprenticeships\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"figures entered for apprenticeships\\"", null]	2026-12-06 23:00:45.684514+00	2026-12-07 23:00:47.853297+00	0
10	31	Succeeded	{"Type": "GrowthMonitor.Targets.EvaluationJob, GrowthMonitor", "Method": "RunAsync", "Arguments": "[\\"\\\\\\"on demand by horsens-erhverv\\\\\\"\\",null]", "ParameterTypes": "[\\"System.String\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"on demand by horsens-erhverv\\"", null]	2026-12-06 23:00:52.371863+00	2026-12-07 23:00:54.543298+00	0
\.


--
-- Data for Name: jobparameter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobparameter (id, jobid, name, value, updatecount) FROM stdin;
1	1	CurrentCulture	""	0
2	2	CurrentCulture	""	0
3	3	CurrentCulture	""	0
4	4	CurrentCulture	""	0
5	5	CurrentCulture	""	0
6	6	CurrentCulture	""	0
7	7	CurrentCulture	""	0
8	8	CurrentCulture	""	0
9	9	CurrentCulture	""	0
10	10	CurrentCulture	""	0
\.


--
-- Data for Name: jobqueue; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobqueue (id, jobid, queue, fetchedat, updatecount) FROM stdin;
\.


--
-- Data for Name: list; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.list (id, key, value, expireat, updatecount) FROM stdin;
\.


--
-- Data for Name: lock; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.lock (resource, updatecount, acquired) FROM stdin;
\.


--
-- Data for Name: schema; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.schema (version) FROM stdin;
23
\.


--
-- Data for Name: server; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.server (id, data, lastheartbeat, updatecount) FROM stdin;
\.


--
-- Data for Name: set; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.set (id, key, score, value, expireat, updatecount) FROM stdin;
1	recurring-jobs	1796630400	ingest:jobs	\N	0
2	recurring-jobs	1796623200	watch-publications	\N	0
3	recurring-jobs	1796634000	evaluate-targets	\N	0
4	recurring-jobs	1796598060	alerts:deliver-due	\N	0
\.


--
-- Data for Name: state; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.state (id, jobid, name, reason, createdat, data, updatecount) FROM stdin;
1	1	Enqueued	\N	2026-12-06 23:00:21.444905+00	{"Queue": "default", "EnqueuedAt": "1796598021191"}	0
2	1	Processing	\N	2026-12-06 23:00:21.792966+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "370c29dd-9f00-4329-a606-0d0e985b1752", "StartedAt": "1796598021601"}	0
3	2	Scheduled	\N	2026-12-06 23:00:23.437589+00	{"EnqueueAt": "1796598025102", "ScheduledAt": "1796598023102"}	0
4	1	Succeeded	\N	2026-12-06 23:00:23.736185+00	{"Latency": "641", "SucceededAt": "1796598023505", "PerformanceDuration": "1628"}	0
5	2	Enqueued	Triggered by DelayedJobScheduler	2026-12-06 23:00:25.388576+00	{"Queue": "default", "EnqueuedAt": "1796598025317"}	0
6	2	Processing	\N	2026-12-06 23:00:25.760797+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "7e874cba-d7a9-4c93-9530-4494f7575264", "StartedAt": "1796598025436"}	0
7	2	Succeeded	\N	2026-12-06 23:00:26.899732+00	{"Latency": "2770", "SucceededAt": "1796598026726", "PerformanceDuration": "852"}	0
8	3	Enqueued	\N	2026-12-06 23:00:29.863896+00	{"Queue": "default", "EnqueuedAt": "1796598029480"}	0
9	3	Processing	\N	2026-12-06 23:00:30.465128+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "5970a6f7-63a4-442f-a158-008bb9a793ac", "StartedAt": "1796598030174"}	0
10	4	Enqueued	\N	2026-12-06 23:00:32.100002+00	{"Queue": "default", "EnqueuedAt": "1796598031704"}	0
11	4	Processing	\N	2026-12-06 23:00:32.449651+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "51a5e24a-b86c-40e7-b6dc-ae8b37bd6a57", "StartedAt": "1796598032209"}	0
12	3	Succeeded	\N	2026-12-06 23:00:32.527923+00	{"Latency": "1016", "SucceededAt": "1796598032202", "PerformanceDuration": "1704"}	0
13	4	Succeeded	\N	2026-12-06 23:00:33.430066+00	{"Latency": "773", "SucceededAt": "1796598033234", "PerformanceDuration": "754"}	0
14	5	Enqueued	\N	2026-12-06 23:00:35.964252+00	{"Queue": "default", "EnqueuedAt": "1796598035613"}	0
15	5	Processing	\N	2026-12-06 23:00:36.652192+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "5970a6f7-63a4-442f-a158-008bb9a793ac", "StartedAt": "1796598036199"}	0
16	5	Succeeded	\N	2026-12-06 23:00:37.822453+00	{"Latency": "1134", "SucceededAt": "1796598037407", "PerformanceDuration": "659"}	0
17	6	Enqueued	\N	2026-12-06 23:00:39.339872+00	{"Queue": "default", "EnqueuedAt": "1796598038793"}	0
18	6	Processing	\N	2026-12-06 23:00:40.085076+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "d60ed68c-747a-4ac3-973c-b7343b40ab9d", "StartedAt": "1796598039561"}	0
19	7	Enqueued	\N	2026-12-06 23:00:42.501497+00	{"Queue": "default", "EnqueuedAt": "1796598042016"}	0
20	6	Succeeded	\N	2026-12-06 23:00:42.674199+00	{"Latency": "1354", "SucceededAt": "1796598042546", "PerformanceDuration": "2396"}	0
21	7	Processing	\N	2026-12-06 23:00:42.94456+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "5970a6f7-63a4-442f-a158-008bb9a793ac", "StartedAt": "1796598042706"}	0
22	7	Succeeded	\N	2026-12-06 23:00:43.896991+00	{"Latency": "988", "SucceededAt": "1796598043660", "PerformanceDuration": "654"}	0
23	8	Enqueued	\N	2026-12-06 23:00:45.994545+00	{"Queue": "default", "EnqueuedAt": "1796598045684"}	0
24	8	Processing	\N	2026-12-06 23:00:46.436389+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "7e874cba-d7a9-4c93-9530-4494f7575264", "StartedAt": "1796598046075"}	0
25	8	Succeeded	\N	2026-12-06 23:00:47.878695+00	{"Latency": "915", "SucceededAt": "1796598047572", "PerformanceDuration": "972"}	0
26	9	Enqueued	\N	2026-12-06 23:00:49.338343+00	{"Queue": "default", "EnqueuedAt": "1796598049050"}	0
27	9	Processing	\N	2026-12-06 23:00:49.782198+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "be54ec67-01fc-4373-a5dd-c8d2944d83a4", "StartedAt": "1796598049533"}	0
28	9	Succeeded	\N	2026-12-06 23:00:51.115858+00	{"Latency": "746", "SucceededAt": "1796598050833", "PerformanceDuration": "1036"}	0
29	10	Enqueued	\N	2026-12-06 23:00:52.74419+00	{"Queue": "default", "EnqueuedAt": "1796598052367"}	0
30	10	Processing	\N	2026-12-06 23:00:53.123364+00	{"ServerId": "growthmonitor:vm:24251:24251:e41ad5f6-a6a9-4bee-8d11-0dcc11ae213e", "WorkerId": "7e874cba-d7a9-4c93-9530-4494f7575264", "StartedAt": "1796598052871"}	0
31	10	Succeeded	\N	2026-12-06 23:00:54.545251+00	{"Latency": "802", "SucceededAt": "1796598054217", "PerformanceDuration": "1043"}	0
\.


--
-- Name: pending_runs_id_seq; Type: SEQUENCE SET; Schema: growthmonitor; Owner: -
--

SELECT pg_catalog.setval('growthmonitor.pending_runs_id_seq', 1, false);


--
-- Name: target_notes_id_seq; Type: SEQUENCE SET; Schema: growthmonitor; Owner: -
--

SELECT pg_catalog.setval('growthmonitor.target_notes_id_seq', 3, true);


--
-- Name: value_audit_id_seq; Type: SEQUENCE SET; Schema: growthmonitor; Owner: -
--

SELECT pg_catalog.setval('growthmonitor.value_audit_id_seq', 6, true);


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.aggregatedcounter_id_seq', 1, false);


--
-- Name: counter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.counter_id_seq', 30, true);


--
-- Name: hash_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.hash_id_seq', 28, true);


--
-- Name: job_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.job_id_seq', 10, true);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobparameter_id_seq', 10, true);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobqueue_id_seq', 10, true);


--
-- Name: list_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.list_id_seq', 1, false);


--
-- Name: set_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.set_id_seq', 5, true);


--
-- Name: state_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.state_id_seq', 31, true);


--
-- Name: alert_deliveries alert_deliveries_pkey; Type: CONSTRAINT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.alert_deliveries
    ADD CONSTRAINT alert_deliveries_pkey PRIMARY KEY (id);


--
-- Name: alert_events alert_events_pkey; Type: CONSTRAINT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.alert_events
    ADD CONSTRAINT alert_events_pkey PRIMARY KEY (id);


--
-- Name: pending_runs pending_runs_pkey; Type: CONSTRAINT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.pending_runs
    ADD CONSTRAINT pending_runs_pkey PRIMARY KEY (id);


--
-- Name: target_notes target_notes_pkey; Type: CONSTRAINT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.target_notes
    ADD CONSTRAINT target_notes_pkey PRIMARY KEY (id);


--
-- Name: value_audit value_audit_pkey; Type: CONSTRAINT; Schema: growthmonitor; Owner: -
--

ALTER TABLE ONLY growthmonitor.value_audit
    ADD CONSTRAINT value_audit_pkey PRIMARY KEY (id);


--
-- Name: aggregatedcounter aggregatedcounter_key_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_key_key UNIQUE (key);


--
-- Name: aggregatedcounter aggregatedcounter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_pkey PRIMARY KEY (id);


--
-- Name: counter counter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter
    ADD CONSTRAINT counter_pkey PRIMARY KEY (id);


--
-- Name: hash hash_key_field_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_key_field_key UNIQUE (key, field);


--
-- Name: hash hash_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_pkey PRIMARY KEY (id);


--
-- Name: job job_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);


--
-- Name: jobparameter jobparameter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_pkey PRIMARY KEY (id);


--
-- Name: jobqueue jobqueue_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue
    ADD CONSTRAINT jobqueue_pkey PRIMARY KEY (id);


--
-- Name: list list_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list
    ADD CONSTRAINT list_pkey PRIMARY KEY (id);


--
-- Name: lock lock_resource_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.lock
    ADD CONSTRAINT lock_resource_key UNIQUE (resource);

ALTER TABLE ONLY hangfire.lock REPLICA IDENTITY USING INDEX lock_resource_key;


--
-- Name: schema schema_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.schema
    ADD CONSTRAINT schema_pkey PRIMARY KEY (version);


--
-- Name: server server_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.server
    ADD CONSTRAINT server_pkey PRIMARY KEY (id);


--
-- Name: set set_key_value_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_key_value_key UNIQUE (key, value);


--
-- Name: set set_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_pkey PRIMARY KEY (id);


--
-- Name: state state_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_pkey PRIMARY KEY (id);


--
-- Name: alert_deliveries_due; Type: INDEX; Schema: growthmonitor; Owner: -
--

CREATE INDEX alert_deliveries_due ON growthmonitor.alert_deliveries USING btree (next_attempt_at) WHERE (status = 'pending'::text);


--
-- Name: alert_events_recorded; Type: INDEX; Schema: growthmonitor; Owner: -
--

CREATE INDEX alert_events_recorded ON growthmonitor.alert_events USING btree (recorded_at DESC);


--
-- Name: alert_events_target; Type: INDEX; Schema: growthmonitor; Owner: -
--

CREATE INDEX alert_events_target ON growthmonitor.alert_events USING btree (target);


--
-- Name: target_notes_target; Type: INDEX; Schema: growthmonitor; Owner: -
--

CREATE INDEX target_notes_target ON growthmonitor.target_notes USING btree (target, id);


--
-- Name: value_audit_indicator; Type: INDEX; Schema: growthmonitor; Owner: -
--

CREATE INDEX value_audit_indicator ON growthmonitor.value_audit USING btree (indicator, id);


--
-- Name: ix_hangfire_counter_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_expireat ON hangfire.counter USING btree (expireat);


--
-- Name: ix_hangfire_counter_key; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_key ON hangfire.counter USING btree (key);


--
-- Name: ix_hangfire_hash_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_hash_expireat ON hangfire.hash USING btree (expireat);


--
-- Name: ix_hangfire_job_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_expireat ON hangfire.job USING btree (expireat);


--
-- Name: ix_hangfire_job_statename; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename ON hangfire.job USING btree (statename);


--
-- Name: ix_hangfire_job_statename_is_not_null; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename_is_not_null ON hangfire.job USING btree (statename) INCLUDE (id) WHERE (statename IS NOT NULL);


--
-- Name: ix_hangfire_jobparameter_jobidandname; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobparameter_jobidandname ON hangfire.jobparameter USING btree (jobid, name);


--
-- Name: ix_hangfire_jobqueue_fetchedat_queue_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_fetchedat_queue_jobid ON hangfire.jobqueue USING btree (fetchedat NULLS FIRST, queue, jobid);


--
-- Name: ix_hangfire_jobqueue_jobidandqueue; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_jobidandqueue ON hangfire.jobqueue USING btree (jobid, queue);


--
-- Name: ix_hangfire_jobqueue_queueandfetchedat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_queueandfetchedat ON hangfire.jobqueue USING btree (queue, fetchedat);


--
-- Name: ix_hangfire_list_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_list_expireat ON hangfire.list USING btree (expireat);


--
-- Name: ix_hangfire_set_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_expireat ON hangfire.set USING btree (expireat);


--
-- Name: ix_hangfire_set_key_score; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_key_score ON hangfire.set USING btree (key, score);


--
-- Name: ix_hangfire_state_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_state_jobid ON hangfire.state USING btree (jobid);


--
-- Name: jobparameter jobparameter_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: state state_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict 4zoJCQY4vBGdDUu4oPZU7PmDvWbcoNWk62BGNg4riIwle7Qt4q802j2MTteGU8D

