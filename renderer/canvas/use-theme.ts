/** The colour scheme the OS asks for, live: the canvas repaints when the user switches to dark mode. */
import { useSyncExternalStore } from 'react';
import { PALETTES, type Palette, type ThemeName } from '../../shared/scene/palette';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(fn: () => void): () => void {
  const mq = query();
  mq.addEventListener('change', fn);
  return () => mq.removeEventListener('change', fn);
}

export function useThemeName(): ThemeName {
  return useSyncExternalStore(subscribe, () => (query().matches ? 'dark' : 'light'));
}

export function usePalette(): Palette {
  return PALETTES[useThemeName()];
}
