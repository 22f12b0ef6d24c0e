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

/// Advance widths per character, parsed once per process.
struct Metrics {
    units_per_em: f32,
    advances: std::collections::HashMap<char, u16>,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        let Ok(face) = ttf_parser::Face::parse(data, 0) else {
            return Metrics { units_per_em: 1000.0, advances: Default::default() };
        };
        let mut advances = std::collections::HashMap::new();
        if let Some(subtable) = face.tables().cmap.and_then(|c| c.subtables.into_iter().find(|s| s.is_unicode())) {
            subtable.codepoints(|cp| {
                if let (Some(ch), Some(gid)) = (char::from_u32(cp), subtable.glyph_index(cp)) {
                    advances.insert(ch, face.glyph_hor_advance(gid).unwrap_or(0));
                }
            });
        }
        Metrics { units_per_em: face.units_per_em() as f32, advances }
    }
}

static REGULAR_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(REGULAR));
static BOLD_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(BOLD));

/// Width of `text` set at `size_pt`, in millimetres (no kerning, as Word by default).
pub fn text_width_mm(text: &str, size_pt: f32, bold: bool) -> f32 {
    let m = if bold { &*BOLD_METRICS } else { &*REGULAR_METRICS };
    let units: f32 = text.chars().map(|c| f32::from(m.advances.get(&c).copied().unwrap_or(0))).sum();
    units / m.units_per_em * size_pt * crate::doc::layout::MM_PER_PT
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
