"""A Word document (.docx) as untrusted bytes: checked whole before any part of it is read.

A .docx is a zip of XML parts and pictures that a city sends: it may be crafted. Like the
content walker, this opener refuses rather than repairs, and says why in one message: an OLE
file (an encrypted document, or an old .doc), anything that is not a zip, a zip whose
entries are too many, too large, too compressed (a zip bomb), named outside the archive
(``/etc/x``, ``../x``) or twice, a macro-enabled document (``.docm``, ``vbaProject.bin``), an
XML part with a DTD (entity expansion, external entities: defusedxml refuses them, so no
file or network is ever read through a document) and a picture with too many pixels. The
checked parts are handed on as a new zip built from them alone, which the readers (mammoth,
python-docx) then parse: they see nothing this module did not check.
"""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from PIL import Image

from m4c_build.errors import M4CError
from m4c_build.i18n.messages import Message, msg

MIB = 1024 * 1024
MAX_FILE = 64 * MIB
"""Bytes of the .docx itself: a report with its photos is a few MB."""
MAX_ENTRIES = 1_000
"""Parts in the zip (a long report with 50 pictures has about 80)."""
MAX_ENTRY = 64 * MIB
"""Uncompressed bytes of one part."""
MAX_TOTAL = 160 * MIB
"""Uncompressed bytes of every part together."""
MAX_RATIO = 100
"""Uncompressed / compressed size of a part of more than ``RATIO_FROM`` bytes (Word's XML
compresses 5 to 20 times; a zip bomb thousands of times)."""
RATIO_FROM = MIB
MAX_PIXELS = 40_000_000
"""Pixels of one picture (a 50-megapixel camera's photo is refused: scale it down first)."""

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
"""An OLE compound file: Word's encrypted .docx, or a Word 97-2003 .doc."""
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MACRO_MARKS = ("macroenabled", "vbaproject", "vbadata")
"""In a part's name or content type: the document carries macros (code)."""
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT = "word/document.xml"
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"})


class DocxRefused(M4CError):
    """The document is refused; ``message`` says why, in the author's language when said."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Package:
    """The checked parts of a .docx: name -> bytes, every XML part parsed once without a DTD."""

    parts: dict[str, bytes]
    xml: dict[str, Element]

    def zipped(self, replace: dict[str, bytes] | None = None) -> io.BytesIO:
        """The checked parts as a new zip (stored: it is read at once, not kept), with
        ``replace``'s parts instead of theirs: what the readers parse."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, (replace or {}).get(name, data))
        out.seek(0)
        return out

    def pictures(self) -> list[str]:
        return [name for name in self.parts if posixpath.splitext(name)[1].lower() in PICTURE_SUFFIXES]


def _sniff(data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        raise DocxRefused(msg("docx_encrypted") if ENCRYPTION_STREAM in data else msg("docx_old_word"))
    if not data.startswith(b"PK"):
        raise DocxRefused(msg("docx_not_zip"))
    if len(data) > MAX_FILE:
        raise DocxRefused(msg("docx_file_large", limit=MAX_FILE // MIB))


def _check_name(name: str, seen: set[str]) -> None:
    parts = name.split("/")
    # "" is what zipfile makes of a name that starts with a NUL byte (it cuts names there)
    if (not name or name.startswith(("/", "\\")) or "\\" in name or ".." in parts or ":" in parts[0]
            or any(ord(c) < 32 for c in name)):
        raise DocxRefused(msg("docx_entry_path", name=name))
    folded = name.casefold()
    if folded in seen:
        raise DocxRefused(msg("docx_entry_twice", name=name))
    seen.add(folded)


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise DocxRefused(msg("docx_entries", n=len(infos), limit=MAX_ENTRIES))
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info.filename, seen)
        if info.flag_bits & 0x1:
            raise DocxRefused(msg("docx_encrypted"))
        if info.file_size > MAX_ENTRY:
            raise DocxRefused(msg("docx_entry_large", name=info.filename, limit=MAX_ENTRY // MIB))
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocxRefused(msg("docx_bomb", name=info.filename))
        total += info.file_size
        if total > MAX_TOTAL:
            raise DocxRefused(msg("docx_total_large", limit=MAX_TOTAL // MIB))
        if any(mark in info.filename.casefold() for mark in MACRO_MARKS):
            raise DocxRefused(msg("docx_macros"))


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, never more than its header announced (a lying header is a bomb)."""
    if info.is_dir():
        return b""
    with archive.open(info) as entry:
        data = entry.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise DocxRefused(msg("docx_bomb", name=info.filename))
    return data


def _parse(name: str, data: bytes) -> Element:
    try:
        element: Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DocxRefused(msg("docx_dtd", name=name)) from None
    except (ParseError, ValueError):
        raise DocxRefused(msg("docx_xml", name=name)) from None
    return element


def _check_macros(types: Element) -> None:
    for entry in types:
        if any(mark in (entry.get("ContentType") or "").casefold() for mark in MACRO_MARKS):
            raise DocxRefused(msg("docx_macros"))


def check_picture(name: str, data: bytes) -> tuple[int, int] | None:
    """A picture's size in pixels, read from its header (nothing is decoded), or None when
    Pillow does not know the format; refused when it has more than ``MAX_PIXELS``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size
        except Image.DecompressionBombError:
            raise DocxRefused(msg("docx_picture_large", name=name, limit=f"{MAX_PIXELS:,}")) from None
        except Exception:  # any format Pillow cannot identify is not a photo
            return None
    if width * height > MAX_PIXELS:
        raise DocxRefused(msg("docx_picture_large", name=name, limit=f"{MAX_PIXELS:,}"))
    return width, height


def open_docx(data: bytes) -> Package:
    """The checked package of a .docx's bytes, or ``DocxRefused`` saying why not."""
    _sniff(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_entries(infos)
            parts = {info.filename: _read(archive, info) for info in infos if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        raise DocxRefused(msg("docx_damaged")) from None
    if CONTENT_TYPES not in parts or DOCUMENT not in parts:
        raise DocxRefused(msg("docx_not_word"))
    xml = {name: _parse(name, body) for name, body in parts.items()
           if name.endswith((".xml", ".rels"))}
    _check_macros(xml[CONTENT_TYPES])
    package = Package(parts=parts, xml=xml)
    for name in package.pictures():
        check_picture(name, parts[name])
    return package
