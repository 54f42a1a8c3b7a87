import { RecordedEvent } from '@app/core';

/** Maps one stored event version to the next; chained until no upcaster matches. */
export type Upcaster = (event: { type: string; data: unknown }) => { type: string; data: unknown };

export class UpcasterRegistry {
  private readonly byType = new Map<string, Upcaster>();

  register(fromType: string, upcaster: Upcaster): this {
    if (this.byType.has(fromType)) throw new Error(`an upcaster for ${fromType} is already registered`);
    this.byType.set(fromType, upcaster);
    return this;
  }

  get size(): number {
    return this.byType.size;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    let current: { type: string; data: unknown } = event;
    for (let step = 0; step < 50; step++) {
      const next = this.byType.get(current.type);
      if (!next) break;
      current = next(current);
    }
    return current === event ? event : { ...event, type: current.type, data: current.data };
  }
}
