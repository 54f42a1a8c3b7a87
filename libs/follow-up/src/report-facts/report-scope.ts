/** The SQL that narrows a read-model query on `unit_id` to these units (nothing for undefined = all), and its parameters. */
export function unitCondition(unitIds: string[] | undefined): { sql: string; params: string[] } {
  if (!unitIds) return { sql: '', params: [] };
  return { sql: ` AND unit_id IN (${unitIds.map(() => '?').join(', ') || "''"})`, params: unitIds };
}
