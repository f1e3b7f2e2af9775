/** The in-app dialogs a flow can ask the user, and their possible answers. */
import type { AppInfo, RecoveryInfo } from '../../shared/ipc/contract';
import type { NicCatalogEntry } from '../../shared/catalog';
import type { TemplateName } from '../../shared/templates';
import type { GenerateTarget } from '../../shared/generate';
import type { CatalogClient } from '../catalog/catalog-client';
import type { ExportController } from '../export/export-controller';
import type { ShortcutGroup } from '../actions/shortcut-sheet';

export type DialogRequest =
  /** The template chooser of File › New. */
  | { kind: 'newDesign' }
  /** Save / Don't Save / Cancel before unsaved work would be lost; `action` completes "before …". */
  | { kind: 'unsaved'; name: string; action: string }
  /** Unsaved work found from an earlier session. */
  | { kind: 'recovery'; items: RecoveryInfo[] }
  | { kind: 'about'; info: AppInfo }
  /** The component catalog: browse, search, add and remove the user's entries (through `client`). */
  | { kind: 'catalog'; client: CatalogClient }
  /** File › Export…: format and options; the dialog runs the export through `controller` and shows its progress. */
  | { kind: 'export'; controller: ExportController }
  /** Help › Keyboard Shortcuts: the registry's shortcuts, grouped (renderer/actions/shortcut-sheet.ts). */
  | { kind: 'shortcuts'; groups: ShortcutGroup[] }
  /** File › Generate Deployment Config…: which configuration to write. */
  | { kind: 'generate' }
  /** A list shown once, e.g. what loading a file repaired. */
  | { kind: 'report'; title: string; intro: string; lines: string[] };

export type DialogResult =
  | { kind: 'dismissed' }
  | { kind: 'create'; template: TemplateName; hosts?: number; vmsPerHost?: number }
  | { kind: 'save' }
  | { kind: 'discard' }
  | { kind: 'recover'; id: string }
  | { kind: 'discardRecovery'; id: string }
  /** Insert a NIC built from this catalog entry into the selected server. */
  | { kind: 'insertCatalog'; entry: NicCatalogEntry }
  | { kind: 'generate'; target: GenerateTarget };
