//! The embedded fonts: Liberation Serif, metric-compatible with Times New Roman
//! (SIL OFL 1.1, see `fonts/LICENSE-Liberation-OFL.txt` or `kehoach --licenses`).
//!
//! The PDF embeds them; the DOCX names "Times New Roman" and the rules under the
//! motto and titles are measured here with the same metrics, so a line is as long
//! as its text in both outputs.

use std::sync::LazyLock;

pub const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");
pub const ALL: [&[u8]; 4] = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];
pub const LICENSE: &str = include_str!("../fonts/LICENSE-Liberation-OFL.txt");

/// A parsed face: only the table directory is read here; glyphs are looked up
/// per character, which for the few lines measured per plan is far cheaper than
/// building a map of the whole font at every start.
static REGULAR_FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(REGULAR, 0).ok());
static BOLD_FACE: LazyLock<Option<ttf_parser::Face<'static>>> = LazyLock::new(|| ttf_parser::Face::parse(BOLD, 0).ok());

/// Width of `text` set at `size_pt`, in millimetres (no kerning, as Word by default).
pub fn text_width_mm(text: &str, size_pt: f32, bold: bool) -> f32 {
    let Some(face) = (if bold { &*BOLD_FACE } else { &*REGULAR_FACE }) else { return 0.0 };
    let units: u32 = text
        .chars()
        .filter_map(|c| face.glyph_index(c))
        .map(|g| u32::from(face.glyph_hor_advance(g).unwrap_or(0)))
        .sum();
    units as f32 / f32::from(face.units_per_em()) * size_pt * crate::layout::MM_PER_PT
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
}
