import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** Stream ids are `<category>-<id>`; categories name the aggregate kind. */
export const streamId = (category: string, id: string): string => `${category}-${id}`;

export const idFromStream = (category: string, stream: string): string =>
  stream.startsWith(`${category}-`) ? stream.slice(category.length + 1) : stream;
