/** linebreak (UAX #14) ships no types: the part we use. Positions are UTF-16 indexes into the string. */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string)
    nextBreak(): { position: number; required: boolean } | null
  }
}
