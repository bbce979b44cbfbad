//! The séance through the store, on the demo contract's COPIL of December 2026 (prepared, not
//! started): attendance by type, follow-up, new decisions, avis on the programmation, resuming
//! after reopening, closing and the relevé; every entry in the real file.

use chrono::{NaiveDate, NaiveDateTime};
use copil_core::demo::create_demo;
use copil_core::domain::*;
use copil_core::figures::{self, Pillar};
use copil_core::report::{build_releve, build_report, Block, DocumentKind, ReportOptions};
use copil_core::store::IssuedKind;
use copil_core::{CoreError, ErrorCode, Store};
use tempfile::TempDir;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn demo() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = create_demo(&dir.path().join("demo.copil")).unwrap();
    (dir, store)
}

fn meeting_on(s: &Store, day: NaiveDate) -> Meeting {
    s.meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.date == day)
        .unwrap()
}

fn december(s: &Store) -> Id {
    meeting_on(s, date(2026, 12, 10)).id
}

fn actor(s: &Store, name: &str) -> Actor {
    s.actors()
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .unwrap()
}

fn decision(s: &Store, text: &str) -> Decision {
    s.decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.text == text)
        .unwrap()
}

fn funding(s: &Store, action: &str, financeur: Financeur, year: i32) -> Funding {
    let action = s
        .actions()
        .unwrap()
        .into_iter()
        .find(|a| a.title == action)
        .unwrap()
        .id;
    s.fundings()
        .unwrap()
        .into_iter()
        .find(|f| f.action_id == action && f.financeur == financeur && f.year == year)
        .unwrap()
}

fn journal_count(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

const PARENTS: &str = "Ateliers « Parents connectés » avec les écoles";
const CAF_ONLINE: &str = "Accompagnement des allocataires aux démarches CAF en ligne";

#[test]
fn the_demo_has_two_closed_seances_with_their_releves_and_one_ready_to_start() {
    let (_dir, s) = demo();
    let p = Pillar::load(&s).unwrap();
    let states: Vec<(NaiveDate, SittingState)> = p
        .sittings
        .iter()
        .map(|st| {
            let m = p.meetings.iter().find(|m| m.id == st.meeting_id).unwrap();
            (m.date, st.state())
        })
        .collect();
    assert_eq!(
        states,
        [
            (date(2025, 10, 7), SittingState::Closed),
            (date(2026, 3, 24), SittingState::Closed),
            (date(2026, 12, 10), SittingState::Prepared),
        ]
    );
    assert!(s.sitting_in_progress().unwrap().is_none());
    let releves: Vec<_> = s
        .issued_reports()
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == IssuedKind::DecisionRecord)
        .collect();
    assert_eq!(releves.len(), 2);
    assert_eq!(releves[0].issued_at, "2026-03-24T16:10:00");
    assert_eq!(releves[0].sha256.len(), 64);
    // A relevé is no COPIL report: « what changed » has nothing to compare with yet.
    assert!(s.last_report().unwrap().is_none());
    // Its decisions are « prises en séance ».
    let march = meeting_on(&s, date(2026, 3, 24));
    let taken: Vec<_> = p
        .decisions
        .iter()
        .filter(|d| d.meeting_id == march.id)
        .collect();
    assert_eq!(taken.len(), 8, "4 decisions and 4 avis");
    assert!(taken.iter().all(|d| d.taken_in_sitting()));

    // The December COPIL: its agenda built from its ordre du jour, the 2027 programmation with
    // the request the March COPIL ajourna, and every open decision to follow up.
    let view = figures::sitting_view(&p, december(&s)).unwrap();
    let kinds: Vec<AgendaItemKind> = view.agenda.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.first(), Some(&AgendaItemKind::AdoptRecord));
    assert_eq!(kinds.last(), Some(&AgendaItemKind::OtherBusiness));
    assert_eq!(
        view.agenda[0].title,
        "Adoption du relevé de décisions du COPIL du 24 mars 2026"
    );
    let titles: Vec<&str> = view.agenda.iter().map(|i| i.title.as_str()).collect();
    assert!(titles.contains(&"Programmation 2027"), "{titles:?}");
    assert!(titles.contains(&"Renouvellement des CPO"), "{titles:?}");
    assert_eq!(view.programmation.year, 2027);
    assert_eq!(view.programmation.lines.len(), 6);
    let carried: Vec<_> = view
        .programmation
        .lines
        .iter()
        .filter(|l| l.carried_over)
        .collect();
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].year, 2026);
    assert_eq!(carried[0].financeur, Financeur::Region);
    assert_eq!(view.follow_ups.len(), 6);
    assert!(view
        .follow_ups
        .iter()
        .any(|l| l.decision.text == "Trouver un local de relogement pour la Fabrique numérique"));
    // The lines the séances attributed are attribué with their payments since.
    let line = funding(
        &s,
        "Accès aux droits en ligne à l'espace France Services",
        Financeur::StateCommonLaw,
        2026,
    );
    assert_eq!(
        (line.granted_cents, line.paid_cents),
        (2_500_000, 1_250_000)
    );
}

