#!/usr/bin/env python3
"""Word files for the conformance tests, written the way Word writes them:
the header in a borderless table, the rules under the issuer and the motto as
drawn shapes (VML and DrawingML), body text in "Normal" with direct formatting,
the page number as a PAGE field in a "different first page" header.
One clean file and one file per known defect (tests/fixtures/conform/)."""
import os, zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "conform")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

def run(text, sz=28, b=False, i=False):
    props = f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>' + ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'

def para(inner, jc="both", first=567, before=120, after=0, line=312, extra=""):
    ind = f'<w:ind w:firstLine="{first}"/>' if first else ""
    return f'<w:p><w:pPr><w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>{ind}<w:jc w:val="{jc}"/></w:pPr>{extra}{inner}</w:p>'

def centred(inner, extra=""):
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>{inner}{extra}</w:p>'

# A VML line (Word 2007 compatibility) and a DrawingML line shape (Word 2010+).
VML_LINE = '<w:r><w:pict><v:line id="l1" style="position:absolute;z-index:1" from="60pt,2pt" to="230pt,2pt" strokeweight=".5pt"/></w:pict></w:r>'
DML_LINE = ('<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>700000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>20000</wp:posOffset></wp:positionV><wp:extent cx="800000" cy="0"/>'
            '<wp:wrapNone/><wp:docPr id="2" name="Line 2"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="800000" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')

def document(d):
    cell = lambda w, body: f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{body}</w:tc>'
    left = (centred(run("ỦY BAN NHÂN DÂN", 26, b=d["issuer_bold"])) + centred(run("HUYỆN MAI SƠN", 26, b=d["issuer_bold"]))
            + centred("", DML_LINE if d["issuer_rule"] else ""))
    right = (centred(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, b=True)) + centred(run("Độc lập - Tự do - Hạnh phúc", 28, b=True))
             + centred("", VML_LINE if d["motto_rule"] else ""))
    row2 = cell(3600, centred(run(d["number"], 26))) + cell(5800, centred(run(d["date"], 28, i=True)))
    header = ('<w:tbl><w:tblPr><w:tblW w:w="9400" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr>'
              f'<w:tblGrid><w:gridCol w:w="3600"/><w:gridCol w:w="5800"/></w:tblGrid><w:tr>{cell(3600, left)}{cell(5800, right)}</w:tr><w:tr>{row2}</w:tr></w:tbl>')
    body = [
        para(run("KẾ HOẠCH", 28, b=True), jc="center", first=0, before=360),
        para(run("Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2024 trên địa bàn huyện", 28, b=True), jc="center", first=0, before=0),
        centred("", DML_LINE.replace('id="2" name="Line 2"', 'id="3" name="Line 3"')),
        para(run("Thực hiện Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Sơn La, Ủy ban nhân dân huyện Mai Sơn ban hành Kế hoạch thực hiện công tác trẻ em năm 2024 như sau:", d["body_size"])),
        para(run("I. MỤC ĐÍCH, YÊU CẦU", 28, b=True)),
        para(run("1. Mục đích", 28, b=True)),
        para(run("Nâng cao nhận thức, trách nhiệm của các cấp, các ngành, gia đình và cộng đồng trong công tác bảo vệ, chăm sóc trẻ em; bảo đảm thực hiện các quyền của trẻ em.", d["body_size"])),
        para(run("2. Yêu cầu", 28, b=True)),
        para(run("a) Các cơ quan, đơn vị triển khai thực hiện nghiêm túc, hiệu quả các nhiệm vụ được giao, gắn với chức năng, nhiệm vụ của từng cơ quan, đơn vị.", d["body_size"])),
        para(run("II. NHIỆM VỤ, GIẢI PHÁP", 28, b=True)),
        para(run("1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Sở Y tế và các cơ quan liên quan tham mưu Ủy ban nhân dân huyện triển khai Kế hoạch./.", d["body_size"])),
    ]
    items = ["- Sở Y tế tỉnh Sơn La;", "- Thường trực Huyện ủy;", "- Các phòng, ban, ngành huyện;", d["archive"]]
    recipients = (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>{run("Nơi nhận:", 24, b=True, i=True)}</w:p>'
                  + "".join(f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>{run(t, 22)}</w:p>' for t in items))
    sign = (centred(run("TM. ỦY BAN NHÂN DÂN", 28, b=True)) + centred(run("CHỦ TỊCH", 28, b=True))
            + centred("") + centred("") + centred(run("Nguyễn Văn An", 28, b=True)))
    closing = ('<w:tbl><w:tblPr><w:tblW w:w="9400" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4200"/><w:gridCol w:w="5200"/></w:tblGrid>'
               f'<w:tr>{cell(4200, recipients)}{cell(5200, sign)}</w:tr></w:tbl><w:p/>')
    margins = d["margins"]
    sect = (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:headerReference w:type="first" r:id="rIdH2"/>'
            f'<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{margins[0]}" w:right="{margins[3]}" w:bottom="{margins[1]}" w:left="{margins[2]}" w:header="567" w:footer="567" w:gutter="0"/>'
            + ("<w:titlePg/>" if d["title_page"] else "") + '</w:sectPr>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{header}{"".join(body)}{closing}{sect}</w:body></w:document>'

STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Calibri"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>'
          '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>NORMAL_RPR</w:style>'
          '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/></w:tabs></w:pPr></w:style>'
          '</w:styles>')

def header_xml(page):
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>') if page else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W}><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>{field}</w:p></w:hdr>'

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
      '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
      '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            '<Relationship Id="rIdH2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>')

CLEAN = dict(issuer_bold=True, issuer_rule=True, motto_rule=True, number="Số: 45/KH-UBND", date="Mai Sơn, ngày 20 tháng 02 năm 2024",
             body_size=28, archive="- Lưu: VT, VHXH.", margins=(1134, 1134, 1701, 850), title_page=True, normal_size=None)

# (file, changes): each breaks one rule of NĐ 30.
VARIANTS = [
    ("word-clean", {}),
    ("word-margins", dict(margins=(1134, 1134, 1134, 1134))),
    ("word-size-through-styles", dict(body_size=None, normal_size=24)),
    ("word-no-motto-rule", dict(motto_rule=False)),
    ("word-thang-04", dict(date="Mai Sơn, ngày 20 tháng 04 năm 2024")),
    ("word-page-number-on-page-1", dict(title_page=False)),
    ("word-bad-code", dict(number="Số: 45/KH.UBND")),
    ("word-no-archive", dict(archive="- Phòng Tư pháp huyện.")),
    ("word-issuer-not-bold", dict(issuer_bold=False)),
]

def write(name, changes):
    d = dict(CLEAN, **changes)
    doc = document(d)
    if d["body_size"] is None:
        # Body runs carry no size: the "Normal" style's 12 pt shows.
        doc = doc.replace('<w:sz w:val="None"/><w:szCs w:val="None"/>', "")
    normal = f'<w:rPr><w:sz w:val="{d["normal_size"]}"/><w:szCs w:val="{d["normal_size"]}"/></w:rPr>' if d["normal_size"] else ""
    path = os.path.join(OUT, name + ".docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in [("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/document.xml", doc), ("word/styles.xml", STYLES.replace("NORMAL_RPR", normal)),
                           ("word/header1.xml", header_xml(True)), ("word/header2.xml", header_xml(False))]:
            info = zipfile.ZipInfo(part, date_time=(2024, 2, 20, 0, 0, 0))
            z.writestr(info, text, zipfile.ZIP_DEFLATED)

os.makedirs(OUT, exist_ok=True)
for name, changes in VARIANTS:
    write(name, changes)
