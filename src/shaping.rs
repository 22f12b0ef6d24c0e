//! Text that the PDF backend (typst 0.15.1 → typst-pdf → krilla 0.8.2) lays out
//! without panicking, and the font patch that keeps right-to-left glyphs in order.
//!
//! Three faults, found with `examples/pdf_panic.rs` (see the fuzz report):
//!
//! 1. **Right-to-left glyphs come out reversed** (`"אב"`, `"ب ب"`, `"ب \u{200F}"`,
//!    `"a\u{05B0} b"`, even `", ."` after an RLM). rustybuzz 0.20.1 reverses a
//!    right-to-left buffer before a legacy `kern` subtable and, when kerning is
//!    off (the template sets `kerning: false`), `continue`s without reversing it
//!    back (`hb/kerning.rs`, `hb_ot_layout_kern`). typst takes each glyph's text
//!    range to end at the next glyph's cluster, so a range ends before it starts;
//!    typst then panics slicing its text (`shaping.rs:1151`, or its debug
//!    assertion `shaping.rs:1376`), else krilla slicing a text item. No text
//!    normalisation fixes this without tearing words apart:
//!    [`hide_legacy_kern`] hides the fonts' legacy `kern` table. Latin and
//!    Vietnamese are positioned through GPOS, so their layout does not change.
//! 2. **Text items over 65,535 bytes** (`"a"` + 21,846 × U+1DC0, `"đ"` × 40,000,
//!    `"a"` + 30,000 × U+200D, 40,000 × U+00A0, `"a"` + 30,000 × U+2003): typst
//!    keeps a glyph's range inside its text item as `u16` and saturates; when byte
//!    65,535 falls inside a character, krilla panics slicing there
//!    (`text/group.rs:115` or `:453`). [`pdf_safe`] keeps every line far shorter.
//! 3. **A cluster of right-to-left text of which the font has the base but not
//!    the mark** (`"ب \u{0654}ب"`, `"ג \u{1AB0}ד"`: a mark on a space). In visual
//!    order the mark's tofu comes before the base's glyph; typst's font fallback
//!    reshapes the whole cluster (base included) as tofu, but trims only glyphs
//!    already collected, so the base's glyph is laid out twice and lies outside its text
//!    (debug assertion `shaping.rs:1354`); likewise a Hebrew letter with an Arabic
//!    mark (`"ד\u{0653}\u{200C}"`). In text with right-to-left letters
//!    [`pdf_safe`] keeps a mark only on a letter or digit it can belong to, and it
//!    drops bidi controls everywhere, which give similar cases
//!    (`"\u{202E}\u{200E}👨\u{200D}\u{0325}"`). A zero width joiner makes the same
//!    kind of cluster of a letter or space and a pictograph (`"ר \u{200D}🌈ם"`).
//!
//! What [`pdf_safe`] changes, never a letter:
//! - bidi controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069): dropped;
//! - in text with right-to-left letters, a combining mark on whitespace, a sign,
//!   nothing, or a right-to-left letter of another script, a skin tone not on a
//!   pictograph, and the zero width joiner: dropped (emoji have no glyph in the
//!   embedded font: a ZWJ sequence shows the same tofu boxes without its joiners);
//! - more than [`MAX_ZERO_WIDTH`] zero-width characters (combining marks,
//!   joiners, variation selectors, other invisible format characters, the
//!   embedded fonts' zero-advance letters) after one character: the rest dropped;
//!   and U+200B never twice in a row;
//! - whitespace beyond [`MAX_UNBROKEN`] bytes in a row: dropped (it would hang at
//!   the end of one line);
//! - a run of more than [`MAX_UNBROKEN`] bytes without a break: U+200B inserted
//!   (an invisible break opportunity) before the character that would exceed it.
//!
//! Consecutive runs of one paragraph are laid out as one text: give them to
//! [`pdf_safe_runs`] so the limits hold across their boundaries.

use std::borrow::Cow;

/// At most this many zero-width characters follow one character: a Vietnamese
/// letter needs two (decomposed), pointed Hebrew with cantillation about five.
pub const MAX_ZERO_WIDTH: usize = 16;