#[test]
fn attendance_is_the_meetings_participants_counted_by_type_as_in_the_report() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    let before = journal_count(&s);
    let agglo = actor(&s, "Communauté d'agglomération de Lens-Liévin");
    let connectes = actor(&s, "Association Les Connectés du Bassin");
    let prefecture = actor(&s, "Préfecture du Pas-de-Calais – délégué du préfet");
    let caf = actor(&s, "CAF du Pas-de-Calais");
    s.set_attendance(m, agglo.id, Attendance::Present, Some(3))
        .unwrap();
    s.set_attendance(m, connectes.id, Attendance::Present, None)
        .unwrap();
    s.set_attendance(m, prefecture.id, Attendance::Present, Some(1))
        .unwrap();
    s.set_attendance(m, caf.id, Attendance::Excused, None)
        .unwrap();
    assert_eq!(journal_count(&s), before + 4, "one journal line per entry");

    let meeting = s.meeting(m).unwrap();
    assert_eq!(meeting.headcount(), 5);
    let p = Pillar::load(&s).unwrap();
    let sheet = figures::attendance(&p, &meeting);
    let counts: Vec<(ActorKind, i64)> = sheet
        .by_kind
        .iter()
        .map(|k| (k.kind, k.headcount))
        .collect();
    assert_eq!(
        counts,
        [
            (ActorKind::Association, 1),
            (ActorKind::LocalAuthority, 3),
            (ActorKind::State, 1)
        ]
    );
    let state = |id| sheet.entries.iter().find(|e| e.actor_id == id).unwrap();
    assert_eq!(state(caf.id).attendance, Attendance::Excused);
    assert_eq!(state(connectes.id).headcount, 1);
    assert_eq!(state(agglo.id).kind, ActorKind::LocalAuthority);

    // The report's participants table shows the same counts (the meeting is not held yet:
    // a report dated after it lists it among the instances held).
    let options = ReportOptions::for_today(date(2026, 12, 11));
    let doc = build_report(&p, &options, None);
    let instances = doc.sections.iter().find(|s| s.id == "instances").unwrap();
    let Block::Table(table) = &instances.subsections[0].blocks[0] else {
        panic!("the instances table")
    };
    let row = table
        .rows
        .iter()
        .find(|r| r[0].text == "10/12/2026")
        .expect("the December COPIL in the report");
    assert_eq!(
        copil_core::format::normalize_spaces(&row[3].text),
        "5 : Association 1 (20 %), Collectivité 3 (60 %), État 1 (20 %)"
    );

    // Present then excused: no longer a participant; then neither.
    s.set_attendance(m, agglo.id, Attendance::Excused, None)
        .unwrap();
    assert_eq!(s.meeting(m).unwrap().headcount(), 2);
    s.set_attendance(m, caf.id, Attendance::Absent, None)
        .unwrap();
    let p = Pillar::load(&s).unwrap();
    let sitting = figures::sitting_of(&p, m).unwrap();
    assert_eq!(sitting.excused_actor_ids, [agglo.id]);
    // A headcount of 0 for a present structure is refused, in French, and nothing is written.
    let before = journal_count(&s);
    let err = s
        .set_attendance(m, caf.id, Attendance::Present, Some(0))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("CAF du Pas-de-Calais"), "{err}");
    assert_eq!(journal_count(&s), before);
}

