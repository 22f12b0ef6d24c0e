//! A PDF's text layer → paragraphs. PDF has no paragraphs, only glyphs at
//! positions: lines are glyphs on one baseline, the header and signature blocks
//! are read column by column, and a paragraph starts where a line is indented,
//! follows a short line, or is centred.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::paragraph::{clean, dash_bullet, is_bullet, join_line, Paragraph};
use super::{ImportError, NOTE_CLOSE, NOTE_OPEN};

#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// A ruled line on the page, top-down coordinates: horizontal when `y0 == y1`.
#[derive(Clone, Copy, Debug)]
struct Rule {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

#[derive(Default)]
struct Collect {
    pages: Vec<(f64, f64, Vec<Glyph>)>,
    /// The ruled lines of each page (table borders).
    rules: Vec<Vec<Rule>>,
    flip: f64,
}

impl Collect {
    /// Straight lines of a path, in page coordinates, flipped to run top-down.
    fn lines(&mut self, ctm: &Transform, path: &pdf_extract::Path, fill: bool) {
        use pdf_extract::PathOp;
        let at = |x: f64, y: f64| {
            let px = ctm.m11 * x + ctm.m21 * y + ctm.m31;
            let py = ctm.m12 * x + ctm.m22 * y + ctm.m32;
            (px, self.flip - py)
        };
        let mut found = Vec::new();
        let mut from: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => from = Some(at(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let Some(f) = from {
                        found.push(Rule { x0: f.0, y0: f.1, x1: to.0, y1: to.1 });
                    }
                    from = Some(to);
                }
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    let (w, h) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                    // A filled hairline rectangle is a rule; an outlined one is four.
                    if fill && (w < 2.0 || h < 2.0) {
                        let (x0, x1, y0, y1) = (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
                        if w < 2.0 {
                            found.push(Rule { x0: (x0 + x1) / 2.0, y0, x1: (x0 + x1) / 2.0, y1 });
                        } else {
                            found.push(Rule { x0, y0: (y0 + y1) / 2.0, x1, y1: (y0 + y1) / 2.0 });
                        }
                    } else if !fill {
                        let c = [a, (b.0, a.1), b, (a.0, b.1), a];
                        found.extend(c.windows(2).map(|p| Rule { x0: p[0].0, y0: p[0].1, x1: p[1].0, y1: p[1].1 }));
                    }
                }
                PathOp::CurveTo(..) | PathOp::Close => {}
            }
        }
        let straight: Vec<Rule> = found
            .into_iter()
            .filter(|r| [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()))
            .filter(|r| ((r.x0 - r.x1).abs() < 0.5) != ((r.y0 - r.y1).abs() < 0.5))
            .map(|r| Rule { x0: r.x0.min(r.x1), y0: r.y0.min(r.y1), x1: r.x0.max(r.x1), y1: r.y0.max(r.y1) })
            .collect();
        if let Some(rules) = self.rules.last_mut() {
            rules.extend(straight);
        }
    }
}

