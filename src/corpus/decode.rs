//! Bytes to text: BOMs honoured, UTF-8 tried first, other encodings detected (chardetng) and
//! decoded (encoding_rs) with a warning; binary files refused; NFC and LF line endings.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The result of decoding one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, plus what had to be repaired on the way (each a warning for the user).
    Text {
        /// The normalised text (NFC, `\n` line endings, no BOM, no NUL).
        text: String,
        /// What was repaired or guessed.
        notes: Vec<String>,
    },
    /// Not text: an image, a PDF, an archive.
    Binary(&'static str),
}

/// How much of a file is inspected to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// Decodes file bytes into normalised text.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut notes = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_lossy(rest, &mut notes)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            notes.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                encoding.name()
            ));
        }
        text.into_owned()
    } else if let Some(kind) = binary_kind(bytes) {
        return Decoded::Binary(kind);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => guess(bytes, &mut notes),
        }
    };
    Decoded::Text {
        text: normalise(text, &mut notes),
        notes,
    }
}

/// Decodes UTF-8, replacing invalid bytes and saying so.
fn utf8_lossy(bytes: &[u8], notes: &mut Vec<String>) -> String {
    let text = String::from_utf8_lossy(bytes);
    if let std::borrow::Cow::Owned(_) = text {
        notes.push("invalid UTF-8 bytes replaced with U+FFFD".to_string());
    }
    text.into_owned()
}

/// Not UTF-8: either UTF-8 with a few bad bytes, or a legacy encoding. chardetng decides.
fn guess(bytes: &[u8], notes: &mut Vec<String>) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    if encoding == encoding_rs::UTF_8 {
        return utf8_lossy(bytes, notes);
    }
    // A mostly-valid UTF-8 file with a few broken bytes is still UTF-8: count the valid part.
    let valid_utf8_multibyte = String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| !c.is_ascii() && *c != char::REPLACEMENT_CHARACTER)
        .count();
    if valid_utf8_multibyte > 0 {
        return utf8_lossy(bytes, notes);
    }
    let encoding = if encoding != encoding_rs::WINDOWS_1252 && only_symbols_in_1252(bytes) {
        encoding_rs::WINDOWS_1252
    } else {
        encoding
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    notes.push(format!(
        "not UTF-8; decoded as {}{} (save it as UTF-8 to silence this)",
        encoding.name(),
        if had_errors {
            ", with undecodable bytes replaced"
        } else {
            ""
        }
    ));
    text.into_owned()
}

/// True when every byte past ASCII is, in windows-1252, a sign rather than a letter (`£`, `€`,
/// `°`, `½`, curly quotes, dashes): text in ASCII letters, English or Indonesian, with a
/// currency or typographic sign. chardetng can read a lone `£` before a number as windows-1250's
/// `Ł` ("a Ł15.8m signing"); a text in another script or in accented letters would have a
/// letter among those bytes in windows-1252 too, and keeps chardetng's guess.
fn only_symbols_in_1252(bytes: &[u8]) -> bool {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
    !had_errors
        && text
            .chars()
            .filter(|c| !c.is_ascii())
            .all(|c| !c.is_alphabetic() && !c.is_control())
}

/// Recognises binary files by magic number, or by a high share of control bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "an executable"),
        (b"RIFF", "a RIFF media file"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // Control bytes but tab, line feed, form feed and carriage return; counted branch-free, so
    // the loop is vectorised.
    let control: usize = head
        .iter()
        .map(|&b| {
            usize::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0C) & (b != b'\r'))
        })
        .sum();
    (control >= 4 && control * 10 > head.len()).then_some("binary data")
}

/// Whether `text` holds a control character other than tab and newline. Bytes are tested first,
/// a vectorised pass: C0 controls and DEL are single bytes, and C1 controls (U+0080–U+009F)
/// start with the byte 0xC2, so a text with none of these bytes has none; only a text with one
/// (most often 0xC2 of a no-break space or `°`) is checked character by character.
fn has_control(text: &str) -> bool {
    let suspicious = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7F) | (b == 0xC2);
    let flagged = text
        .as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspicious(b)));
    flagged
        && !text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
}

