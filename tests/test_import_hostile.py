"""A .docx is untrusted: each crafted document is refused with one line naming what is wrong,
exit 1, no traceback, nothing written; any bytes at all end the same way or import."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitekit import SHIPPED, write_content
from wordkit import FreeForm, Section, free_form_docx

from m4c_build.authoring.prompts import load
from m4c_build.authoring.wordimport import Options, import_docx
from m4c_build.load.docx import MAX_PIXELS, DocxRefused

Run = Callable[..., CliResult]

VALID = free_form_docx(FreeForm(title="Mission", lines=["Ville : Québec"],
                                sections=[Section("Leçons apprises", items=["Une leçon."])]))


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MINIMAL_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                           b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                           b'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
                           b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": f'<w:document {W_NS}><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>'
                         f'Leçons apprises</w:t></w:r></w:p><w:p><w:r><w:t>Une leçon.</w:t></w:r></w:p></w:body>'
                         f'</w:document>'.encode(),
}
"""The smallest document Word's readers accept (Word's own styles are large, and slow to parse)."""


def rezip(replace: dict[str, bytes] | None = None, add: list[tuple[str, bytes]] | None = None,
          source: bytes = VALID) -> bytes:
    """The valid document with parts replaced or added (as a crafted document is made)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as crafted:
        for name in original.namelist():
            crafted.writestr(name, (replace or {}).get(name, original.read(name)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile warns of a duplicate name
            for name, data in add or []:
                crafted.writestr(name, data)
    return out.getvalue()


def document_with_dtd(dtd: str, body: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(VALID)) as original:
        xml = original.read("word/document.xml").decode()
    head, _, rest = xml.partition("?>")
    return rezip({"word/document.xml": f"{head}?>{dtd}{rest.replace('Une leçon.', body)}".encode()})


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height (Pillow reads the size from this header alone)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def _nul_named(data: bytes, name: bytes) -> bytes:
    """``data`` (a zip) with the central directory's ``name`` starting with a NUL byte: zipfile
    cuts a name there, which leaves the part without a name."""
    at = data.rindex(name)
    return data[:at] + b"\0" + data[at + 1:]


def ole(streams: list[str]) -> bytes:
    """An OLE compound file's first bytes with the names of its streams (UTF-16), as Office writes
    an encrypted document (EncryptionInfo, EncryptedPackage) or a Word 97-2003 .doc."""
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + names + b"\0" * 512


BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')

CRAFTED: dict[str, tuple[Callable[[], bytes], str]] = {
    "entity expansion": (lambda: document_with_dtd(BILLION_LAUGHS, "&d;"),
                         "the part 'word/document.xml' of the document declares a DTD or entities"),
    "external entity": (lambda: document_with_dtd('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                                                  "&x;"),
                        "the part 'word/document.xml' of the document declares a DTD or entities"),
    "zip bomb": (lambda: rezip(add=[("word/media/zeros.bin", b"\0" * (8 * 1024 * 1024))]),
                 "the part 'word/media/zeros.bin' of the document is compressed far more than a document can be"),
    "path traversal": (lambda: rezip(add=[("../../outside.txt", b"x")]),
                       "the document holds a part named outside it ('../../outside.txt')"),
    "absolute path": (lambda: rezip(add=[("/etc/cron.d/x", b"x")]),
                      "the document holds a part named outside it ('/etc/cron.d/x')"),
    "name cut at a NUL byte": (lambda: _nul_named(rezip(add=[("zzzz.xml", b"<x/>")]), b"zzzz.xml"),
                               "the document holds a part named outside it ('')"),
    "duplicate part": (lambda: rezip(add=[("word/document.xml", b"<x/>")]),
                       "the document holds two parts named 'word/document.xml'"),
    "huge image": (lambda: rezip(add=[("word/media/image9.png", png_header(20_000, 20_000))]),
                   f"the picture 'word/media/image9.png' has more than {MAX_PIXELS:,} pixels"),
    "macro-enabled": (lambda: rezip(add=[("word/vbaProject.bin", b"\0" * 64)]),
                      "the document contains macros"),
    "macro content type": (lambda: rezip({"[Content_Types].xml": zipfile.ZipFile(io.BytesIO(VALID)).read(
        "[Content_Types].xml").replace(b"document.main+xml", b"document.macroEnabled.main+xml")}),
        "the document contains macros"),
    "encrypted": (lambda: ole(["EncryptionInfo", "EncryptedPackage"]), "the document is encrypted"),
    "Word 97-2003": (lambda: ole(["WordDocument", "1Table"]), "this is a Word 97-2003 document (.doc)"),
    "not a docx": (lambda: b"%PDF-1.7\nnot a Word document", "not a Word document (.docx)"),
    "zip of something else": (lambda: _zip({"hello.txt": b"hi"}), "a zip file, but not a Word document"),
    "truncated zip": (lambda: VALID[: len(VALID) // 2], "the document is damaged"),
    "not XML": (lambda: rezip({"word/document.xml": b"<w:document"}),
                "the part 'word/document.xml' of the document is not well-formed XML"),
}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_document_is_refused_in_one_line_and_writes_nothing(case: str, tmp_path: Path,
                                                                      run_cli: Run) -> None:
    make, message = CRAFTED[case]
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "report.docx"
    source.write_bytes(make())
    before = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    result = run_cli("import", str(source), "--content", str(root))
    assert result.code == 1, result
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(f"{source}: error: {message}"), line
    assert sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


def test_the_valid_document_behind_the_crafted_ones_imports(tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "report.docx"
    source.write_bytes(VALID)
    assert run_cli("import", str(source), "--content", str(root)).code == 0


def test_refusals_speak_the_authors_language(tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "rapport.docx"
    source.write_bytes(ole(["EncryptionInfo"]))
    result = run_cli("import", str(source), "--content", str(root), "--lang", "es")
    assert result.err == f"{source}: error: el documento está cifrado (protegido con contraseña): guárdelo sin " \
                         "contraseña e impórtelo de nuevo\n"


_REGISTRY = None


def registry() -> object:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load(SHIPPED)[0]
    return _REGISTRY


def corrupted(data: bytes) -> st.SearchStrategy[bytes]:
    """The valid document with a slice overwritten by other bytes (a zip's names, sizes,
    compressed data or central directory)."""
    return st.tuples(st.integers(0, len(data) - 1), st.binary(min_size=1, max_size=64)).map(
        lambda cut: data[: cut[0]] + cut[1] + data[cut[0] + len(cut[1]):])



def _document_xml_variants() -> st.SearchStrategy[bytes]:
    """Well-formed XML of any shape in word/document.xml: the converters meet what Word never writes."""
    tags = st.sampled_from(["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:body", "w:drawing", "w:numPr", "x"])
    texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)
    xml = st.recursive(texts.map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;")),
                       lambda inner: st.tuples(tags, st.lists(inner, max_size=3)).map(
                           lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"), max_leaves=12)
    return xml.map(lambda body: _zip({**MINIMAL_PARTS, "word/document.xml": (
        f'<w:document {W_NS}><w:body>{body}</w:body></w:document>').encode()}))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2048), corrupted(_zip(MINIMAL_PARTS)), _document_xml_variants()))
def test_any_bytes_import_or_are_refused_with_a_message(data: bytes) -> None:
    try:
        result = import_docx(data, registry(), Options())  # type: ignore[arg-type]
    except DocxRefused as refused:
        assert "\n" not in str(refused) and str(refused)
    else:
        assert result.text.startswith("---\n")
