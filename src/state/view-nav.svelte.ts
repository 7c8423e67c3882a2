import { getContext, setContext, untrack } from 'svelte';

export interface NavSection {
  id: string;
  title: string;
}

/** A deep link: `#<view>` or `#<view>/<section>`. */
export function parseHash(hash: string): { view: string; section: string | null } | null {
  const m = /^#([a-z]+)(?:\/([a-z0-9-]+))?$/.exec(hash);
  return m ? { view: m[1]!, section: m[2] ?? null } : null;
}

/** The sections of one view, in page order, which of them are folded, and the one a deep link asks for. */
export class ViewNav {
  sections = $state<NavSection[]>([]);
  folded = $state<Record<string, boolean>>({});
  /** A section to bring into view once it is on the page (from a deep link). */
  target = $state<string | null>(null);

  constructor(readonly view: string) {}

  register(section: NavSection, element: () => HTMLElement | undefined): () => void {
    // Untracked: the registering effect must not depend on the list it changes.
    return untrack(() => {
      this.elements.set(section.id, element);
      this.sections = this.order([...this.sections.filter((s) => s.id !== section.id), section]);
      return () => {
        this.elements.delete(section.id);
        this.sections = untrack(() => this.sections).filter((s) => s.id !== section.id);
      };
    });
  }

  toggle(id: string): void {
    const folded = untrack(() => this.folded);
    this.folded = { ...folded, [id]: !folded[id] };
  }

  /** Unfolds a section, scrolls to it and puts it in the address bar (so the link can be shared). */
  go(id: string): void {
    this.folded = { ...untrack(() => this.folded), [id]: false };
    this.target = null;
    history.replaceState(null, '', `${location.pathname}${location.search}#${this.view}/${id}`);
    queueMicrotask(() => this.elements.get(id)?.()?.scrollIntoView({ block: 'start' }));
  }

  private elements = new Map<string, () => HTMLElement | undefined>();

  /** Sections in the order their elements stand on the page. */
  private order(list: NavSection[]): NavSection[] {
    const pos = (s: NavSection) => this.elements.get(s.id)?.();
    return list.sort((a, b) => {
      const ea = pos(a);
      const eb = pos(b);
      if (!ea || !eb) return 0;
      return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }
}

const KEY = Symbol('view-nav');

export function provideViewNav(nav: ViewNav): void {
  setContext(KEY, nav);
}

/** The navigation of the view the calling component belongs to (none outside a view). */
export function viewNav(): ViewNav | null {
  try {
    return getContext<ViewNav | undefined>(KEY) ?? null;
  } catch {
    return null;
  }
}
