type Fields = Record<string, unknown>;

interface Binding {
  target: Record<string, unknown>;
  fields: readonly string[];
}

/** A saved value fits a field when it has the same shape as the field's default (a setting renamed or retyped is dropped). */
function fits(current: unknown, saved: unknown): boolean {
  if (current === null || saved === null) return true;
  if (Array.isArray(current) !== Array.isArray(saved)) return false;
  return typeof current === typeof saved;
}

/**
 * Every setting of the workspace, by owner: the settings objects bind their fields (`bind`), a saved workspace
 * sets them back (`load`), and `current` reads them all (in an effect, it tracks every one). Settings of a view
 * not opened yet stay as saved until the view binds them.
 */
export class SavedSettings {
  private saved: Record<string, Fields> = {};
  private bindings = new Map<string, Binding>();
  /** Counts bindings, so that whoever reads `current` in an effect also follows the settings bound later. */
  private bound = $state(0);

  /** Registers an object's fields under `id` and gives them their saved values, if any. */
  bind<T extends object>(id: string, target: T, fields: readonly (keyof T & string)[]): void {
    const binding = { target: target as Record<string, unknown>, fields };
    this.bindings.set(id, binding);
    this.apply(binding, this.saved[id]);
    this.bound++;
  }

  current(): Record<string, Fields> {
    void this.bound;
    const out: Record<string, Fields> = { ...this.saved };
    for (const [id, b] of this.bindings) out[id] = Object.fromEntries(b.fields.map((f) => [f, $state.snapshot(b.target[f])]));
    return out;
  }

  load(saved: Record<string, Fields>): void {
    this.saved = saved;
    for (const [id, b] of this.bindings) this.apply(b, saved[id]);
  }

  private apply(b: Binding, values: Fields | undefined): void {
    if (!values) return;
    for (const f of b.fields) if (f in values && fits(b.target[f], values[f])) b.target[f] = structuredClone(values[f]);
  }
}

export const savedSettings = new SavedSettings();
