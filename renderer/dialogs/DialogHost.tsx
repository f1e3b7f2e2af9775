/** Renders the dialog the store asks for, and hands the user's answer back to the waiting flow. */
import type { ReactElement } from 'react';
import { exhaustive } from '../../shared/model/elements';
import type { DialogResult } from '../state/dialogs';
import { useAppStore, useStoreState } from '../state/use-store';
import { AboutDialog } from './AboutDialog';
import { CatalogDialog } from './CatalogDialog';
import { ExportDialog } from './ExportDialog';
import { GenerateDialog } from './GenerateDialog';
import { NewDesignDialog } from './NewDesignDialog';
import { RecoveryDialog } from './RecoveryDialog';
import { ReportDialog } from './ReportDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { UnsavedDialog } from './UnsavedDialog';

export function DialogHost(): ReactElement | null {
  const store = useAppStore();
  const dialog = useStoreState((s) => s.dialog);
  if (!dialog) return null;
  const answer = (r: DialogResult) => store.answer(dialog.id, r);
  const req = dialog.request;
  // Keyed by id so that a new dialog of the same kind starts fresh.
  switch (req.kind) {
    case 'newDesign':
      return <NewDesignDialog key={dialog.id} answer={answer} />;
    case 'unsaved':
      return <UnsavedDialog key={dialog.id} name={req.name} action={req.action} answer={answer} />;
    case 'recovery':
      return <RecoveryDialog key={dialog.id} items={req.items} answer={answer} />;
    case 'about':
      return <AboutDialog key={dialog.id} info={req.info} answer={answer} />;
    case 'catalog':
      return <CatalogDialog key={dialog.id} client={req.client} answer={answer} />;
    case 'export':
      return <ExportDialog key={dialog.id} controller={req.controller} answer={answer} />;
    case 'shortcuts':
      return <ShortcutsDialog key={dialog.id} groups={req.groups} answer={answer} />;
    case 'generate':
      return <GenerateDialog key={dialog.id} answer={answer} />;
    case 'report':
      return <ReportDialog key={dialog.id} title={req.title} intro={req.intro} lines={req.lines} answer={answer} />;
    default:
      return exhaustive(req);
  }
}
