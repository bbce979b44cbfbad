//! The one list of IPC commands (`list.rs`) put to work: the invoke handler, a compile-time
//! check that each function has the signature its line declares, the command names the
//! permissions are made from, and the TypeScript `Commands` table of the UI.

use std::collections::BTreeMap;
use std::future::Future;

use chrono::NaiveDate;
use copil_core::domain::{
    Action, Actor, AgendaItemKind, Attendance, Avis, CollectionRound, Contract, Decision, District,
    FollowUp, Funding, Id, Indicator, Issue, Measurement, Meeting, Objective, Participant,
    PlaceLink, Sitting, Theme,
};
use copil_core::exchange::{BatchImport, Collection, IfnImportReport, ImportReport};
use copil_core::feed::PlacesFeed;
use copil_core::figures::{
    CoopPublics, Dashboard, FundingTables, Headcount, IndicatorFigures, Matrix, MeetingsOverview,
    ObjectiveNode, PlacesView, Reminder, RoundStatus, SittingView, ValueDetail,
};
use copil_core::report::ReportOptions;
use copil_core::store::{
    AuditEntry, BackupInfo, BilanReplaced, IssuedReport, Saved, SittingResume,
};
use ts_rs::{Config, Dependency, TypeVisitor, TS};

use super::about::AppInfo;
use super::field::{CoopImportView, DiagnosticView};
use super::reports::GeneratedReport;
use super::sittings::ClosedSitting;
use crate::error::CommandResult;
use crate::state::SessionInfo;

/// The type Tauri injects for a context marker of the list (`app`, `state`).
macro_rules! context_type {
    (app) => { tauri::AppHandle };
    (state) => { tauri::State<'_, super::super::Shared> };
}

/// Expands the list into everything this module offers.
macro_rules! declare {
    ($( $module:ident :: $name:ident [$($ctx:ident),*] ( $($arg:ident : $ty:ty),* $(,)? ) -> $res:ty; )*) => {
        /// Name of every command, in the list's order (`build.rs` makes the same list).
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The app's invoke handler: every command of the list, nothing else.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(super::$module::$name),*]
        }

        /// One function per command that calls it with the declared arguments and expects the
        /// declared result: a function whose signature drifts from its line does not compile.
        #[allow(dead_code, clippy::too_many_arguments)]
        mod signatures {
            use super::*;
            $(
                fn $name($($ctx: context_type!($ctx),)* $($arg: $ty),*) {
                    settles::<$res, _>(super::super::$module::$name($($ctx,)* $($arg),*));
                }
            )*
        }

        /// The TypeScript `Commands` table: each command's arguments and result, as ts-rs
        /// names the types (and with their imports).
        pub fn typescript(cfg: &Config) -> String {
            let mut table = Table::default();
            $(
                let args = vec![$(Arg::of::<$ty>(cfg, stringify!($arg))),*];
                let result = Ty::of::<$res>(cfg);
                table.command(stringify!($name), args, result);
            )*
            table.render()
        }
    };
}

with_commands!(declare);

/// What a command's function returns for a declared result `R`: `R` itself, a
/// `CommandResult<R>`, or (an async command) a future of one. `M` tells the three apart.
trait Settles<R, M> {}

/// Marker: the function returns the result itself.
struct Plain;
/// Marker: the function returns `CommandResult<R>`.
struct Fallible;
/// Marker: the function is async.
struct Later;

impl<R> Settles<R, Plain> for R {}
impl<R> Settles<R, Fallible> for CommandResult<R> {}
impl<R, F: Future<Output = CommandResult<R>>> Settles<R, Later> for F {}

/// Accepts what a command returns when it settles as `R`.
fn settles<R, M>(_: impl Settles<R, M>) {}

/// A TypeScript type: its name and the exported bindings it needs.
struct Ty {
    name: String,
    /// Name of each exported binding → its file, relative to the bindings folder.
    imports: BTreeMap<String, String>,
}

