// Placeholder entry; replaced by the main-process implementation.
import { app } from 'electron';
app.whenReady().then(() => app.quit());