#[test]
fn a_favorable_avis_with_a_reduced_amount_attributes_it_and_is_a_decision() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let line = funding(&s, PARENTS, Financeur::Bop147, 2027);
    assert_eq!(
        (line.requested_cents, line.granted_cents),
        (Some(900_000), 0)
    );
    let saved = s
        .set_avis(m, line.id, Avis::Favorable, Some(750_000), "")
        .unwrap();
    assert_eq!(
        funding(&s, PARENTS, Financeur::Bop147, 2027).granted_cents,
        750_000
    );
    let d = s
        .decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.id == saved.id)
        .unwrap();
    assert_eq!(d.meeting_id, m);
    assert_eq!(d.status, DecisionStatus::Done);
    assert_eq!(d.closed_on, Some(date(2026, 12, 10)));
    assert_eq!(d.owner, "Régie de quartier Lens-Liévin");
    assert!(d.action_id.is_some());
    assert_eq!(
        copil_core::format::normalize_spaces(&d.text),
        "Avis favorable : « Ateliers « Parents connectés » avec les écoles » (État – BOP 147 2027), 7 500 € attribués sur 9 000 € sollicités."
    );
    // Without an amount, a favorable avis attributes the amount sollicité.
    let caf = funding(&s, CAF_ONLINE, Financeur::Caf, 2027);
    s.set_avis(
        m,
        caf.id,
        Avis::FavorableWithReserve,
        None,
        "sous réserve d'un local",
    )
    .unwrap();
    assert_eq!(
        funding(&s, CAF_ONLINE, Financeur::Caf, 2027).granted_cents,
        1_200_000
    );
    // Totals by financeur, live.
    let p = Pillar::load(&s).unwrap();
    let programme = figures::programmation(&p, m);
    let bop = programme
        .by_financeur
        .iter()
        .find(|f| f.financeur == Financeur::Bop147)
        .unwrap();
    assert_eq!(bop.totals.granted_cents, 750_000);
    assert_eq!(bop.totals.requested_cents, 3_000_000);
    assert_eq!(bop.totals.awaiting, 1);
    assert_eq!(programme.total.granted_cents, 1_950_000);
    // The avis decisions are not « decisions taken » (they have their own table).
    assert!(figures::decisions_taken(&p, m).is_empty());
    // Given again, the avis replaces the previous one and its decision.
    s.set_avis(m, line.id, Avis::Favorable, Some(800_000), "")
        .unwrap();
    let avis_decisions = s
        .decisions()
        .unwrap()
        .into_iter()
        .filter(|d| d.meeting_id == m)
        .count();
    assert_eq!(avis_decisions, 2);
    // An amount of 0 or a line outside the programmation is refused, nothing written.
    let before = journal_count(&s);
    assert_eq!(
        s.set_avis(m, line.id, Avis::Favorable, Some(0), "")
            .unwrap_err()
            .code(),
        ErrorCode::Invalid
    );
    let granted_2026 = funding(
        &s,
        "Permanences de médiation numérique en pied d'immeuble",
        Financeur::Bop147,
        2026,
    );
    let err = s
        .set_avis(m, granted_2026.id, Avis::Favorable, None, "")
        .unwrap_err();
    assert!(err.to_string().contains("programmation 2027"), "{err}");
    assert_eq!(journal_count(&s), before);
    // Withdrawn: back to sollicité, its decision gone.
    s.clear_avis(m, line.id).unwrap();
    assert_eq!(
        funding(&s, PARENTS, Financeur::Bop147, 2027).granted_cents,
        0
    );
    assert!(s.decisions().unwrap().iter().all(|d| d.id != saved.id));
}

