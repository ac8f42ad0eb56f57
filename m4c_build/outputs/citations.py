"""How to cite what m4c publishes: each report in BibTeX, RIS and CSL-JSON (shown on its page,
where a script copies each or saves it as a file for a reference manager), and the knowledge base
as a whole (``CITATION.cff``, and a schema.org ``Dataset`` for the open data).

A report's citations are in its page rather than files beside it: three files per report would
be 30,000 more files to write per language at 10,000 reports (about 4 s), the page's text is
rendered in the build's parallel workers and costs about 1 KB of it.

A report is cited as its city wrote it: the city is its author (an institution, never split into
a first and a last name), the Organization its publisher, its title and language the report's
own; its address is its page in the site's language, accessed on the build's day. Every value
comes from content, so each writer escapes for its format: BibTeX's special characters through
pylatexenc, with braces written as commands so that a lone ``}`` cannot end a field; RIS one
line a tag, so whitespace (a newline) is one space; CSL-JSON and CFF through their serialisers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from bibtexparser.writer import write
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from m4c_build.model import Mission, Registry
from m4c_build.outputs.feeds import PUBLISHER
from m4c_build.outputs.opendata import DATA_PACKAGE, EXPORT_VERSION
from m4c_build.site.urls import CITATION, DATA, absolute, mission_url


@dataclass(frozen=True)
class Format:
    """A citation format: its name on the page, its file's extension and media type."""

    name: str
    label: str
    extension: str
    media: str


FORMATS: tuple[Format, ...] = (
    Format("bibtex", "BibTeX", "bib", "application/x-bibtex"),
    Format("ris", "RIS", "ris", "application/x-research-info-systems"),
    Format("csl", "CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json"),
)
"""The formats of a report's citation; ``extension``: the file's a reader saves it as."""

CITATION_CFF = CITATION
"""The knowledge base's citation, at the root of a language's site."""

_LATEX = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, {
        # Braces as commands: BibTeX counts every brace of a braced value, '\}' included.
        ord("{"): r"\textbraceleft{}", ord("}"): r"\textbraceright{}",
        ord("\\"): r"\textbackslash{}", ord("$"): r"\$", ord("&"): r"\&", ord("%"): r"\%",
        ord("#"): r"\#", ord("_"): r"\_", ord("~"): r"\textasciitilde{}",
        ord("^"): r"\textasciicircum{}", ord("<"): r"\textless{}", ord(">"): r"\textgreater{}",
    })],
    replacement_latex_protection="braces",
    unknown_char_policy="keep", unknown_char_warning=False,
)
"""LaTeX's special characters written as commands; every other character (accents, any script)
stays as written: UTF-8, which biber and bibtexu read."""

_SPACE = re.compile(r"\s+")


def _line(text: str) -> str:
    """A value on one line: every run of whitespace (a newline, a tab) is one space."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Citation:
    """What every format says of one report."""

    key: str
    """The mission's slug: letters, digits and '-', a safe BibTeX key and CSL id."""
    author: str
    """The city, an institutional author."""
    title: str
    language: str
    issued: dt.date
    publisher: str
    url: str
    accessed: dt.date


def citation(mission: Mission, registry: Registry, base_url: str, language: str, today: dt.date) -> Citation:
    """The citation of ``mission`` as the site in ``language`` publishes it, built on ``today``."""
    report = mission.report
    return Citation(
        key=mission.slug, author=_line(registry.cities[report.city].name), title=_line(report.title),
        language=report.language, issued=mission.published, publisher=PUBLISHER.get(language, PUBLISHER["en"]),
        url=absolute(base_url, mission_url(mission.slug)), accessed=today,
    )


_SPECIAL = frozenset("{}\\$&%#_~^<>")
"""The characters ``_LATEX`` writes otherwise (most titles have none: they skip the encoder)."""


def _latex(text: str) -> str:
    text = _line(text)
    return str(_LATEX.unicode_to_latex(text)) if _SPECIAL.intersection(text) else text


def bibtex(c: Citation) -> str:
    """A ``@techreport`` entry: the city in double braces (an institution), the Organization as
    institution and publisher, ``urldate`` for biblatex and a note for classic styles."""
    fields = [
        ("author", "{" + _latex(c.author) + "}"),
        ("title", _latex(c.title)),
        ("institution", _latex(c.publisher)),
        ("publisher", _latex(c.publisher)),
        ("year", str(c.issued.year)),
        ("month", str(c.issued.month)),
        ("date", c.issued.isoformat()),
        ("url", c.url),
        ("urldate", c.accessed.isoformat()),
        ("note", f"Accessed {c.accessed.isoformat()}"),
        ("language", c.language),
        ("langid", c.language),
    ]
    # Values enclosed here, written by the writer alone: write_string's default middlewares
    # deep-copy the entry, three times the writing's own cost.
    return write(Library([Entry("techreport", c.key, [Field(k, "{" + v + "}") for k, v in fields])]))


