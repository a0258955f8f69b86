//! `decode`: arbitrary file bytes → `briefing::corpus::decode::decode`.
//!
//! Exercises BOM handling, UTF-8/UTF-16 decoding, chardetng guessing, binary sniffing and
//! normalisation. Asserts: never panics, and any `Decoded::Text` holds no `\r`, no NUL, and is
//! in Unicode NFC.
#![no_main]

use briefing::corpus::decode::{Decoded, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Decoded::Text { text, .. } = decode(bytes) {
        assert!(
            !text.contains('\r'),
            "carriage return in decoded text: {text:?}"
        );
        assert!(!text.contains('\0'), "NUL in decoded text: {text:?}");
        assert!(
            unicode_normalization::is_nfc(&text),
            "decoded text not NFC: {text:?}"
        );
    }
});
