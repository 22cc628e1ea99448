export function distTargets(argv: readonly string[], host?: { platform: string; arch: string }): { platform: string; arch: string }[]
