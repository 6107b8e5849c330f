import type { Language } from '../../shared/translations.js';

// Texts of the team tree and team settings (MC-3, MC-5). `en` defines the terms.

const en = {
  heading: 'Teams',
  intro:
    'Teams and sub-teams. Every agent belongs to exactly one team; settings set here apply to the team’s agents and sub-teams unless they set their own.',
  newTeam: 'New team',
  newSubTeam: (name: string) => `New sub-team of ${name}`,
  addSubTeam: 'Add sub-team',
  addSubTeamOf: (name: string) => `Add sub-team to ${name}`,
  editTeam: (name: string) => `Edit ${name}`,
  deleteTeam: (name: string) => `Delete ${name}`,
  settingsOf: (name: string) => `Settings of ${name}`,
  settings: 'Settings',
  noTeams: 'No teams yet.',
  agents: (n: number) => (n === 1 ? '1 agent' : `${n} agents`),
  managers: 'Team managers',
  noManagers: 'No team managers in the organization yet.',
  parent: 'Parent team',
  topLevel: 'None (top level)',
  moveTo: 'Move its agents, sub-teams and devices to',
  chooseTarget: 'Choose a team…',
  deleteExplain:
    'Nobody is deleted: agents, sub-teams, devices and open sessions move to the team you choose.',
  created: (name: string) => `Team ${name} was created.`,
  saved: (name: string) => `Team ${name} was saved.`,
  deleted: (name: string, target: string, agents: number, teams: number) =>
    `Team ${name} was deleted; ${agents} ${agents === 1 ? 'agent' : 'agents'} and ${teams} ${teams === 1 ? 'sub-team' : 'sub-teams'} moved to ${target}.`,
  settingsIntro:
    'Defaults for the agents of this team and its sub-teams. “Inherit” takes the value from the team above.',
  settingsSaved: 'Settings saved.',
  effective: 'In effect',
};

/** Every team term. */
export type TeamsTerms = typeof en;

const de: TeamsTerms = {
  heading: 'Teams',
  intro:
    'Teams und Unterteams. Jeder Agent gehört zu genau einem Team; Einstellungen hier gelten für die Agenten und Unterteams des Teams, sofern diese keine eigenen setzen.',
  newTeam: 'Neues Team',
  newSubTeam: (name) => `Neues Unterteam von ${name}`,
  addSubTeam: 'Unterteam hinzufügen',
  addSubTeamOf: (name) => `Unterteam hinzufügen: ${name}`,
  editTeam: (name) => `${name} bearbeiten`,
  deleteTeam: (name) => `${name} löschen`,
  settingsOf: (name) => `Einstellungen von ${name}`,
  settings: 'Einstellungen',
  noTeams: 'Noch keine Teams.',
  agents: (n) => (n === 1 ? '1 Agent' : `${n} Agenten`),
  managers: 'Teammanager',
  noManagers: 'Die Organisation hat noch keine Teammanager.',
  parent: 'Übergeordnetes Team',
  topLevel: 'Keines (oberste Ebene)',
  moveTo: 'Agenten, Unterteams und Geräte verschieben nach',
  chooseTarget: 'Team wählen…',
  deleteExplain:
    'Niemand wird gelöscht: Agenten, Unterteams, Geräte und offene Sitzungen wechseln in das gewählte Team.',
  created: (name) => `Team ${name} wurde angelegt.`,
  saved: (name) => `Team ${name} wurde gespeichert.`,
  deleted: (name, target, agents, teams) =>
    `Team ${name} wurde gelöscht; ${agents} Agenten und ${teams} Unterteams sind jetzt in ${target}.`,
  settingsIntro:
    'Voreinstellungen für die Agenten dieses Teams und seiner Unterteams. „Übernehmen“ nimmt den Wert des Teams darüber.',
  settingsSaved: 'Einstellungen gespeichert.',
  effective: 'Wirksam',
};

const es: TeamsTerms = {
  heading: 'Equipos',
  intro:
    'Equipos y subequipos. Cada agente pertenece a un solo equipo; los ajustes de aquí se aplican a sus agentes y subequipos salvo que fijen los suyos.',
  newTeam: 'Nuevo equipo',
  newSubTeam: (name) => `Nuevo subequipo de ${name}`,
  addSubTeam: 'Añadir subequipo',
  addSubTeamOf: (name) => `Añadir subequipo a ${name}`,
  editTeam: (name) => `Editar ${name}`,
  deleteTeam: (name) => `Eliminar ${name}`,
  settingsOf: (name) => `Ajustes de ${name}`,
  settings: 'Ajustes',
  noTeams: 'Aún no hay equipos.',
  agents: (n) => (n === 1 ? '1 agente' : `${n} agentes`),
  managers: 'Responsables de equipo',
  noManagers: 'La organización aún no tiene responsables de equipo.',
  parent: 'Equipo superior',
  topLevel: 'Ninguno (nivel superior)',
  moveTo: 'Mover sus agentes, subequipos y dispositivos a',
  chooseTarget: 'Elija un equipo…',
  deleteExplain:
    'No se elimina a nadie: agentes, subequipos, dispositivos y sesiones abiertas pasan al equipo elegido.',
  created: (name) => `Se ha creado el equipo ${name}.`,
  saved: (name) => `Se ha guardado el equipo ${name}.`,
  deleted: (name, target, agents, teams) =>
    `Se ha eliminado el equipo ${name}; ${agents} agentes y ${teams} subequipos pasan a ${target}.`,
  settingsIntro:
    'Valores por defecto para los agentes de este equipo y sus subequipos. «Heredar» toma el valor del equipo superior.',
  settingsSaved: 'Ajustes guardados.',
  effective: 'En vigor',
};

const pt: TeamsTerms = {
  heading: 'Equipas',
  intro:
    'Equipas e subequipas. Cada agente pertence a uma só equipa; as definições daqui aplicam-se aos agentes e subequipas, salvo se definirem as suas.',
  newTeam: 'Nova equipa',
  newSubTeam: (name) => `Nova subequipa de ${name}`,
  addSubTeam: 'Adicionar subequipa',
  addSubTeamOf: (name) => `Adicionar subequipa a ${name}`,
  editTeam: (name) => `Editar ${name}`,
  deleteTeam: (name) => `Eliminar ${name}`,
  settingsOf: (name) => `Definições de ${name}`,
  settings: 'Definições',
  noTeams: 'Ainda não há equipas.',
  agents: (n) => (n === 1 ? '1 agente' : `${n} agentes`),
  managers: 'Gestores de equipa',
  noManagers: 'A organização ainda não tem gestores de equipa.',
  parent: 'Equipa superior',
  topLevel: 'Nenhuma (nível superior)',
  moveTo: 'Mover agentes, subequipas e dispositivos para',
  chooseTarget: 'Escolha uma equipa…',
  deleteExplain:
    'Ninguém é eliminado: agentes, subequipas, dispositivos e sessões abertas passam para a equipa escolhida.',
  created: (name) => `A equipa ${name} foi criada.`,
  saved: (name) => `A equipa ${name} foi guardada.`,
  deleted: (name, target, agents, teams) =>
    `A equipa ${name} foi eliminada; ${agents} agentes e ${teams} subequipas passam para ${target}.`,
  settingsIntro:
    'Predefinições para os agentes desta equipa e subequipas. «Herdar» usa o valor da equipa acima.',
  settingsSaved: 'Definições guardadas.',
  effective: 'Em vigor',
};

export const teamsTranslations: Record<Language, TeamsTerms> = { en, de, es, pt };
