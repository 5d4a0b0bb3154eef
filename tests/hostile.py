"""A corpus of hostile and broken inputs, generated, never checked in.

:func:`build` writes every file into a directory and returns what chiso must
do with each: load it with exactly the facts of the clean article it was made
from, or refuse it with a stage and a reason.  The unit tests feed each case
to the reader and the pipeline; the end-to-end test runs ``chiso run`` over
the whole directory.
"""

from __future__ import annotations

import html
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from extractors.text.txt import parse_txt
from tests.conftest import FIXTURES
from tests.encodings import to_cp1258, to_tcvn3, to_vni

# The clean article every loadable case is made from: its facts are the answer.
BASE = FIXTURES / "articles" / "pci-2023-ba-vi-tri-dan-dau.txt"
HUGE_BYTES = 200 * 1024 * 1024
DEPTH = 100_000
NUMBERS = 100_000
ATTRIBUTES = 1_000_000


@dataclass(frozen=True)
class Case:
    name: str  # path inside the corpus directory
    what: str
    stage: str | None = None  # None: loads, with the facts of BASE
    reason: str | None = None  # a part of the reason chiso must give
    encoding: str | None = None  # the encoding chiso must report when it loads
    media_type: str | None = None

    @property
    def loads(self) -> bool:
        return self.stage is None


def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


def as_page(text: str, charset: str | None = "utf-8", tail: str = "") -> str:
    """The article as a news page: title, byline, lead, paragraphs and
    captions in <article>, the page furniture outside it."""
    article = parse_txt(text, "base.txt")
    head = f'<meta charset="{charset}">' if charset else ""
    tags = {"title": "h1", "lead": "p", "paragraph": "p", "caption": "figcaption"}
    body = "\n".join(f"<{tags[b.kind]}>{html.escape(b.text)}</{tags[b.kind]}>" for b in article.blocks)
    byline = f'<p class="author">{", ".join(article.authors)}</p>' if article.authors else ""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{html.escape(article.title or '')}</title></head><body>"
        f'<nav><a href="/">Trang chủ</a></nav><article>{byline}\n{body}\n</article>{tail}</body></html>'
    )


CASES = (
    Case("rong.txt", "an empty file", "decode", "the file is empty"),
    Case("anh-bia.html", "a PNG image renamed .html", "decode", "it is a PNG image"),
    Case(
        "cat-giua-the.html", "HTML cut off in the middle of a tag", encoding="utf-8", media_type="text/html"
    ),
    Case("qua-lon.txt", "a 200 MB file, over the 50 MB cap", "read", "over the 50.0 MB limit"),
    Case(
        "utf8-hong.txt", "bytes that are not UTF-8 nor any Vietnamese encoding", "decode", "not valid UTF-8"
    ),
    Case("utf8-vai-byte-hong.txt", "UTF-8 with two damaged bytes", encoding="utf-8"),
    Case("cp1258.txt", "windows-1258 text", encoding="cp1258", media_type="text/plain"),
    Case("cp1258-co-khai-bao.html", "windows-1258 HTML with its charset declared", encoding="cp1258"),
    Case("cp1258-khong-khai-bao.html", "windows-1258 HTML declaring no charset", encoding="cp1258"),
    Case("cp1258-khai-sai.html", "windows-1258 HTML that declares UTF-8", encoding="cp1258"),
    Case("utf16-bom.txt", "UTF-16 with a byte-order mark", encoding="utf-16-le"),
    Case("nfd.txt", "decomposed Unicode (NFD)", encoding="utf-8"),
    Case("tcvn3.txt", "the legacy TCVN3 (ABC) font encoding", encoding="tcvn3"),
    Case("vni.txt", "the legacy VNI font encoding", encoding="vni"),
    Case("long-nhau.html", f"HTML nested {DEPTH:,} levels deep", "parse", "levels deep"),
    Case(
        "thuoc-tinh-lu.html",
        f"a 12 MB page whose tag carries {ATTRIBUTES:,} attributes, '>' inside quoted values",
        encoding="utf-8",
        media_type="text/html",
    ),
    Case("nhieu-the-lu.html", "300 tags of 1,000 attributes each", "parse", "too many attributes"),
    Case("bang-so.html", f"a page with {NUMBERS:,} numbers", encoding="utf-8", media_type="text/html"),
    Case("that-ra-la-html.txt", "a .txt file that is an HTML page", media_type="text/html"),
    Case("that-ra-la-van-ban.html", "an .html file that is plain text", media_type="text/plain"),
    Case("Quảng Ninh dẫn đầu PCI 2023 (bản sao).txt", "a file name with spaces and Vietnamese letters"),
    Case("vong-lap/ban-sao.txt", "an article inside a directory that links back to its parent"),
)