#[test]
fn an_ajourne_request_stays_sollicite_and_comes_back_to_the_next_programmation() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let line = funding(&s, CAF_ONLINE, Financeur::Caf, 2027);
    s.set_avis(m, line.id, Avis::Postponed, None, "dossier incomplet")
        .unwrap();
    let after = funding(&s, CAF_ONLINE, Financeur::Caf, 2027);
    assert_eq!(after.granted_cents, 0);
    assert!(figures::is_awaiting(&after));
    let d = s
        .decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.meeting_id == m)
        .unwrap();
    assert_eq!(
        copil_core::format::normalize_spaces(&d.text),
        "Avis ajourné : « Accompagnement des allocataires aux démarches CAF en ligne » (CAF 2027), 12 000 € sollicités — dossier incomplet."
    );
    assert_eq!(d.status, DecisionStatus::Done);
    // The Region's request ajournée in March is still sollicité; ajourné again here.
    let region = funding(
        &s,
        "Fabrique numérique : tiers-lieu et réemploi d'ordinateurs",
        Financeur::Region,
        2026,
    );
    s.set_avis(m, region.id, Avis::Unfavorable, None, "")
        .unwrap();
    s.close_sitting(m, at(2026, 12, 10, 16, 0)).unwrap();

    // A later meeting's séance: the CAF request comes back, the refused one does not.
    let next = s
        .save_meeting(&Meeting {
            id: 0,
            kind: MeetingKind::Cotech,
            title: "COTECH inclusion numérique".into(),
            date: date(2027, 2, 9),
            place: "Liévin".into(),
            agenda: String::new(),
            participants: vec![],
        })
        .unwrap()
        .id;
    s.prepare_sitting(next).unwrap();
    let p = Pillar::load(&s).unwrap();
    let programme = figures::programmation(&p, next);
    assert_eq!(programme.year, 2027);
    let ids: Vec<Id> = programme.lines.iter().map(|l| l.funding_id).collect();
    assert!(ids.contains(&line.id));
    assert!(!ids.contains(&region.id));
    assert!(
        programme
            .lines
            .iter()
            .find(|l| l.funding_id == line.id)
            .unwrap()
            .carried_over
    );
}

