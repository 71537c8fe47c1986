// Pure (runs anywhere): the WHATWG TextEncoder that every runtime of the core has (Node, the extension host, browsers
// and webviews), typed here because the core's lib names neither DOM nor Node.

/** What the core uses of a TextEncoder. */
export interface Utf8Encoder {
  /** Writes the UTF-8 of `source` into `destination` as far as it fits (native, vectorised for ASCII). */
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

declare const TextEncoder: new () => Utf8Encoder;

export const utf8Encoder: Utf8Encoder = new TextEncoder();