/// NFC, LF line endings, no NUL or other control characters but tab and newline. Text that is
/// already so (nearly all of it) is returned as it came, without a copy.
fn normalise(text: String, notes: &mut Vec<String>) -> String {
    let nuls = text.bytes().filter(|&b| b == 0).count();
    if nuls > 0 {
        notes.push(format!("{nuls} NUL byte(s) removed"));
    }
    let clean = |c: char| c == '\n' || c == '\t' || !c.is_control();
    let cleaned = if !has_control(&text) {
        text
    } else {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| clean(c))
            .collect()
    };
    if cleaned.is_ascii() || is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
        cleaned
    } else {
        cleaned.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Vec<String>) {
        match decode(bytes) {
            Decoded::Text { text, notes } => (text, notes),
            Decoded::Binary(kind) => panic!("binary: {kind}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text(b"\xEF\xBB\xBFhalo").0, "halo");
        assert_eq!(
            text("halo “dunia”".as_bytes()),
            ("halo “dunia”".into(), vec![])
        );
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Rusia “veto”".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Rusia “veto”".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(text(&le).0, "Rusia “veto”");
        assert_eq!(text(&be).0, "Rusia “veto”");
    }

    #[test]
    fn windows_1252_curly_quotes() {
        let (t, notes) = text(b"\x93Kami mendesak DPRK,\x94 kata juru bicara itu. Caf\xe9 menu.");
        assert!(t.starts_with("“Kami mendesak DPRK,” kata"), "{t}");
        assert!(notes[0].contains("windows-1252"), "{notes:?}");
    }

    #[test]
    fn a_pound_sign_in_english_is_read_as_windows_1252() {
        for (bytes, expected) in [
            (
                &b"The club paid a fee for Mutu, a \xa315.8m signing from Parma."[..],
                "a £15.8m signing",
            ),
            (
                b"Fees of \xa315m and \xa320m, at 30\xb0C, \x93quoted\x94.",
                "Fees of £15m and £20m, at 30°C, “quoted”.",
            ),
        ] {
            let (text, notes) = text(bytes);
            assert!(text.contains(expected), "{text}");
            assert!(notes[0].contains("windows-1252"), "{notes:?}");
        }
        // Letters in those bytes are another encoding's: Polish in windows-1250 stays so.
        let (text, notes) = text(
            b"Pan \xa3ukasz m\xf3wi, \xbfe w \xb3\xf3d\x9fkach p\xb3ywa\xb3 \x9cwietnie i \xbfyczliwie po \xb3\xb9ce.",
        );
        assert!(text.contains("Łukasz mówi"), "{text} {notes:?}");
    }

    #[test]
    fn invalid_bytes_mid_utf8_are_replaced_with_a_note() {
        let (t, notes) = text(
            "Rusia “veto” di PBB \u{2014} "
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\xFF ok")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert!(t.contains('\u{FFFD}') && t.contains("Rusia “veto”"), "{t}");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn line_endings_nul_and_nfc() {
        let (t, notes) = text(b"a\r\nb\rc\0d");
        assert_eq!(t, "a\nb\ncd");
        assert!(notes[0].contains("NUL"));
        assert_eq!(text("e\u{301}".as_bytes()).0, "\u{e9}");
    }

    #[test]
    fn binary_files_are_recognised() {
        assert_eq!(decode(b"%PDF-1.7 ..."), Decoded::Binary("a PDF document"));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n"), Decoded::Binary("a PNG image"));
        assert_eq!(
            decode(&[1u8, 2, 3, 4, 5, 0, 0, 0]),
            Decoded::Binary("binary data")
        );
    }

    proptest::proptest! {
        /// The byte test agrees with testing every character, on text of any characters and
        /// on text made of the characters near the boundaries.
        #[test]
        fn control_characters_are_found_by_bytes_as_by_characters(
            text in proptest::prop_oneof![
                proptest::arbitrary::any::<String>(),
                "[\\x00-\\x20\\x7E-\\u{A1}°«a\\n\\t]{0,80}",
            ]
        ) {
            let by_chars = !text.chars().all(|c| c == '\n' || c == '\t' || !c.is_control());
            proptest::prop_assert_eq!(has_control(&text), by_chars);
        }
    }
}
