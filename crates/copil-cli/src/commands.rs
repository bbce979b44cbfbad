//! The subcommands: each one opens the file, calls the core and prints in French.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use copil_core::domain::{Commune, Contract, District, Severity};
use copil_core::figures::{self, Pillar, Scope};
use copil_core::store::{self, schema};
use copil_core::{CoreError, ErrorCode, Result, Store};

/// Maps an error code to the documented exit code (README, `--help`): 3 file refused,
/// 4 invalid data, 1 anything unexpected. Usage errors (2) are clap's; damage found by
/// `check` (5) is its own result, not an error.
pub fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::FileNotFound
        | ErrorCode::InvalidPath
        | ErrorCode::NotSqlite
        | ErrorCode::ForeignDatabase
        | ErrorCode::Damaged
        | ErrorCode::NewerSchema
        | ErrorCode::Locked
        | ErrorCode::ReadOnly
        | ErrorCode::AlreadyExists => 3,
        ErrorCode::Invalid | ErrorCode::Missing | ErrorCode::InUse => 4,
        ErrorCode::NoContract
        | ErrorCode::Io
        | ErrorCode::Internal
        | ErrorCode::Spreadsheet
        | ErrorCode::Database
        | ErrorCode::Pdf => 1,
    }
}

/// What the command line adds to a core message: how to act on it from a terminal.
pub fn hint(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::Damaged => Some(
            "copil backups FICHIER liste les sauvegardes ; copil restore SAUVEGARDE FICHIER en restaure une.",
        ),
        _ => None,
    }
}

/// A contract file.
#[derive(Args)]
pub struct FileArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
}

/// Arguments of `init`.
#[derive(Args)]
pub struct InitArgs {
    /// Fichier à créer (.copil) ; il ne doit pas exister.
    pub file: PathBuf,
    /// Nom du contrat de ville.
    #[arg(long)]
    pub name: String,
    /// EPCI porteur du contrat.
    #[arg(long)]
    pub epci: String,
    /// Première année (2024 par défaut).
    #[arg(long, default_value_t = 2024)]
    pub start: i32,
    /// Dernière année (2030 par défaut).
    #[arg(long, default_value_t = 2030)]
    pub end: i32,
    /// Communes, sous la forme INSEE:Nom, séparées par des virgules (ex. 62498:Lens,62510:Liévin).
    #[arg(long, value_delimiter = ',')]
    pub communes: Vec<String>,
    /// Un quartier prioritaire, sous la forme CODE:Nom:INSEE[+INSEE…] (ex. « QN06201M:Cité 12-14:62498+62510 ») ;
    /// à répéter pour chaque QPV. Tous sont vérifiés : si l'un est refusé, aucun fichier n'est créé.
    #[arg(long = "qpv", value_name = "CODE:Nom:INSEE[+INSEE…]", value_parser = parse_qpv)]
    pub qpvs: Vec<District>,
}

/// Reads `--qpv CODE:Nom:INSEE[+INSEE…]`; the name may itself hold « : ». The core checks the
/// values (code, communes); only the shape is a usage error here.
fn parse_qpv(text: &str) -> std::result::Result<District, String> {
    let shape = || {
        format!(
            "« {text} » : attendu CODE:Nom:INSEE[+INSEE…], par exemple QN06201M:Cité 12-14:62498"
        )
    };
    let (code, rest) = text.split_once(':').ok_or_else(shape)?;
    let (name, communes) = rest.rsplit_once(':').ok_or_else(shape)?;
    Ok(District {
        id: 0,
        code: code.trim().to_uppercase(),
        name: name.trim().to_string(),
        communes: communes
            .split('+')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        population: None,
        ifn: None,
    })
}

/// Arguments of `demo`.
#[derive(Args)]
pub struct DemoArgs {
    /// Fichier à créer (.copil) ; il ne doit pas exister.
    pub file: PathBuf,
    /// Contrat synthétique pour les mesures de performance : `medium` ou `large`
    /// (par défaut : le contrat de démonstration réaliste de Lens-Liévin).
    #[arg(long, value_parser = parse_demo_size)]
    pub size: Option<copil_core::demo_large::DemoSize>,
}

fn parse_demo_size(text: &str) -> std::result::Result<copil_core::demo_large::DemoSize, String> {
    copil_core::demo_large::DemoSize::parse(text)
        .ok_or_else(|| format!("taille « {text} » inconnue : medium ou large"))
}

/// Arguments of `stats`.
#[derive(Args)]
pub struct StatsArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Sortie JSON (pour les scripts).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `backup`.
#[derive(Args)]
pub struct BackupArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Dossier de destination (par défaut : « <nom>.sauvegardes » à côté du fichier).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// Arguments of `restore`.
#[derive(Args)]
pub struct RestoreArgs {
    /// Sauvegarde à restaurer.
    pub backup: PathBuf,
    /// Fichier du contrat à remplacer.
    pub file: PathBuf,
}