/// A run of more than this many bytes without a break opportunity gets one
/// (U+200B); whitespace beyond it in a row is dropped. A line then stays far
/// below typst's 65,535 bytes: ≤ 4 KiB overflowing, or what fits in a line of
/// characters at least 0.08 em wide carrying ≤ 16 zero-width characters each.
pub const MAX_UNBROKEN: usize = 4096;

const ZWSP: char = '\u{200B}';

/// Invisible characters that only steer the bidirectional algorithm.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// General category M (Mn, Mc, Me).
fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

/// Characters that take no room of their own: they join the cluster before them
/// (HarfBuzz removes the invisible ones and merges their text into that cluster).
fn is_zero_width(c: char) -> bool {
    is_mark(c) || is_default_ignorable(c) || is_zero_advance_letter(c)
}

/// Default_Ignorable_Code_Point (DerivedCoreProperties.txt).
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters that are neither marks nor ignorable but have zero advance in the
/// embedded Liberation Serif (modifier tone letters; private use in the italic).
fn is_zero_advance_letter(c: char) -> bool {
    matches!(c, '\u{A717}'..='\u{A71A}' | '\u{A720}'..='\u{A721}' | '\u{F00A}'..='\u{F00E}')
}

/// Printable ASCII but space, and the Latin letters Vietnamese uses (precomposed).
fn is_plain(c: char) -> bool {
    matches!(c, '!'..='~' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Whitespace after which a line may break (UAX #14 classes SP and BA, and tab);
/// U+00A0, U+2007 and U+202F do not break and count as letters here.
fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// The right-to-left script block of `c` (Hebrew 1, Arabic 2, Syriac 3, …), or 0.
/// Marks and letters of one block belong together.
fn rtl_block(c: char) -> u32 {
    match c {
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => 1,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}'
        | '\u{1EE00}'..='\u{1EEFF}' => 2,
        '\u{0700}'..='\u{074F}' | '\u{0860}'..='\u{086F}' => 3,
        '\u{0780}'..='\u{07BF}' => 4,
        '\u{07C0}'..='\u{07FF}' => 5,
        '\u{0800}'..='\u{083F}' => 6,
        '\u{0840}'..='\u{085F}' => 7,
        // Historic scripts of the supplementary plane, by 256-character page.
        '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EDFF}' => c as u32 >> 8,
        _ => 0,
    }
}

/// A letter (or digit) of a right-to-left script: text with one has right-to-left runs.
fn is_rtl_letter(c: char) -> bool {
    c >= '\u{0590}' && rtl_block(c) != 0 && !is_mark(c) && !is_default_ignorable(c)
}

/// Characters that HarfBuzz shapes in one cluster with the character before them,
/// and that have a glyph of their own: combining marks, the zero width joiner
/// (it pulls the next pictograph in too), emoji skin tones.
fn joins_cluster(c: char) -> bool {
    (is_mark(c) && !is_default_ignorable(c)) || c == '\u{200D}' || is_skin_tone(c)
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Pictographs, as far as emoji sequences go (none has a glyph in the embedded font).
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Whether `c`, which joins the cluster of `base` (the last character before it
/// that is not zero-width), may stay there in text with right-to-left letters:
/// a mark on a letter or digit of a left-to-right script or on a right-to-left
/// letter of its own script, a skin tone on a pictograph; never a joiner. Elsewhere
/// the font may have the base but not the rest, and typst's fallback lays the
/// cluster out twice.
fn fits(base: Option<char>, c: char) -> bool {
    match base {
        _ if c == '\u{200D}' => false,
        Some(b) if is_skin_tone(c) => is_pictograph(b),
        Some(b) if rtl_block(b) != 0 => rtl_block(b) == rtl_block(c),
        Some(b) => b.is_alphanumeric(),
        None => false,
    }
}

/// Whether a break (U+200B) may go before `c`: not inside a grapheme.
fn starts_grapheme(prev: Option<char>, c: char) -> bool {
    !is_zero_width(c)
        && prev != Some('\u{200D}')
        // Skin tones and regional indicators (flags) stay with what they follow;
        // typst breaks between flags by itself.
        && !matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{1F1E6}'..='\u{1F1FF}')
}

/// What `pdf_safe` does to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    /// A bidi control: dropped.
    Bidi,
    /// In text with right-to-left letters, a combining mark on whitespace, a sign,
    /// or a right-to-left letter of another script, a joiner, a stray skin tone: dropped.
    ForeignMark,
    /// A zero-width character too many on one character (or U+200B twice): dropped.
    Marks,
    /// Whitespace beyond `MAX_UNBROKEN` bytes in a row: dropped.
    Spaces,
    /// A run too long without a break: U+200B goes before this character.
    Unbroken,
}

impl Problem {
    /// The message key that says what the PDF changes (`diag` tables).
    fn reason(self) -> &'static str {
        match self {
            Problem::Bidi => "text-pdf.bidi",
            Problem::ForeignMark => "text-pdf.foreign-mark",
            Problem::Marks => "text-pdf.marks",
            Problem::Spaces => "text-pdf.spaces",
            Problem::Unbroken => "text-pdf.unbroken",
        }
    }
}

/// The state of one pass, kept across the runs of a paragraph.
#[derive(Clone, Copy, Default)]
struct Scanner {
    /// Zero-width characters kept since the last other character (U+200B aside).
    zero_width: usize,
    /// Bytes kept since the last break opportunity.
    unbroken: usize,
    /// Bytes of whitespace kept in a row.
    spaces: usize,
    /// The last character kept.
    prev: Option<char>,
    /// The last character kept that is not zero-width.
    base: Option<char>,
    /// The text (all runs of the paragraph) has a right-to-left letter.
    rtl: bool,
}

impl Scanner {
    /// A scanner for a paragraph of these runs.
    fn new<'a>(runs: impl IntoIterator<Item = &'a str>) -> Scanner {
        let rtl = runs.into_iter().any(|r| r.chars().any(is_rtl_letter));
        Scanner { rtl, ..Scanner::default() }
    }

    /// What to do with `c`; updates the state as if it was done.
    fn step(&mut self, c: char) -> Option<Problem> {
        let len = c.len_utf8();
        // Most text is letters, digits and punctuation of Vietnamese in Latin
        // script: none is a control, a space, zero-width or right-to-left, so only
        // the length of an unbroken run can matter (a fifth of the PDF path's own time).
        if is_plain(c) && self.unbroken + len <= MAX_UNBROKEN {
            self.zero_width = 0;
            self.unbroken += len;
            self.spaces = 0;
            self.base = Some(c);
            self.prev = Some(c);
            return None;
        }
        let problem = if is_bidi_control(c) {
            Some(Problem::Bidi)
        } else if c == ZWSP {
            // A break opportunity, invisible; one is enough.
            if self.prev == Some(ZWSP) {
                Some(Problem::Marks)
            } else {
                self.unbroken = 0;
                None
            }
        } else if self.rtl && joins_cluster(c) && !fits(self.base, c) {
            Some(Problem::ForeignMark)
        } else if is_zero_width(c) {
            self.zero_width += 1;
            if self.zero_width > MAX_ZERO_WIDTH {
                Some(Problem::Marks)
            } else {
                self.unbroken += len;
                None
            }
        } else if is_break_space(c) {
            self.zero_width = 0;
            self.unbroken = 0;
            if self.spaces + len > MAX_UNBROKEN {
                Some(Problem::Spaces)
            } else {
                self.spaces += len;
                None
            }
        } else if self.unbroken + len > MAX_UNBROKEN && starts_grapheme(self.prev, c) {
            self.zero_width = 0;
            self.unbroken = len;
            Some(Problem::Unbroken)
        } else {
            self.zero_width = 0;
            self.unbroken += len;
            None
        };
        if matches!(problem, None | Some(Problem::Unbroken)) {
            if !is_break_space(c) && !is_zero_width(c) {
                self.spaces = 0;
            }
            if !is_zero_width(c) {
                self.base = Some(c);
            }
            self.prev = Some(c);
        }
        problem
    }

    /// The first change in `text` (byte offset), the state advanced over all of it.
    fn first_problem(&mut self, text: &str) -> Option<(usize, Problem)> {
        let mut first = None;
        for (i, c) in text.char_indices() {
            if let Some(p) = self.step(c) {
                first.get_or_insert((i, p));
            }
        }
        first
    }

    /// `text` changed, from `from` on (a scanner in the state at `from`).
    fn rewrite(&mut self, text: &str, from: usize) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        out.push_str(&text[..from]);
        for c in text[from..].chars() {
            match self.step(c) {
                None => out.push(c),
                Some(Problem::Unbroken) => {
                    out.push(ZWSP);
                    out.push(c);
                }
                Some(Problem::Bidi | Problem::ForeignMark | Problem::Marks | Problem::Spaces) => {}
            }
        }
        out
    }

    /// One run, the state carried from the runs before it.
    fn run<'a>(&mut self, text: &'a str) -> Cow<'a, str> {
        let mut probe = *self;
        let Some((first, _)) = probe.first_problem(text) else {
            *self = probe;
            return Cow::Borrowed(text);
        };
        // Bring the state to `first`, then rewrite from there.
        for c in text[..first].chars() {
            self.step(c);
        }
        Cow::Owned(self.rewrite(text, first))
    }
}