#[test]
fn an_old_decision_is_followed_up_and_its_follow_up_can_be_changed_or_withdrawn() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let text = "Relancer les comptes-rendus financiers 2025 manquants";
    let old = decision(&s, text);
    assert_eq!(old.status, DecisionStatus::Todo);
    let follow = |outcome, new_due_date| FollowUp {
        decision_id: old.id,
        outcome,
        new_due_date,
        comment: "Deux CRF reçus en septembre.".into(),
        due_date_before: None,
    };
    s.set_follow_up(m, &follow(FollowUpOutcome::Done, None))
        .unwrap();
    let d = decision(&s, text);
    assert_eq!(d.status, DecisionStatus::Done);
    assert_eq!(d.closed_on, Some(date(2026, 12, 10)));
    // Changed to « reportée »: open again, with its new due date.
    s.set_follow_up(
        m,
        &follow(FollowUpOutcome::Postponed, Some(date(2027, 3, 31))),
    )
    .unwrap();
    let d = decision(&s, text);
    assert_eq!(
        (d.status, d.due_date, d.closed_on),
        (DecisionStatus::Todo, Some(date(2027, 3, 31)), None)
    );
    // A postponed decision needs its date: refused in French.
    let err = s
        .set_follow_up(m, &follow(FollowUpOutcome::Postponed, None))
        .unwrap_err();
    assert!(err.to_string().contains("nouvelle échéance"), "{err}");
    // Withdrawn: the decision is as it was before the séance.
    s.clear_follow_up(m, old.id).unwrap();
    let d = decision(&s, text);
    assert_eq!(
        (d.status, d.due_date, d.closed_on),
        (old.status, old.due_date, None)
    );
    // A decision of this same meeting is not an earlier decision.
    let new = s
        .take_decision(
            m,
            &Decision {
                due_date: Some(date(2027, 6, 30)),
                ..Decision::new(m, "Préparer la CPO 2027–2029", "Délégué du préfet")
            },
        )
        .unwrap()
        .id;
    let err = s
        .set_follow_up(
            m,
            &FollowUp {
                decision_id: new,
                ..follow(FollowUpOutcome::Done, None)
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
}

#[test]
fn a_seance_resumes_where_it_was_after_the_file_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.copil");
    let (m, item) = {
        let mut s = create_demo(&path).unwrap();
        let m = december(&s);
        let started = s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
        assert_eq!(started.state(), SittingState::InProgress);
        assert_eq!(started.current_item_id, Some(started.agenda[0].id));
        let item = started.agenda[2].id;
        s.set_current_item(m, Some(item)).unwrap();
        s.set_item_notes(m, item, "Le tableau de bord est projeté.")
            .unwrap();
        (m, item)
    };
    let s = Store::open(&path).unwrap();
    let resume = s
        .sitting_in_progress()
        .unwrap()
        .expect("a séance in progress");
    assert_eq!(resume.meeting.id, m);
    assert_eq!(resume.meeting_label, "COPIL du 10 décembre 2026");
    let current = resume.current_item.unwrap();
    assert_eq!(current.id, item);
    assert_eq!(current.notes, "Le tableau de bord est projeté.");
    assert_eq!(resume.sitting.started_at, Some(at(2026, 12, 10, 14, 0)));
}

#[test]
fn the_agenda_is_reordered_added_to_and_removed_from_before_and_during_the_seance() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    let prepared = s.sitting(m).unwrap().unwrap();
    let ids: Vec<Id> = prepared.agenda.iter().map(|i| i.id).collect();
    let added = s
        .add_agenda_item(m, AgendaItemKind::Free, "Calendrier 2027", Some(ids[1]))
        .unwrap();
    let agenda = s.sitting(m).unwrap().unwrap().agenda;
    assert_eq!(agenda[2].id, added);
    let mut reversed: Vec<Id> = agenda.iter().map(|i| i.id).collect();
    reversed.reverse();
    s.reorder_agenda(m, &reversed).unwrap();
    let order: Vec<Id> = s
        .sitting(m)
        .unwrap()
        .unwrap()
        .agenda
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(order, reversed);
    // A reorder that forgets an item is refused.
    assert!(s.reorder_agenda(m, &reversed[1..]).is_err());
    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let current = s.sitting(m).unwrap().unwrap().current_item_id.unwrap();
    assert_eq!(current, reversed[0]);
    // Removing the current item makes the next one current.
    s.remove_agenda_item(m, current).unwrap();
    let sitting = s.sitting(m).unwrap().unwrap();
    assert_eq!(sitting.current_item_id, Some(reversed[1]));
    s.rename_agenda_item(m, added, "Calendrier des instances 2027")
        .unwrap();
    assert!(s
        .sitting(m)
        .unwrap()
        .unwrap()
        .agenda
        .iter()
        .any(|i| i.title == "Calendrier des instances 2027"));
    let err = s
        .add_agenda_item(m, AgendaItemKind::Free, "  ", None)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
}