impl Ty {
    fn of<T: TS + 'static + ?Sized>(cfg: &Config) -> Ty {
        struct Visit<'a>(&'a Config, &'a mut BTreeMap<String, String>);
        impl TypeVisitor for Visit<'_> {
            fn visit<T: TS + 'static + ?Sized>(&mut self) {
                if let Some(dep) = Dependency::from_ty::<T>(self.0) {
                    let file = dep.output_path.with_extension("");
                    self.1
                        .insert(dep.ts_name, file.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut imports = BTreeMap::new();
        let mut visit = Visit(cfg, &mut imports);
        visit.visit::<T>();
        T::visit_generics(&mut visit);
        Ty {
            name: T::name(cfg),
            imports,
        }
    }
}

/// One argument the UI sends: Tauri's camelCase name; an `Option` may be left out.
struct Arg {
    name: String,
    optional: bool,
    ty: Ty,
}

impl Arg {
    fn of<T: TS + 'static>(cfg: &Config, rust_name: &str) -> Arg {
        let mut name = String::new();
        let mut upper = false;
        for c in rust_name.chars() {
            match (c, upper) {
                ('_', _) => upper = true,
                (c, true) => {
                    name.extend(c.to_uppercase());
                    upper = false;
                }
                (c, false) => name.push(c),
            }
        }
        Arg {
            name,
            optional: T::IS_OPTION,
            ty: Ty::of::<T>(cfg),
        }
    }
}

/// The table being written.
#[derive(Default)]
struct Table {
    imports: BTreeMap<String, String>,
    lines: Vec<String>,
}

impl Table {
    fn command(&mut self, name: &str, args: Vec<Arg>, result: Ty) {
        let args_ts = if args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = args
                .iter()
                .map(|a| {
                    format!(
                        "{}{}: {}",
                        a.name,
                        if a.optional { "?" } else { "" },
                        a.ty.name
                    )
                })
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        for ty in args.iter().map(|a| &a.ty).chain([&result]) {
            self.imports
                .extend(ty.imports.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        self.lines.push(format!(
            "  {name}: {{ args: {args_ts}; result: {} }};",
            result.name
        ));
    }

    fn render(&self) -> String {
        let mut out = String::from(
            "// This file was generated by `cargo test` from src-tauri/src/commands/list.rs, the one list of IPC commands. Do not edit this file manually.\n",
        );
        for (name, file) in &self.imports {
            out.push_str(&format!("import type {{ {name} }} from \"./{file}\";\n"));
        }
        out.push_str(
            "\n/**\n * Every IPC command of the app: the arguments the UI sends (camelCase, as Tauri expects;\n * an optional one may be left out) and the result of a success. Errors are `CommandError`s.\n */\nexport interface Commands {\n",
        );
        for line in &self.lines {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    #[test]
    fn the_typescript_table_is_written_beside_the_bindings() {
        let cfg = Config::from_env();
        let text = typescript(&cfg);
        assert!(
            text.contains("  open_contract: { args: { path: string; readOnly?: boolean | null }; result: SessionInfo };"),
            "{text}"
        );
        assert!(text.contains("import type { SessionInfo } from \"./SessionInfo\";"));
        let path = cfg.out_dir().join("Commands.ts");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("Commands.ts written");
        }
    }

    #[test]
    fn the_capability_grants_exactly_the_declared_commands() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        let cap: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let granted: BTreeSet<String> = cap["permissions"]
            .as_array()
            .expect("a list of permissions")
            .iter()
            .map(|p| p.as_str().expect("permissions by name").to_string())
            .filter(|p| !p.contains(':'))
            .collect();
        let declared: BTreeSet<String> = COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        let not_granted: Vec<_> = declared.difference(&granted).collect();
        let not_declared: Vec<_> = granted.difference(&declared).collect();
        assert!(
            not_granted.is_empty() && not_declared.is_empty(),
            "capabilities/main.json and commands/list.rs disagree: declared but not granted {not_granted:?}, granted but not declared {not_declared:?}"
        );
        let unique: BTreeSet<_> = COMMANDS.iter().collect();
        assert_eq!(unique.len(), COMMANDS.len(), "a command is declared twice");
    }
}
