import { join } from 'node:path'
import { Menu, Tray, nativeImage } from 'electron'

export interface TrayActions {
  show(): void
  toggleWall(): void
  quit(): void
}

export const trayIconPath = (appPath: string): string =>
  join(appPath, 'resources', 'icons', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png')

/** A tray entry so a console hidden behind other windows is one click away. No icon file → no tray (logged), never a crash. */
export const createTray = (iconPath: string, actions: TrayActions, log: (m: string) => void = console.warn): Tray | null => {
  const image = nativeImage.createFromPath(iconPath)
  if (image.isEmpty()) {
    log(`[tray] no icon at ${iconPath}; running without a tray icon`)
    return null
  }
  const tray = new Tray(image)
  tray.setToolTip('NOC console')
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show console', click: () => actions.show() },
      { label: 'Toggle wall mode', click: () => actions.toggleWall() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ]),
  )
  tray.on('click', () => actions.show())
  return tray
}
