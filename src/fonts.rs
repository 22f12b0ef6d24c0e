//! The embedded fonts: Liberation Serif, metric-compatible with Times New Roman
//! (SIL OFL 1.1, see `fonts/LICENSE-Liberation-OFL.txt` or `kehoach --licenses`).
//!
//! The PDF embeds them; the DOCX names "Times New Roman" and the rules under the
//! motto and titles are measured here with the same metrics, so a line is as long
//! as its text in both outputs.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::LazyLock;

// The faces with their legacy `kern` table hidden when the binary is built
// (`shaping::hide_legacy_kern`, which the PDF needs), rather than in a 1.5 MB copy
// at every PDF run (5% of one). Advances, glyphs and GPOS are untouched: the DOCX
// measures the same widths.
pub const REGULAR: &[u8] = &patched(*include_bytes!("../fonts/LiberationSerif-Regular.ttf"));
pub const BOLD: &[u8] = &patched(*include_bytes!("../fonts/LiberationSerif-Bold.ttf"));
pub const ITALIC: &[u8] = &patched(*include_bytes!("../fonts/LiberationSerif-Italic.ttf"));
pub const BOLD_ITALIC: &[u8] = &patched(*include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"));
pub const ALL: [&[u8]; 4] = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];
pub const LICENSE: &str = include_str!("../fonts/LICENSE-Liberation-OFL.txt");

const fn patched<const N: usize>(mut font: [u8; N]) -> [u8; N] {
    crate::shaping::hide_legacy_kern_at(&mut font, 0);
    font
}

/// A parsed face: only the table directory is read here; glyphs are looked up
/// per character, which for the few lines measured per plan is far cheaper than
/// building a map of the whole font at every start.
static REGULAR_FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(REGULAR, 0).ok());
static BOLD_FACE: LazyLock<Option<ttf_parser::Face<'static>>> = LazyLock::new(|| ttf_parser::Face::parse(BOLD, 0).ok());

/// Characters plans are written in, whose advances are kept once read: Latin (with
/// ơ, ư, đ), combining marks, Latin Extended Additional (ạ … ỹ) and general
/// punctuation. Table headers are measured character by character, and a lookup in
/// the font's character map costs a search each time.
const COMMON: [(u32, u32); 4] = [(0x20, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070)];
const COMMON_LEN: usize = {
    let (mut n, mut i) = (0, 0);
    while i < COMMON.len() {
        n += (COMMON[i].1 - COMMON[i].0) as usize;
        i += 1;
    }
    n
};
/// Not read yet (an advance is at most `u16::MAX`).
const UNREAD: u32 = u32::MAX;
/// Advances of `COMMON`'s characters as read, in font units: regular, then bold.
static ADVANCES: [[AtomicU32; COMMON_LEN]; 2] = [const { [const { AtomicU32::new(UNREAD) }; COMMON_LEN] }; 2];

/// Where `c` is kept in `ADVANCES`, if it is one of `COMMON`'s.
fn common_slot(c: char) -> Option<usize> {
    let mut at = 0;
    for (lo, hi) in COMMON {
        if (lo..hi).contains(&u32::from(c)) {
            return Some(at + (u32::from(c) - lo) as usize);
        }
        at += (hi - lo) as usize;
    }
    None
}

/// Width of `text` set at `size_pt`, in millimetres (no kerning, as Word by default).
pub fn text_width_mm(text: &str, size_pt: f32, bold: bool) -> f32 {
    let face = if bold { &*BOLD_FACE } else { &*REGULAR_FACE };
    let Some(face) = face else { return 0.0 };
    let read = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0, u32::from);
    let advance = |c: char| match common_slot(c) {
        Some(slot) => {
            let kept = &ADVANCES[usize::from(bold)][slot];
            match kept.load(Ordering::Relaxed) {
                UNREAD => {
                    let units = read(c);
                    kept.store(units, Ordering::Relaxed);
                    units
                }
                units => units,
            }
        }
        None => read(c),
    };
    let units: u32 = text.chars().map(advance).sum();
    units as f32 / f32::from(face.units_per_em()) * size_pt * crate::layout::MM_PER_PT
}

/// The leading (in em) that gives typst's lines the pitch of Word's line spacing
/// `spacing` (1.0 single, 1.15, 1.5) for the body font.
///
/// Word's single line is the font's Windows ascent + descent + line gap (1.15 em
/// for Times New Roman); typst's line box runs from the typographic ascender to
/// the descender, and the leading fills the rest of the pitch.
pub fn typst_leading_em(spacing: f32) -> f32 {
    let Some(face) = &*REGULAR_FACE else { return 0.0 };
    let em = f32::from(face.units_per_em());
    let os2 = face.tables().os2;
    let win = os2.map_or(f32::from(face.ascender()) - f32::from(face.descender()), |t| {
        f32::from(t.windows_ascender()) - f32::from(t.windows_descender())
    });
    let word_single = (win + f32::from(face.line_gap())) / em;
    let box_height = (f32::from(face.typographic_ascender().unwrap_or(face.ascender()))
        - f32::from(face.typographic_descender().unwrap_or(face.descender())))
        / em;
    (spacing * word_single - box_height).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// nd30.md §2.3 measured these with the same font.
    #[test]
    fn measures_like_times_new_roman() {
        let motto = text_width_mm("Độc lập - Tự do - Hạnh phúc", 14.0, true);
        assert!((motto - 60.5).abs() < 0.6, "{motto}");
        let name = text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0, true);
        assert!((name - 95.7).abs() < 0.6, "{name}");
    }

    /// The advances read once give the widths a lookup per character gives.
    #[test]
    fn common_advances_are_the_fonts_own() {
        for bold in [false, true] {
            let face = if bold { &*BOLD_FACE } else { &*REGULAR_FACE }.as_ref().unwrap();
            for c in (0..0x2100).chain([0x20AC, 0x2212, 0x4E00, 0x1F600]).filter_map(char::from_u32) {
                let units = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
                let direct = f32::from(units) / f32::from(face.units_per_em()) * 13.0 * crate::layout::MM_PER_PT;
                assert_eq!(text_width_mm(&c.to_string(), 13.0, bold), direct, "{c:?}");
            }
        }
    }

    /// Measured with LibreOffice on our DOCX: 18.5 pt between body lines at 14 pt (1.15),
    /// typst's line box for this font being 0.909 em.
    #[test]
    fn leading_gives_words_line_pitch() {
        let pitch = |spacing| (typst_leading_em(spacing) + 0.9092) * 14.0;
        assert!((pitch(1.15) - 18.5).abs() < 0.05, "{}", pitch(1.15));
        assert!((pitch(1.0) - 16.1).abs() < 0.05, "{}", pitch(1.0));
    }

    /// The embedded faces carry the PDF's font patch already, and only the tag
    /// differs from the shipped files.
    #[test]
    fn embedded_faces_are_patched_when_built() {
        let original = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
        let mut at_run_time = original.to_vec();
        crate::shaping::hide_legacy_kern(&mut at_run_time);
        assert_ne!(at_run_time, original);
        assert_eq!(at_run_time, REGULAR);
        for face in ALL {
            let mut again = face.to_vec();
            crate::shaping::hide_legacy_kern(&mut again);
            assert_eq!(again, face);
        }
    }
}
