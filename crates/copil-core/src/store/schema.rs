//! Schema of the contract file and its migrations, one step per version.

/// `PRAGMA application_id` of every Copil file ("COPL" in ASCII).
pub const APPLICATION_ID: i32 = 0x434F_504C;

/// Schema version written by this build (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 7;

/// Version 1: every table of the domain.
pub const V1: &str = r#"
CREATE TABLE contract (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    epci TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    signatories TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE TABLE commune (
    insee TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE district (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    population INTEGER,
    ifn REAL
);
CREATE TABLE district_commune (
    district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,
    insee TEXT NOT NULL,
    PRIMARY KEY (district_id, insee)
);
CREATE TABLE theme (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
CREATE TABLE objective (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES objective(id) ON DELETE RESTRICT,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE objective_theme (
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, theme_id)
);
CREATE TABLE actor (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    siret TEXT,
    labels TEXT NOT NULL DEFAULT '[]',
    contact TEXT NOT NULL DEFAULT ''
);
CREATE TABLE actor_district (
    actor_id INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, district_id)
);
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    baseline_value REAL,
    baseline_date TEXT,
    source TEXT NOT NULL DEFAULT '',
    by_district INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE indicator_target (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, year)
);
CREATE TABLE indicator_objective (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, objective_id)
);
CREATE TABLE measurement (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    date TEXT,
    district_id INTEGER REFERENCES district(id) ON DELETE CASCADE,
    value REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX measurement_key ON measurement(indicator_id, year, ifnull(district_id, 0));
CREATE TABLE action (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    porteur_id INTEGER REFERENCES actor(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    audience TEXT NOT NULL DEFAULT '',
    weather TEXT,
    weather_comment TEXT NOT NULL DEFAULT ''
);
CREATE TABLE action_district (
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, district_id)
);
CREATE TABLE action_objective (
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, objective_id)
);
CREATE TABLE action_theme (
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, theme_id)
);
CREATE TABLE funding (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    financeur TEXT NOT NULL,
    year INTEGER NOT NULL,
    requested_cents INTEGER NOT NULL CHECK (requested_cents >= 0),
    granted_cents INTEGER NOT NULL CHECK (granted_cents >= 0),
    paid_cents INTEGER NOT NULL CHECK (paid_cents >= 0),
    scheme TEXT NOT NULL,
    cpo_start_year INTEGER,
    crf_received_on TEXT,
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (action_id, financeur, year)
);
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT ''
);
CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES actor(id) ON DELETE SET NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    headcount INTEGER NOT NULL CHECK (headcount >= 0)
);
CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL
);
CREATE TABLE report (
    id INTEGER PRIMARY KEY,
    issued_at TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    options TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    operation TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    summary TEXT NOT NULL
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END;
"#;

/// Version 2: decisions remember when they were closed; indexes for the figures.
pub(crate) const V2: &str = r#"
ALTER TABLE decision ADD COLUMN closed_on TEXT;
UPDATE decision SET closed_on = (SELECT m.date FROM meeting m WHERE m.id = decision.meeting_id)
    WHERE status IN ('done', 'dropped');
CREATE INDEX measurement_indicator ON measurement(indicator_id, year);
CREATE INDEX funding_action ON funding(action_id, year);
CREATE INDEX funding_year ON funding(year, financeur);
CREATE INDEX decision_meeting ON decision(meeting_id);
CREATE INDEX participant_meeting ON participant(meeting_id);
CREATE INDEX objective_parent ON objective(parent_id);
CREATE INDEX action_objective_objective ON action_objective(objective_id);
CREATE INDEX action_theme_theme ON action_theme(theme_id);
CREATE INDEX indicator_objective_objective ON indicator_objective(objective_id);
"#;

/// Version 3: the porteurs' bilans. A value may be an action's contribution (with the base of a
/// percentage and the day it was received), one per indicator, year, QPV and action; existing
/// values become territory-level values (no action). Actions list the indicators they report on;
/// collection rounds (« campagnes de bilans ») and the bilans marked received by hand.
pub(crate) const V3: &str = r#"
ALTER TABLE measurement ADD COLUMN action_id INTEGER REFERENCES action(id) ON DELETE RESTRICT;
ALTER TABLE measurement ADD COLUMN base REAL;
ALTER TABLE measurement ADD COLUMN received_on TEXT;
DROP INDEX measurement_key;
CREATE UNIQUE INDEX measurement_key
    ON measurement(indicator_id, year, ifnull(district_id, 0), ifnull(action_id, 0));
CREATE INDEX measurement_action ON measurement(action_id, year);
CREATE TABLE action_indicator (
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, indicator_id)
);
CREATE INDEX action_indicator_indicator ON action_indicator(indicator_id);
CREATE TABLE collection_round (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    due_date TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE TABLE bilan_receipt (
    round_id INTEGER NOT NULL REFERENCES collection_round(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    received_on TEXT NOT NULL,
    PRIMARY KEY (round_id, action_id)
);
"#;

/// Version 4: a requested amount (« Sollicité ») may be not filled in (NULL), which is not 0.
/// SQLite cannot drop a NOT NULL constraint: the table is rebuilt, every line and id kept
/// (nothing references `funding`), and its indexes are made again.
pub(crate) const V4: &str = r#"
CREATE TABLE funding_v4 (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    financeur TEXT NOT NULL,
    year INTEGER NOT NULL,
    requested_cents INTEGER CHECK (requested_cents >= 0),
    granted_cents INTEGER NOT NULL CHECK (granted_cents >= 0),
    paid_cents INTEGER NOT NULL CHECK (paid_cents >= 0),
    scheme TEXT NOT NULL,
    cpo_start_year INTEGER,
    crf_received_on TEXT,
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (action_id, financeur, year)
);
INSERT INTO funding_v4 (id, action_id, financeur, year, requested_cents, granted_cents,
        paid_cents, scheme, cpo_start_year, crf_received_on, comment)
    SELECT id, action_id, financeur, year, requested_cents, granted_cents,
        paid_cents, scheme, cpo_start_year, crf_received_on, comment FROM funding;
DROP TABLE funding;
ALTER TABLE funding_v4 RENAME TO funding;
CREATE INDEX funding_action ON funding(action_id, year);
CREATE INDEX funding_year ON funding(year, financeur);
"#;

/// Version 5: the séance. A meeting may be run as one séance: its agenda (ordered items with
/// their notes), the structures excused, the follow-up given to earlier decisions (with the
/// decision's state before, to undo it), the avis on the programmation's funding lines (with
/// the amount attribué before). Decisions name the actor who carries them, the objective or
/// action they concern, and the séance where they were taken once it closed. Issued documents
/// have a kind: the COPIL report, or the relevé de décisions of a séance (old rows are reports).
pub(crate) const V5: &str = r#"
CREATE TABLE sitting (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL UNIQUE REFERENCES meeting(id) ON DELETE CASCADE,
    chair TEXT NOT NULL DEFAULT '',
    programmation_year INTEGER NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    current_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    CHECK (ended_at IS NULL OR started_at IS NOT NULL)
);
CREATE TABLE agenda_item (
    id INTEGER PRIMARY KEY,
    sitting_id INTEGER NOT NULL REFERENCES sitting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_item_sitting ON agenda_item(sitting_id, position);
CREATE TABLE apology (
    sitting_id INTEGER NOT NULL REFERENCES sitting(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    PRIMARY KEY (sitting_id, actor_id)
);
CREATE TABLE follow_up (
    sitting_id INTEGER NOT NULL REFERENCES sitting(id) ON DELETE CASCADE,
    decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL,
    new_due_date TEXT,
    comment TEXT NOT NULL DEFAULT '',
    status_before TEXT NOT NULL,
    due_date_before TEXT,
    closed_on_before TEXT,
    PRIMARY KEY (sitting_id, decision_id)
);
CREATE INDEX follow_up_decision ON follow_up(decision_id);
CREATE TABLE funding_avis (
    sitting_id INTEGER NOT NULL REFERENCES sitting(id) ON DELETE CASCADE,
    funding_id INTEGER NOT NULL REFERENCES funding(id) ON DELETE CASCADE,
    avis TEXT NOT NULL,
    granted_cents INTEGER CHECK (granted_cents >= 0),
    comment TEXT NOT NULL DEFAULT '',
    decision_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
    granted_cents_before INTEGER NOT NULL,
    PRIMARY KEY (sitting_id, funding_id)
);
CREATE INDEX funding_avis_funding ON funding_avis(funding_id);
ALTER TABLE decision ADD COLUMN owner_actor_id INTEGER REFERENCES actor(id) ON DELETE SET NULL;
ALTER TABLE decision ADD COLUMN objective_id INTEGER REFERENCES objective(id) ON DELETE SET NULL;
ALTER TABLE decision ADD COLUMN action_id INTEGER REFERENCES action(id) ON DELETE SET NULL;
ALTER TABLE decision ADD COLUMN sitting_id INTEGER REFERENCES sitting(id) ON DELETE SET NULL;
ALTER TABLE report ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';
"#;

/// Version 6: the field's own data. The EPCI's SIREN; the indice de fragilité numérique (La
/// MedNum) of the contract's communes and EPCI, with the file and its date; for La Coop de la
/// médiation numérique: which indicator each measure feeds and which action each place's
/// activities go to, each export imported for an action and a year (with its breakdowns and the
/// QPV communes its beneficiaries lived in) and the contributions it wrote.
pub(crate) const V6: &str = r#"
ALTER TABLE contract ADD COLUMN epci_siren TEXT;
CREATE TABLE ifn_score (
    division TEXT NOT NULL CHECK (division IN ('city', 'epci')),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    no_thd_coverage REAL CHECK (no_thd_coverage BETWEEN 1 AND 10),
    no_4g_coverage REAL CHECK (no_4g_coverage BETWEEN 1 AND 10),
    poverty REAL CHECK (poverty BETWEEN 1 AND 10),
    older_65 REAL CHECK (older_65 BETWEEN 1 AND 10),
    no_diploma REAL CHECK (no_diploma BETWEEN 1 AND 10),
    total REAL CHECK (total BETWEEN 1 AND 10),
    file_name TEXT NOT NULL,
    file_date TEXT NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (division, code)
);
CREATE TABLE coop_measure_map (
    measure TEXT PRIMARY KEY,
    indicator_id INTEGER REFERENCES indicator(id) ON DELETE CASCADE
);
CREATE TABLE coop_place_map (
    place TEXT PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE
);
CREATE TABLE coop_import (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    exported_on TEXT,
    first_date TEXT,
    last_date TEXT,
    imported_on TEXT NOT NULL,
    accompaniments INTEGER NOT NULL CHECK (accompaniments >= 0),
    with_commune INTEGER NOT NULL CHECK (with_commune >= 0),
    in_qpv_commune INTEGER NOT NULL CHECK (in_qpv_commune >= 0),
    unique_persons INTEGER NOT NULL DEFAULT 0,
    UNIQUE (action_id, year)
);
CREATE TABLE coop_contribution (
    measurement_id INTEGER PRIMARY KEY REFERENCES measurement(id) ON DELETE CASCADE,
    import_id INTEGER NOT NULL REFERENCES coop_import(id) ON DELETE CASCADE,
    measure TEXT NOT NULL
);
CREATE INDEX coop_contribution_import ON coop_contribution(import_id);
CREATE TABLE coop_breakdown (
    import_id INTEGER NOT NULL REFERENCES coop_import(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    category TEXT NOT NULL,
    accompaniments INTEGER NOT NULL CHECK (accompaniments >= 0),
    PRIMARY KEY (import_id, dimension, category)
);
CREATE TABLE coop_commune (
    import_id INTEGER NOT NULL REFERENCES coop_import(id) ON DELETE CASCADE,
    insee TEXT NOT NULL,
    name TEXT NOT NULL,
    accompaniments INTEGER NOT NULL CHECK (accompaniments >= 0),
    district_codes TEXT NOT NULL,
    attributed_to INTEGER REFERENCES district(id) ON DELETE SET NULL,
    PRIMARY KEY (import_id, insee)
);
"#;

/// Version 7: the lieux de médiation numérique (from the national directories, each linked to
/// the actor that runs it, keyed by its source's identifier) and the QPVs' outlines (GeoJSON in
/// WGS84 degrees: the exact geometry the placement uses, and a simplified one to draw).
pub(crate) const V7: &str = r#"
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL DEFAULT '',
    source_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    commune TEXT NOT NULL DEFAULT '',
    insee TEXT,
    latitude REAL,
    longitude REAL,
    services TEXT NOT NULL DEFAULT '[]',
    publics TEXT NOT NULL DEFAULT '[]',
    hours TEXT NOT NULL DEFAULT '',
    dispositifs TEXT NOT NULL DEFAULT '[]',
    updated_on TEXT NOT NULL,
    actor_id INTEGER REFERENCES actor(id) ON DELETE SET NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX place_actor ON place(actor_id);
CREATE TABLE district_outline (
    district_id INTEGER PRIMARY KEY REFERENCES district(id) ON DELETE CASCADE,
    geometry TEXT NOT NULL,
    display TEXT NOT NULL
);
"#;

/// Migration steps: `MIGRATIONS[n]` brings a file from version n to n + 1.
pub(crate) const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [V1, V2, V3, V4, V5, V6, V7];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{IssuedKind, Store};

    /// A version-4 file as the previous build wrote it: a meeting, a decision, a report.
    fn version_4_file(path: &std::path::Path) {
        let conn = rusqlite::Connection::open(path).unwrap();
        for step in &MIGRATIONS[..4] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO contract (id, name, epci, start_year, end_year, created_at) \
             VALUES (1, 'Contrat de ville de Troisville', 'CA de Troisville', 2024, 2030, '2025-01-01T00:00:00');
             INSERT INTO meeting (id, kind, title, date) VALUES (1, 'copil', 'COPIL', '2025-03-18');
             INSERT INTO decision (meeting_id, text, owner, status) VALUES (1, 'Lancer le diagnostic', 'Agglo', 'todo');
             INSERT INTO report (issued_at, meeting_id, options, sha256, snapshot) \
             VALUES ('2025-03-10T10:00:00', 1, '{}', 'abc', '{}');",
        )
        .unwrap();
    }

    #[test]
    fn a_version_4_file_migrates_to_the_seance_and_keeps_its_reports_and_decisions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.copil");
        version_4_file(&path);
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(s.integrity_check().unwrap(), ["ok"]);
        let reports = s.issued_reports().unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].kind, IssuedKind::Report);
        assert_eq!(s.last_report().unwrap().unwrap().sha256, "abc");
        let d = &s.decisions().unwrap()[0];
        assert_eq!(
            (d.owner_actor_id, d.objective_id, d.action_id, d.sitting_id),
            (None, None, None, None)
        );
        assert!(s.sittings().unwrap().is_empty());
        // The migrated file holds a séance like a new one.
        let sitting = s.prepare_sitting(1).unwrap();
        assert!(!sitting.agenda.is_empty());
        assert_eq!(sitting.programmation_year, 2025);
    }

    #[test]
    fn a_version_5_file_migrates_to_the_lieux_and_keeps_its_actors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.copil");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for step in &MIGRATIONS[..5] {
                conn.execute_batch(step).unwrap();
            }
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update(None, "user_version", 5).unwrap();
            conn.execute_batch(
                "INSERT INTO contract (id, name, epci, start_year, end_year, created_at) \
                 VALUES (1, 'Contrat de ville de Troisville', 'CA de Troisville', 2024, 2030, '2025-01-01T00:00:00');
                 INSERT INTO actor (id, name, kind) VALUES (1, 'Centre social', 'association');
                 INSERT INTO district (id, code, name) VALUES (1, 'QN06201M', 'Les Moulins');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(s.integrity_check().unwrap(), ["ok"]);
        assert_eq!(s.actors().unwrap()[0].name, "Centre social");
        assert!(s.places().unwrap().is_empty());
        assert!(s.district_outlines().unwrap().is_empty());
    }
}