#[test]
fn closing_locks_the_decisions_and_writes_the_releve_and_the_next_meeting_follows_them_up() {
    let (_dir, mut s) = demo();
    let m = december(&s);
    // Not started: no relevé, no closing.
    let p = Pillar::load(&s).unwrap();
    assert!(matches!(
        build_releve(&p, m),
        Err(CoreError::Sitting { .. })
    ));
    let err = s.close_sitting(m, at(2026, 12, 10, 16, 0)).unwrap_err();
    assert!(err.to_string().contains("n'a pas commencé"), "{err}");

    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let taken = s
        .take_decision(
            m,
            &Decision {
                due_date: Some(date(2027, 3, 31)),
                owner_actor_id: Some(actor(&s, "Centre social Jean-Jaurès").id),
                objective_id: Some(
                    s.objectives()
                        .unwrap()
                        .into_iter()
                        .find(|o| o.code == "2.2")
                        .unwrap()
                        .id,
                ),
                ..Decision::new(m, "Ouvrir une permanence au Grand Moulin", "")
            },
        )
        .unwrap()
        .id;
    assert_eq!(
        decision(&s, "Ouvrir une permanence au Grand Moulin").owner,
        "Centre social Jean-Jaurès"
    );
    // Another séance cannot start while this one runs.
    let march = meeting_on(&s, date(2026, 3, 24)).id;
    let other = s
        .save_meeting(&Meeting {
            id: 0,
            kind: MeetingKind::Cotech,
            title: "COTECH".into(),
            date: date(2027, 1, 12),
            place: String::new(),
            agenda: String::new(),
            participants: vec![],
        })
        .unwrap()
        .id;
    let err = s.start_sitting(other, at(2027, 1, 12, 9, 0)).unwrap_err();
    assert!(err.to_string().contains("encore en cours"), "{err}");

    let closed = s.close_sitting(m, at(2026, 12, 10, 16, 5)).unwrap();
    assert_eq!(closed.state(), SittingState::Closed);
    assert!(s.sitting_in_progress().unwrap().is_none());
    let d = decision(&s, "Ouvrir une permanence au Grand Moulin");
    assert_eq!(d.sitting_id, Some(closed.id));
    // Entries are refused once closed, in French; decisions stay editable, journaled.
    let err = s
        .set_item_notes(m, closed.agenda[0].id, "trop tard")
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("close"), "{err}");
    let closed_entries = journal_count(&s);
    s.save_decision(&Decision {
        text: "Ouvrir une permanence au Grand Moulin et à la Cité Bellevue".into(),
        ..d.clone()
    })
    .unwrap();
    assert_eq!(journal_count(&s), closed_entries + 1);
    let log = s.audit_log(1).unwrap();
    assert!(
        log[0]
            .summary
            .contains("prise en séance (COPIL du 10 décembre 2026)"),
        "{}",
        log[0].summary
    );
    // A save cannot unlock it.
    s.save_decision(&Decision {
        sitting_id: None,
        ..decision(
            &s,
            "Ouvrir une permanence au Grand Moulin et à la Cité Bellevue",
        )
    })
    .unwrap();
    assert!(decision(
        &s,
        "Ouvrir une permanence au Grand Moulin et à la Cité Bellevue"
    )
    .taken_in_sitting());

    // The relevé of the closed séance.
    let p = Pillar::load(&s).unwrap();
    let releve = build_releve(&p, m).unwrap();
    assert_eq!(releve.kind, DocumentKind::DecisionRecord);
    assert_eq!(
        releve.meta.title,
        "Relevé de décisions — COPIL du 10 décembre 2026"
    );
    let last = releve.sections.last().unwrap();
    assert_eq!(last.title, "Décisions prises en séance");
    let Block::Table(t) = &last.blocks[0] else {
        panic!("the decisions table")
    };
    assert_eq!(t.rows[0][2].text, "31 mars 2027");
    assert!(
        t.rows[0][3].text.starts_with("Objectif 2.2"),
        "{:?}",
        t.rows[0][3]
    );

    // The next meeting's follow-up lists it, with the other open decisions.
    let next = figures::follow_up_lines(&p, other);
    assert!(next.iter().any(|l| l.decision.id == taken));
    assert!(next
        .iter()
        .any(|l| l.decision.text == "Organiser le séminaire des élus sur l'inclusion numérique"));
    assert!(next.iter().all(|l| l.decision.meeting_id != other));
    let _ = march;
}

