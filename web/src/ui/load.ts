// Loads a page's data with a loading state, shows API errors with their
// message and a retry button, and renders only if the view is still current.

import type { Ctx } from './context';
import { errorState, loading } from './components';
import { clear } from './dom';

export async function loadInto<T>(ctx: Ctx, root: HTMLElement, fetcher: () => Promise<T>, render: (data: T) => void): Promise<void> {
  clear(root);
  root.append(loading(ctx));
  try {
    const data = await fetcher();
    if (!ctx.alive()) return;
    clear(root);
    render(data);
  } catch (err) {
    if (!ctx.alive()) return;
    clear(root);
    root.append(errorState(ctx, err, () => void loadInto(ctx, root, fetcher, render)));
  }
}

/** Resolves to null instead of failing: for optional data (previous period, trend). */
export function optional<T>(p: Promise<T>): Promise<T | null> {
  return p.catch(() => null);
}
