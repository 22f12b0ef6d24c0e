//! A small XML writer: elements are written in the order the code calls them,
//! which the part writers keep in ECMA-376 schema order by construction.

use std::fmt::Write;

pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// An attribute value: text (escaped when written) or a number.
pub enum Value<'a> {
    Str(&'a str),
    Int(i64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(s)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Str(s)
    }
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<'_> {
            fn from(n: $t) -> Self {
                Value::Int(n as i64)
            }
        }
    )*};
}
int_values!(i32, u32, usize, i64);

pub struct Xml {
    out: String,
}

impl Xml {
    pub fn new(capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity);
        out.push_str(DECLARATION);
        Xml { out }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, Value)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            match value {
                Value::Str(s) => escape(&mut self.out, s, true),
                Value::Int(n) => {
                    let _ = write!(self.out, "{n}");
                }
            }
            self.out.push('"');
        }
    }

    pub fn open(&mut self, tag: &str, attrs: &[(&str, Value)]) {
        self.start(tag, attrs);
        self.out.push('>');
    }

    pub fn empty(&mut self, tag: &str, attrs: &[(&str, Value)]) {
        self.start(tag, attrs);
        self.out.push_str("/>");
    }

    /// `<tag w:val="value"/>`, the most common element of WordprocessingML.
    pub fn val<'a>(&mut self, tag: &str, value: impl Into<Value<'a>>) {
        self.empty(tag, &[("w:val", value.into())]);
    }

    pub fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// Character data, escaped.
    pub fn text(&mut self, s: &str) {
        escape(&mut self.out, s, false);
    }

    /// `<tag>text</tag>`.
    pub fn element(&mut self, tag: &str, attrs: &[(&str, Value)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }
}

fn escape(out: &mut String, s: &str, attribute: bool) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        match rest.as_bytes()[i] {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            _ if attribute => out.push_str("&quot;"),
            _ => out.push('"'),
        }
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new(0);
        x.element("w:t", &[("a", "x\"<&>".into())], "<b>&\"</b>");
        let s = String::from_utf8(x.into_bytes()).unwrap();
        assert!(s.ends_with(r#"<w:t a="x&quot;&lt;&amp;&gt;">&lt;b&gt;&amp;"&lt;/b&gt;</w:t>"#), "{s}");
    }
}
