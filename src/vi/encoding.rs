//! Legacy Vietnamese encodings: files saved in TCVN3 (ABC), VNI or Windows-1258,
//! and their text pasted into a UTF-8 file, where it reads as mojibake
//! ("Uû ban nh©n d©n", "UÛY BAN NHAÂN DAÂN"). Recognised, never printed.

use std::ops::Range;

/// A legacy encoding still common in offices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 (ABC, fonts .VnTime): one byte per letter, 0xA1–0xFE.
    Tcvn3,
    /// VNI (fonts VNI-Times): a base letter followed by a mark character.
    Vni,
    /// Windows-1258: a base letter followed by a combining tone byte.
    Windows1258,
}

impl Legacy {
    /// The name offices know it by, as converters (UniKey) list it.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI Windows",
            Legacy::Windows1258 => "Windows-1258",
        }
    }
}

/// Characters TCVN3 text shows when read as Latin-1: symbols that Vietnamese never
/// writes inside a word ("nh©n" for "nhân", "®" for "đ", "¸" for "á").
fn tcvn3_sign(c: char) -> bool {
    tcvn3_symbol(c) || matches!(c, 'Ø' | 'Þ' | 'ß' | 'æ' | 'ø' | 'þ')
}

/// TCVN3's letters that read as Latin-1 symbols, not letters ("©" â, "¬" ơ, "µ" à,
/// "÷" ữ). VNI writes its marks with Latin-1 letters only, so these settle which
/// of the two a text is when its other signs ("Ö", "ë", "Î") could be either.
fn tcvn3_symbol(c: char) -> bool {
    matches!(c, '¡'..='§' | '¨'..='®' | '°'..='¿' | '×' | '÷') && c != '·'
}

/// Latin-1 letters that are not Vietnamese letters: VNI's marks ("û" hook, "ø"
/// grave, "ï" dot below, "ñ" đ) and their capitals.
fn vni_sign(c: char) -> bool {
    matches!(
        c,
        'û' | 'Û'
            | 'ø'
            | 'Ø'
            | 'ï'
            | 'Ï'
            | 'ñ'
            | 'Ñ'
            | 'ö'
            | 'Ö'
            | 'ë'
            | 'Ë'
            | 'ü'
            | 'Ü'
            | 'å'
            | 'Å'
            | 'ç'
            | 'Ç'
            | 'î'
            | 'Î'
    )
}

/// VNI writes a circumflex as a mark after the vowel ("aâ" for "â", "eâ" for "ê");
/// no Vietnamese word has a vowel then "â".
fn vni_pair(prev: char, c: char) -> bool {
    matches!((prev, c), ('a' | 'e' | 'o', 'â') | ('A' | 'E' | 'O', 'Â'))
}

/// The first word of `text` that is legacy-encoded text read as Unicode, and
/// which encoding it was. One odd symbol is not enough ("© 2023"): the text must
/// show at least two signs of the same encoding.
pub fn mojibake(text: &str) -> Option<(Legacy, Range<usize>)> {
    // Nearly every text is ASCII and Vietnamese letters: nothing to look at.
    if !text.chars().any(|c| ('\u{a1}'..='\u{ff}').contains(&c)) {
        return None;
    }
    let (mut tcvn3, mut vni) = (Vec::new(), Vec::new());
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        let (tcvn3_here, vni_here) = (tcvn3_sign(c), vni_sign(c) || vni_pair(prev, c));
        // Only inside a word: a sign between letters (looked up for signs only,
        // which are rare: this runs on every text of a plan).
        if tcvn3_here || vni_here {
            let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
            if prev.is_alphabetic() || next.is_alphabetic() {
                if tcvn3_here {
                    tcvn3.push(i);
                }
                if vni_here {
                    vni.push(i);
                }
            }
        }
        prev = c;
    }
    let symbols = tcvn3.iter().filter(|&&i| text[i..].chars().next().is_some_and(tcvn3_symbol)).count();
    let (legacy, at) = if symbols >= 2 {
        (Legacy::Tcvn3, tcvn3[0])
    } else if vni.len() >= 2 && vni.len() >= tcvn3.len() {
        (Legacy::Vni, vni[0])
    } else if tcvn3.len() >= 2 {
        (Legacy::Tcvn3, tcvn3[0])
    } else {
        return None;
    };
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    Some((legacy, start..end))
}

