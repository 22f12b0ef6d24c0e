#!/usr/bin/env python3
"""Writes the DOCX test inputs of tests/testsuite/import.rs from the published sample
texts, with generators other than kehoach, so import is tested on what other tools write:

- pandoc (markdown with hard line breaks): automatic numbering (w:numPr) for every
  "- " and "1." list, manual line breaks in the header, Nơi nhận and signature;
- LibreOffice from HTML: the header block as a two-column table, lists as
  automatic numbering, manual line breaks.

Run from the repository root; needs pandoc and soffice. The outputs are committed.
"""
import html
import pathlib
import re
import subprocess
import tempfile

root = pathlib.Path(__file__).resolve().parent.parent
samples = root / "tests/fixtures/samples"
out = root / "tests/fixtures/import"
out.mkdir(parents=True, exist_ok=True)

for sample in sorted(samples.glob("*.txt")):
    stem = sample.stem
    subprocess.run(["pandoc", "-f", "markdown+hard_line_breaks", "-t", "docx", str(sample),
                    "-o", str(out / f"{stem}.pandoc.docx")], check=True)

# Sơn La as a LibreOffice document: header table, lists, line breaks.
text = (samples / "son-la-2023-kh93.txt").read_text()
lines = text.splitlines()
start = lines.index("ỦY BAN NHÂN DÂN")
end = max(i for i, l in enumerate(lines) if l.strip() == "Tráng Thị Xuân")
body = [l for l in lines[start:end + 1]]
kind = body.index("KẾ HOẠCH")
header = [l for l in body[:kind] if l.strip()]
left = [l for l in header if l in ("ỦY BAN NHÂN DÂN", "TỈNH SƠN LA") or l.startswith("Số:")]
right = [l for l in header if l not in left and not set(l) <= set("-")]
parts = ["<html><head><meta charset='utf-8'></head><body>",
         "<table><tr><td>" + "<br>".join(map(html.escape, left)) + "</td><td>"
         + "<br>".join(map(html.escape, right)) + "</td></tr></table>"]
in_list = False
for l in body[kind:]:
    l = l.strip()
    if not l:
        continue
    if l.startswith("- ") and not l.startswith("- Lưu"):
        if not in_list:
            parts.append("<ul>")
            in_list = True
        parts.append("<li>" + html.escape(l[2:]) + "</li>")
        continue
    if in_list:
        parts.append("</ul>")
        in_list = False
    parts.append("<p>" + html.escape(l) + "</p>")
parts.append("</body></html>")
with tempfile.TemporaryDirectory() as tmp:
    page = pathlib.Path(tmp) / "son-la-2023-kh93.libreoffice.html"
    page.write_text("\n".join(parts))
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(page)],
                   check=True, capture_output=True)

# PDFs with real glyph widths (LibreOffice's), from two of the DOCX above.
for docx in ["son-la-2023-kh93.libreoffice.docx", "cam-giang-2023-kh15.pandoc.docx"]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(out / docx)], check=True, capture_output=True)
        pdf = pathlib.Path(tmp) / (pathlib.Path(docx).stem + ".pdf")
        (out / pdf.name).write_bytes(pdf.read_bytes())
