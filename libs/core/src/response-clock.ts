/**
 * A pause for the complainant stops the response clock only if it began by the deadline: a case already late when
 * the question was sent stays late, keeps its respondBy and counts as overdue while it waits. The case's own flags and
 * the yearly report both apply this rule.
 */
export function pauseStopsResponseClock(pausedSince: string | undefined, respondBy: string): boolean {
  return pausedSince !== undefined && Date.parse(pausedSince) <= Date.parse(respondBy);
}