/// Text saved as UTF-16 with its byte-order mark (Notepad's "Unicode"), or `None`
/// when the bytes have no such mark or are not whole UTF-16.
pub fn utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    if rest.len() % 2 != 0 {
        return None;
    }
    let units =
        rest.chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

/// The legacy encoding of bytes that are not UTF-8, when they look like one.
pub fn guess(bytes: &[u8]) -> Option<Legacy> {
    // Windows-1258 writes tones as combining bytes after a vowel (grave 0xCC,
    // hook 0xD2, tilde 0xDE, acute 0xEC, dot below 0xF2).
    let vowel = |b: u8| {
        b"aeiouyAEIOUY".contains(&b) || matches!(b, 0xE2 | 0xEA | 0xF4 | 0xE3 | 0xF5 | 0xFD | 0xC2 | 0xCA | 0xD4)
    };
    let tones = bytes.windows(2).filter(|w| vowel(w[0]) && matches!(w[1], 0xCC | 0xD2 | 0xDE | 0xEC | 0xF2)).count();
    // Read as Latin-1, the others show their signs.
    let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    let signs = mojibake(&latin1).map(|(l, _)| l);
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high == 0 {
        return None;
    }
    if tones * 4 >= high {
        return Some(Legacy::Windows1258);
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pasted_tcvn3_and_vni() {
        let t = "Kế hoạch của Uû ban nh©n d©n tØnh";
        let (l, r) = mojibake(t).unwrap();
        assert_eq!((l, &t[r]), (Legacy::Tcvn3, "nh©n"));
        // Its tone letters "Ö" (ệ), "ë" (ở), "Î" (ẻ) are VNI's marks too; "µ", "¬", "÷" are not.
        let t = "Hoµn thiÖn c¬ së d÷ liÖu vÒ trÎ em";
        let (l, r) = mojibake(t).unwrap();
        assert_eq!((l, &t[r]), (Legacy::Tcvn3, "Hoµn"));
        let v = "Sôû Giaùo duïc vaø Ñaøo taïo";
        assert_eq!(mojibake(v).map(|(l, _)| l), Some(Legacy::Vni));
        let v = "UÛY BAN NHAÂN DAÂN TÆNH";
        let (l, r) = mojibake(v).unwrap();
        assert_eq!((l, &v[r]), (Legacy::Vni, "UÛY"));
    }

    #[test]
    fn vietnamese_text_is_not_mojibake() {
        for t in [
            "Ủy ban nhân dân tỉnh Sơn La",
            "Thực hiện công tác bảo vệ, chăm sóc trẻ em; quân, xuân, tiên, yêu, khuyên",
            "© 2023 Văn phòng",
            "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 99,5%",
        ] {
            assert_eq!(mojibake(t), None, "{t}");
        }
    }

    #[test]
    fn reads_utf16_with_its_mark() {
        let text = "Kế hoạch số 5";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(utf16(&le).as_deref(), Some(text));
        assert_eq!(utf16(&be).as_deref(), Some(text));
        assert_eq!(utf16(&le[..le.len() - 1]), None);
        assert_eq!(utf16(text.as_bytes()), None);
    }

    #[test]
    fn guesses_the_encoding_of_bytes() {
        // "nhân dân" in Windows-1258: n h 0xE2 n; "Ủy": U 0xD2 y.
        assert_eq!(guess(b"U\xd2y ban nh\xe2n d\xe2n t\xecnh"), Some(Legacy::Windows1258));
        // TCVN3: "nh\xa9n" (nhân), "\xae" (đ).
        assert_eq!(guess(b"Uy ban nh\xa9n d\xa9n t\xd8nh \xae\xb8nh"), Some(Legacy::Tcvn3));
        assert_eq!(guess(b"plain ascii"), None);
    }
}
