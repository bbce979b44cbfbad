// The one declaration of the app's IPC commands (Yaak's `with_commands!`): every command once,
// as `module::name[context](arguments) -> result;`, where
// - `module::name` is the `#[tauri::command]` function under `src/commands/`;
// - `[context]` lists what Tauri injects first, in order (`app`: `AppHandle`, `state`: the
//   shared `State`), and is not sent by the UI;
// - the arguments are what the UI sends (Tauri renames them to camelCase; an `Option` may be
//   left out) and `result` what a success returns (the error is always a `CommandError`).
//
// From it come: the handler list of `tauri::generate_handler!` and the check that each function
// has exactly this signature (`commands::ipc`), the `allow-<name>` permissions that `build.rs`
// generates (it `include!`s this file, so it holds nothing but the macro), the TypeScript
// `Commands` table `cargo test` writes to `ui/src/lib/bindings/Commands.ts`, and the test that
// `capabilities/main.json` grants exactly these commands.
//
// Adding a command: write the `#[tauri::command]` function, add its line here, add
// `"allow-<name>"` (dashes) to `capabilities/main.json`, run `cargo test`.

/// Calls `$callback!` with the list of every IPC command of the app.
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            // The app, the contract file, backups and the journal.
            about::app_info[]() -> AppInfo;
            files::session[state]() -> SessionInfo;
            files::open_contract[app, state](path: String, read_only: Option<bool>) -> SessionInfo;
            files::create_contract[app, state](
                path: String,
                contract: Contract,
                districts: Vec<District>,
                themes: Option<Vec<String>>
            ) -> SessionInfo;
            files::open_demo[app, state]() -> SessionInfo;
            files::close_contract[app, state]() -> SessionInfo;
            files::save_copy[state](path: String) -> String;
            files::forget_recent[app, state](path: String) -> SessionInfo;
            files::backup_list[state]() -> Vec<BackupInfo>;
            files::backup_now[state]() -> String;
            files::backup_restore[app, state](path: String) -> SessionInfo;
            files::audit_log[state](limit: Option<usize>) -> Vec<AuditEntry>;
            files::open_path[](path: String) -> ();
            files::reveal_path[](path: String) -> ();
            // The contract itself.
            contract::contract_get[state]() -> Contract;
            contract::contract_save[app, state](value: Contract) -> Saved;
            contract::contract_validate[](value: Contract) -> Vec<Issue>;
            contract::theme_reorder[state](ids: Vec<Id>) -> ();
            // The records: list, save, delete, validate.
            entities::measurement_list[state](indicator_id: Id) -> Vec<Measurement>;
            entities::measurement_save[state](value: Measurement) -> Saved;
            entities::measurement_delete[state](id: Id) -> ();
            entities::measurement_validate[state](value: Measurement) -> Vec<Issue>;
            entities::district_list[state]() -> Vec<District>;
            entities::district_save[state](value: District) -> Saved;
            entities::district_delete[state](id: Id) -> ();
            entities::district_validate[state](value: District) -> Vec<Issue>;
            entities::theme_list[state]() -> Vec<Theme>;
            entities::theme_save[state](value: Theme) -> Saved;
            entities::theme_delete[state](id: Id) -> ();
            entities::theme_validate[state](value: Theme) -> Vec<Issue>;
            entities::objective_list[state]() -> Vec<Objective>;
            entities::objective_save[state](value: Objective) -> Saved;
            entities::objective_delete[state](id: Id) -> ();
            entities::objective_validate[state](value: Objective) -> Vec<Issue>;
            entities::objective_next_code[state](parent_id: Option<Id>) -> String;
            entities::indicator_list[state]() -> Vec<Indicator>;
            entities::indicator_save[state](value: Indicator) -> Saved;
            entities::indicator_delete[state](id: Id) -> ();
            entities::indicator_validate[state](value: Indicator) -> Vec<Issue>;
            entities::indicator_set_target[state](id: Id, year: i32, value: Option<f64>) -> Saved;
            entities::actor_list[state]() -> Vec<Actor>;
            entities::actor_save[state](value: Actor) -> Saved;
            entities::actor_delete[state](id: Id) -> ();
            entities::actor_validate[state](value: Actor) -> Vec<Issue>;
            entities::action_list[state]() -> Vec<Action>;
            entities::action_save[state](value: Action) -> Saved;
            entities::action_delete[state](id: Id) -> ();
            entities::action_validate[state](value: Action) -> Vec<Issue>;
            entities::funding_list[state]() -> Vec<Funding>;
            entities::funding_save[state](value: Funding) -> Saved;
            entities::funding_delete[state](id: Id) -> ();
            entities::funding_validate[state](value: Funding) -> Vec<Issue>;
            entities::meeting_list[state]() -> Vec<Meeting>;
            entities::meeting_save[state](value: Meeting) -> Saved;
            entities::meeting_delete[state](id: Id) -> ();
            entities::meeting_validate[state](value: Meeting) -> Vec<Issue>;
            entities::decision_list[state]() -> Vec<Decision>;
            entities::decision_save[state](value: Decision) -> Saved;
            entities::decision_delete[state](id: Id) -> ();
            entities::decision_validate[state](value: Decision) -> Vec<Issue>;
            // Figures: the same core functions as the report.
            figures::dashboard[state](year: Option<i32>, district_id: Option<Id>) -> Dashboard;
            figures::matrix[state](year: Option<i32>, district_id: Option<Id>) -> Matrix;
            figures::indicator_figures_all[state](
                year: Option<i32>,
                district_id: Option<Id>
            ) -> Vec<IndicatorFigures>;
            figures::indicator_figures[state](
                id: Id,
                year: Option<i32>,
                district_id: Option<Id>
            ) -> IndicatorFigures;
            figures::funding_tables[state](year: Option<i32>, district_id: Option<Id>) -> FundingTables;
            figures::objective_tree[state]() -> Vec<ObjectiveNode>;
            figures::meetings_overview[state]() -> MeetingsOverview;
            figures::meeting_headcount[](participants: Vec<Participant>) -> Headcount;
            figures::places_view[state](near_metres: Option<f64>) -> PlacesView;
            // The porteurs' bilans: the collection round, its workbooks, one action's bilan.
            bilans::bilan_round_get[state](year: i32) -> Option<CollectionRound>;
            bilans::bilan_round_save[state](value: CollectionRound) -> Saved;
            bilans::bilan_round_delete[state](id: Id) -> ();
            bilans::bilan_round_status[state](year: i32) -> Option<RoundStatus>;
            bilans::bilan_mark_received[state](
                year: i32,
                action_id: Id,
                received_on: Option<NaiveDate>
            ) -> Saved;
            bilans::bilan_values[state](action_id: Id, year: i32) -> Vec<Measurement>;
            bilans::bilan_replace[state](
                action_id: Id,
                year: i32,
                values: Vec<Measurement>
            ) -> BilanReplaced;
            bilans::bilan_collect[state](year: i32, dir: String, overwrite: bool) -> Collection;
            bilans::bilan_import[state](paths: Vec<String>, dry_run: bool) -> BatchImport;
            bilans::bilan_reminders[state](year: i32) -> Vec<Reminder>;
            bilans::reported_indicators_proposed[state](action: Action) -> Vec<Id>;
            bilans::value_detail[state](
                indicator_id: Id,
                year: i32,
                district_id: Option<Id>
            ) -> Option<ValueDetail>;
            // The field's own data: La Coop's export, the IFN, the diagnostic, the publics.
            field::coop_import[state](
                path: String,
                action_id: Option<Id>,
                places: Vec<PlaceLink>,
                skip_out_of_period: bool,
                dry_run: bool
            ) -> CoopImportView;
            field::ifn_import[state](
                city: String,
                epci: Option<String>,
                siren: Option<String>,
                feed: Vec<Id>,
                dry_run: bool
            ) -> IfnImportReport;
            field::diagnostic[state]() -> DiagnosticView;
            field::coop_publics[state](indicator_id: Id, year: Option<i32>) -> Option<CoopPublics>;
            // The COPIL report.
            reports::e2e_save_path[](kind: String) -> Option<String>;
            reports::report_generate[app](options: ReportOptions, path: String) -> GeneratedReport;
            reports::report_list[state]() -> Vec<IssuedReport>;
            // The séance (projector view): one core function each; closing writes the relevé.
            sittings::sitting_view[state](meeting_id: Id) -> SittingView;
            sittings::sitting_in_progress[state]() -> Option<SittingResume>;
            sittings::sitting_prepare[state](meeting_id: Id) -> Sitting;
            sittings::sitting_start[state](meeting_id: Id) -> Sitting;
            sittings::sitting_chair[state](meeting_id: Id, chair: String) -> ();
            sittings::sitting_programmation_year[state](meeting_id: Id, year: i32) -> ();
            sittings::agenda_add[state](
                meeting_id: Id,
                kind: AgendaItemKind,
                title: String,
                after: Option<Id>
            ) -> Id;
            sittings::agenda_remove[state](meeting_id: Id, item_id: Id) -> ();
            sittings::agenda_reorder[state](meeting_id: Id, item_ids: Vec<Id>) -> ();
            sittings::agenda_rename[state](meeting_id: Id, item_id: Id, title: String) -> ();
            sittings::agenda_notes[state](meeting_id: Id, item_id: Id, notes: String) -> ();
            sittings::agenda_current[state](meeting_id: Id, item_id: Option<Id>) -> ();
            sittings::attendance_set[state](
                meeting_id: Id,
                actor_id: Id,
                attendance: Attendance,
                headcount: Option<i64>
            ) -> ();
            sittings::follow_up_set[state](meeting_id: Id, value: FollowUp) -> ();
            sittings::follow_up_clear[state](meeting_id: Id, decision_id: Id) -> ();
            sittings::sitting_decide[state](meeting_id: Id, value: Decision) -> Saved;
            sittings::avis_set[state](
                meeting_id: Id,
                funding_id: Id,
                avis: Avis,
                granted_cents: Option<i64>,
                comment: String
            ) -> Saved;
            sittings::avis_clear[state](meeting_id: Id, funding_id: Id) -> ();
            sittings::sitting_close[app](meeting_id: Id, path: String) -> ClosedSitting;
            sittings::releve_generate[app](meeting_id: Id, path: String) -> GeneratedReport;
            // Spreadsheet exchange.
            exchange::exchange_import[state](path: String, dry_run: bool) -> ImportReport;
            exchange::exchange_export[state](path: String) -> ();
            exchange::exchange_export_csv[state](dir: String) -> Vec<String>;
            exchange::exchange_template[state](path: String, actor: Option<String>) -> ();
            exchange::exchange_import_qpv[state](
                path: String,
                communes: Vec<String>,
                dry_run: bool
            ) -> ImportReport;
            exchange::exchange_import_places[state](path: String, dry_run: bool) -> ImportReport;
            exchange::exchange_import_qpv_geo[state](path: String, dry_run: bool) -> ImportReport;
            exchange::places_feed[state](
                indicator_id: Id,
                year: i32,
                near_metres: f64,
                dry_run: bool
            ) -> PlacesFeed;
        }
    };
}
