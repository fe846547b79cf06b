// What every page receives: the state, formatting, translation and navigation.

import type { Formatter } from '../format';
import type { MessageKey } from '../i18n';
import type { AppState, Page } from '../state';

export interface Ctx {
  state: AppState;
  fmt: Formatter;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A dynamic key (status, flag, activity) translated, or itself. */
  tk(key: string): string;
  /** The href of another view, keeping period, as-of and language. */
  href(page: Page, id?: string, params?: Record<string, string>): string;
  /** Changes page options of the current view (sort, filters); replaces the URL entry. */
  setParams(params: Record<string, string | undefined>): void;
  /** Records page options in the URL without rendering again (inputs being typed keep their focus). */
  recordParams(params: Record<string, string | undefined>): void;
  navigate(page: Page, id?: string, params?: Record<string, string>): void;
  /** Sees the same view as of another date. */
  setAsOf(iso: string): void;
  /** Marks the view busy (main[data-ready] false) until `p` settles: a list reloading in place. */
  track<T>(p: Promise<T>): Promise<T>;
  /** True while this render is still the current one (guards late responses). */
  alive(): boolean;
  /** ' : ' in French typography, ': ' in English. */
  colon: string;
  /** API parameters for the current period. */
  apiParams: Record<string, string>;
}