#[test]
fn the_reports_what_changed_counts_the_decisions_taken_and_closed_since() {
    let (_dir, mut s) = demo();
    let options = ReportOptions::for_today(date(2026, 11, 28));
    let (pillar, _) = copil_core::report::issue::prepare(&s, &options).unwrap();
    copil_core::report::issue::record_issued(&mut s, &pillar, &options, b"rapport").unwrap();
    let m = december(&s);
    s.start_sitting(m, at(2026, 12, 10, 14, 0)).unwrap();
    let old = decision(&s, "Relancer les comptes-rendus financiers 2025 manquants");
    s.set_follow_up(
        m,
        &FollowUp {
            decision_id: old.id,
            outcome: FollowUpOutcome::Done,
            new_due_date: None,
            comment: String::new(),
            due_date_before: None,
        },
    )
    .unwrap();
    s.take_decision(m, &Decision::new(m, "Préparer la CPO 2027–2029", "Agglo"))
        .unwrap();
    let line = funding(&s, PARENTS, Financeur::Bop147, 2027);
    s.set_avis(m, line.id, Avis::Favorable, None, "").unwrap();
    s.close_sitting(m, at(2026, 12, 10, 16, 0)).unwrap();

    let later = ReportOptions::for_today(date(2026, 12, 11));
    let (_, doc) = copil_core::report::issue::prepare(&s, &later).unwrap();
    let synthese = doc.sections.iter().find(|s| s.id == "synthese").unwrap();
    let changes = synthese
        .subsections
        .iter()
        .find(|s| s.id == "synthese-evolutions")
        .unwrap();
    let Block::Paragraph(spans) = &changes.blocks[1] else {
        panic!("the count of decisions")
    };
    assert_eq!(
        spans[0].text,
        "2 décisions prises et 1 soldée depuis le précédent rapport."
    );
    // The dashboard counts them the same way.
    let p = Pillar::load(&s).unwrap();
    let dash = figures::dashboard(
        &p,
        &figures::Scope::today(date(2026, 12, 11)),
        s.last_report().unwrap().as_ref(),
    );
    let counts = dash.decisions_since.unwrap();
    assert_eq!((counts.taken, counts.closed), (2, 1));
}

#[test]
fn a_seance_entry_on_a_missing_meeting_or_actor_says_which() {
    let (_dir, mut s) = demo();
    let err = s.prepare_sitting(999).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Missing);
    assert!(err.to_string().contains("999"), "{err}");
    let m = december(&s);
    let err = s
        .set_attendance(m, 999, Attendance::Present, None)
        .unwrap_err();
    assert!(err.to_string().contains("Acteur n° 999"), "{err}");
}

#[test]
fn the_releve_gives_the_seances_hours_and_one_time_for_a_seance_of_one_minute() {
    let date_line = |opened: NaiveDateTime, closed: NaiveDateTime| {
        let (_dir, mut s) = demo();
        let m = december(&s);
        s.start_sitting(m, opened).unwrap();
        s.close_sitting(m, closed).unwrap();
        let doc = build_releve(&Pillar::load(&s).unwrap(), m).unwrap();
        let line = doc
            .cover
            .details
            .iter()
            .find(|d| d.label == "Date")
            .unwrap();
        line.value.replace(['\u{a0}', '\u{202f}'], " ")
    };
    assert_eq!(
        date_line(at(2026, 12, 10, 14, 0), at(2026, 12, 10, 16, 5)),
        "10 décembre 2026, de 14 h 00 à 16 h 05"
    );
    assert_eq!(
        date_line(at(2026, 12, 10, 14, 0), at(2026, 12, 10, 14, 0)),
        "10 décembre 2026, à 14 h 00"
    );
}