def ris(c: Citation) -> str:
    """A RIS record (``TY  - RPRT`` ... ``ER  - ``), one tag a line, CRLF as the format says."""
    tags = [
        ("TY", "RPRT"), ("AU", c.author), ("TI", c.title), ("PY", str(c.issued.year)),
        ("DA", c.issued.strftime("%Y/%m/%d/")), ("PB", c.publisher), ("UR", c.url),
        ("Y2", c.accessed.strftime("%Y/%m/%d/")), ("LA", c.language), ("ID", c.key), ("ER", ""),
    ]
    return "".join(f"{tag}  - {_line(value)}\r\n" for tag, value in tags)


def _date_parts(day: dt.date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl(c: Citation) -> list[dict[str, Any]]:
    """CSL-JSON (a list of one item), what citeproc processors and Zotero read."""
    return [{
        "id": c.key, "type": "report", "title": c.title, "author": [{"literal": c.author}],
        "publisher": c.publisher, "issued": _date_parts(c.issued), "accessed": _date_parts(c.accessed),
        "URL": c.url, "language": c.language,
    }]


def csl_json(c: Citation) -> str:
    return json.dumps(csl(c), ensure_ascii=False) + "\n"


def citation_text(c: Citation, form: Format) -> str:
    """The file of ``form``."""
    return {"bibtex": bibtex, "ris": ris, "csl": csl_json}[form.name](c)


def citations(mission: Mission, registry: Registry, base_url: str, language: str,
              today: dt.date) -> list[tuple[Format, str]]:
    """The texts of a report's citation in every format, as its page shows them."""
    c = citation(mission, registry, base_url, language, today)
    return [(form, citation_text(c, form)) for form in FORMATS]


# --- The knowledge base as a whole -------------------------------------------------------------


_CC = re.compile(r"https?://creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)/?$")


def spdx(licence_url: str) -> str:
    """The SPDX id of a Creative Commons licence from its address ('CC-BY-4.0'); '' otherwise."""
    found = _CC.match(licence_url)
    return f"CC-{found.group(1).upper()}-{found.group(2)}" if found else ""


DISTRIBUTIONS: tuple[tuple[str, str], ...] = (
    ("missions.csv", "text/csv"), ("missions.json", "application/json"),
    ("lessons.csv", "text/csv"), ("lessons.json", "application/json"),
    (DATA_PACKAGE, "application/json"),
)
"""The open data's files and their media types."""


def citation_cff(base_url: str, *, title: str, abstract: str, publisher: str, today: dt.date,
                 licence_url: str = "") -> str:
    """CITATION.cff (Citation File Format 1.2.0) of the knowledge base: a dataset by the
    Organization, released on the build's day, at the version of its open data."""
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this knowledge base, please cite it as below.",
        "type": "dataset",
        "title": _line(title),
        "abstract": _line(abstract),
        "authors": [{"name": _line(publisher)}],
        "version": f"{EXPORT_VERSION}.0.0",
        "date-released": today.isoformat(),
        "keywords": ["World Heritage", "cities", "heritage management", "Mission4City"],
    }
    if base_url:
        cff["url"] = absolute(base_url, "")
    if spdx(licence_url):
        cff["license"] = spdx(licence_url)
    elif licence_url:
        cff["license-url"] = licence_url
    return str(yaml.safe_dump(cff, allow_unicode=True, sort_keys=False, width=1000))


def dataset_jsonld(base_url: str, language: str, *, title: str, description: str, publisher: str,
                   licence_url: str = "", modified: dt.date | None = None) -> dict[str, Any]:
    """A schema.org ``Dataset`` of the open data (what dataset search engines read): its
    licence, and each file as a ``DataDownload`` with its format and address."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": title,
        "description": description,
        "inLanguage": language,
        "isAccessibleForFree": True,
        "version": f"{EXPORT_VERSION}.0.0",
        "creator": {"@type": "Organization", "name": publisher},
        "publisher": {"@type": "Organization", "name": publisher},
        "distribution": [{"@type": "DataDownload", "name": name, "encodingFormat": media,
                          "contentUrl": absolute(base_url, f"{DATA}/{name}")} for name, media in DISTRIBUTIONS],
    }
    if base_url:
        data["url"] = absolute(base_url, "")
    if licence_url:
        data["license"] = licence_url
    if modified:
        data["dateModified"] = modified.isoformat()
    return data
