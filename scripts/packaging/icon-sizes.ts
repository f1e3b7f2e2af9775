/** Every icon size rendered into build/icons/ (NxN.png): the Linux hicolor sizes and what .ico/.icns draw from. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