impl OutputDev for Collect {
    fn begin_page(&mut self, _: u32, media: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.flip = media.ury;
        self.pages.push((media.urx - media.llx, media.ury - media.lly, Vec::new()));
        self.rules.push(Vec::new());
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &pdf_extract::ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.lines(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &pdf_extract::ColorSpace,
        _: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.lines(ctm, path, true);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        c: &str,
    ) -> Result<(), OutputError> {
        // The font size through the text matrix: the side of a square of the same area.
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        if let Some((_, _, glyphs)) = self.pages.last_mut() {
            if size.is_finite() && size > 0.5 && trm.m31.is_finite() && trm.m32.is_finite() {
                glyphs.push(Glyph {
                    x: trm.m31,
                    y: self.flip - trm.m32,
                    end: trm.m31 + width * size,
                    size,
                    text: c.to_string(),
                });
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A run of glyphs on one baseline with no wide gap.
#[derive(Clone, Debug)]
struct Segment {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

fn lines_of(mut glyphs: Vec<Glyph>, widths: bool) -> Vec<Vec<Segment>> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() < 0.35 * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut segments: Vec<Segment> = Vec::new();
            for g in row {
                if g.text.trim().is_empty() {
                    if let Some(s) = segments.last_mut() {
                        s.end = s.end.max(g.end);
                        s.text.push(' ');
                    }
                    continue;
                }
                // A run's end, or where its text would end when the font gave no widths.
                let end_of = |s: &Segment| s.end.max(s.x + s.text.chars().count() as f64 * 0.47 * s.size);
                let mark = g.text.starts_with(NOTE_OPEN);
                // A run that ends in a space goes on: pdf-extract gives typst's fonts no
                // widths, so a line's next text object (a date kept on one line, bold
                // words) may start past the estimated end of a line in capitals.
                let goes_on = |s: &Segment| s.text.ends_with(' ') && g.x - end_of(s) < 4.0 * g.size;
                match segments.last_mut() {
                    Some(s) if g.x - end_of(s) < 2.5 * g.size || (mark && g.x >= s.x) || goes_on(s) => {
                        // Without widths a gap cannot be measured: the spaces are the font's own.
                        if widths && g.x - s.end > 0.15 * g.size && !s.text.ends_with(' ') && !mark {
                            s.text.push(' ');
                        }
                        s.text.push_str(&g.text);
                        s.end = s.end.max(g.end);
                    }
                    _ => segments.push(Segment { x: g.x, end: g.end, y: g.y, size: g.size, text: g.text }),
                }
            }
            segments.retain(|s| !s.text.trim().is_empty());
            // "1" then "2" raised: one footnote mark, 12.
            for s in &mut segments {
                s.text = s.text.replace(&format!("{NOTE_CLOSE}{NOTE_OPEN}"), "");
            }
            // Some fonts come without their widths: a glyph's advance is then
            // estimated from the text (half an em a character, about Times).
            for s in &mut segments {
                let estimate = s.x + s.text.chars().count() as f64 * 0.47 * s.size;
                if s.end - s.x < 0.2 * (estimate - s.x) {
                    s.end = estimate;
                }
            }
            segments.into_iter().flat_map(split_side_by_side).collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The header's two columns set close together read as one run (LibreOffice):
/// split where the right column's fixed words start, at a position in proportion.
fn split_side_by_side(s: Segment) -> Vec<Segment> {
    let Some((left, right)) = super::recognise::header::side_by_side(&s.text) else { return vec![s] };
    let chars = s.text.chars().count().max(1) as f64;
    let per_char = (s.end - s.x) / chars;
    let at = s.x + per_char * (chars - right.chars().count() as f64);
    let left = Segment { end: s.x + per_char * left.chars().count() as f64, text: left.to_string(), ..s.clone() };
    let right = Segment { x: at, text: right.to_string(), ..s };
    vec![left, right]
}

fn is_page_number(s: &Segment, width: f64, height: f64) -> bool {
    let t = s.text.trim();
    let centre = (s.x + s.end) / 2.0;
    !t.is_empty()
        && t.len() <= 4
        && t.chars().all(|c| c.is_ascii_digit())
        && (centre - width / 2.0).abs() < width * 0.1
        && (s.y < height * 0.12 || s.y > height * 0.88)
}

/// The size most of a page's text is set in.
fn body_size(glyphs: &[Glyph]) -> f64 {
    let mut counts: std::collections::HashMap<i64, usize> = Default::default();
    for g in glyphs {
        *counts.entry((g.size * 2.0).round() as i64).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(size, n)| (*n, *size)).map_or(12.0, |(size, _)| size as f64 / 2.0)
}

fn is_digit_glyph(g: &Glyph) -> bool {
    !g.text.is_empty() && g.text.chars().all(|c| c.is_ascii_digit())
}

/// Footnotes: small text below the last line of body text, each opened by its
/// small number; and the raised small numbers in the body that refer to them.
/// Returns the footnote paragraphs; the body's marks become note marks in place.
fn footnotes(glyphs: &mut Vec<Glyph>, page: usize) -> Vec<Paragraph> {
    let body = body_size(glyphs);
    let bottom = glyphs.iter().filter(|g| g.size >= 0.9 * body).map(|g| g.y).fold(f64::MIN, f64::max);
    let (zone, rest): (Vec<Glyph>, Vec<Glyph>) =
        std::mem::take(glyphs).into_iter().partition(|g| g.y > bottom + 0.2 * body && g.size <= 0.85 * body);
    *glyphs = rest;
    // Footnotes open with their small number; small text without one (Nơi nhận
    // under the signature) stays body.
    let top = zone.iter().map(|g| g.y).fold(f64::MAX, f64::min);
    let opens = zone.iter().filter(|g| (g.y - top).abs() < 0.5 * body).min_by(|a, b| a.x.total_cmp(&b.x));
    let zone = if opens.is_some_and(|g| g.size <= 0.7 * body && is_digit_glyph(g)) {
        zone
    } else {
        glyphs.extend(zone);
        Vec::new()
    };
    // Raised marks sit on the body line just below them.
    let mut rows: Vec<f64> = glyphs.iter().filter(|g| g.size >= 0.9 * body).map(|g| g.y).collect();
    rows.sort_by(f64::total_cmp);
    rows.dedup_by(|a, b| (*a - *b).abs() < 0.3 * body);
    for g in glyphs.iter_mut().filter(|g| g.size <= 0.75 * body && is_digit_glyph(g)) {
        if let Some(&row) = rows.iter().find(|&&r| r >= g.y - 0.5 && r <= g.y + 0.7 * body) {
            g.y = row;
            g.text = format!("{NOTE_OPEN}{}{NOTE_CLOSE}", g.text);
        }
    }
    let mut notes: Vec<Paragraph> = Vec::new();
    if zone.is_empty() {
        return notes;
    }
    let small = zone.iter().map(|g| g.size).fold(f64::MAX, f64::min);
    let widths = zone.iter().any(|g| g.end > g.x);
    for line in lines_of(zone, widths) {
        let first = &line[0];
        let opens = first.size <= small + 0.5 && first.text.trim().chars().all(|c| c.is_ascii_digit());
        let rest: Vec<&str> = line.iter().skip(usize::from(opens)).map(|s| s.text.as_str()).collect();
        let text = rest.join(" ");
        match notes.last_mut() {
            Some(n) if !opens => n.text = clean(&format!("{} {text}", n.text)),
            _ => {
                let id = if opens { first.text.trim().to_string() } else { "?".into() };
                let mut p = Paragraph::new(&format!("{NOTE_OPEN}{id}{NOTE_CLOSE}{text}"));
                p.footnote = true;
                p.page = Some(page);
                notes.push(p);
            }
        }
    }
    notes
}

/// A table's grid on a page: column borders (x) and row borders (y), top-down.
struct Grid {
    columns: Vec<f64>,
    rows: Vec<f64>,
}

fn dedup_sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    v
}

/// The ruled grid of a page, if it has one: at least two columns and two rows.
fn grid(rules: &[Rule]) -> Option<Grid> {
    let vertical: Vec<&Rule> = rules.iter().filter(|r| (r.x0 - r.x1).abs() < 0.5 && r.y1 - r.y0 > 4.0).collect();
    let horizontal: Vec<&Rule> = rules.iter().filter(|r| (r.y0 - r.y1).abs() < 0.5 && r.x1 - r.x0 > 4.0).collect();
    if vertical.len() < 3 || horizontal.len() < 2 {
        return None;
    }
    let top = vertical.iter().map(|r| r.y0).fold(f64::MAX, f64::min);
    let bottom = vertical.iter().map(|r| r.y1).fold(f64::MIN, f64::max);
    let columns = dedup_sorted(vertical.iter().map(|r| r.x0).collect());
    // Row borders: horizontal rules inside the vertical rules' span, and its ends.
    let mut ys: Vec<f64> = horizontal.iter().map(|r| r.y0).filter(|y| *y >= top - 1.0 && *y <= bottom + 1.0).collect();
    ys.extend([top, bottom]);
    let rows = dedup_sorted(ys);
    (columns.len() >= 3 && rows.len() >= 2).then_some(Grid { columns, rows })
}

/// The glyphs inside the grid, as cell paragraphs (row by row), and the rest.
fn table_cells(
    grid: &Grid,
    glyphs: Vec<Glyph>,
    table: usize,
    first_row: usize,
    page: usize,
) -> (Vec<Paragraph>, Vec<Glyph>) {
    let (left, right) = (grid.columns[0], grid.columns[grid.columns.len() - 1]);
    let (top, bottom) = (grid.rows[0], grid.rows[grid.rows.len() - 1]);
    let mut cells: std::collections::BTreeMap<(usize, usize), Vec<Glyph>> = Default::default();
    let mut rest = Vec::new();
    for g in glyphs {
        let inside = g.x >= left - 0.5 && g.x < right && g.y > top && g.y < bottom;
        if !inside {
            rest.push(g);
            continue;
        }
        let col = grid.columns.iter().rposition(|c| *c <= g.x + 0.5).unwrap_or(0);
        let row = grid.rows.iter().rposition(|r| *r < g.y).unwrap_or(0);
        cells.entry((row, col)).or_default().push(g);
    }
    let mut out = Vec::new();
    for ((row, col), glyphs) in cells {
        let widths = glyphs.iter().any(|g| g.end > g.x);
        let text: Vec<String> = lines_of(glyphs, widths).iter().flatten().map(|s| s.text.clone()).collect();
        let mut p = Paragraph::new(&text.join(" "));
        if p.text.is_empty() {
            continue;
        }
        p.cell = Some(super::Cell { table, row: first_row + row + 1, column: col + 1 });
        p.page = Some(page);
        out.push(p);
    }
    (out, rest)
}

/// Paragraphs of one page.
fn page_paragraphs(width: f64, height: f64, glyphs: Vec<Glyph>, page: usize, out: &mut Vec<Paragraph>) {
    let widths = glyphs.iter().any(|g| g.end > g.x);
    let body = body_size(&glyphs);
    let lines: Vec<Vec<Segment>> = lines_of(glyphs, widths)
        .into_iter()
        .map(|l| l.into_iter().filter(|s| !(is_page_number(s, width, height))).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect();
    let left = lines.iter().flat_map(|l| l.iter().map(|s| s.x)).fold(f64::INFINITY, f64::min);
    let right = lines.iter().flat_map(|l| l.iter().map(|s| s.end)).fold(0.0, f64::max);
    let middle = (left + right) / 2.0;
    // Two columns: a line with two segments, or one that starts past the middle.
    let columnar = |l: &Vec<Segment>| l.len() >= 2 || l[0].x > middle - l[0].size;
    // The body's right edge: where most full lines end (a header or a table may
    // reach further; ragged-right text ends short of it).
    let body_right = {
        let mut ends: Vec<f64> = lines.iter().filter(|l| !columnar(l)).map(|l| l[0].end).collect();
        ends.sort_by(f64::total_cmp);
        ends.get(ends.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(right).min(right)
    };
    let mut i = 0;
    while i < lines.len() {
        if columnar(&lines[i]) {
            let mut j = i;
            while j < lines.len() && columnar(&lines[j]) {
                j += 1;
            }
            let zone = &lines[i..j];
            let left_col: Vec<Segment> = zone.iter().flatten().filter(|s| s.x < middle - s.size).cloned().collect();
            let right_col: Vec<Segment> = zone.iter().flatten().filter(|s| s.x >= middle - s.size).cloned().collect();
            for col in [left_col, right_col] {
                column_paragraphs(&col, page, out);
            }
            i = j;
        } else {
            let mut j = i;
            while j < lines.len() && !columnar(&lines[j]) {
                j += 1;
            }
            let run: Vec<Segment> = lines[i..j].iter().map(|l| l[0].clone()).collect();
            body_paragraphs(&run, left, body_right, middle, widths, body, page, out);
            i = j;
        }
    }
}

/// In a column block (header, Nơi nhận, signature) a line is a paragraph, unless
/// the next one goes on in lower case.
fn column_paragraphs(col: &[Segment], page: usize, out: &mut Vec<Paragraph>) {
    let mut current: Option<Paragraph> = None;
    for s in col {
        let lower = s.text.trim_start().chars().next().is_some_and(char::is_lowercase);
        match &mut current {
            Some(p) if lower => p.text = join_line(&p.text, &s.text),
            _ => {
                out.extend(current.take());
                let mut p = Paragraph::new(&s.text);
                p.page = Some(page);
                current = Some(p);
            }
        }
    }
    out.extend(current);
}

#[allow(clippy::too_many_arguments)]
fn body_paragraphs(
    run: &[Segment],
    left: f64,
    right: f64,
    middle: f64,
    widths: bool,
    body: f64,
    page: usize,
    out: &mut Vec<Paragraph>,
) {
    let mut current: Option<(Paragraph, Segment)> = None;
    // Without glyph widths a line's end is a guess: a line starting well past the
    // first-line indent is taken as centred.
    let is_centred = |s: &Segment| {
        if widths {
            // As much room on both sides: a line with a hanging list indent that
            // runs close to the right margin is full, not centred.
            ((s.x + s.end) / 2.0 - middle).abs() < s.size && s.x > left + 2.0 * s.size && s.end < right - 2.0 * s.size
        } else {
            s.x > left + 3.0 * s.size
        }
    };
    for s in run {
        let centred = is_centred(s);
        let indented = s.x > left + 0.8 * s.size;
        let new = match &current {
            None => true,
            Some((p, prev)) => {
                let prev_centred = is_centred(prev);
                let gap = s.y - prev.y;
                let kind = super::recognise::header::is_kind_line(&p.text);
                if centred && prev_centred {
                    let caps = super::recognise::header::is_capitals;
                    kind || gap > 2.2 * s.size
                        || super::recognise::header::is_kind_line(&s.text)
                        || caps(&p.text) != caps(&s.text)
                } else if widths {
                    // Positions are known: the previous line ended a paragraph if the
                    // first word of this one would have fitted on it; a list marker
                    // opens an item. Indents say little (hanging list indents).
                    let per_char = (s.end - s.x) / s.text.chars().count().max(1) as f64;
                    let first_word = s.text.split(' ').next().map_or(0, |w| w.chars().count()) as f64 * per_char;
                    let fits = prev.end + first_word + 0.5 * s.size < right;
                    centred || prev_centred || fits || starts_item(&s.text) || gap > 2.2 * s.size
                } else {
                    // Nơi nhận: smaller type, one "- " entry a line, at the margin.
                    let entry = s.size < 0.92 * body && s.text.starts_with(['-', '+', '–']);
                    centred || prev_centred || indented || entry || gap > 2.2 * s.size
                }
            }
        };
        if new {
            if let Some((p, _)) = current.take() {
                out.push(p);
            }
            let mut p = Paragraph::new(&s.text);
            p.centered = centred;
            p.page = Some(page);
            p.flush = current.is_none() && !centred && !indented;
            current = Some((p, s.clone()));
        } else if let Some((p, prev)) = &mut current {
            p.text = join_line(&p.text, &s.text);
            *prev = s.clone();
        }
    }
    if let Some((p, _)) = current {
        out.push(p);
    }
}

pub fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, ImportError> {
    // The parser is not ours: a panic on a damaged file is a damaged file.
    let result = std::panic::catch_unwind(|| -> Result<Collect, String> {
        let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            doc.decrypt("").map_err(|e| e.to_string())?;
        }
        let mut collect = Collect::default();
        pdf_extract::output_doc(&doc, &mut collect).map_err(|e| e.to_string())?;
        Ok(collect)
    });
    let collect = match result {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return Err(ImportError::Damaged(e)),
        Err(_) => return Err(ImportError::Damaged("the PDF could not be read".into())),
    };
    let letters: usize =
        collect.pages.iter().flat_map(|p| p.2.iter()).filter(|g| g.text.chars().any(char::is_alphabetic)).count();
    if letters < 20 * collect.pages.len().max(1) / 4 + 10 {
        return Err(ImportError::NeedsOcr);
    }
    let mut out = Vec::new();
    let mut notes = Vec::new();
    // (table number, rows so far, header row text) of a table that may go on over the page.
    let mut open: Option<(usize, usize, String)> = None;
    let mut tables = 0;
    for (n, ((w, h, mut glyphs), rules)) in collect.pages.into_iter().zip(collect.rules).enumerate() {
        notes.extend(footnotes(&mut glyphs, n + 1));
        let Some(grid) = grid(&rules) else {
            open = None;
            page_paragraphs(w, h, glyphs, n + 1, &mut out);
            continue;
        };
        let (top, bottom) = (grid.rows[0], grid.rows[grid.rows.len() - 1]);
        let (above, rest): (Vec<Glyph>, Vec<Glyph>) = glyphs.into_iter().partition(|g| g.y <= top);
        let (below, inside): (Vec<Glyph>, Vec<Glyph>) = rest.into_iter().partition(|g| g.y >= bottom);
        let continues = open.is_some() && above.iter().all(|g| is_digit_glyph(g) || g.text.trim().is_empty());
        page_paragraphs(w, h, above, n + 1, &mut out);
        let (table, first_row, header) = match open.take().filter(|_| continues) {
            Some(t) => t,
            None => {
                tables += 1;
                (tables, 0, String::new())
            }
        };
        let (mut cells, stray) = table_cells(&grid, inside, table, first_row, n + 1);
        // A header row repeated on the new page is not a row of its own.
        let row_text = |cells: &[Paragraph], row: usize| {
            cells
                .iter()
                .filter(|c| c.cell.is_some_and(|x| x.row == row))
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("|")
        };
        if first_row > 0 && row_text(&cells, first_row + 1) == header {
            cells.retain(|c| c.cell.is_some_and(|x| x.row != first_row + 1));
            for c in &mut cells {
                if let Some(x) = &mut c.cell {
                    x.row -= 1;
                }
            }
        }
        let header = if first_row == 0 { row_text(&cells, 1) } else { header };
        let rows = cells.iter().filter_map(|c| c.cell.map(|x| x.row)).max().unwrap_or(first_row);
        out.extend(cells);
        let mut after = below;
        after.extend(stray);
        if after.iter().all(|g| is_digit_glyph(g) || g.text.trim().is_empty()) {
            open = Some((table, rows, header));
        }
        page_paragraphs(w, h, after, n + 1, &mut out);
    }
    // Footnotes after the body, as a DOCX has them.
    for p in &mut out {
        p.text = dash_bullet(&p.text);
    }
    let mut out = merge_across_pages(out);
    out.extend(notes);
    Ok(out)
}

/// A list item's opening: a bullet, a dash, "1.", "a)".
fn starts_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['-', '+', '–']) || t.starts_with(is_bullet) {
        return true;
    }
    let lead: String = t.chars().take_while(|c| c.is_ascii_digit() || c.is_alphabetic()).collect();
    !lead.is_empty()
        && lead.chars().count() <= 3
        && t[lead.len()..].starts_with(['.', ')'])
        && !t[lead.len() + 1..].starts_with(|c: char| c.is_ascii_digit())
        && (lead.chars().all(|c| c.is_ascii_digit())
            || lead.chars().count() == 1
            // A part's Roman number: "III. KINH PHÍ THỰC HIỆN".
            || lead.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// A paragraph that runs on to the next page: the first line of the page starts
/// at the margin in lower case.
fn merge_across_pages(paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some(last) = out.last_mut().filter(|l| !l.footnote) {
            let lower = p.text.chars().next().is_some_and(char::is_lowercase);
            let turned = last.page.is_some() && p.page.is_some() && last.page != p.page;
            // A heading on a page's last line ("V. TỔ CHỨC THỰC HIỆN") stays a heading.
            let heading = super::recognise::header::is_capitals(&last.text)
                || super::recognise::body::is_part_heading(last).is_some();
            let open = !last.text.ends_with(['.', ':', ';', '!', '?']) && !heading;
            if turned && (lower || p.flush) && open && !p.centered && !last.centered && p.cell.is_none() {
                last.text = join_line(&last.text, &p.text);
                continue;
            }
        }
        out.push(p);
    }
    out
}
