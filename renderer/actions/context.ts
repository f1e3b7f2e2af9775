/** React access to the action registry. */
import { createContext, useContext } from 'react';
import type { ActionRegistry } from './registry';

export const ActionsContext = createContext<ActionRegistry | null>(null);

export function useActions(): ActionRegistry {
  const r = useContext(ActionsContext);
  if (!r) throw new Error('useActions outside <ActionsContext.Provider>');
  return r;
}