#[cfg(test)]
/// `text` as the PDF backend can lay it out (see the module documentation for
/// what changes). Borrowed when nothing changes, as in every ordinary plan.
pub fn pdf_safe(text: &str) -> Cow<'_, str> {
    Scanner::new([text]).run(text)
}

/// [`pdf_safe`] for the consecutive runs of one paragraph (or table cell), which
/// typst lays out as one text: marks at the start of a run count with the
/// character that ends the run before it, and so on.
pub fn pdf_safe_runs<'a>(runs: impl IntoIterator<Item = &'a str>) -> Vec<Cow<'a, str>> {
    let runs: Vec<&str> = runs.into_iter().collect();
    let mut scanner = Scanner::new(runs.iter().copied());
    runs.into_iter().map(|r| scanner.run(r)).collect()
}

/// The first place where [`pdf_safe`] would change `text`: its byte offset and a
/// short reason, for a located diagnostic at `check`.
pub fn unsafe_for_pdf(text: &str) -> Option<(usize, &'static str)> {
    // Nearly every text is Latin letters, spaces and common punctuation, shorter
    // than any run limit: none of that can be a problem (checking it char by char
    // was a tenth of a one-plan DOCX run).
    let common = |c: char| {
        is_plain(c)
            || matches!(c, ' ' | '\n' | '\u{A0}' | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201F}' | '\u{2026}')
    };
    if text.len() <= MAX_UNBROKEN && text.chars().all(common) {
        return None;
    }
    Scanner::new([text]).first_problem(text).map(|(at, p)| (at, p.reason()))
}

