// The version of the meta stream layout described in docs/encoding.md. Bump it
// on any change a previous decoder would misread; decoders refuse other versions.

/** Version of the value encoding written in every meta stream's header. */
export const ENCODING_VERSION = 1;

/** The three bytes every meta stream starts with ('CKV'), before the version byte. */
export const MAGIC = [0x43, 0x4b, 0x56] as const;