/// Arguments of `log`.
#[derive(Args)]
pub struct LogArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Nombre de lignes (les plus récentes).
    #[arg(short = 'n', long, default_value_t = 50)]
    pub lines: usize,
    /// Exporter tout le journal dans ce fichier CSV (séparateur « ; », UTF-8 avec BOM).
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

fn today_scope() -> Scope {
    Scope::today(Local::now().date_naive())
}

/// `copil init`.
pub fn init(a: InitArgs) -> Result<ExitCode> {
    let mut contract = Contract::new(&a.name, &a.epci);
    contract.start_year = a.start;
    contract.end_year = a.end;
    contract.communes = a
        .communes
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| match c.split_once(':') {
            Some((insee, name)) => Commune {
                insee: insee.trim().into(),
                name: name.trim().into(),
            },
            None => Commune {
                insee: c.trim().into(),
                name: String::new(),
            },
        })
        .collect();
    Store::create_with(&a.file, &contract, &a.qpvs, None)?;
    match a.qpvs.len() {
        0 => println!("Contrat créé : {}", a.file.display()),
        n => println!("Contrat créé : {} ({n} quartier(s))", a.file.display()),
    }
    Ok(ExitCode::SUCCESS)
}

/// `copil demo`.
pub fn demo(a: DemoArgs) -> Result<ExitCode> {
    let store = match a.size {
        None => copil_core::demo::create_demo(&a.file)?,
        Some(size) => copil_core::demo_large::create_large_demo(&a.file, size)?,
    };
    let p = Pillar::load(&store)?;
    println!(
        "Contrat de démonstration écrit : {} ({} quartiers, {} objectifs, {} indicateurs, {} actions).",
        a.file.display(),
        p.districts.len(),
        p.objectives.len(),
        p.indicators.len(),
        p.actions.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `copil check`: integrity, version, alerts summary; exit 5 on damage.
pub fn check(a: FileArgs) -> Result<ExitCode> {
    let store = match Store::open_read_only(&a.file) {
        Err(e @ CoreError::Damaged { .. }) => {
            eprintln!("copil : {e}");
            if let Some(hint) = hint(e.code()) {
                eprintln!("{hint}");
            }
            return Ok(ExitCode::from(5));
        }
        other => other?,
    };
    let integrity = store.integrity_check()?;
    let ok = integrity.len() == 1 && integrity[0] == "ok";
    println!("Fichier : {}", a.file.display());
    println!(
        "Schéma : version {} (cette version de Copil : {})",
        store.schema_version()?,
        schema::SCHEMA_VERSION
    );
    println!(
        "Intégrité : {}",
        if ok {
            "ok".to_string()
        } else {
            integrity.join(" ; ")
        }
    );
    let p = Pillar::load(&store)?;
    let alerts = figures::alerts(&p, &today_scope());
    let errors = alerts
        .iter()
        .filter(|a| a.severity == Severity::Error)
        .count();
    println!(
        "Alertes : {} ({} à traiter, {} de vigilance)",
        alerts.len(),
        errors,
        alerts.len() - errors
    );
    for alert in &alerts {
        let tag = if alert.severity == Severity::Error {
            "ALERTE"
        } else {
            "vigilance"
        };
        println!("  [{tag}] {}", alert.message);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(5)
    })
}

/// `copil stats`.
pub fn stats(a: StatsArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&a.file)?;
    let p = Pillar::load(&store)?;
    let scope = today_scope();
    let k = figures::key_figures(&p, &scope);
    if a.json {
        let value = serde_json::json!({
            "contract": p.contract.name,
            "epci": p.contract.epci,
            "period": [p.contract.start_year, p.contract.end_year],
            "counts": {
                "districts": p.districts.len(),
                "themes": p.themes.len(),
                "objectives": p.objectives.len(),
                "indicators": p.indicators.len(),
                "measurements": p.measurements.len(),
                "actors": p.actors.len(),
                "actions": p.actions.len(),
                "fundings": p.fundings.len(),
                "meetings": p.meetings.len(),
                "decisions": p.decisions.len(),
            },
            "key_figures": k,
            "alerts": figures::alerts(&p, &scope).len(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} — {}", p.contract.name, p.contract.epci);
    println!(
        "Période : {}–{}",
        p.contract.start_year, p.contract.end_year
    );
    println!(
        "Quartiers : {}   Thèmes : {} (dont {} couverts)",
        p.districts.len(),
        k.themes,
        k.themes_covered
    );
    println!(
        "Objectifs : {}   Indicateurs : {} (atteints {}, en bonne voie {}, en retard {})",
        k.objectives, k.indicators, k.indicators_reached, k.indicators_on_track, k.indicators_late
    );
    println!(
        "Actions : {} (en cours {}, réalisées {})   Acteurs : {}",
        k.actions,
        k.actions_running,
        k.actions_done,
        p.actors.len()
    );
    println!(
        "Financements : {} lignes, attribué {}, versé {}",
        p.fundings.len(),
        euros(k.granted_cents),
        euros(k.paid_cents)
    );
    println!(
        "Instances : {}   Décisions ouvertes : {} (dont {} en retard)",
        p.meetings.len(),
        k.open_decisions,
        k.overdue_decisions
    );
    Ok(ExitCode::SUCCESS)
}

fn euros(cents: i64) -> String {
    copil_core::format::euros_from_cents(cents)
}

/// `copil backup`.
pub fn backup(a: BackupArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&a.file)?;
    let path = store.backup(a.output.as_deref(), "manuelle")?;
    println!("Sauvegarde écrite : {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `copil backups`.
pub fn backups(a: FileArgs) -> Result<ExitCode> {
    let list = store::list_backups(&a.file)?;
    if list.is_empty() {
        println!(
            "Aucune sauvegarde dans {}",
            store::backup_dir_for(&a.file).display()
        );
    }
    for b in list {
        println!("{}\t{} octets", b.path, b.bytes);
    }
    Ok(ExitCode::SUCCESS)
}

/// `copil restore`.
pub fn restore(a: RestoreArgs) -> Result<ExitCode> {
    let safety = store::restore(&a.backup, &a.file)?;
    println!("Sauvegarde restaurée dans {}", a.file.display());
    if let Some(s) = safety {
        println!("L'ancien fichier a été sauvegardé : {}", s.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `copil log`.
pub fn log(a: LogArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&a.file)?;
    if let Some(path) = &a.csv {
        let mut text = String::from("\u{feff}date;utilisateur;opération;élément;numéro;résumé\n");
        for e in store.audit_log(usize::MAX >> 1)?.iter().rev() {
            let cells = [
                e.at.clone(),
                e.user.clone(),
                e.operation.clone(),
                e.entity.clone(),
                e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
                e.summary.clone(),
            ];
            let quoted: Vec<String> = cells
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect();
            text.push_str(&quoted.join(";"));
            text.push('\n');
        }
        write_atomically(path, text.as_bytes())?;
        println!("Journal exporté : {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for e in store.audit_log(a.lines)? {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            e.at, e.user, e.operation, e.entity, e.summary
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Fichier PDF à écrire.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Instance (COPIL, COTECH) pour laquelle le rapport est préparé (numéro) ; par défaut la prochaine.
    #[arg(long)]
    pub meeting: Option<i64>,
    /// Chiffres arrêtés à la fin de cette année (par défaut l'année en cours).
    #[arg(long)]
    pub year: Option<i32>,
    /// Limiter le rapport à un quartier (code QPV, ex. QN06201M).
    #[arg(long)]
    pub qpv: Option<String>,
    /// Sans les annexes (acteurs, quartiers, sources).
    #[arg(long)]
    pub no_annexes: bool,
    /// Date du rapport (AAAA-MM-JJ ; par défaut aujourd'hui).
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
}

/// `copil report`: builds, renders and records the COPIL report.
pub fn report(a: ReportArgs) -> Result<ExitCode> {
    use copil_core::report::{issue, ReportOptions};
    let started = std::time::Instant::now();
    let mut store = Store::open(&a.file)?;
    let mut options = ReportOptions::for_today(a.date.unwrap_or_else(|| Local::now().date_naive()));
    if let Some(y) = a.year {
        options.year = y;
    }
    options.meeting_id = a.meeting;
    options.include_annexes = !a.no_annexes;
    if let Some(code) = &a.qpv {
        let district = store
            .district_by_code(code)?
            .ok_or_else(|| CoreError::Invalid {
                entity: "Rapport",
                issues: vec![copil_core::domain::Issue::error(
                    "qpv",
                    format!("Le quartier {code} n'existe pas dans ce contrat."),
                )],
            })?;
        options.district_id = Some(district.id);
    }
    let (pillar, doc) = issue::prepare(&store, &options)?;
    let rendered = copil_pdf::write_report(&doc, &a.output)?;
    issue::record_issued(&mut store, &pillar, &options, &rendered.bytes)?;
    println!(
        "Rapport écrit : {} ({} pages, {} octets, {} ms)",
        a.output.display(),
        rendered.pages,
        rendered.bytes.len(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes a file through a temporary sibling so that a failure never leaves half a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let io = |source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_documented_exit_code() {
        for code in ErrorCode::ALL {
            assert!(
                [1, 3, 4].contains(&exit_code(code)),
                "{code:?} → {}",
                exit_code(code)
            );
        }
        assert_eq!(exit_code(ErrorCode::Damaged), 3);
        assert_eq!(exit_code(ErrorCode::Invalid), 4);
        assert_eq!(exit_code(ErrorCode::Pdf), 1);
    }
}
