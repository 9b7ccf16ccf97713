-- A schema 2 file as the bot wrote it before schema 3 (an intake benchmark run's store, 2026-12-02: one trend's
-- incident with its reports, timeline, ledger and work), cut to the first and last document of each type by sqlite3
-- and dumped with .dump. The upgrade test in SqliteDocumentStoreTests opens it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE documents (
    workspace_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         TEXT NOT NULL,
    expires_at   INTEGER NULL,
    PRIMARY KEY (workspace_id, id)
);
INSERT INTO documents VALUES('_registry','T0BENCH','workspace','"e916fba8-4232-4491-bced-ab1638151477"','{"id":"T0BENCH","workspaceId":"_registry","type":"workspace","platform":"slack","firstSeenAt":"2026-12-02T21:14:21.4450820Z"}',NULL);
INSERT INTO documents VALUES('T0BENCH','counter-incident','counter','"50459be4-a210-4087-a8c7-e9e91029d68c"','{"id":"counter-incident","workspaceId":"T0BENCH","type":"counter","next":2}',NULL);
INSERT INTO documents VALUES('T0BENCH','inc-1','incident','"4d6b8b87-1202-4ef9-8a45-99805425e41e"','{"id":"inc-1","workspaceId":"T0BENCH","type":"incident","platform":"slack","number":1,"title":"Children dare each other to hold their breath on camera #bench-trend-0","description":"Children dare each other to hold their breath on camera #bench-trend-0","severity":"sev3","status":"declared","isOpen":true,"source":"trending","markets":["NP"],"languages":["en"],"isRestricted":false,"roles":{},"reporter":"intake:trending","participants":[],"channel":"C000000001","declaredAt":"2026-12-02T21:14:21.4756194Z","updatedAt":"2026-12-02T21:15:07.6674832Z","reportCount":46100,"firstReportAt":"2026-12-02T21:14:21.4218901Z","lastReportAt":"2026-12-02T21:15:07.5679889Z","reportSources":["trending"],"version":46101}',NULL);
INSERT INTO documents VALUES('T0BENCH','evt-1-v000001','timeline','"28e0302b-7973-4ea4-8d84-d5a305e9b969"','{"id":"evt-1-v000001","workspaceId":"T0BENCH","type":"timeline","incidentNumber":1,"at":"2026-12-02T21:14:21.4756194Z","actor":"intake:trending","kind":"declared","version":1,"text":"Children dare each other to hold their breath on camera #bench-trend-0","to":"SEV3"}',NULL);
INSERT INTO documents VALUES('T0BENCH','report-trending-0a1044b5e7b582e422678538a36039d0df340f4b','report','"3c577496-58fd-4fc3-9435-9e9c1f9a4121"','{"id":"report-trending-0a1044b5e7b582e422678538a36039d0df340f4b","workspaceId":"T0BENCH","type":"report","source":"trending","externalId":"2a7f2976816141f1be595fb42520748b","receivedAt":"2026-12-02T21:14:21.4218901Z","storedAt":"2026-12-02T21:14:21.4642977Z","title":"Children dare each other to hold their breath on camera #bench-trend-0","text":"Children dare each other to hold their breath on camera #bench-trend-0","urls":[],"market":"NP","language":"en","languageConfidence":1,"isLanguageDetected":false,"trendKey":"#bench-trend-0","isTrusted":false,"attachments":[],"incidentNumber":1,"isMerged":false,"sequence":1}',NULL);
INSERT INTO documents VALUES('T0BENCH','trend-8b093cc4fe538c5d0a6f233c3801436ccdde7af1','trend','"408830ab-4a9a-4010-8d51-63808f299009"','{"id":"trend-8b093cc4fe538c5d0a6f233c3801436ccdde7af1","workspaceId":"T0BENCH","type":"trend","key":"tag:bench-trend-0","incidentNumber":1,"createdAt":"2026-12-02T21:14:21.4756194Z","lastSeenAt":"2026-12-02T21:14:21.4756194Z"}',NULL);
INSERT INTO documents VALUES('T0BENCH','intake-digest-1','intake-digest','"356784c4-620d-4fee-a07e-4e827029ef76"','{"id":"intake-digest-1","workspaceId":"T0BENCH","type":"intake-digest","incidentNumber":1,"pendingSince":"2026-12-02T21:14:21.6670658Z","lastPostedAt":"2026-12-02T21:14:21.4756194Z","postedReportCount":1,"postedMarkets":["NP"],"postedLanguages":["en"]}',NULL);
INSERT INTO documents VALUES('T0BENCH','work-status-update-inc-1','work','"363c8175-93f7-47ab-a19f-6526c1b55bfa"','{"id":"work-status-update-inc-1","workspaceId":"T0BENCH","type":"work","kind":"status-update","targetId":"inc-1","dueAt":"2026-12-03T01:14:21.4756194Z","requestedAt":"2026-12-02T21:14:21.4874543Z","attempts":0,"isSetAside":false}',NULL);
INSERT INTO documents VALUES('T0BENCH','ledger-head-1','ledger-head','"6143cf5f-21ef-43d9-ac34-b486b1d05694"','{"id":"ledger-head-1","workspaceId":"T0BENCH","type":"ledger-head","incidentNumber":1,"seq":46101,"hash":"cab31b3fca88da6984ba78cf02c1f9de9338d1306f8f45694985c30a6dbc1b67","at":"2026-12-02T21:15:07.6670000Z","platform":"slack"}',NULL);
INSERT INTO documents VALUES('T0BENCH','ledger-1-000000001','ledger','"3ae79b48-c19b-44ce-bf7e-a6a06ebfc18c"','{"id":"ledger-1-000000001","workspaceId":"T0BENCH","type":"ledger","incidentNumber":1,"seq":1,"at":"2026-12-02T21:14:21.4750000Z","actor":"slack:intake:trending","kind":"declared","data":{"event":"evt-1-v000001","version":1,"text":"Children dare each other to hold their breath on camera #bench-trend-0","to":"SEV3","incident":{"title":"Children dare each other to hold their breath on camera #bench-trend-0","description":"Children dare each other to hold their breath on camera #bench-trend-0","severity":"SEV3","source":"trending","markets":["NP"],"languages":["en"],"restricted":false,"reporter":"intake:trending","platform":"slack"}},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","hash":"b6365ad860a956be95acde2a34884c8f15957f60f7ee044823af9c97e785af20"}',NULL);
INSERT INTO documents VALUES('T0BENCH','chan-1','channel-state','"db934fec-0418-431e-82f3-d89b17805761"','{"id":"chan-1","workspaceId":"T0BENCH","type":"channel-state","incidentNumber":1,"channel":"C000000001","channelName":"inc-1-children-dare-each-other-to-hold-their-breath-on-camera-bench-trend-0","invited":[],"isRefusalSentToReporter":false,"isRefusalAnnounced":false,"summaryMessageId":"1732540000.000100","summaryHash":"42EC3CAF22881FA644DBAAF8359F1174","isSummaryPinned":true,"postedVersion":72}',NULL);
INSERT INTO documents VALUES('T0BENCH','work-intake-digest-inc-1','work','"9fc08d62-7e58-486c-b06c-c31bd7ca766f"','{"id":"work-intake-digest-inc-1","workspaceId":"T0BENCH","type":"work","kind":"intake-digest","targetId":"inc-1","dueAt":"2026-12-02T21:15:21.4756194Z","requestedAt":"2026-12-02T21:14:21.6821412Z","attempts":0,"isSetAside":false}',NULL);
INSERT INTO documents VALUES('T0BENCH','status-timer-1','status-update-timer','"d2888305-8fd2-49b8-81ba-a8d4b3d705c9"','{"id":"status-timer-1","workspaceId":"T0BENCH","type":"status-update-timer","incidentNumber":1,"deliveries":[]}',NULL);
INSERT INTO documents VALUES('T0BENCH','evt-1-v046101','timeline','"5d681805-e187-417f-b1a6-20e96dea698d"','{"id":"evt-1-v046101","workspaceId":"T0BENCH","type":"timeline","incidentNumber":1,"at":"2026-12-02T21:15:07.6674832Z","kind":"reportReceived","version":46101,"text":"trending report: Children dare each other to hold their breath on camera #bench-trend-79","to":"report-trending-c795966b8adf05772455d0d3643235405cd71e9f"}',NULL);
INSERT INTO documents VALUES('T0BENCH','report-trending-c795966b8adf05772455d0d3643235405cd71e9f','report','"8a28d736-c615-4bc2-a553-be687c9f1b15"','{"id":"report-trending-c795966b8adf05772455d0d3643235405cd71e9f","workspaceId":"T0BENCH","type":"report","source":"trending","externalId":"a94c8005fe384843b209481d5da3aaf9","receivedAt":"2026-12-02T21:15:07.5679889Z","storedAt":"2026-12-02T21:15:07.5680177Z","title":"Children dare each other to hold their breath on camera #bench-trend-79","text":"Children dare each other to hold their breath on camera #bench-trend-79","urls":[],"market":"NP","language":"en","languageConfidence":1,"isLanguageDetected":false,"trendKey":"#bench-trend-79","isTrusted":false,"attachments":[],"incidentNumber":1,"isMerged":true,"sequence":46100}',NULL);
INSERT INTO documents VALUES('T0BENCH','trend-15aa3fdae452b1066dd873eb09c4d1b98d508ec6','trend','"2fa2b886-e279-4785-8ea2-8cbcd7427d35"','{"id":"trend-15aa3fdae452b1066dd873eb09c4d1b98d508ec6","workspaceId":"T0BENCH","type":"trend","key":"tag:bench-new-4708","incidentNumber":1,"createdAt":"2026-12-02T21:15:07.6674832Z","lastSeenAt":"2026-12-02T21:15:07.6674832Z"}',NULL);
INSERT INTO documents VALUES('T0BENCH','ledger-1-000046101','ledger','"a72bef1f-c873-4d3d-bb78-92398e87130a"','{"id":"ledger-1-000046101","workspaceId":"T0BENCH","type":"ledger","incidentNumber":1,"seq":46101,"at":"2026-12-02T21:15:07.6670000Z","actor":"system","kind":"report.received","data":{"event":"evt-1-v046101","version":46101,"text":"trending report: Children dare each other to hold their breath on camera #bench-trend-79","to":"report-trending-c795966b8adf05772455d0d3643235405cd71e9f"},"prevHash":"ca1a29b04cd0566353ff09f1c0843bf92fd605f9ad207aeb5f466e23e3eeb51f","hash":"cab31b3fca88da6984ba78cf02c1f9de9338d1306f8f45694985c30a6dbc1b67"}',NULL);
CREATE TABLE incident_facts (
    workspace_id       TEXT NOT NULL,
    declared_at        TEXT NOT NULL,
    number             INTEGER NOT NULL,
    week               TEXT,
    source             TEXT,
    severity           TEXT,
    lead               TEXT,
    markets            TEXT,
    languages          TEXT,
    regimes            TEXT NOT NULL DEFAULT '[]',
    report_count       INTEGER NOT NULL DEFAULT 0,
    started_at         TEXT,
    acknowledged_at    TEXT,
    lead_at            TEXT,
    mitigated_at       TEXT,
    resolved_at        TEXT,
    closed_at          TEXT,
    tta                INTEGER,
    ttm                INTEGER,
    ttr                INTEGER,
    pages_sent         INTEGER NOT NULL DEFAULT 0,
    pages_acknowledged INTEGER NOT NULL DEFAULT 0,
    night_pages        INTEGER NOT NULL DEFAULT 0,
    weekend_pages      INTEGER NOT NULL DEFAULT 0,
    title              TEXT,
    is_restricted      INTEGER,
    status             TEXT,
    is_open            INTEGER,
    expires_at         INTEGER,
    PRIMARY KEY (workspace_id, declared_at, number)
) WITHOUT ROWID;
INSERT INTO incident_facts VALUES('T0BENCH','2026-12-02T21:14:21.4756194Z',1,'2026-11-30','trending','sev3',NULL,'["NP"]','["en"]','[]',46100,'2026-12-02T21:14:21.4218901Z',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,0,0,0,'Children dare each other to hold their breath on camera #bench-trend-0',0,'declared',1,NULL);
CREATE INDEX ix_documents_type ON documents (workspace_id, type, id);
CREATE INDEX ix_documents_expires_at ON documents (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX ix_documents_number
    ON documents (workspace_id, type, json_extract(body, '$.number'), id);
CREATE INDEX ix_documents_is_open
    ON documents (workspace_id, type, json_extract(body, '$.isOpen'), json_extract(body, '$.number'), id);
CREATE INDEX ix_documents_channel
    ON documents (workspace_id, type, json_extract(body, '$.channel'), id);
CREATE INDEX ix_documents_incident_number
    ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.at'), id);
CREATE INDEX ix_documents_incident_seq
    ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.seq'), id);
CREATE INDEX ix_documents_due_at
    ON documents (workspace_id, type, json_extract(body, '$.dueAt'), id);
CREATE INDEX ix_documents_roles_by_incident
    ON documents (workspace_id, json_extract(body, '$.text'), json_extract(body, '$.incidentNumber'), json_extract(body, '$.at'))
    WHERE type = 'timeline' AND json_extract(body, '$.kind') = 'roleAssigned';
CREATE INDEX ix_documents_pages_by_incident
    ON documents (workspace_id, json_extract(body, '$.incidentNumber'), json_extract(body, '$.acknowledgedBy'), json_extract(body, '$.targets'))
    WHERE type = 'page';
CREATE INDEX ix_documents_trend_clocks
    ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.name'), json_extract(body, '$.startedAt'),
        json_extract(body, '$.window'), json_extract(body, '$.metAt'), json_extract(body, '$.breachedAt'), json_extract(body, '$.pauses'))
    WHERE type = 'clock';