/// Hides the legacy `kern` table of a font, or of every face of a collection, in
/// place: its tag renamed `kerm`, which no shaper reads (the table directory stays
/// sorted), so rustybuzz never takes the path that leaves right-to-left glyphs
/// reversed. For an office's own fonts (`--fonts`) as the PDF world loads them; the
/// embedded ones are patched when the binary is built ([`crate::fonts`]). Kerning
/// through GPOS is unaffected; data that is not a font is left as it is.
pub fn hide_legacy_kern(font: &mut [u8]) {
    let u32_at = |d: &[u8], at: usize| d.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    // Offsets of the table directories: one, or one per face of a collection.
    let dirs: Vec<usize> = if font.starts_with(b"ttcf") {
        let n = u32_at(font, 8).unwrap_or(0).min(font.len() / 4);
        (0..n).filter_map(|i| u32_at(font, 12 + 4 * i)).collect()
    } else {
        vec![0]
    };
    for dir in dirs {
        hide_legacy_kern_at(font, dir);
    }
}

/// The `kern` entry of the table directory at `dir` renamed `kerm`. `const`, so
/// that the embedded fonts can be patched at compile time.
pub const fn hide_legacy_kern_at(font: &mut [u8], dir: usize) {
    if dir > font.len() || font.len() - dir < 6 {
        return;
    }
    let tables = u16::from_be_bytes([font[dir + 4], font[dir + 5]]) as usize;
    let mut t = 0;
    while t < tables {
        let at = dir + 12 + 16 * t;
        if at + 4 > font.len() {
            return;
        }
        if font[at] == b'k' && font[at + 1] == b'e' && font[at + 2] == b'r' && font[at + 3] == b'n' {
            font[at + 3] = b'm';
        }
        t += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(p: Problem) -> &'static str {
        p.reason()
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        for s in [
            "",
            "Thực hiện công tác trẻ em năm 2023",
            "Ủy ban nhân dân tỉnh Sơn La",
            "a\u{0301} b",
            "😀 👨‍👩‍👧 🇻🇳 👍🏽",
            "Ông Cohen (כהן) và ông سلام",
            "שָׁלוֹם",
            "Số 93/KH-UBND\tngày 03/4/2023",
        ] {
            assert!(matches!(pdf_safe(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(unsafe_for_pdf(s), None, "{s:?}");
        }
        // Decomposed Vietnamese (two marks on a letter) too.
        assert!(matches!(pdf_safe("e\u{0302}\u{0301}"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(pdf_safe("ب \u{200F}"), "ب ");
        assert_eq!(pdf_safe("\u{202E}abc\u{202C} \u{2067}x\u{2069}\u{200E}"), "abc x");
        assert_eq!(unsafe_for_pdf("ab\u{200F}"), Some((2, reason(Problem::Bidi))));
    }

    #[test]
    fn foreign_marks_are_dropped_in_right_to_left_text() {
        let foreign = reason(Problem::ForeignMark);
        assert_eq!(pdf_safe("ب \u{0654}ب"), "ب ب");
        assert_eq!(unsafe_for_pdf("ג \u{1AB0}ד"), Some((3, foreign)));
        assert_eq!(pdf_safe("ד\u{0653}\u{200C}"), "ד\u{200C}");
        assert_eq!(pdf_safe("ב%\u{064B}"), "ב%");
        assert_eq!(pdf_safe("\u{0654}ب"), "ب");
        assert_eq!(pdf_safe("ר \u{200D}🌈ם"), "ר 🌈ם");
        assert_eq!(pdf_safe("ב 👨\u{200D}👩\u{200D}👧 ב 🏻"), "ב 👨👩👧 ב ");
        // Marks of the letter's own script, and marks on left-to-right letters, stay.
        for s in ["שָׁלוֹם", "بِسْمِ", "x\u{0654} ب", "1\u{0301} ב", "❤\u{FE0F} ב", "👍🏽 ב"] {
            assert!(matches!(pdf_safe(s), Cow::Borrowed(_)), "{s:?}");
        }
        // Without right-to-left letters, nothing of this applies (the font patch is enough).
        for s in ["a \u{0301}b", "\u{0301}a", "a\u{05B0} b", "#\u{FE0F}\u{20E3}"] {
            assert!(matches!(pdf_safe(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn zero_width_characters_are_capped_per_character() {
        let s = format!("a{}b", "\u{0301}".repeat(40_000));
        assert_eq!(pdf_safe(&s), format!("a{}b", "\u{0301}".repeat(MAX_ZERO_WIDTH)));
        // The 17th mark is the first change: 1 + 16 × 2 bytes.
        assert_eq!(unsafe_for_pdf(&s), Some((33, reason(Problem::Marks))));
        // Invisible characters count as well (HarfBuzz merges them into the cluster).
        let zwj = format!("a{}", "\u{200D}".repeat(30_000));
        assert_eq!(pdf_safe(&zwj).chars().count(), 1 + MAX_ZERO_WIDTH);
        assert_eq!(pdf_safe(&format!("a{}", "\u{200B}".repeat(30_000))), "a\u{200B}");
        assert_eq!(pdf_safe(&"\u{A717}".repeat(100)).chars().count(), MAX_ZERO_WIDTH);
        // Marks at the very start of a string, with no character, are capped too.
        assert_eq!(pdf_safe(&"\u{05B0}".repeat(100)).chars().count(), MAX_ZERO_WIDTH);
        // Exactly the limit is kept.
        let ok = format!("x{}", "\u{0591}".repeat(MAX_ZERO_WIDTH));
        assert!(matches!(pdf_safe(&ok), Cow::Borrowed(_)));
    }

    #[test]
    fn long_runs_get_a_break_and_keep_every_letter() {
        let s = "đ".repeat(40_000);
        let safe = pdf_safe(&s);
        assert_eq!(safe.replace(ZWSP, ""), s);
        for run in safe.split(ZWSP) {
            assert!(run.len() <= MAX_UNBROKEN, "{}", run.len());
        }
        assert_eq!(unsafe_for_pdf(&s), Some((MAX_UNBROKEN, reason(Problem::Unbroken))));
        // Spaces reset the count: long text of ordinary words is untouched.
        let words = "Thực hiện công tác ".repeat(2_000);
        assert!(matches!(pdf_safe(&words), Cow::Borrowed(_)));
        // No-break spaces do not.
        assert!(pdf_safe(&"\u{00A0}".repeat(40_000)).contains(ZWSP));
    }

    #[test]
    fn long_whitespace_is_cut() {
        let s = format!("a{}b", "\u{2003}".repeat(30_000));
        let safe = pdf_safe(&s);
        assert_eq!(safe.len(), 1 + MAX_UNBROKEN / 3 * 3 + 1);
        assert!(safe.starts_with('a') && safe.ends_with('b'));
        assert_eq!(unsafe_for_pdf(&s).map(|p| p.1), Some(reason(Problem::Spaces)));
        assert!(matches!(pdf_safe(&" ".repeat(MAX_UNBROKEN)), Cow::Borrowed(_)));
    }

    #[test]
    fn breaks_never_split_a_grapheme() {
        for unit in ["a\u{0301}", "👨‍👩‍👧", "👍🏽", "ệ", "\u{00A0}"] {
            let s = unit.repeat(3_000);
            let safe = pdf_safe(&s);
            assert_eq!(safe.replace(ZWSP, ""), s, "{unit}");
            for run in safe.split(ZWSP) {
                assert!(run.starts_with(unit), "{unit}: {:?}", &run[..8.min(run.len())]);
                assert!(run.len() <= MAX_UNBROKEN + unit.len());
            }
        }
        // Flags are never separated (typst breaks between flag pairs itself).
        assert!(matches!(pdf_safe(&"🇻🇳".repeat(1_000)), Cow::Borrowed(_)));
    }

    #[test]
    fn safe_text_is_a_fixed_point() {
        let s =
            format!("\u{200F}{} \u{0654}{} x{}", "đ".repeat(5_000), "\u{0301}".repeat(50), "\u{3000}".repeat(3_000));
        let once = pdf_safe(&s).into_owned();
        assert_eq!(pdf_safe(&once), once.as_str());
        assert_eq!(unsafe_for_pdf(&once), None);
    }

    #[test]
    fn runs_of_a_paragraph_share_the_limits() {
        let marks = "\u{0301}".repeat(10);
        let runs = ["a", marks.as_str(), marks.as_str(), "b"];
        let safe = pdf_safe_runs(runs);
        assert_eq!(safe.iter().map(|r| r.chars().count()).sum::<usize>(), 1 + MAX_ZERO_WIDTH + 1);
        assert!(matches!(safe[0], Cow::Borrowed(_)) && matches!(safe[3], Cow::Borrowed(_)));
        // A run that begins with a mark after a run that ends with a space.
        assert_eq!(pdf_safe_runs(["ب ", "\u{0654}ب"])[1], "ب");
        // One run alone is pdf_safe.
        assert_eq!(pdf_safe_runs(["a\u{200F}b"])[0], pdf_safe("a\u{200F}b"));
    }

    #[test]
    fn kern_table_is_hidden() {
        // A table directory: sfnt version, 2 tables, search fields, two records.
        let mut font = vec![0, 1, 0, 0, 0, 2, 0, 32, 0, 1, 0, 0];
        for tag in [b"GPOS", b"kern"] {
            font.extend_from_slice(tag);
            font.extend_from_slice(&[0; 12]);
        }
        let mut patched = font.clone();
        hide_legacy_kern(&mut patched);
        assert_eq!(&patched[12..16], b"GPOS");
        assert_eq!(&patched[28..32], b"kerm");
        assert_eq!(patched[..28], font[..28]);
        // Data that is not a font, or a collection pointing nowhere, is left alone.
        for junk in [&b"not a font"[..], b"ttcf\0\0\0\x01\0\0\0\x09\0\0\0\x40", b"", b"\0\0\0\0\0\xff"] {
            let mut copy = junk.to_vec();
            hide_legacy_kern(&mut copy);
            assert_eq!(copy, junk);
        }
    }
}
