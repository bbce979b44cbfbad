//! The relevé de décisions of a closed séance, in the report's model (so copil-pdf draws it with
//! the report's typography, fonts, metadata and page numbering): header, participants by type,
//! one section per agenda item with its notes, the follow-up of earlier decisions, the
//! programmation with its totals by financeur, the decisions taken, the next meeting.

use super::model::*;
use crate::domain::{AgendaItemKind, FollowUpOutcome, Id, SittingState};
use crate::error::{CoreError, Result};
use crate::figures::{self, Pillar, Programmation};
use crate::format::{date_long, euros_from_cents, integer, percent, time_of_day};

/// Builds the relevé of a meeting whose séance is closed; refused (in French) otherwise.
pub fn build_releve(p: &Pillar, meeting_id: Id) -> Result<ReportDocument> {
    let meeting = p
        .meetings
        .iter()
        .find(|m| m.id == meeting_id)
        .ok_or(CoreError::Missing {
            entity: "Instance",
            id: meeting_id,
        })?;
    let sitting = match figures::sitting_of(p, meeting_id) {
        Some(s) if s.state() == SittingState::Closed => s,
        _ => return Err(CoreError::Sitting {
            meeting: meeting.label(),
            reason:
                "la séance n'est pas close ; le relevé de décisions s'écrit quand elle se termine."
                    .into(),
        }),
    };
    let label = meeting.label();
    let hours = match (sitting.started_at, sitting.ended_at) {
        (Some(s), Some(e)) if s.date() == e.date() => {
            let (from, to) = (time_of_day(s.time()), time_of_day(e.time()));
            // A séance opened and closed within the same minute has one time, not a span.
            if from == to {
                format!(", à {from}")
            } else {
                format!(", de {from} à {to}")
            }
        }
        (Some(s), _) => format!(", à partir de {}", time_of_day(s.time())),
        _ => String::new(),
    };
    let meta = ReportMeta {
        title: format!("Relevé de décisions — {label}"),
        subject: format!("{} – {label}", p.contract.name),
        author: p.contract.epci.clone(),
        contract_name: p.contract.name.clone(),
        territory: p.contract.epci.clone(),
        // The running header: the title on the left, the instance's name on the right.
        meeting_label: Some(meeting.title.clone()),
        date: meeting.date,
        footer_text: p.contract.name.clone(),
    };
    let mut details = vec![
        CoverDetail {
            label: "Date".into(),
            value: format!("{}{hours}", date_long(meeting.date)),
        },
        CoverDetail {
            label: "Lieu".into(),
            value: if meeting.place.trim().is_empty() {
                "non renseigné".into()
            } else {
                meeting.place.clone()
            },
        },
        CoverDetail {
            label: "Présidence".into(),
            value: if sitting.chair.trim().is_empty() {
                "non renseignée".into()
            } else {
                sitting.chair.clone()
            },
        },
    ];
    if let Some(next) = figures::next_meeting(p, meeting) {
        details.push(CoverDetail {
            label: "Prochaine instance".into(),
            value: next_label(next),
        });
    }
    let cover = Cover {
        kicker: p.contract.name.clone(),
        title: format!("Relevé de décisions — {label}"),
        subtitle: Some(meeting.title.clone()),
        details,
        note: sitting.ended_at.map(|e| {
            format!(
                "Relevé établi par Copil à la clôture de la séance, le {} à {}.",
                date_long(e.date()),
                time_of_day(e.time())
            )
        }),
    };

    let mut sections = vec![participants(p, meeting)];
    let programme = figures::programmation(p, meeting_id);
    let has = |kind| sitting.agenda.iter().any(|i| i.kind == kind);
    let (has_follow_up, has_programme) = (
        has(AgendaItemKind::DecisionFollowUp),
        has(AgendaItemKind::Programmation),
    );
    let mut programme_item = None;
    for (n, item) in sitting.agenda.iter().enumerate() {
        let mut s = Section::new(format!("point-{}", n + 1), item.title.clone());
        let notes: Vec<&str> = item
            .notes
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if notes.is_empty() && !matches!(item.kind, AgendaItemKind::Programmation) {
            s.blocks.push(para("Sans observation."));
        }
        s.blocks.extend(notes.into_iter().map(para));
        match item.kind {
            AgendaItemKind::DecisionFollowUp => s.blocks.extend(follow_up_blocks(p, meeting_id)),
            AgendaItemKind::Programmation => {
                programme_item.get_or_insert(item.title.clone());
                s.blocks.extend(programme_blocks(&programme));
            }
            _ => {}
        }
        sections.push(s);
    }
    let follow_ups = figures::follow_up_lines(p, meeting_id);
    if !has_follow_up && !follow_ups.is_empty() {
        let mut s = Section::new("suivi", "Suivi des décisions");
        s.blocks.extend(follow_up_blocks(p, meeting_id));
        sections.push(s);
    }
    if !has_programme && !programme.lines.is_empty() {
        let mut s = Section::new("programmation", format!("Programmation {}", programme.year));
        s.blocks.extend(programme_blocks(&programme));
        programme_item = Some(s.title.clone());
        sections.push(s);
    }
    sections.push(decisions(p, meeting_id, &programme, programme_item));
    Ok(ReportDocument {
        kind: DocumentKind::DecisionRecord,
        meta,
        cover,
        sections,
    })
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn next_label(m: &crate::domain::Meeting) -> String {
    if m.place.trim().is_empty() {
        m.label()
    } else {
        format!("{} – {}", m.label(), m.place)
    }
}

/// Participants by type (the report's counts), then who was present and who was excused.
fn participants(p: &Pillar, meeting: &crate::domain::Meeting) -> Section {
    let sheet = figures::attendance(p, meeting);
    let mut s = Section::new("participants", "Participants");
    if sheet.total == 0 {
        s.blocks.push(para("Aucun participant n'a été enregistré."));
    } else {
        let mut rows: Vec<Vec<Cell>> = sheet
            .by_kind
            .iter()
            .map(|k| {
                vec![
                    Cell::new(k.kind.label()),
                    Cell::new(integer(k.headcount)),
                    Cell::new(percent(k.share)),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::new("Total").bold(),
            Cell::new(integer(sheet.total)).bold(),
            Cell::new(percent(100.0)).bold(),
        ]);
        s.blocks.push(Block::Table(Table {
            caption: None,
            columns: vec![
                Column::new("Type de structure", 5.0, Align::Left),
                Column::new("Présents", 1.6, Align::Right),
                Column::new("Part", 1.6, Align::Right),
            ],
            rows,
        }));
    }
    let present: Vec<String> = sheet
        .entries
        .iter()
        .filter(|e| e.attendance == crate::domain::Attendance::Present)
        .map(|e| with_count(&e.name, e.headcount))
        .chain(
            sheet
                .groups
                .iter()
                .map(|g| with_count(&g.label, g.headcount)),
        )
        .collect();
    if !present.is_empty() {
        s.blocks.push(Block::Paragraph(vec![
            Span::bold("Présents : "),
            Span::plain(format!("{}.", present.join(", "))),
        ]));
    }
    let excused: Vec<&str> = sheet
        .entries
        .iter()
        .filter(|e| e.attendance == crate::domain::Attendance::Excused)
        .map(|e| e.name.as_str())
        .collect();
    if !excused.is_empty() {
        s.blocks.push(Block::Paragraph(vec![
            Span::bold("Excusés : "),
            Span::plain(format!("{}.", excused.join(", "))),
        ]));
    }
    s
}

fn with_count(name: &str, n: i64) -> String {
    if n > 1 {
        format!("{name} ({n})")
    } else {
        name.to_string()
    }
}

/// The follow-up given to earlier decisions.
fn follow_up_blocks(p: &Pillar, meeting_id: Id) -> Vec<Block> {
    let lines: Vec<_> = figures::follow_up_lines(p, meeting_id)
        .into_iter()
        .filter_map(|l| l.follow_up.clone().map(|f| (l, f)))
        .collect();
    if lines.is_empty() {
        return vec![para(
            "Aucune décision antérieure n'a reçu de suite lors de cette séance.",
        )];
    }
    vec![Block::Table(Table {
        caption: Some("Suite donnée aux décisions précédentes".into()),
        columns: vec![
            Column::new("Décision", 5.0, Align::Left),
            Column::new("Responsable", 2.6, Align::Left),
            Column::new("Suite donnée", 2.4, Align::Left),
            Column::new("Commentaire", 3.0, Align::Left),
        ],
        rows: lines
            .into_iter()
            .map(|(l, f)| {
                let outcome = match (f.outcome, f.new_due_date) {
                    (FollowUpOutcome::Postponed, Some(d)) => {
                        format!("Reportée au {}", date_long(d))
                    }
                    (o, _) => o.label().to_string(),
                };
                let tone = match f.outcome {
                    FollowUpOutcome::Done => Tone::Good,
                    FollowUpOutcome::InProgress => Tone::Neutral,
                    FollowUpOutcome::Postponed => Tone::Warning,
                    FollowUpOutcome::Dropped => Tone::Bad,
                };
                vec![
                    Cell::new(format!("{} ({})", l.decision.text, l.taken_at)),
                    Cell::new(dash(&l.decision.owner)),
                    Cell::new(outcome).tone(tone),
                    Cell::new(dash(&f.comment)),
                ]
            })
            .collect(),
    })]
}

fn dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// The programmation validated: each line with its avis, then the totals by financeur.
fn programme_blocks(programme: &Programmation) -> Vec<Block> {
    let examined: Vec<_> = programme
        .lines
        .iter()
        .filter(|l| l.avis.is_some())
        .collect();
    if examined.is_empty() {
        return vec![para(
            "Aucune demande de financement n'a reçu d'avis lors de cette séance.",
        )];
    }
    let lines = Table {
        caption: Some(format!(
            "Avis du comité sur la programmation {}",
            programme.year
        )),
        columns: vec![
            Column::new("Action (porteur)", 5.0, Align::Left),
            Column::new("Financeur", 2.4, Align::Left),
            Column::new("Sollicité", 1.8, Align::Right),
            Column::new("Avis", 2.2, Align::Left),
            Column::new("Attribué", 1.8, Align::Right),
        ],
        rows: examined
            .iter()
            .filter_map(|l| {
                let a = l.avis.as_ref()?;
                let who = if l.porteur.is_empty() {
                    l.action.clone()
                } else {
                    format!("{} ({})", l.action, l.porteur)
                };
                let who = if l.year == programme.year {
                    who
                } else {
                    format!("{who} — demande {}", l.year)
                };
                let avis = match a.comment.trim() {
                    "" => a.avis.label().to_string(),
                    c => format!("{} : {c}", a.avis.label()),
                };
                let tone = match a.avis {
                    crate::domain::Avis::Favorable => Tone::Good,
                    crate::domain::Avis::FavorableWithReserve => Tone::Warning,
                    crate::domain::Avis::Postponed => Tone::Neutral,
                    crate::domain::Avis::Unfavorable => Tone::Bad,
                };
                Some(vec![
                    Cell::new(who),
                    Cell::new(l.financeur.label()),
                    Cell::new(l.requested_cents.map_or("—".into(), euros_from_cents)),
                    Cell::new(avis).tone(tone),
                    Cell::new(match a.granted_cents.filter(|_| a.avis.grants()) {
                        Some(g) => euros_from_cents(g),
                        None => "—".into(),
                    }),
                ])
            })
            .collect(),
    };
    let mut rows: Vec<Vec<Cell>> = programme
        .by_financeur
        .iter()
        .map(|f| {
            vec![
                Cell::new(f.financeur.label()),
                Cell::new(integer(i64::from(f.totals.lines - f.totals.awaiting))),
                Cell::new(euros_from_cents(f.totals.requested_cents)),
                Cell::new(euros_from_cents(f.totals.granted_cents)),
            ]
        })
        .collect();
    let t = programme.total;
    rows.push(vec![
        Cell::new("Total").bold(),
        Cell::new(integer(i64::from(t.lines - t.awaiting))).bold(),
        Cell::new(euros_from_cents(t.requested_cents)).bold(),
        Cell::new(euros_from_cents(t.granted_cents)).bold(),
    ]);
    let totals = Table {
        caption: Some("Totaux par financeur".into()),
        columns: vec![
            Column::new("Financeur", 4.0, Align::Left),
            Column::new("Demandes", 1.6, Align::Right),
            Column::new("Sollicité", 2.0, Align::Right),
            Column::new("Attribué", 2.0, Align::Right),
        ],
        rows,
    };
    let mut out = vec![Block::Table(lines), Block::Table(totals)];
    if t.awaiting > 0 {
        out.push(para(format!(
            "{} demande{s} sans avis lors de cette séance.",
            t.awaiting,
            s = if t.awaiting > 1 { "s" } else { "" }
        )));
    }
    out
}

/// The decisions taken in the séance, with owner, due date in French and what they concern.
fn decisions(
    p: &Pillar,
    meeting_id: Id,
    programme: &Programmation,
    programme_item: Option<String>,
) -> Section {
    let mut s = Section::new("decisions", "Décisions prises en séance");
    let taken = figures::decisions_taken(p, meeting_id);
    if taken.is_empty() {
        s.blocks
            .push(para("Aucune décision nouvelle n'a été prise."));
    } else {
        s.blocks.push(Block::Table(Table {
            caption: None,
            columns: vec![
                Column::new("Décision", 4.4, Align::Left),
                Column::new("Responsable", 2.4, Align::Left),
                Column::new("Échéance", 2.2, Align::Left),
                Column::new("Concerne", 3.6, Align::Left),
            ],
            rows: taken
                .iter()
                .map(|d| {
                    let concerns = d
                        .objective_id
                        .and_then(|id| p.objectives.iter().find(|o| o.id == id))
                        .map(|o| format!("Objectif {} {}", o.code, o.title))
                        .or_else(|| {
                            d.action_id
                                .and_then(|id| p.actions.iter().find(|a| a.id == id))
                                .map(|a| format!("Action « {} »", a.title))
                        })
                        .unwrap_or_else(|| "—".into());
                    vec![
                        Cell::new(d.text.clone()),
                        Cell::new(dash(&d.owner)),
                        Cell::new(figures::due_date_as_taken(p, d).map_or("—".into(), date_long)),
                        Cell::new(concerns),
                    ]
                })
                .collect(),
        }));
    }
    let avis = programme.lines.iter().filter(|l| l.avis.is_some()).count();
    if avis > 0 {
        s.blocks.push(para(format!(
            "S'y ajoute{s} {avis} avis sur la programmation{where_}, chacun enregistré comme décision de l'instance.",
            s = if avis > 1 { "nt" } else { "" },
            where_ = programme_item.map(|t| format!(" (point « {t} »)")).unwrap_or_default(),
        )));
    }
    s
}