CREATE UNIQUE INDEX ix_incident_facts_number ON incident_facts (workspace_id, number);
CREATE TRIGGER incident_facts_incident_inserted AFTER INSERT ON documents WHEN NEW.type = 'incident'
BEGIN
    INSERT OR REPLACE INTO incident_facts (workspace_id, declared_at, number, week, source, severity, lead, markets, languages, report_count,
started_at, acknowledged_at, mitigated_at, resolved_at, closed_at, ttm, ttr, title, is_restricted, status, is_open, expires_at) VALUES (NEW.workspace_id, COALESCE(json_extract(NEW.body, '$.declaredAt'), ''), json_extract(NEW.body, '$.number'), date(json_extract(NEW.body, '$.declaredAt'), '-6 days', 'weekday 1'),
json_extract(NEW.body, '$.source'), json_extract(NEW.body, '$.severity'), json_extract(NEW.body, '$.roles.lead'), json_extract(NEW.body, '$.markets'), json_extract(NEW.body, '$.languages'), COALESCE(json_extract(NEW.body, '$.reportCount'), 0),
COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')), json_extract(NEW.body, '$.acknowledgedAt'), json_extract(NEW.body, '$.mitigatedAt'), json_extract(NEW.body, '$.resolvedAt'), json_extract(NEW.body, '$.closedAt'),
CASE WHEN json_extract(NEW.body, '$.mitigatedAt') IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(json_extract(NEW.body, '$.mitigatedAt')) - julianday(COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')))) * 86400.0) AS INTEGER)) END, CASE WHEN json_extract(NEW.body, '$.resolvedAt') IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(json_extract(NEW.body, '$.resolvedAt')) - julianday(COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')))) * 86400.0) AS INTEGER)) END,
json_extract(NEW.body, '$.title'), json_extract(NEW.body, '$.isRestricted'), json_extract(NEW.body, '$.status'), json_extract(NEW.body, '$.isOpen'), NEW.expires_at);
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');
END;
CREATE TRIGGER incident_facts_incident_updated AFTER UPDATE ON documents WHEN OLD.type = 'incident' OR NEW.type = 'incident'
BEGIN
    DELETE FROM incident_facts WHERE OLD.type = 'incident' AND incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.number');
    INSERT OR REPLACE INTO incident_facts (workspace_id, declared_at, number, week, source, severity, lead, markets, languages, report_count,
started_at, acknowledged_at, mitigated_at, resolved_at, closed_at, ttm, ttr, title, is_restricted, status, is_open, expires_at) SELECT NEW.workspace_id, COALESCE(json_extract(NEW.body, '$.declaredAt'), ''), json_extract(NEW.body, '$.number'), date(json_extract(NEW.body, '$.declaredAt'), '-6 days', 'weekday 1'),
json_extract(NEW.body, '$.source'), json_extract(NEW.body, '$.severity'), json_extract(NEW.body, '$.roles.lead'), json_extract(NEW.body, '$.markets'), json_extract(NEW.body, '$.languages'), COALESCE(json_extract(NEW.body, '$.reportCount'), 0),
COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')), json_extract(NEW.body, '$.acknowledgedAt'), json_extract(NEW.body, '$.mitigatedAt'), json_extract(NEW.body, '$.resolvedAt'), json_extract(NEW.body, '$.closedAt'),
CASE WHEN json_extract(NEW.body, '$.mitigatedAt') IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(json_extract(NEW.body, '$.mitigatedAt')) - julianday(COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')))) * 86400.0) AS INTEGER)) END, CASE WHEN json_extract(NEW.body, '$.resolvedAt') IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(json_extract(NEW.body, '$.resolvedAt')) - julianday(COALESCE(json_extract(NEW.body, '$.firstReportAt'), json_extract(NEW.body, '$.declaredAt')))) * 86400.0) AS INTEGER)) END,
json_extract(NEW.body, '$.title'), json_extract(NEW.body, '$.isRestricted'), json_extract(NEW.body, '$.status'), json_extract(NEW.body, '$.isOpen'), NEW.expires_at WHERE NEW.type = 'incident';
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.number');
END;
CREATE TRIGGER incident_facts_incident_deleted AFTER DELETE ON documents WHEN OLD.type = 'incident'
BEGIN
    DELETE FROM incident_facts WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.number');
END;
CREATE TRIGGER incident_facts_related_inserted AFTER INSERT ON documents WHEN (NEW.type IN ('page', 'clock') OR (NEW.type = 'timeline' AND json_extract(NEW.body, '$.kind') = 'roleAssigned'))
BEGIN
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');
END;
CREATE TRIGGER incident_facts_related_updated AFTER UPDATE ON documents WHEN (OLD.type IN ('page', 'clock') OR (OLD.type = 'timeline' AND json_extract(OLD.body, '$.kind') = 'roleAssigned')) OR (NEW.type IN ('page', 'clock') OR (NEW.type = 'timeline' AND json_extract(NEW.body, '$.kind') = 'roleAssigned'))
BEGIN
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = NEW.workspace_id AND incident_facts.number = json_extract(NEW.body, '$.incidentNumber');
END;
CREATE TRIGGER incident_facts_related_deleted AFTER DELETE ON documents WHEN (OLD.type IN ('page', 'clock') OR (OLD.type = 'timeline' AND json_extract(OLD.body, '$.kind') = 'roleAssigned'))
BEGIN
    UPDATE incident_facts SET lead_at = (
    SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
    WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
      AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET tta = CASE WHEN CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END) - julianday(started_at)) * 86400.0) AS INTEGER)) END
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
    SELECT COUNT(*),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
        COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
    FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
    WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(t.value, '$.sentAt') IS NOT NULL)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');UPDATE incident_facts SET regimes = (
    SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
    WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
      AND json_extract(c.body, '$.name') IS NOT NULL)
WHERE incident_facts.workspace_id = OLD.workspace_id AND incident_facts.number = json_extract(OLD.body, '$.incidentNumber');
END;
COMMIT;
PRAGMA user_version = 2;
