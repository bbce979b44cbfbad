//! `copil init`: a new contract file, with its QPVs, in one transaction.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::domain::{Commune, Contract, District};
use copil_core::{Result, Store};

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

/// `copil init`.
pub fn run(a: &InitArgs) -> Result<ExitCode> {
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