def build(directory: Path) -> list[Case]:
    """Write every case into ``directory``; return the cases."""
    text = base_text()
    page = as_page(text)
    related = '<div class="related"><a href="/x">Tin liên quan</a></div>'
    directory.mkdir(parents=True, exist_ok=True)

    def write(name: str, data: bytes) -> None:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    write("rong.txt", b"")
    write("anh-bia.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096))
    cut = as_page(text, tail=related)
    write("cat-giua-the.html", cut[: cut.index(related) + len('<div class="rel')].encode())
    with open(directory / "qua-lon.txt", "wb") as handle:  # sparse: no disk used
        handle.truncate(HUGE_BYTES)
    write("utf8-hong.txt", bytes(range(0x80, 0x100)) * 64)
    damaged = text.encode() + b"\n\nB\xe1\xbb\xaa\xff\xfei viet.\n"
    write("utf8-vai-byte-hong.txt", damaged)
    write("cp1258.txt", to_cp1258(text))
    write("cp1258-co-khai-bao.html", to_cp1258(as_page(text, "windows-1258")))
    write("cp1258-khong-khai-bao.html", to_cp1258(as_page(text, None)))
    write("cp1258-khai-sai.html", to_cp1258(as_page(text, "utf-8")))
    write("utf16-bom.txt", text.encode("utf-16"))
    write("nfd.txt", unicodedata.normalize("NFD", text).encode())
    write("tcvn3.txt", to_tcvn3(text))
    write("vni.txt", to_vni(text))
    write(
        "long-nhau.html",
        b"<!DOCTYPE html><html><body>"
        + b"<div>" * DEPTH
        + page.encode()
        + b"</div>" * DEPTH
        + b"</body></html>",
    )
    flood = " ".join(f'a{i}="{">" if i % 200 == 0 else "v"}"' for i in range(ATTRIBUTES))
    write("thuoc-tinh-lu.html", page.replace("<article>", f"<article {flood}>").encode())
    many = ("<i " + " ".join(f'a{i}=">"' for i in range(1_000)) + ">x</i>") * 300
    write("nhieu-the-lu.html", page.replace("</article>", f"{many}</article>").encode())
    table = "<table>" + "".join(
        f"<tr><td>{i}</td><td>{i % 63 + 1}</td><td>{i / 7:.2f}</td></tr>" for i in range(NUMBERS // 3 + 1)
    )
    write("bang-so.html", as_page(text, tail=table + "</table>").encode())
    write("that-ra-la-html.txt", page.encode())
    write("that-ra-la-van-ban.html", text.encode())
    write("Quảng Ninh dẫn đầu PCI 2023 (bản sao).txt", text.encode())
    write("vong-lap/ban-sao.txt", text.encode())
    os.symlink("..", directory / "vong-lap" / "lai-tu-dau")
    return list(CASES)


# --- adversarial text: each grows with n, and chiso's time must grow linearly --------

_PAGE = "<html><body><article><p>Quảng Nam xếp hạng 3 PCI 2023.</p>{}</article></body></html>"

ADVERSARIAL = {
    # plain text: runs of what the rules look for, in one sentence or many
    "digits": lambda n: "1 " * n,
    "separators": lambda n: "1,1." * (n // 2),
    "decimal-run": lambda n: "0,4820 " * n,
    "long-number": lambda n: "9" * (2 * n),
    "entity-run": lambda n: "Quảng Nam " * n,
    "entity-list": lambda n: "Hà Nội, Hải Phòng, " * (n // 2),
    "rank-words": lambda n: "xếp hạng " * n,
    "ranks": lambda n: "xếp hạng 1 " * n,
    "years": lambda n: "năm 2020 " * n,
    "brackets": lambda n: "(" * n + ")" * n,
    "paren-years": lambda n: "(năm 2019 là 12) " * (n // 4),
    "no-spaces": lambda n: "a" * (2 * n),
    "index-names": lambda n: "chỉ số PCI " * n,
    "in-turn": lambda n: "lần lượt là " * n + "1",
    "rise-words": lambda n: "tăng " * n + "3 bậc",
    "one-sentence-table": lambda n: (
        "PCI 2023: " + ", ".join(["Quảng Nam xếp hạng 5 với 70,5 điểm"] * (n // 8))
    ),
    "ordered-list": lambda n: (
        "PCI 2023 lần lượt thuộc về " + ", ".join(["Quảng Ninh", "Hải Phòng"] * (n // 4))
    ),
    "sentences": lambda n: "Quảng Nam xếp hạng 1 PCI 2023. " * (n // 6),
    "year-paragraphs": lambda n: "\n\n".join(f"Năm {2000 + i % 30} chỉ số PCI" for i in range(n // 4)),
    "list-paragraphs": lambda n: "\n\n".join(f"{i % 900 + 1}. Quảng Ninh: 70,1 điểm" for i in range(n // 5)),
    "capitals": lambda n: "QUẢNG NAM " * n,
    # HTML: floods of what parsers and the page reader handle one by one
    "html-paragraphs": lambda n: _PAGE.format("<p>Quảng Nam xếp hạng 3 PCI 2023.</p>" * (n // 6)),
    "html-line-breaks": lambda n: _PAGE.format("<p>" + "Hà Nội 1<br>" * n + "</p>"),
    "html-attributes": lambda n: _PAGE.format("<p " + " ".join(f'a{i}="{i}"' for i in range(n)) + ">x</p>"),
    "html-bare-attributes": lambda n: _PAGE.format("<p " + " ".join(f"a{i}" for i in range(n)) + ">x</p>"),
    "html-quoted-gt-attributes": lambda n: _PAGE.format(
        "<p " + " ".join(f'a{i}="{">" if i % 50 == 0 else i}"' for i in range(n)) + ">x</p>"
    ),
    "html-junk-links": lambda n: _PAGE.format(
        "<p>Hà Nội" + '<a class="share">chia sẻ</a> 1 ' * (2 * n) + "</p>"
    ),
    "html-scripts": lambda n: _PAGE.format("<p>Hà Nội" + "<script>x</script> 1 " * (2 * n) + "</p>"),
    "html-entities": lambda n: _PAGE.format("<p>" + "&amp;&bogus" * n + "</p>"),
    "html-unclosed": lambda n: _PAGE.format("<li>Hà Nội 1" * n),
    "html-misnested": lambda n: _PAGE.format("<b><i>1</b></i>" * n),
    "html-table": lambda n: _PAGE.format("<table>" + "<tr><td>1" * n),
    "html-nested-200": lambda n: _PAGE.format(("<div>" * 200 + "<p>x 1</p>" + "</div>" * 200) * (n // 200)),
    "html-captions": lambda n: _PAGE.format(
        "<figure><figcaption>Quảng Nam xếp hạng 3</figcaption></figure>" * (n // 6)
    ),
    "html-json-ld": lambda n: (
        "<html><head>"
        + '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>' * n
        + "</head><body><p>x</p></body></html>"
    ),
    "html-lt": lambda n: _PAGE.format("<" * (5 * n)),
}


def adversarial_document(name: str, n: int) -> bytes:
    text = ADVERSARIAL[name](n)
    return (text if text.startswith("<") else "Tiêu đề\n\n" + text).encode()
