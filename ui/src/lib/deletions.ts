// What the app asks before deleting each kind of record, and the deletion itself: one question
// per entity, asked in the shell's confirmation dialog (`<entity>-delete-confirm`).
import { app } from "./app.svelte";
import type { Action } from "./bindings/Action";
import type { Actor } from "./bindings/Actor";
import type { Decision } from "./bindings/Decision";
import type { District } from "./bindings/District";
import type { Meeting } from "./bindings/Meeting";
import type { Objective } from "./bindings/Objective";
import type { Theme } from "./bindings/Theme";
import { call } from "./ipc";

/** The records deleted from a list, by entity. */
interface Deletable {
  actor: Actor;
  action: Action;
  district: District;
  theme: Theme;
  objective: Objective;
  meeting: Meeting;
  decision: Decision;
}

/** The title and the message of the question, by entity. */
const QUESTIONS: { [E in keyof Deletable]: [string, (r: Deletable[E]) => string] } = {
  actor: [
    "Supprimer l'acteur ?",
    (a) =>
      `« ${a.name} » sera retiré du contrat. Les actions qu'il porte n'auront plus de porteur.`,
  ],
  action: [
    "Supprimer l'action ?",
    (a) => `L'action « ${a.title} » et ses lignes de financement seront supprimées.`,
  ],
  district: [
    "Supprimer le quartier ?",
    (d) =>
      `Le quartier ${d.code} ${d.name} sera retiré du contrat, des actions et des acteurs qui y sont rattachés.`,
  ],
  theme: [
    "Supprimer le thème ?",
    (t) =>
      `Le thème « ${t.name} » sera retiré du contrat et des objectifs et actions qui y sont reliés.`,
  ],
  objective: [
    "Supprimer l'objectif ?",
    (o) =>
      `L'objectif ${o.code} « ${o.title} » sera supprimé, ainsi que ses liens aux thèmes, actions et indicateurs.`,
  ],
  meeting: [
    "Supprimer l'instance ?",
    () => "L'instance, ses participants et ses décisions seront supprimés.",
  ],
  decision: [
    "Supprimer la décision ?",
    (d) => `« ${d.text} » sera retirée du relevé de décisions.`,
  ],
};

/** Asks before deleting `record`; once confirmed, deletes it and calls `after` (a reload). */
export function askDelete<E extends keyof Deletable>(
  entity: E,
  record: Deletable[E],
  after: () => Promise<void>,
): void {
  const [title, message] = QUESTIONS[entity];
  const command = `${entity}_delete` as const;
  app.confirm({
    id: `${entity}-delete-confirm`,
    title,
    message: message(record),
    run: async () => {
      await app.write(() => call(command as "actor_delete", { id: record.id }));
      await after();
    },
  });
}
